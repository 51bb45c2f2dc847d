import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';

/** A YAML text parsed with positions kept, so that any path can be turned into line:column. */
export interface YamlSource {
  path: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JS value, or undefined when the text could not be read. */
  value: unknown;
}

/** Criteria and units files are hand-written tables: anything this big is a mistake or an attack. */
export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/** Aliases expand on conversion; a handful is normal, thousands is a billion-laughs bomb. */
const MAX_ALIASES = 200;
/** Deeper than this is no points table. */
const MAX_DEPTH = 64;

export function diag(code: Code, path: string, args: MessageArgs, where: { line?: number; column?: number } = {}): Diagnostic {
  return { severity: SEVERITY[code], code, args, path, line: where.line ?? null, column: where.column ?? null };
}

/**
 * Parses YAML text. Returns the source, or diagnostics (`yaml-syntax`) when the text
 * is not usable YAML: binary data, too big, too deep, alias bombs, duplicate keys, tabs.
 */
export function parseYaml(data: Uint8Array | string, path: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > MAX_YAML_BYTES) {
    return { diagnostics: [diag('yaml-syntax', path, { reason: 'too-big', size, limit: MAX_YAML_BYTES }, { line: 1, column: 1 })] };
  }
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    if (data.includes(0)) return { diagnostics: [diag('yaml-syntax', path, { reason: 'binary' }, { line: 1, column: 1 })] };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return { diagnostics: [diag('yaml-syntax', path, { reason: 'encoding' }, { line: 1, column: 1 })] };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const depth = bracketDepth(text);
  if (depth > MAX_DEPTH) {
    return { diagnostics: [diag('yaml-syntax', path, { reason: 'too-deep', limit: MAX_DEPTH }, { line: 1, column: 1 })] };
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  } catch (e) {
    return { diagnostics: [diag('yaml-syntax', path, { detail: (e as Error).message.split('\n')[0] }, { line: 1, column: 1 })] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    const reason = err.code === 'DUPLICATE_KEY' ? 'duplicate-key' : err.code === 'TAB_AS_INDENT' ? 'tab' : undefined;
    diagnostics.push(diag('yaml-syntax', path, { reason, detail: err.message.split('\n')[0] }, { line: pos.line, column: pos.col }));
  }
  if (diagnostics.length) return { diagnostics };
  repairUnquotedCommas(doc, text, lines, path, diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { diagnostics: [diag('yaml-syntax', path, { reason: 'aliases', detail: (e as Error).message.split('\n')[0] }, { line: 1, column: 1 })] };
  }
  if (countNodes(value, 0) > 200_000) {
    return { diagnostics: [diag('yaml-syntax', path, { reason: 'too-big', size, limit: MAX_YAML_BYTES }, { line: 1, column: 1 })] };
  }
  return { source: { path, doc, lines, value }, diagnostics };
}

/**
 * `{ id: ND1, title: Tuyên truyền, nâng cao nhận thức }` is valid YAML that means a key
 * "nâng cao nhận thức" with no value: in a flow map a comma ends the entry. Clerks write
 * titles like that all the time; a key with no value right after a plain text value is
 * taken back into that text, with a warning that says to quote it.
 */
function repairUnquotedCommas(doc: Document.Parsed, text: string, lines: LineCounter, path: string, out: Diagnostic[]): void {
  const repaired = new Map<unknown, Diagnostic>();
  visit(doc, {
    Map(_key, node) {
      if (!node.flow) return;
      for (let i = 1; i < node.items.length; i++) {
        const pair = node.items[i]!;
        const prev = node.items[i - 1]!;
        const k = pair.key;
        const pv = prev.value;
        if (pair.value !== null || !isScalar(k) || k.type !== 'PLAIN' || !isScalar(pv) || pv.type !== 'PLAIN' || typeof pv.value !== 'string') continue;
        if (!pv.range || !k.range) continue;
        const joined = text.slice(pv.range[0], k.range[1]).replace(/\s+/g, ' ').trim();
        const earlier = repaired.get(pv);
        if (earlier) earlier.args.text = joined;
        else {
          const at = lines.linePos(k.range[0]);
          const d = diag('unquoted-comma', path, { text: joined }, { line: at.line, column: at.col });
          repaired.set(pv, d);
          out.push(d);
        }
        pv.value = joined;
        pv.range = [pv.range[0], k.range[1], k.range[2]];
        node.items.splice(i, 1);
        i--;
      }
    },
  });
}

/** Deepest flow-collection nesting: `[[[[…` is what overflows a recursive composer. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  // Block nesting is bounded by line length and the size limit; flow nesting is not.
  return max;
}

function countNodes(v: unknown, n: number): number {
  if (n > 200_000) return n;
  if (Array.isArray(v)) return v.reduce((acc: number, x) => countNodes(x, acc), n + 1);
  if (v && typeof v === 'object') return Object.values(v).reduce((acc: number, x) => countNodes(x, acc), n + 1);
  return n + 1;
}

/**
 * Line and column of the node at a JSON path. With `key`, the key of the last step
 * (for `required`/`additionalProperties`), else its value. Falls back to the nearest
 * existing parent.
 */
export function locate(src: YamlSource, path: readonly (string | number)[], key?: string): { line: number; column: number } {
  let node: unknown = src.doc.contents;
  let best: { line: number; column: number } = { line: 1, column: 1 };
  let lastPair: Pair | undefined;
  const at = (n: unknown): { line: number; column: number } | undefined => {
    const range = (n as Node | undefined)?.range;
    if (!range) return undefined;
    const p = src.lines.linePos(range[0]);
    return { line: p.line, column: p.col };
  };
  best = at(node) ?? best;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      lastPair = pair;
      node = pair.value;
      best = at(node) ?? at(pair.key) ?? best;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      lastPair = undefined;
      best = at(node) ?? best;
    } else break;
  }
  if (key !== undefined) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      if (pair) return at(pair.key) ?? best;
    }
    // a missing key: point at the key that holds this map, else the map itself
    if (lastPair) return at(lastPair.key) ?? best;
  }
  return best;
}
