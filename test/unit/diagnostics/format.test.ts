import { describe, expect, it } from 'vitest';
import { ALL_CODES, SEVERITY, type Code } from '../../../src/diagnostics/codes.js';
import { FORMATS, FORMATTERS, place, toJson, type FormatOptions } from '../../../src/diagnostics/format.js';
import { formatMessage } from '../../../src/diagnostics/messages.js';
import type { Diagnostic, MessageArgs } from '../../../src/diagnostics/types.js';
import { xmlProblem } from '../../helpers/cli.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

const d = (code: Code, args: MessageArgs, where: Partial<Diagnostic> = {}, path = 'criteria.yaml'): Diagnostic => ({
  severity: SEVERITY[code],
  code,
  args,
  path,
  line: null,
  column: null,
  ...where,
});

const DIAGS: Diagnostic[] = [
  d('max-mismatch', { tier: 'xa', phase: 'gd1', max: 100, sum: 95.5 }, { line: 26, column: 10 }),
  d('unquoted-comma', { text: 'Tuyên truyền, vận động' }, { line: 13, column: 41 }),
  d('bad-value', { item: '1.2', value: 'nhiều', expected: 'percent' }, { sheet: 'Phiếu', cell: 'D14' }, 'don-vi/XA-001.xlsx'),
];

const opts = (o: Partial<FormatOptions> = {}): FormatOptions => ({
  lang: 'vi',
  color: false,
  tool: { name: 'thidua', version: '0.1.0' },
  files: ['criteria.yaml'],
  ...o,
});

describe('formats', () => {
  it('the five formats of SPEC §7', () => {
    expect([...FORMATS]).toEqual(['stylish', 'json', 'github', 'junit', 'sarif']);
    expect(Object.keys(FORMATTERS).sort()).toEqual([...FORMATS].sort());
  });

  it('place(): file:line:col, or file [sheet]!cell', () => {
    expect(place(DIAGS[0]!)).toBe('criteria.yaml:26:10');
    expect(place(DIAGS[2]!)).toBe('don-vi/XA-001.xlsx [Phiếu]!D14');
    expect(place(d('not-submitted', { unit: 'X' }))).toBe('criteria.yaml');
  });
});

