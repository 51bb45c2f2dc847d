import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, xmlProblem, type CliResult } from '../helpers/cli.js';

const EXAMPLE = 'examples/gia-lai-hoc-tap-suot-doi/criteria.yaml';
const EXAMPLE_UNITS = 'examples/gia-lai-hoc-tap-suot-doi/units.yaml';
const FX = 'test/fixtures/criteria/';
const VALID = `${FX}valid.yaml`;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
/** A JavaScript stack frame, as Node prints it. */
const STACK = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

const lint = (...args: string[]): CliResult => runCli(['lint', ...args]);

/** Exit 2 means: one line on stderr, nothing on stdout, no stack trace. */
function expectUsageError(r: CliResult): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).not.toBe('');
}

/** Hostile input ends in a diagnostic (exit 1) or a one-line refusal (exit 2); never a stack trace. */
function expectCleanFailure(r: CliResult): void {
  expect(r.code === 1 || r.code === 2).toBe(true);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
  if (r.code === 2) expectUsageError(r);
  else expect(r.stderr).toBe('');
}

interface JsonDiag {
  severity: string;
  code: string;
  message: string;
  path: string;
  line: number | null;
  column: number | null;
}
const json = (r: CliResult): JsonDiag[] => JSON.parse(r.stdout) as JsonDiag[];

describe('exit codes', () => {
  it('0 for the bundled example criteria and the units file beside it', () => {
    for (const files of [[EXAMPLE], [EXAMPLE_UNITS], [EXAMPLE, EXAMPLE_UNITS]]) {
      const r = lint(...files);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`✔ ${files.length} tệp không có lỗi\n`);
    }
  });

  it('0 for the valid fixture', () => {
    expect(lint(VALID).code).toBe(0);
  });

  it('1 for a broken fixture, with the finding at its line:column', () => {
    const r = lint(`${FX}steps-order.yaml`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}45:17\s+lỗi {2}.+ {2}steps-order$/m);
    expect(r.stdout).toContain('✖ 1 lỗi, 0 cảnh báo');
  });

  it('1 when any one of several files is broken', () => {
    expect(lint(VALID, `${FX}max-mismatch.yaml`, EXAMPLE).code).toBe(1);
  });

  it('0 for warnings only (advice never changes the exit code)', () => {
    const r = lint(`${FX}items-exceed-group.yaml`, `${FX}unquoted-comma.yaml`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('items-exceed-group');
    expect(r.stdout).toContain('unquoted-comma');
  });

  it('2 for a missing file', () => {
    const r = lint(VALID, 'test/fixtures/criteria/khong-co.yaml');
    expectUsageError(r);
    expect(r.stderr).toContain('khong-co.yaml');
  });

  it('2 for a folder given as a file', () => {
    expectUsageError(lint(FX));
  });

  it('2 for no file at all', () => {
    expectUsageError(lint());
  });

  it('2 for an unknown option', () => {
    const r = lint('--bogus', VALID);
    expectUsageError(r);
    expect(r.stderr).toContain('--bogus');
  });

  it('2 for --format nope', () => {
    const r = lint('--format', 'nope', VALID);
    expectUsageError(r);
    expect(r.stderr).toContain('nope');
  });

  it('2 for --lang fr', () => {
    expectUsageError(lint('--lang', 'fr', VALID));
  });
});

