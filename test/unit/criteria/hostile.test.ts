import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import { MAX_YAML_BYTES } from '../../../src/criteria/source.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

const FIXTURES = new URL('../../fixtures/criteria/', import.meta.url);
const read = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

/** Loads without throwing; every finding is a coded diagnostic with a position and a message. */
function load(data: Uint8Array | string): Diagnostic[] {
  let ds: Diagnostic[] = [];
  expect(() => {
    ds = loadCriteria(data, 'hostile.yaml').diagnostics;
  }).not.toThrow();
  for (const d of ds) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(formatMessage(d, 'vi').length).toBeGreaterThan(0);
    expect(formatMessage(d, 'en').length).toBeGreaterThan(0);
  }
  return ds;
}

/** A billion-laughs document: 9 levels of 9 aliases each, 9^9 strings once expanded. */
function billionLaughs(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077', 'hex');

describe('hostile and odd input ends in a yaml-syntax diagnostic', () => {
  it('alias bomb (billion laughs)', () => {
    const ds = load(Buffer.from(billionLaughs()));
    expect(ds.map((d) => [d.code, d.args.reason])).toEqual([['yaml-syntax', 'aliases']]);
  });

  it('alias bomb hidden in a criteria file', () => {
    const text = `${read('valid.yaml').toString('utf8')}x-bomb:\n${billionLaughs().replace(/^/gm, '  ')}`;
    const ds = load(text);
    expect(ds.map((d) => [d.code, d.args.reason])).toEqual([['yaml-syntax', 'aliases']]);
  });

  it('a few aliases are fine', () => {
    const text = read('valid.yaml')
      .toString('utf8')
      .replace('  - id: dat\n    title: Đạt\n    min: 0', '  - &dat\n    id: dat\n    title: Đạt\n    min: 0')
      .replace('    critical_cap: dat\n', '    critical_cap: dat\n    classes: [{ id: tot, title: Tốt, min: 80 }, *dat]\n');
    expect(load(text)).toEqual([]);
  });

  it('a 50 MB file is refused by size, at 1:1', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
    big.write('# ', 0);
    const ds = load(big);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'yaml-syntax', line: 1, column: 1 });
    expect(ds[0]!.args).toMatchObject({ reason: 'too-big', size: big.byteLength, limit: MAX_YAML_BYTES });
  });

  it('random bytes', () => {
    const bytes = randomBytes(4096);
    bytes[100] = 0; // random data with a NUL somewhere
    const ds = load(bytes);
    expect(ds.map((d) => [d.code, d.args.reason, d.line, d.column])).toEqual([['yaml-syntax', 'binary', 1, 1]]);
  });

  it('a PNG header', () => {
    const ds = load(PNG_HEAD);
    expect(ds.map((d) => [d.code, d.args.reason, d.line, d.column])).toEqual([['yaml-syntax', 'binary', 1, 1]]);
  });

  it('text in a legacy 8-bit encoding (not UTF-8)', () => {
    const latin1 = Buffer.from('format: thidua.criteria/v1\nmovement: { title: "Phong tr\u00e0o" }\n', 'latin1');
    const ds = load(latin1);
    expect(ds.map((d) => [d.code, d.args.reason, d.line, d.column])).toEqual([['yaml-syntax', 'encoding', 1, 1]]);
  });

  it('UTF-16 text (Notepad "Unicode") is told apart from binary data', () => {
    // A text file saved as UTF-16 LE with its BOM: the clerk needs "save as UTF-8", not "binary".
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read('valid.yaml').toString('utf8'), 'utf16le')]);
    const ds = load(utf16);
    expect(ds.map((d) => [d.code, d.args.reason])).toEqual([['yaml-syntax', 'encoding']]);
  });

  it('an empty file: the root must be a map', () => {
    const ds = load(Buffer.alloc(0));
    expect(ds.map((d) => [d.code, d.args.rule, d.line, d.column])).toEqual([['schema', 'type', 1, 1]]);
  });

  it('duplicate keys: yaml-syntax at the second key (5:3)', () => {
    const ds = load(read('duplicate-key.yaml'));
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 5, 3]]);
    expect(ds[0]!.args.reason).toBe('duplicate-key');
  });

  it('tabs for indentation: yaml-syntax at the tab (3:1)', () => {
    const ds = load(read('tab-indent.yaml'));
    expect(ds.length).toBeGreaterThan(0);
    expect(ds.every((d) => d.code === 'yaml-syntax')).toBe(true);
    expect([ds[0]!.line, ds[0]!.column, ds[0]!.args.reason]).toEqual([3, 1, 'tab']);
  });

  it('several documents in one file', () => {
    const ds = load(`${read('valid.yaml').toString('utf8')}---\nformat: thidua.criteria/v1\n`);
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 47, 1]]);
  });

  it('deep flow nesting [[[[…]]]] 100,000 deep', () => {
    const n = 100_000;
    const ds = load(`${'['.repeat(n)}${']'.repeat(n)}\n`);
    expect(ds.map((d) => [d.code, d.args.reason, d.line, d.column])).toEqual([['yaml-syntax', 'too-deep', 1, 1]]);
  });

  it('deep flow nesting of maps {a: {a: …}} 100,000 deep', () => {
    const n = 100_000;
    const ds = load(`${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`);
    expect(ds.map((d) => [d.code, d.args.reason, d.line, d.column])).toEqual([['yaml-syntax', 'too-deep', 1, 1]]);
  });

  it('unclosed flow nesting 100,000 deep', () => {
    const ds = load(`${'['.repeat(100_000)}\n`);
    expect(ds.map((d) => [d.code, d.args.reason])).toEqual([['yaml-syntax', 'too-deep']]);
  });

  it('deep block nesting `- - - - …` 100,000 deep: a too-deep diagnostic, not an engine message', () => {
    // 200 KB on one line; block nesting is not bounded by the size limit.
    const ds = load(`${'- '.repeat(100_000)}x\n`);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.code).toBe('yaml-syntax');
    expect(formatMessage(ds[0]!, 'en')).not.toMatch(/call stack/i);
    expect(ds[0]!.args.reason).toBe('too-deep');
  });

  it('a plain scalar document', () => {
    const ds = load('hello\n');
    expect(ds.map((d) => [d.code, d.args.rule])).toEqual([['schema', 'type']]);
  });
});
