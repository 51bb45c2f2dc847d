/**
 * commander's own words — parse errors and help — in the clerk's language (issue 17 item 6):
 * Vietnamese by default, English with --lang en wherever it is written; usage errors exit 2.
 */
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';

/** English commander writes by itself, in errors or help. */
const COMMANDER_EN = /\b(error:|unknown (command|option)|Did you mean|missing required|argument missing|is invalid|Allowed choices|too many arguments|not specified|Usage:|Options:|Arguments:|Commands:|default:|choices:|display help|output the version|\[options\]|\[command\])/;

function expectUsageErrorVi(r: CliResult): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(COMMANDER_EN);
  expect(r.stderr).toMatch(/^thidua: /);
  // one line, as every other usage error
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('commander errors', () => {
  it('an unknown command, named, with the suggestion, in Vietnamese (--lang before the command)', () => {
    const r = runCli(['--lang', 'vi', 'scor']);
    expectUsageErrorVi(r);
    expect(r.stderr).toBe("thidua: không có lệnh 'scor'. Có phải ý bạn là score?\n");
  });

  it('Vietnamese with no --lang at all; `help <unknown>` is the same error', () => {
    expect(runCli(['scor']).stderr).toBe("thidua: không có lệnh 'scor'. Có phải ý bạn là score?\n");
    const h = runCli(['help', 'scor']);
    expectUsageErrorVi(h);
    expect(h.stderr).toBe("thidua: không có lệnh 'scor'. Có phải ý bạn là score?\n");
  });

  it('an unknown option, named, with the suggestion', () => {
    const r = runCli(['score', '--formt', 'x']);
    expectUsageErrorVi(r);
    expect(r.stderr).toBe("thidua: không có tùy chọn '--formt'. Có phải ý bạn là --format?\n");
  });

  it('a missing required argument, and where to read about it', () => {
    const r = runCli(['lint']);
    expectUsageErrorVi(r);
    expect(r.stderr).toBe("thidua: thiếu tham số bắt buộc 'tệp' (xem: thidua lint --help)\n");
  });

  it('an option without its value, a value not among the choices, a missing required option, too many arguments', () => {
    const missing = runCli(['score', '--phase']);
    expectUsageErrorVi(missing);
    expect(missing.stderr).toBe("thidua: tùy chọn '--phase <mã>' cần một giá trị\n");

    const choice = runCli(['lint', '--format', 'nope', 'x.yaml']);
    expectUsageErrorVi(choice);
    expect(choice.stderr).toBe("thidua: giá trị 'nope' của tùy chọn '--format <định-dạng>' không hợp lệ; chọn một trong: stylish, json, github, junit, sarif\n");

    const lang = runCli(['lint', '--lang', 'fr', 'x.yaml']);
    expectUsageErrorVi(lang);
    expect(lang.stderr).toContain("'fr'");

    const tier = runCli(['template', 'criteria.yaml']);
    expectUsageErrorVi(tier);
    expect(tier.stderr).toBe("thidua: thiếu tùy chọn bắt buộc '--tier <mã>' (xem: thidua template --help)\n");

    const excess = runCli(['init', 'a', 'b']);
    expectUsageErrorVi(excess);
    expect(excess.stderr).toBe("thidua: thừa tham số: lệnh 'init' nhận tối đa 1 tham số, đã nhập 2 (xem: thidua init --help)\n");
  });

  it('--lang en gives commander\'s English, before or after the command; the last --lang wins', () => {
    for (const args of [['--lang', 'en', 'scor'], ['scor', '--lang=en']]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown command 'scor'");
      expect(r.stderr).toContain('Did you mean score?');
    }
    const opt = runCli(['score', '--formt', 'x', '--lang', 'en']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--formt'");
    expect(opt.stderr).toContain('Did you mean --format?');
    expect(runCli(['lint', '--lang', 'en']).stderr).toContain("missing required argument 'files'");
    expect(runCli(['score', '--lang', 'vi', '--lang', 'en', '--formt']).stderr).toContain('unknown option');
    expectUsageErrorVi(runCli(['score', '--lang', 'en', '--lang', 'vi', '--formt']));
  });
});

describe('help', () => {
  const cases: [string, string[]][] = [
    ['thidua --help', ['--help']],
    ['thidua score --help', ['score', '--help']],
    ['thidua help score', ['help', 'score']],
    ['thidua template --help', ['template', '--help']],
    ['thidua init --help', ['init', '--help']],
    ['thidua help', ['help']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: none of commander's English`, () => {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Cách dùng: thidua/);
      expect(r.stdout).not.toMatch(COMMANDER_EN);
      // a wrapped line never splits "mặc định:"
      expect(r.stdout).not.toMatch(/mặc\n/);
    });
  }

  it('the score help names its headings, defaults and placeholders in Vietnamese, lined up', () => {
    const out = runCli(['score', '--help']).stdout;
    expect(out).toContain('Cách dùng: thidua score [tùy chọn] [tiêu-chí] [đầu-vào...]');
    expect(out).toMatch(/^Tham số:$/m);
    expect(out).toMatch(/^Tùy chọn:$/m);
    expect(out).toMatch(/mặc định:\s+"stylish"/);
    expect(out).toMatch(/^ {2}tiêu-chí {2,}tệp tiêu chí \.yaml$/m);
    // descriptions start in one column
    const starts = out
      .split('\n')
      .filter((l) => /^ {2}-/.test(l))
      .map((l) => /^ {2}\S.*?\s{2,}(?=\S)/.exec(l)![0].length);
    expect(new Set(starts).size).toBe(1);
  });

  it('`thidua help score` is `thidua score --help`', () => {
    expect(runCli(['help', 'score']).stdout).toBe(runCli(['score', '--help']).stdout);
  });

  it('--lang en anywhere gives commander\'s English help', () => {
    for (const args of [['--lang', 'en', 'score', '--help'], ['score', '--help', '--lang', 'en'], ['--lang', 'en', 'help', 'score']]) {
      const out = runCli(args).stdout;
      expect(out).toMatch(/^Usage: thidua score \[options\] \[criteria\] \[inputs\.\.\.\]/);
      expect(out).toContain('default: "stylish"');
    }
    expect(runCli(['--help', '--lang', 'en']).stdout).toMatch(/^Commands:$/m);
  });
});
