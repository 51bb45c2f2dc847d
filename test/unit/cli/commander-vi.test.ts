/**
 * Every commander error code the CLI can meet has Vietnamese wording: the errors are made by
 * commander itself, so a commander upgrade that changes its English shows up here (the
 * translation would fall back to the English text).
 */
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { commanderErrorVi, HELP_VI, placeholdersVi } from '../../../src/cli/commander-vi.js';

function errorOf(build: (program: Command) => void, args: string[]): CommanderError {
  const program = new Command('thidua').exitOverride().showSuggestionAfterError(true).configureOutput({ outputError: () => {}, writeErr: () => {}, writeOut: () => {} });
  build(program);
  try {
    program.parse(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e;
    throw e;
  }
  throw new Error('no error');
}

const sub = (p: Command): Command => p.command('score').argument('[criteria]').option('--format <format>').action(() => {});

describe('commanderErrorVi', () => {
  const cases: [string, (p: Command) => void, string[], string][] = [
    ['commander.unknownCommand', (p) => void sub(p), ['scor'], "không có lệnh 'scor'. Có phải ý bạn là score?"],
    ['commander.unknownCommand', (p) => void (sub(p), p.command('scope')), ['scoe'], "không có lệnh 'scoe'. Có phải ý bạn là một trong: scope, score?"],
    ['commander.unknownCommand', (p) => void sub(p), ['zzz'], "không có lệnh 'zzz'"],
    ['commander.unknownOption', (p) => void sub(p), ['score', '--formt'], "không có tùy chọn '--formt'. Có phải ý bạn là --format?"],
    ['commander.missingArgument', (p) => void p.command('lint').argument('<files...>').action(() => {}), ['lint'], "thiếu tham số bắt buộc 'tệp'"],
    ['commander.optionMissingArgument', (p) => void sub(p), ['score', '--format'], "tùy chọn '--format <định-dạng>' cần một giá trị"],
    ['commander.missingMandatoryOptionValue', (p) => void p.command('template').requiredOption('--tier <id>').action(() => {}), ['template'], "thiếu tùy chọn bắt buộc '--tier <mã>'"],
    [
      'commander.invalidArgument',
      (p) => void p.command('lint').addOption(new Option('--lang <lang>').choices(['vi', 'en'])).action(() => {}),
      ['lint', '--lang', 'fr'],
      "giá trị 'fr' của tùy chọn '--lang <ngôn-ngữ>' không hợp lệ; chọn một trong: vi, en",
    ],
    [
      'commander.invalidArgument',
      (p) =>
        void p
          .command('init')
          .argument('[dir]', '', (v: string) => {
            throw new InvalidArgumentError(`not a folder: ${v}`);
          })
          .action(() => {}),
      ['init', 'x'],
      "giá trị 'x' của tham số 'thư-mục' không hợp lệ: not a folder: x",
    ],
    ['commander.excessArguments', (p) => void p.command('init').argument('[dir]').action(() => {}), ['init', 'a', 'b'], "thừa tham số: lệnh 'init' nhận tối đa 1 tham số, đã nhập 2"],
    ['commander.excessArguments', (p) => void p.argument('[dir]').action(() => {}), ['a', 'b', 'c'], 'thừa tham số: thidua nhận tối đa 1 tham số, đã nhập 3'],
    [
      'commander.conflictingOption',
      (p) => void p.command('score').option('--json').addOption(new Option('--format <format>').conflicts('json')).action(() => {}),
      ['score', '--json', '--format', 'x'],
      "không dùng được '--format <định-dạng>' cùng với '--json'",
    ],
  ];
  for (const [code, build, args, want] of cases) {
    it(`${code}: ${args.join(' ')}`, () => {
      const e = errorOf(build, args);
      expect(e.code).toBe(code);
      expect(commanderErrorVi(e)).toBe(want);
    });
  }

  it('a command named adds where to read its usage', () => {
    const e = errorOf((p) => void p.command('lint').argument('<files...>').action(() => {}), ['lint']);
    expect(commanderErrorVi(e, 'lint')).toBe("thiếu tham số bắt buộc 'tệp' (xem: thidua lint --help)");
  });

  it('a code it does not know is left to commander', () => {
    expect(commanderErrorVi({ code: 'commander.somethingNew', message: 'error: something new' })).toBeNull();
  });
});

describe('placeholdersVi', () => {
  it('translates the words it knows, keeps the rest and the dots', () => {
    expect(placeholdersVi('[options] [criteria] [inputs...]')).toBe('[tùy chọn] [tiêu-chí] [đầu-vào...]');
    expect(placeholdersVi('--date <YYYY-MM-DD>')).toBe('--date <YYYY-MM-DD>');
    expect(placeholdersVi('-o, --output <dir>')).toBe('-o, --output <thư-mục>');
    expect(placeholdersVi('<constructor> [toString...]')).toBe('<constructor> [toString...]');
  });
});

describe('HELP_VI.boxWrap', () => {
  it('never breaks a line inside "mặc định:", at any width', () => {
    const help = Object.assign(new Help(), HELP_VI);
    const text = 'ngôn ngữ thông báo và báo cáo (chọn: "vi", "en", mặc định: "vi", biến môi trường: THIDUA_LANG)';
    for (let width = 40; width <= 100; width++) {
      const out = help.boxWrap(text, width);
      expect(out.replace(/\n/g, ' ')).toBe(text);
      expect(out).not.toMatch(/mặc\n|biến\n|môi\n/);
      expect(out).not.toContain('\u0000');
    }
  });
});
