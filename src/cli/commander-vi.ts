import { Help, type Argument, type Command, type CommanderError, type Option } from 'commander';

/**
 * What commander itself writes — help headings, `(default: …)`, its parse errors — in the
 * clerk's language. commander has no message catalogue: the help is built through `Help`
 * methods (overridden here), the errors are English sentences with a code (rewritten from
 * the code and the words they quote).
 */

/** The words between `<…>` and `[…]` in usage lines, option terms and argument names. */
const PLACEHOLDERS_VI = new Map<string, string>(Object.entries({
  options: 'tùy chọn',
  command: 'lệnh',
  criteria: 'tiêu-chí',
  inputs: 'đầu-vào',
  files: 'tệp',
  file: 'tệp',
  dir: 'thư-mục',
  id: 'mã',
  n: 'số',
  lang: 'ngôn-ngữ',
  format: 'định-dạng',
}));

/** `[options] [criteria] [inputs...]` → `[tùy chọn] [tiêu-chí] [đầu-vào...]`. */
export function placeholdersVi(text: string): string {
  return text.replace(/([<[])([^<>[\]]+?)(\.\.\.)?([>\]])/g, (whole, open: string, name: string, dots: string | undefined, close: string) =>
    PLACEHOLDERS_VI.has(name) ? `${open}${PLACEHOLDERS_VI.get(name)!}${dots ?? ''}${close}` : whole,
  );
}

/** An argument's bare name (`criteria`, `files`), as its placeholder reads in Vietnamese. */
export function nameVi(name: string): string {
  return PLACEHOLDERS_VI.get(name) ?? name;
}

const TITLES_VI = new Map<string, string>(Object.entries({
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tùy chọn:',
  'Global Options:': 'Tùy chọn chung:',
  'Commands:': 'Lệnh:',
}));

const json = (v: unknown): string => JSON.stringify(v);

/** The `(chọn: …, mặc định: …)` commander appends to a description, in Vietnamese. */
function withExtras(description: string, extras: string[]): string {
  if (!extras.length) return description;
  return description ? `${description} (${extras.join(', ')})` : `(${extras.join(', ')})`;
}

/** Words of the extras a wrapped line must not split (`mặc` at one line's end, `định:` at the next's start). */
const UNSPLIT = /mặc định:|biến môi trường:|khi không ghi giá trị:/g;
const GLUE = '\u0000';

