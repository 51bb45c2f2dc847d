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

/** A criteria file is a hand-written table: anything this big is a mistake or an attack. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** The bundled example, every tier of a province, is about 1,000 lines. */
export const MAX_YAML_LINES = 50_000;

/** How big a YAML file may be, and which file it is (for the message). */
export interface YamlLimits {
  kind: 'criteria' | 'units';
  bytes: number;
  lines: number;
  /** Values after parsing (maps, lists and scalars). */
  nodes: number;
}

export const CRITERIA_LIMITS: YamlLimits = { kind: 'criteria', bytes: MAX_YAML_BYTES, lines: MAX_YAML_LINES, nodes: 200_000 };
/**
 * A units file lists every unit of a province, households included when a board keeps them
 * there: 15,000 units are about 1.2 MB, so its limits are those of a list, not of a table
 * (64 MiB is some 800,000 units).
 */
export const UNITS_LIMITS: YamlLimits = { kind: 'units', bytes: 64 * 1024 * 1024, lines: 4_000_000, nodes: 8_000_000 };
/** Aliases expand on conversion; a handful is normal, thousands is a billion-laughs bomb. */
const MAX_ALIASES = 200;
/** Deeper than this is no points table. */
const MAX_DEPTH = 100;

export function diag(code: Code, path: string, args: MessageArgs, where: { line?: number; column?: number } = {}): Diagnostic {
  return { severity: SEVERITY[code], code, args, path, line: where.line ?? null, column: where.column ?? null };
}

/**
 * Parses YAML text. Returns the source, or diagnostics (`yaml-syntax`) when the text
 * is not usable YAML: binary data, too big, too deep, alias bombs, duplicate keys, tabs.
 */
export function parseYaml(data: Uint8Array | string, path: string, limits: YamlLimits = CRITERIA_LIMITS): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  const tooBig = (): { diagnostics: Diagnostic[] } => ({ diagnostics: [diag('yaml-syntax', path, { reason: 'too-big', size, limit: limits.bytes, kind: limits.kind }, { line: 1, column: 1 })] });
  if (size > limits.bytes) return tooBig();
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    // Notepad's "Unicode" is UTF-16 with a byte-order mark: text, in the wrong encoding
    if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
      return { diagnostics: [diag('yaml-syntax', path, { reason: 'encoding' }, { line: 1, column: 1 })] };
    }
    if (data.includes(0)) return { diagnostics: [diag('yaml-syntax', path, { reason: 'binary' }, { line: 1, column: 1 })] };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return { diagnostics: [diag('yaml-syntax', path, { reason: 'encoding' }, { line: 1, column: 1 })] };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lineCount <= limits.lines; i = text.indexOf('\n', i + 1)) lineCount++;
  if (lineCount > limits.lines) return tooBig();
  const depth = nestingDepth(text);
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
  const seenLines = new Set<number>();
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    // one mistake (a tab, a missing colon) makes the parser complain several times on its line
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    const reason = YAML_REASONS[err.code];
    diagnostics.push(diag('yaml-syntax', path, { reason, detail: err.message.split('\n')[0] }, { line: pos.line, column: pos.col }));
  }
  if (diagnostics.length) return { diagnostics };
  foreignTags(doc, lines, path, diagnostics);
  decimalCommas(doc, text, lines, path, diagnostics);
  if (diagnostics.length) return { diagnostics };
  repairUnquotedCommas(doc, text, lines, path, diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { diagnostics: [diag('yaml-syntax', path, { reason: 'aliases', detail: (e as Error).message.split('\n')[0] }, { line: 1, column: 1 })] };
  }
  if (countNodes(value, 0, limits.nodes) > limits.nodes) return tooBig();
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

