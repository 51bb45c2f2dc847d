import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';

const FIXTURES = new URL('../../fixtures/criteria/', import.meta.url);
const read = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
const lint = (name: string): Diagnostic[] => loadCriteria(read(name), name).diagnostics;
/** [code, line, column] of every diagnostic, in the order given. */
const where = (ds: Diagnostic[]): [string, number | null | undefined, number | null | undefined][] =>
  ds.map((d) => [d.code, d.line, d.column]);

/*
 * Every broken fixture is valid.yaml with one small change. Line:column are counted by
 * hand on the fixture (1-based; the column of the first character of the key or value).
 */
describe('valid.yaml (the base of every fixture)', () => {
  it('lints clean and yields the model', () => {
    const r = loadCriteria(read('valid.yaml'), 'valid.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.criteria?.movement.id).toBe('mau');
    expect(r.criteria?.tiers[0]?.criteria[0]?.items).toHaveLength(2);
  });

  it('lints clean from a string too', () => {
    expect(loadCriteria(read('valid.yaml').toString('utf8'), 'valid.yaml').diagnostics).toEqual([]);
  });
});

describe('criteria codes: exact code and line:column', () => {
  const cases: { file: string; what: string; expect: [string, number, number][]; args?: Record<string, unknown> }[] = [
    // line 5 `  issuer: "UBND" xã`: a scalar after the closing quote, at column 18
    { file: 'yaml-syntax.yaml', what: 'text after a quoted scalar', expect: [['yaml-syntax', 5, 18]] },
    // movement lacks issuer: the key of the map that lacks it, `movement:` at 2:1
    { file: 'schema-required.yaml', what: 'required: at the key of the map that lacks it', expect: [['schema', 2, 1]], args: { rule: 'required', key: 'issuer' } },
    // item 1.1 lacks input: the item is a map in a list, it starts with `id` at 35:13
    { file: 'schema-required-item.yaml', what: 'required inside a list: at the start of that map', expect: [['schema', 35, 13]], args: { rule: 'required', key: 'input' } },
    // no classes at all: the root map, 1:1
    { file: 'schema-required-root.yaml', what: 'required at the root', expect: [['schema', 1, 1]], args: { rule: 'required', key: 'classes' } },
    // line 6 `  bogus: 1`: the offending key itself
    { file: 'schema-additional.yaml', what: 'additionalProperties: at the offending key', expect: [['schema', 6, 3]], args: { rule: 'additional', key: 'bogus' } },
    // line 39 `            weight: 2` inside item 1.1 (through the group/item if-then-else)
    { file: 'schema-additional-item.yaml', what: 'additionalProperties in an item', expect: [['schema', 39, 13]], args: { rule: 'additional', key: 'weight' } },
    // line 18 `    min: "tám mươi"`: the value
    { file: 'schema-type.yaml', what: 'wrong type: at the value', expect: [['schema', 18, 10]], args: { rule: 'type', expected: 'number' } },
    // line 39 `            critical: "có"`: the value
    { file: 'schema-type-item.yaml', what: 'wrong type in an item', expect: [['schema', 39, 23]], args: { rule: 'type', expected: 'boolean' } },
    // line 39 `          - id: "1.1"`: the second id's value
    { file: 'duplicate-id.yaml', what: 'an item id used twice', expect: [['duplicate-id', 39, 17]], args: { id: '1.1', kind: 'criterion' } },
    // line 33 `          nd: ND9`: the value
    { file: 'unknown-tag.yaml', what: 'a tag value not in its family', expect: [['unknown-tag', 33, 15]], args: { tag: 'nd: ND9' } },
    // line 33 `          xx: ND1`: the family key
    { file: 'unknown-tag-family.yaml', what: 'a tag family not defined', expect: [['unknown-tag', 33, 11]], args: { tag: 'xx' } },
    // line 38 `            points: { gd1: 40, gd9: 40 }`: the key gd9
    { file: 'unknown-phase.yaml', what: 'a phase map naming an unknown phase', expect: [['unknown-phase', 38, 32]], args: { phase: 'gd9' } },
    // line 27 `    critical_cap: xyz`
    { file: 'unknown-class.yaml', what: 'critical_cap naming an unknown class', expect: [['unknown-class', 27, 19]], args: { class: 'xyz' } },
    // line 26 `    max: 90` while the groups add up to 100
    { file: 'max-mismatch.yaml', what: "tier max not the sum of the groups' maxima", expect: [['max-mismatch', 26, 10]], args: { tier: 'xa', phase: 'gd1', max: 90, sum: 100 } },
    // steps listed from the lowest min up: the second step, `- min: 90` at 45:17
    { file: 'steps-order.yaml', what: 'steps listed upwards', expect: [['steps-order', 45, 17]], args: { item: '1.2', kind: 'steps' } },
    // line 38 `            points: 40` with input: count
    { file: 'rule-missing.yaml', what: 'points: N on a count item', expect: [['rule-missing', 38, 21]], args: { item: '1.1', reason: 'input' } },
    // item 1.1 has no rule: at its `input` key (37:13); the group can then not be filled (31:14)
    { file: 'rule-missing-none.yaml', what: 'an item without a rule', expect: [['unreachable', 31, 14], ['rule-missing', 37, 13]] },
    // items give 30 + 60 = 90 under the group's max 100 (line 31 `        max: 100`)
    { file: 'unreachable.yaml', what: 'a group its items cannot fill', expect: [['unreachable', 31, 14]], args: { group: '1', max: 100, fill: 90 } },
    // class tot needs 120 of 100: line 18 `    min: 120`
    { file: 'unreachable-class.yaml', what: 'a class above the maximum', expect: [['unreachable', 18, 10]], args: { class: 'tot', min: 120, max: 100 } },
  ];

  for (const c of cases) {
    it(`${c.file}: ${c.what}`, () => {
      const ds = lint(c.file);
      expect(where(ds)).toEqual(c.expect);
      for (const d of ds) {
        expect(d.severity).toBe('error');
        expect(d.path).toBe(c.file);
      }
      if (c.args) expect(ds[0]!.args).toMatchObject(c.args);
    });
  }

  it('rule-missing-none reports the missing rule with its reason', () => {
    const d = lint('rule-missing-none.yaml').find((x) => x.code === 'rule-missing');
    expect(d?.args).toMatchObject({ item: '1.1', reason: 'none' });
  });

  it('a schema finding at the root names the root in words, not "/"', () => {
    const d = lint('schema-required-root.yaml')[0]!;
    expect(formatMessage(d, 'vi')).toContain('(tại gốc)');
    expect(formatMessage(d, 'en')).toContain('(at root)');
  });

  it('a broken file gives no model when the schema fails', () => {
    const r = loadCriteria(read('schema-required.yaml'), 'x.yaml');
    expect(r.criteria).toBeUndefined();
  });
});

describe('advice warnings', () => {
  it('items-exceed-group: a warning at the group max (31:14)', () => {
    const ds = lint('items-exceed-group.yaml');
    expect(where(ds)).toEqual([['items-exceed-group', 31, 14]]);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.args).toMatchObject({ group: '1', max: 100, fill: 110 });
  });

  it('unquoted-comma: a warning at the stray key (13:41), and the title is taken whole', () => {
    // line 13 `      - { id: ND1, title: Tuyên truyền, vận động }`
    const r = loadCriteria(read('unquoted-comma.yaml'), 'unquoted-comma.yaml');
    expect(where(r.diagnostics)).toEqual([['unquoted-comma', 13, 41]]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.diagnostics[0]!.args.text).toBe('Tuyên truyền, vận động');
    expect(r.criteria?.tags?.nd?.values[0]).toEqual({ id: 'ND1', title: 'Tuyên truyền, vận động' });
  });
});

