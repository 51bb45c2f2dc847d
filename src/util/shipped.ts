/**
 * What ships with the tool besides its code — package.json, schemas/, examples/ — and the
 * modules of its worker threads. Installed from a clone or a tarball they lie beside dist/;
 * in the single executable (scripts/build-exe.mjs) they are assets of the executable, and a
 * thread starts from its bundle's text, since there is no file to start it from.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The package's folder: two levels above dist/util/ and src/util/ alike. */
const ROOT = new URL('../../', import.meta.url);

type Sea = { isSea(): boolean; getAsset(key: string, encoding: string): string; getRawAsset(key: string): ArrayBuffer };
// node:sea exists from Node 20.12; taken this way so that loading this module never fails
const sea = process.getBuiltinModule?.('node:sea') as Sea | undefined;

/** Running as the single executable (thidua.exe), not as `node bin/thidua.js`. */
export const IN_EXECUTABLE = sea?.isSea() === true;

/** The asset that lists every other one (the executable has no way to list them). */
export const ASSET_INDEX = 'assets.json';

let index: string[] | undefined;
function assets(): string[] {
  return (index ??= JSON.parse(sea!.getAsset(ASSET_INDEX, 'utf8')) as string[]);
}

/** A file shipped with the tool, by its path in the package (`schemas/units.schema.json`). */
export function readShipped(rel: string): Buffer {
  if (IN_EXECUTABLE) return Buffer.from(sea!.getRawAsset(rel));
  return readFileSync(new URL(rel, ROOT));
}

/** The files under a shipped folder (`examples/x/`), as paths relative to it, sorted. */
export function listShipped(dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  if (IN_EXECUTABLE) return assets().filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length)).sort();
  const walk = (root: string, sub: string): string[] =>
    readdirSync(join(root, sub))
      .sort()
      .flatMap((name) => {
        const rel = sub ? `${sub}/${name}` : name;
        return statSync(join(root, rel)).isDirectory() ? walk(root, rel) : [rel];
      });
  return walk(fileURLToPath(new URL(prefix, ROOT)), '');
}

/** The asset key of a thread module given by its URL beside the code (`dist/run/worker.js`). */
function threadAsset(file: URL): string | null {
  return file.href.startsWith(ROOT.href) ? file.href.slice(ROOT.href.length) : null;
}

/**
 * Whether the thread module exists: only the built tool has one (tests that run the sources
 * have none, and do everything on one thread).
 */
export function threadAvailable(file: URL): boolean {
  if (IN_EXECUTABLE) {
    const key = threadAsset(file);
    return key !== null && assets().includes(key);
  }
  return existsSync(fileURLToPath(file));
}

/** Starts a worker thread on the module at `file` (see {@link threadAvailable}). */
export function startThread(file: URL, options?: WorkerOptions): Worker {
  if (!IN_EXECUTABLE) return new Worker(file, options);
  // a data: URL is loaded as an ES module (the bundle may await at its top level)
  const code = Buffer.from(sea!.getRawAsset(threadAsset(file)!)).toString('base64');
  return new Worker(new URL(`data:text/javascript;base64,${code}`), options);
}