describe('stylish', () => {
  it('without colour: no ANSI escape at all', () => {
    for (const lang of ['vi', 'en'] as const) {
      const out = FORMATTERS.stylish(DIAGS, opts({ lang, color: false }));
      expect(out).not.toMatch(ANSI);
      expect(out).not.toContain('\u001b');
    }
  });

  it('with colour: ANSI escapes, and the same text under them', () => {
    const plain = FORMATTERS.stylish(DIAGS, opts({ color: false }));
    const coloured = FORMATTERS.stylish(DIAGS, opts({ color: true }));
    expect(coloured).toMatch(ANSI);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('lists each finding under its file with place, severity, message and code, then a summary', () => {
    const out = FORMATTERS.stylish(DIAGS, opts({ lang: 'en' }));
    const lines = out.split('\n');
    expect(lines[0]).toBe('criteria.yaml');
    expect(lines[1]).toMatch(/^ {2}26:10\s+error {2}.*95\.5.* {2}max-mismatch$/);
    expect(lines[2]).toMatch(/^ {2}13:41\s+warning {2}.* {2}unquoted-comma$/);
    expect(out).toContain('don-vi/XA-001.xlsx\n  Phiếu!D14');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 2 errors, 1 warning');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('speaks Vietnamese by default', () => {
    const out = FORMATTERS.stylish(DIAGS, opts());
    expect(out).toContain('lỗi');
    expect(out).toContain('cảnh báo');
    expect(out).toContain('95,5');
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 2 lỗi, 1 cảnh báo');
  });

  it('nothing to say: empty output', () => {
    expect(FORMATTERS.stylish([], opts({ color: true }))).toBe('');
  });
});

describe('json', () => {
  it('an array of {severity, code, message, path, sheet, cell, line, column}', () => {
    const out = JSON.parse(FORMATTERS.json(DIAGS, opts({ lang: 'en' }))) as Record<string, unknown>[];
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({
      severity: 'error',
      code: 'max-mismatch',
      message: formatMessage(DIAGS[0]!, 'en'),
      path: 'criteria.yaml',
      sheet: null,
      cell: null,
      line: 26,
      column: 10,
    });
    expect(out[2]).toMatchObject({ severity: 'error', code: 'bad-value', sheet: 'Phiếu', cell: 'D14', line: null, column: null });
    expect(toJson(DIAGS[1]!, 'vi')).toMatchObject({ severity: 'warning', message: formatMessage(DIAGS[1]!, 'vi') });
  });

  it('no findings: []', () => {
    expect(JSON.parse(FORMATTERS.json([], opts()))).toEqual([]);
  });
});

describe('github', () => {
  it('one workflow command per finding', () => {
    const out = FORMATTERS.github(DIAGS, opts({ lang: 'en' }));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`::error file=criteria.yaml,line=26,col=10,title=thidua max-mismatch::${formatMessage(DIAGS[0]!, 'en')}`);
    expect(lines[1]).toMatch(/^::warning file=criteria\.yaml,line=13,col=41,title=thidua unquoted-comma::/);
    expect(lines[2]).toMatch(/^::error file=don-vi\/XA-001\.xlsx,title=thidua bad-value::\[Phiếu\]!D14 /);
  });

  it('escapes properties and data so that each finding stays on one line', () => {
    const x = d('yaml-syntax', { detail: '100% sai\r\nthật: a, b' }, { line: 2, column: 3 }, 'thư mục, năm: 2025/a%b.yaml');
    const out = FORMATTERS.github([x], opts({ lang: 'en' }));
    expect(out.split('\n')).toEqual([
      '::error file=thư mục%2C năm%3A 2025/a%25b.yaml,line=2,col=3,title=thidua yaml-syntax::YAML syntax error: 100%25 sai%0D%0Athật: a, b',
      '',
    ]);
  });
});

describe('junit', () => {
  it('well-formed XML with a failing test case per file with errors', () => {
    const out = FORMATTERS.junit(DIAGS, opts({ files: ['criteria.yaml', 'ok.yaml'] }));
    expect(xmlProblem(out)).toBeNull();
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(out).toMatch(/<testsuites name="thidua" tests="3" failures="2">/);
    expect((out.match(/<testcase /g) ?? []).length).toBe(3);
    expect((out.match(/<failure /g) ?? []).length).toBe(2);
    expect(out).toContain('criteria.yaml:26:10 max-mismatch:');
    expect(out).toMatch(/<system-out>criteria\.yaml:13:41 unquoted-comma:/);
  });

  it('stays well-formed with markup, quotes, ampersands and control characters in the text', () => {
    const nasty = d('yaml-syntax', { detail: '<b a="1">&amp; \u0001\u0008\u000b ]]> \'x\'' }, { line: 1, column: 1 }, 'a&b<"c">.yaml');
    const warn = d('unquoted-comma', { text: '</testcase><x>&' }, { line: 2, column: 2 }, 'a&b<"c">.yaml');
    const out = FORMATTERS.junit([nasty, warn], opts({ files: [] }));
    expect(xmlProblem(out)).toBeNull();
  });

  it('no findings: one passing case per file', () => {
    const out = FORMATTERS.junit([], opts({ files: ['a.yaml', 'b.yaml'] }));
    expect(xmlProblem(out)).toBeNull();
    expect(out).toMatch(/tests="2" failures="0"/);
    expect(out).not.toContain('<failure');
  });

  it('the checker itself rejects broken XML', () => {
    expect(xmlProblem('<a><b></a></b>')).not.toBeNull();
    expect(xmlProblem('<a>x & y</a>')).not.toBeNull();
    expect(xmlProblem('<a x="1" x="2"/>')).not.toBeNull();
    expect(xmlProblem('<a/><b/>')).not.toBeNull();
    expect(xmlProblem('<a>\u0001</a>')).not.toBeNull();
    expect(xmlProblem('<a>1 < 2</a>')).not.toBeNull();
    expect(xmlProblem('<?xml version="1.0"?>\n<a b="&amp;">&lt;</a>\n')).toBeNull();
  });
});

describe('sarif', () => {
  const log = JSON.parse(FORMATTERS.sarif(DIAGS, opts({ lang: 'en' }))) as {
    $schema: string;
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
      artifacts: { location: { uri: string } }[];
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; index: number }; region?: { startLine: number; startColumn: number } } }[];
      }[];
    }[];
  };
  const run = log.runs[0]!;

  it('a SARIF 2.1.0 log from the thidua driver', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif.*2\.1\.0.*\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('thidua');
    expect(run.tool.driver.version).toBe('0.1.0');
  });

  it('one rule per code, with its default level', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...ALL_CODES]);
    for (const r of run.tool.driver.rules) expect(r.defaultConfiguration.level).toBe(SEVERITY[r.id as Code]);
  });

  it('each result names its rule, level, message, artifact and region', () => {
    expect(run.results).toHaveLength(3);
    run.results.forEach((r, i) => {
      const src = DIAGS[i]!;
      expect(r.ruleId).toBe(src.code);
      expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.level).toBe(src.severity);
      expect(r.message.text).toBe(formatMessage(src, 'en'));
      const loc = r.locations[0]!.physicalLocation;
      expect(run.artifacts[loc.artifactLocation.index]!.location.uri).toBe(loc.artifactLocation.uri);
      if (src.line) expect(loc.region).toEqual({ startLine: src.line, startColumn: src.column });
    });
  });

  it('artifact URIs are percent-encoded path segments', () => {
    const x = JSON.parse(FORMATTERS.sarif([d('schema', { rule: 'empty', at: 'x' }, { line: 1, column: 1 }, 'thư mục/a b#1.yaml')], opts({ files: [] })));
    expect(x.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      `${encodeURIComponent('thư mục')}/${encodeURIComponent('a b#1.yaml')}`,
    );
  });
});