describe('line ends and byte order mark', () => {
  const crlf = (name: string): Buffer => Buffer.from(read(name).toString('utf8').replace(/\n/g, '\r\n'), 'utf8');
  const bom = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);

  it('CRLF: the valid file lints clean', () => {
    expect(loadCriteria(crlf('valid.yaml'), 'crlf.yaml').diagnostics).toEqual([]);
  });

  it('CRLF: line:column stay right', () => {
    expect(where(loadCriteria(crlf('max-mismatch.yaml'), 'x').diagnostics)).toEqual([['max-mismatch', 26, 10]]);
    expect(where(loadCriteria(crlf('schema-additional.yaml'), 'x').diagnostics)).toEqual([['schema', 6, 3]]);
    expect(where(loadCriteria(crlf('duplicate-key.yaml'), 'x').diagnostics)).toEqual([['yaml-syntax', 5, 3]]);
  });

  it('CRLF: a repaired unquoted comma keeps no carriage return', () => {
    const r = loadCriteria(crlf('unquoted-comma.yaml'), 'x');
    expect(where(r.diagnostics)).toEqual([['unquoted-comma', 13, 41]]);
    expect(r.criteria?.tags?.nd?.values[0]?.title).toBe('Tuyên truyền, vận động');
  });

  it('UTF-8 BOM: the valid file lints clean (bytes and string)', () => {
    expect(loadCriteria(bom(read('valid.yaml')), 'bom.yaml').diagnostics).toEqual([]);
    expect(loadCriteria(`\ufeff${read('valid.yaml').toString('utf8')}`, 'bom.yaml').diagnostics).toEqual([]);
  });

  it('UTF-8 BOM: columns on line 1 do not count the BOM', () => {
    // `format: thidua.criteria/v2`: the value starts at column 9
    const text = read('valid.yaml').toString('utf8').replace('criteria/v1', 'criteria/v2');
    const ds = loadCriteria(bom(Buffer.from(text, 'utf8')), 'x').diagnostics;
    expect(where(ds)).toEqual([['schema', 1, 9]]);
    expect(ds[0]!.args).toMatchObject({ rule: 'const' });
  });

  it('UTF-8 BOM with CRLF lints clean', () => {
    expect(loadCriteria(bom(crlf('valid.yaml')), 'x').diagnostics).toEqual([]);
  });
});

describe('rule-missing does not come with a made-up phase problem', () => {
  // item 1.1 has `points: 40` and `per_item` (line 39 `            per_item: { … }`): the
  // file has one phase and no phase map at all, so no `unknown-phase` may be reported.
  it('several rules: rule-missing at the second rule (39:23), no unknown-phase', () => {
    const ds = lint('rule-missing-several.yaml');
    expect(where(ds.filter((d) => d.code === 'rule-missing'))).toEqual([['rule-missing', 39, 23]]);
    expect(ds.find((d) => d.code === 'rule-missing')!.args).toMatchObject({ item: '1.1', reason: 'several', rules: 'points, per_item' });
    expect(ds.filter((d) => d.code === 'unknown-phase')).toEqual([]);
  });

  // item 1.1 is `input: points` without max: the item map starts at 35:13
  it('input: points without max: rule-missing at the item (35:13), no unknown-phase', () => {
    const ds = lint('rule-missing-points-max.yaml');
    expect(where(ds.filter((d) => d.code === 'rule-missing'))).toEqual([['rule-missing', 35, 13]]);
    expect(ds.find((d) => d.code === 'rule-missing')!.args).toMatchObject({ item: '1.1', reason: 'points-max' });
    expect(ds.filter((d) => d.code === 'unknown-phase')).toEqual([]);
  });
});