/** Help methods that write Vietnamese; for `program.configureHelp` (subcommands inherit it). */
export const HELP_VI: Partial<Help> = {
  boxWrap(str: string, width: number): string {
    const glued = str.replace(UNSPLIT, (w) => w.replaceAll(' ', GLUE));
    return Help.prototype.boxWrap.call(this, glued, width).replaceAll(GLUE, ' ');
  },
  styleTitle(str: string): string {
    return TITLES_VI.get(str) ?? str;
  },
  commandUsage(cmd: Command): string {
    return placeholdersVi(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(cmd: Command): string {
    return placeholdersVi(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionTerm(option: Option): string {
    return placeholdersVi(Help.prototype.optionTerm.call(this, option));
  },
  argumentTerm(argument: Argument): string {
    return nameVi(Help.prototype.argumentTerm.call(this, argument));
  },
  // the same extras as commander's Help.optionDescription, in Vietnamese
  optionDescription(option: Option): string {
    const extras: string[] = [];
    if (option.argChoices) extras.push(`chọn: ${option.argChoices.map(json).join(', ')}`);
    if (option.defaultValue !== undefined) {
      const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (shown) extras.push(`mặc định: ${option.defaultValueDescription || json(option.defaultValue)}`);
    }
    if (option.presetArg !== undefined && option.optional) extras.push(`khi không ghi giá trị: ${json(option.presetArg)}`);
    if (option.envVar !== undefined) extras.push(`biến môi trường: ${option.envVar}`);
    return withExtras(option.description, extras);
  },
  argumentDescription(argument: Argument): string {
    const extras: string[] = [];
    if (argument.argChoices) extras.push(`chọn: ${argument.argChoices.map(json).join(', ')}`);
    if (argument.defaultValue !== undefined) extras.push(`mặc định: ${argument.defaultValueDescription || json(argument.defaultValue)}`);
    return withExtras(argument.description, extras);
  },
};

/** commander's `\n(Did you mean x?)` / `\n(Did you mean one of x, y?)`, in Vietnamese, on the same line. */
function suggestionVi(message: string): string {
  const m = /\(Did you mean (one of )?(.+)\?\)\s*$/.exec(message);
  if (!m) return '';
  return m[1] ? `. Có phải ý bạn là một trong: ${m[2]}?` : `. Có phải ý bạn là ${m[2]}?`;
}

/** The quoted words of a commander message, in order. */
function quoted(message: string): string[] {
  return [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** An option's flags as the Vietnamese help shows them: `--lang <ngôn-ngữ>`. */
const flagsVi = (flags: string): string => placeholdersVi(flags);

/** `Allowed choices are a, b.` → `chọn một trong: a, b`; another parser's reason as it is. */
function reasonVi(rest: string): string {
  const choices = /Allowed choices are (.*)\.\s*$/.exec(rest);
  if (choices) return `; chọn một trong: ${choices[1]}`;
  const r = rest.trim();
  return r ? `: ${r}` : '';
}

/**
 * The one line a commander parse error prints in Vietnamese (without the `thidua: ` prefix),
 * from the error's code and the words commander quoted; null for a code it does not know,
 * so the caller can fall back to commander's own text. `command` (the subcommand the line
 * named) adds where to read its usage to the errors a suggestion does not already answer.
 */
export function commanderErrorVi(e: Pick<CommanderError, 'code' | 'message'>, command?: string): string | null {
  const msg = e.message.replace(/^error: /, '');
  const seeHelp = command ? ` (xem: thidua ${command} --help)` : '';
  const q = quoted(msg);
  switch (e.code) {
    case 'commander.unknownCommand':
      return `không có lệnh '${q[0] ?? ''}'${suggestionVi(msg)}`;
    case 'commander.unknownOption':
      return `không có tùy chọn '${q[0] ?? ''}'${suggestionVi(msg)}`;
    case 'commander.missingArgument':
      return `thiếu tham số bắt buộc '${nameVi(q[0] ?? '')}'${seeHelp}`;
    case 'commander.optionMissingArgument':
      return `tùy chọn '${flagsVi(q[0] ?? '')}' cần một giá trị`;
    case 'commander.missingMandatoryOptionValue':
      return `thiếu tùy chọn bắt buộc '${flagsVi(q[0] ?? '')}'${seeHelp}`;
    case 'commander.invalidArgument': {
      const opt = /^option '([^']*)' argument '(.*)' is invalid\.(.*)$/s.exec(msg);
      if (opt) return `giá trị '${opt[2]}' của tùy chọn '${flagsVi(opt[1]!)}' không hợp lệ${reasonVi(opt[3]!)}`;
      const arg = /^command-argument value '(.*)' is invalid for argument '([^']*)'\.(.*)$/s.exec(msg);
      if (arg) return `giá trị '${arg[1]}' của tham số '${nameVi(arg[2]!)}' không hợp lệ${reasonVi(arg[3]!)}`;
      return null;
    }
    case 'commander.excessArguments': {
      const m = /^too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(msg);
      if (!m) return null;
      const who = m[1] ? `lệnh '${m[1]}'` : 'thidua';
      return m[2] === '0' ? `thừa tham số: ${who} không nhận tham số nào, đã nhập ${m[3]}${seeHelp}` : `thừa tham số: ${who} nhận tối đa ${m[2]} tham số, đã nhập ${m[3]}${seeHelp}`;
    }
    case 'commander.conflictingOption':
      return q.length >= 2 ? `không dùng được '${flagsVi(q[0]!)}' cùng với '${flagsVi(q[1]!)}'` : null;
    default:
      return null;
  }
}