/** The tags of YAML's core schema; anything else (`!!js/function`, `!!binary`, `!custom`) is not a points table's. */
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** An explicit tag outside the core schema is reported, not silently read as text. */
function foreignTags(doc: Document.Parsed, lines: LineCounter, path: string, out: Diagnostic[]): void {
  visit(doc, (_key, node) => {
    const tag = (node as { tag?: string } | null)?.tag;
    if (!tag || CORE_TAGS.has(tag) || !(isScalar(node) || isMap(node) || isSeq(node)) || !node.range) return;
    const at = lines.linePos(node.range[0]);
    out.push(diag('yaml-syntax', path, { reason: 'yaml-tag', tag: tag.replace(/^tag:yaml\.org,2002:/, '!!') }, { line: at.line, column: at.col }));
  });
}

/** Keys whose values are numbers in a criteria or units file. */
const NUMERIC_KEYS = new Set(['points', 'max', 'min', 'target', 'zero_below']);

/**
 * `{ points: 1,5 }` is, to YAML, `points: 1` and a key "5": in a flow map a comma ends the
 * entry. A whole number followed by a key made of digits alone is a decimal comma.
 */
function decimalCommas(doc: Document.Parsed, text: string, lines: LineCounter, path: string, out: Diagnostic[]): void {
  visit(doc, {
    // outside { }, `points: 1,5` is the text "1,5": said the same way where a number belongs
    Pair(_key, pair) {
      const k = pair.key;
      const v = pair.value;
      if (!isScalar(k) || !NUMERIC_KEYS.has(String(k.value)) || !isScalar(v) || v.type !== 'PLAIN' || typeof v.value !== 'string' || !v.range) return;
      if (!/^-?\d+,\d+$/.test(v.value)) return;
      const at = lines.linePos(v.range[0]);
      out.push(diag('yaml-syntax', path, { reason: 'decimal-comma', text: v.value, key: String(k.value) }, { line: at.line, column: at.col }));
    },
    Map(_key, node) {
      if (!node.flow) return;
      for (let i = 1; i < node.items.length; i++) {
        const pair = node.items[i]!;
        const pv = node.items[i - 1]!.value;
        const k = pair.key;
        if (pair.value !== null || !isScalar(k) || k.type !== 'PLAIN' || !isScalar(pv) || pv.type !== 'PLAIN' || typeof pv.value !== 'number') continue;
        if (!k.range || !pv.range || !/^\d+$/.test(String(k.value))) continue;
        const at = lines.linePos(pv.range[0]);
        out.push(diag('yaml-syntax', path, { reason: 'decimal-comma', text: text.slice(pv.range[0], k.range[1]).replace(/\s+/g, ''), key: String((node.items[i - 1]!.key as { value?: unknown } | null)?.value ?? '') }, { line: at.line, column: at.col }));
      }
    },
  });
}

/** The parser's error codes that have wording of their own (others show the parser's text). */
const YAML_REASONS: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate-key',
  TAB_AS_INDENT: 'tab',
  BAD_INDENT: 'indent',
  MISSING_CHAR: 'missing-char',
  BLOCK_AS_IMPLICIT_KEY: 'implicit-key',
  MULTILINE_IMPLICIT_KEY: 'implicit-key',
  UNEXPECTED_TOKEN: 'unexpected',
  MULTIPLE_DOCS: 'multiple-docs',
  BAD_SCALAR_START: 'scalar-start',
};

/**
 * Deepest nesting, estimated before parsing: the composer recurses once per level, so
 * `[[[[…` or `- - - - …` thousands deep would overflow the stack.
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let lineStart = true;
  let blockDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lineStart = true;
      blockDepth = 0;
      continue;
    }
    if (lineStart) {
      // indentation and "- " markers at the start of a line each open a block level
      if (c === 0x20) {
        blockDepth += 0.5;
        continue;
      }
      if (c === 0x2d && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a)) {
        blockDepth += 1;
        i++;
        max = Math.max(max, blockDepth);
        continue;
      }
      lineStart = false;
      max = Math.max(max, blockDepth);
    }
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

function countNodes(v: unknown, n: number, max: number): number {
  if (n > max) return n;
  if (Array.isArray(v)) return v.reduce((acc: number, x) => countNodes(x, acc, max), n + 1);
  if (v && typeof v === 'object') return Object.values(v).reduce((acc: number, x) => countNodes(x, acc, max), n + 1);
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
