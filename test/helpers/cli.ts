import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json is). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built command: bin/thidua.js imports dist/cli/main.js. */
export const BIN = fileURLToPath(new URL('../../bin/thidua.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  /** Exit status; null when the process was killed (timeout, signal). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * Runs the BUILT binary (`node bin/thidua.js …`) with NO_COLOR=1, and returns its exit
 * code and output. Variables that could change the output (colour forcing, debug
 * stack traces, CI) are removed unless the caller sets them.
 */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['FORCE_COLOR', 'THIDUA_DEBUG', 'CI', 'NODE_OPTIONS'].includes(k)) env[k] = v;
  }
  env.NO_COLOR = '1';
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A small XML well-formedness check (enough for junit output): one root element, tags
 * balanced and properly nested, attributes quoted and not repeated, `<` and `&` escaped,
 * no characters XML 1.0 forbids. Returns the first problem found, or null.
 */
export function xmlProblem(xml: string): string | null {
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  if (forbidden.test(xml)) return 'a character XML 1.0 forbids';
  const body = xml.replace(/^\uFEFF?<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\?>/, '');
  if (/<\?xml/.test(body)) return 'a misplaced XML declaration';
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const text = body.slice(last, m.index);
    if (text.includes('<')) return `unescaped "<" or a malformed tag near: ${text.slice(0, 60)}`;
    if (badAmp.test(text)) return `unescaped "&" near: ${text.slice(0, 60)}`;
    if (!stack.length && text.trim()) return `text outside the root element: ${text.slice(0, 60)}`;
    last = token.lastIndex;
    if (m[0].startsWith('<!--')) continue;
    if (m[0].startsWith('<![CDATA[')) {
      if (!stack.length) return 'CDATA outside the root element';
      continue;
    }
    const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      if (attrs.trim() || selfClose) return `a malformed end tag </${name}>`;
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
      continue;
    }
    const names = new Set<string>();
    for (const a of attrs.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      if (names.has(a[1]!)) return `attribute ${a[1]} repeated on <${name}>`;
      names.add(a[1]!);
      if (badAmp.test(a[3] ?? a[4] ?? '')) return `unescaped "&" in attribute ${a[1]} of <${name}>`;
    }
    if (!stack.length) roots++;
    if (roots > 1) return 'more than one root element';
    if (!selfClose) stack.push(name);
  }
  const tail = body.slice(last);
  if (tail.includes('<') || tail.trim()) return `trailing content: ${tail.slice(0, 60)}`;
  if (stack.length) return `<${stack[stack.length - 1]}> is never closed`;
  if (roots !== 1) return 'no root element';
  return null;
}