describe('--lang', () => {
  const file = `${FX}unknown-class.yaml`;
  const english = 'class "xyz" is not among the tier\'s classes';
  const vietnamese = 'xếp loại "xyz" không có trong danh sách xếp loại của đối tượng';

  it('Vietnamese by default', () => {
    const r = lint(file);
    expect(r.stdout).toContain(vietnamese);
    expect(r.stdout).toMatch(/27:19\s+lỗi/);
  });

  for (const args of [
    ['lint', '--lang', 'en', file],
    ['lint', file, '--lang', 'en'],
    ['lint', '--lang=en', file],
    ['--lang', 'en', 'lint', file],
  ]) {
    it(`English messages with: thidua ${args.join(' ')}`, () => {
      const r = runCli(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(english);
      expect(r.stdout).not.toContain(vietnamese);
      expect(r.stdout).toMatch(/27:19\s+error/);
      expect(r.stdout).toContain('✖ 1 error, 0 warnings');
    });
  }

  it('English for the clean summary and the json messages too', () => {
    expect(lint('--lang', 'en', VALID).stdout).toBe('✔ 1 file(s), no problems\n');
    expect(json(lint('--lang', 'en', '--format', 'json', file))[0]!.message).toBe(english);
  });
});

describe('--format', () => {
  const broken = [`${FX}rule-missing-none.yaml`, `${FX}items-exceed-group.yaml`, `${FX}duplicate-id.yaml`];

  it('json: parses, and every finding has severity, code, message, path, line, column', () => {
    const r = lint('--format', 'json', ...broken);
    expect(r.code).toBe(1);
    const ds = json(r);
    expect(ds.map((d) => [d.path, d.severity, d.code, d.line, d.column])).toEqual([
      [broken[0], 'error', 'unreachable', 31, 14],
      [broken[0], 'error', 'rule-missing', 37, 13],
      [broken[1], 'warning', 'items-exceed-group', 31, 14],
      [broken[2], 'error', 'duplicate-id', 39, 17],
    ]);
    for (const d of ds) expect(typeof d.message === 'string' && d.message.length > 0).toBe(true);
  });

  it('json: a clean file gives [] and exit 0', () => {
    const r = lint('--format', 'json', VALID);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('--json is the json format', () => {
    expect(lint('--json', ...broken).stdout).toBe(lint('--format', 'json', ...broken).stdout);
  });

  it('github: exactly one ::error/::warning line with file, line and col per finding', () => {
    const r = lint('--format', 'github', ...broken);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const ds = json(lint('--format', 'json', ...broken));
    expect(lines).toHaveLength(ds.length);
    lines.forEach((line, i) => {
      const d = ds[i]!;
      expect(line).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+(,title=[^:]*)?::\S.*$/);
      expect(line.startsWith(`::${d.severity} file=${d.path},line=${d.line},col=${d.column},`)).toBe(true);
      expect(line.endsWith(`::${d.message}`)).toBe(true);
    });
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(3);
  });

  it('github: a clean file prints nothing', () => {
    const r = lint('--format', 'github', VALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('junit: well-formed XML', () => {
    const r = lint('--format', 'junit', VALID, ...broken);
    expect(r.code).toBe(1);
    expect(xmlProblem(r.stdout)).toBeNull();
    expect(r.stdout).toMatch(/<testsuites name="thidua" tests="4" failures="2">/);
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(2);
  });

  it('junit: well-formed for a clean run too', () => {
    const r = lint('--format', 'junit', VALID, EXAMPLE);
    expect(r.code).toBe(0);
    expect(xmlProblem(r.stdout)).toBeNull();
    expect(r.stdout).not.toContain('<failure');
  });

  /** The parts of the SARIF 2.1.0 schema that code-scanning tools rely on. */
  const SARIF_ESSENTIALS = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['$schema', 'version', 'runs'],
    properties: {
      $schema: { type: 'string', pattern: 'sarif' },
      version: { const: '2.1.0' },
      runs: { type: 'array', minItems: 1, items: { $ref: '#/$defs/run' } },
    },
    $defs: {
      message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
      run: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { const: 'thidua' },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        shortDescription: { $ref: '#/$defs/message' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          artifacts: {
            type: 'array',
            items: {
              type: 'object',
              properties: { location: { $ref: '#/$defs/artifactLocation' } },
            },
          },
          results: { type: 'array', items: { $ref: '#/$defs/result' } },
        },
      },
      artifactLocation: {
        type: 'object',
        required: ['uri'],
        properties: { uri: { type: 'string', minLength: 1 }, index: { type: 'integer', minimum: -1 } },
      },
      result: {
        type: 'object',
        required: ['ruleId', 'level', 'message', 'locations'],
        properties: {
          ruleId: { type: 'string', minLength: 1 },
          ruleIndex: { type: 'integer', minimum: -1 },
          level: { enum: ['none', 'note', 'warning', 'error'] },
          message: { $ref: '#/$defs/message' },
          locations: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['physicalLocation'],
              properties: {
                physicalLocation: {
                  type: 'object',
                  required: ['artifactLocation', 'region'],
                  properties: {
                    artifactLocation: { $ref: '#/$defs/artifactLocation' },
                    region: {
                      type: 'object',
                      required: ['startLine', 'startColumn'],
                      properties: {
                        startLine: { type: 'integer', minimum: 1 },
                        startColumn: { type: 'integer', minimum: 1 },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };

  it('sarif: version 2.1.0, $schema, the thidua driver, and complete results', () => {
    const r = lint('--format', 'sarif', VALID, ...broken);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SARIF_ESSENTIALS);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(typeof log.$schema).toBe('string');
    expect(log.runs[0].tool.driver.name).toBe('thidua');
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    const ds = json(lint('--format', 'json', VALID, ...broken));
    expect(results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.locations[0]!.physicalLocation.region.startColumn])).toEqual(
      ds.map((d) => [d.code, d.severity, d.path, d.line, d.column]),
    );
  });

  it('sarif: the essentials schema rejects a result without a region', () => {
    const validate = new Ajv2020({ strict: true }).compile(SARIF_ESSENTIALS);
    const log = JSON.parse(lint('--format', 'sarif', `${FX}max-mismatch.yaml`).stdout);
    expect(validate(log)).toBe(true);
    delete log.runs[0].results[0].locations[0].physicalLocation.region;
    expect(validate(log)).toBe(false);
  });

  it('stylish is the default', () => {
    expect(lint(`${FX}max-mismatch.yaml`).stdout).toBe(lint('--format', 'stylish', `${FX}max-mismatch.yaml`).stdout);
  });

  it('--quiet leaves out warnings', () => {
    const r = lint('--quiet', `${FX}items-exceed-group.yaml`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('colour', () => {
  const file = `${FX}unquoted-comma.yaml`;
  const broken = `${FX}max-mismatch.yaml`;

  it('NO_COLOR=1: no ANSI escapes', () => {
    const r = runCli(['lint', file, broken], { env: { NO_COLOR: '1' } });
    expect(r.stdout).toContain('max-mismatch');
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(ANSI);
  });

  it('--no-color: no ANSI escapes, even with FORCE_COLOR set and NO_COLOR unset', () => {
    const r = runCli(['lint', '--no-color', file, broken], { env: { NO_COLOR: undefined, FORCE_COLOR: '3' } });
    expect(r.stdout).toContain('max-mismatch');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('not a terminal: no colour is forced, whatever FORCE_COLOR says', () => {
    for (const FORCE_COLOR of ['1', '3', 'true']) {
      const r = runCli(['lint', file, broken], { env: { NO_COLOR: undefined, FORCE_COLOR } });
      expect(r.stdout).toContain('max-mismatch');
      expect(r.stdout).not.toMatch(ANSI);
    }
  });

  it('NO_COLOR and FORCE_COLOR together: no colour', () => {
    const r = runCli(['lint', file, broken], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
  });
});

describe('bad input through the CLI', () => {
  let dir = '';
  const valid = readFileSync(VALID);
  const put = (name: string, data: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-lint-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an alias bomb (billion laughs)', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    const r = lint('--format', 'json', put('bomb.yaml', `${lines.join('\n')}\n`));
    expectCleanFailure(r);
    expect(json(r).map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 1, 1]]);
  });

  it('a 50 MB file', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
    big.write('# ', 0);
    const r = lint('--format', 'json', put('big.yaml', big));
    expectCleanFailure(r);
    expect(json(r).map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 1, 1]]);
  });

  it('random bytes', () => {
    const bytes = randomBytes(8192);
    bytes[0] = 0;
    const r = lint('--format', 'json', put('random.yaml', bytes));
    expectCleanFailure(r);
    expect(json(r).map((d) => d.code)).toEqual(['yaml-syntax']);
  });

  it('a PNG saved as .yaml', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    const r = lint('--format', 'json', put('anh.yaml', png));
    expectCleanFailure(r);
    expect(json(r).map((d) => d.code)).toEqual(['yaml-syntax']);
  });

  it('a UTF-8 BOM lints clean', () => {
    const r = lint(put('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid])));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('CRLF line ends lint clean, and line numbers stay right', () => {
    const crlf = (b: Buffer): string => b.toString('utf8').replace(/\n/g, '\r\n');
    expect(lint(put('crlf.yaml', crlf(valid))).code).toBe(0);
    const r = lint('--format', 'json', put('crlf-broken.yaml', crlf(readFileSync(`${FX}steps-order.yaml`))));
    expect(r.code).toBe(1);
    expect(json(r).map((d) => [d.code, d.line, d.column])).toEqual([['steps-order', 45, 17]]);
  });

  it('duplicate keys: yaml-syntax at the second key', () => {
    const r = lint('--format', 'json', `${FX}duplicate-key.yaml`);
    expectCleanFailure(r);
    expect(json(r).map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 5, 3]]);
  });

  it('tabs for indentation', () => {
    const r = lint('--format', 'json', `${FX}tab-indent.yaml`);
    expectCleanFailure(r);
    expect(json(r).map((d) => [d.code, d.line, d.column])[0]).toEqual(['yaml-syntax', 3, 1]);
  });

  it('deep flow nesting [[[[…]]]] 100,000 deep', () => {
    const n = 100_000;
    const r = lint('--format', 'json', put('deep.yaml', `${'['.repeat(n)}${']'.repeat(n)}\n`));
    expectCleanFailure(r);
    expect(json(r).map((d) => [d.code, d.line, d.column])).toEqual([['yaml-syntax', 1, 1]]);
  });

  it('an empty file', () => {
    const r = lint('--format', 'json', put('empty.yaml', ''));
    expectCleanFailure(r);
    expect(json(r).map((d) => d.code)).toEqual(['schema']);
  });

  it('stylish output for hostile files is one finding each, no stack trace', () => {
    const r = lint(put('deep2.yaml', `${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`), put('png2.yaml', Buffer.from('89504e470d0a1a0a00', 'hex')));
    expectCleanFailure(r);
    expect(r.stdout).toContain('✖ 2 lỗi, 0 cảnh báo');
  });
});
