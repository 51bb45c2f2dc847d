import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import { commanderErrorVi, HELP_VI } from './commander-vi.js';
import { langFromArgv, PKG } from './context.js';
import { UsageError } from '../diagnostics/usage.js';
import { registerCommands } from './commands.js';
import { doubleClick, GUIDE, waitForKey } from './double-click.js';
import { IN_EXECUTABLE } from '../util/shipped.js';

// A million-row roster makes short-lived strings by the gigabyte; a larger young generation
// lets them die there instead of being copied into the old one.
setFlagsFromString('--max-semi-space-size=64');

// `thidua check … | head` closes the pipe early: that is the reader's choice, not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const argv = process.argv.slice(2);
const lang = langFromArgv(argv);
const program = new Command();

program
  .name('thidua')
  .description(
    lang === 'vi'
      ? 'Chấm điểm, xếp loại, xếp hạng phong trào thi đua từ bảng tiêu chí YAML và phiếu tự chấm Excel.'
      : 'Scores, classes and ranks an emulation movement from a YAML points table and Excel self-assessments.',
  )
  .version(PKG.version, '-V, --version', lang === 'vi' ? 'in phiên bản' : 'print the version')
  .helpOption('-h, --help', lang === 'vi' ? 'hướng dẫn sử dụng' : 'show help')
  .showSuggestionAfterError(true)
  .configureOutput({
    writeErr: (s) => process.stderr.write(s),
    writeOut: (s) => process.stdout.write(s),
    // in Vietnamese a parse error is written once its code is known, below
    ...(lang === 'vi' ? { outputError: () => {} } : {}),
  })
  .exitOverride();

// commander's own words (headings, `(default: …)`, placeholders) in the clerk's language
if (lang === 'vi') program.configureHelp(HELP_VI);

registerCommands(program, lang);
// after the commands, which would otherwise inherit a `help` subcommand of their own
program.helpCommand('help [command]', lang === 'vi' ? 'hướng dẫn về một lệnh' : 'show help for a command');
program.addHelpText(
  'after',
  lang === 'vi'
    ? '\nVí dụ (dự án mẫu):\n  thidua init du-an && cd du-an\n  thidua lint criteria.yaml\n  thidua template criteria.yaml --tier xa --phase gd1 --units units.yaml\n  thidua check criteria.yaml submissions/gd1 --phase gd1 --units units.yaml\n  thidua score criteria.yaml submissions/gd1 --phase gd1 --units units.yaml -o ket-qua\n\nThêm --lang en để dùng tiếng Anh; "thidua <lệnh> --help" để xem chi tiết từng lệnh.'
    : '\nExample (the bundled project):\n  thidua init project && cd project\n  thidua lint criteria.yaml\n  thidua template criteria.yaml --tier xa --phase gd1 --units units.yaml\n  thidua check criteria.yaml submissions/gd1 --phase gd1 --units units.yaml\n  thidua score criteria.yaml submissions/gd1 --phase gd1 --units units.yaml -o results\n\n"thidua <command> --help" explains each command.',
);

/** Ends the run; a double-click's window stays open until a key is pressed. */
async function end(code: number | undefined): Promise<never> {
  if (click) await waitForKey();
  process.exit(code);
}

function fail(message: string): Promise<never> {
  process.stderr.write(`thidua: ${message}\n`);
  return end(2);
}

/**
 * `thidua --lang en lint …` and `thidua lint --lang en …` mean the same: options are the
 * subcommand's, so a --lang written before the command name is moved after it. `help <command>`
 * needs no --lang (the language is already chosen from the whole line); `help <unknown>` is
 * parsed as the unknown command it names, so that the error and its suggestion are printed.
 * Also returns the command named, for the errors that point to its help.
 */
function normaliseArgv(args: string[], names: Set<string>): { args: string[]; command?: string } {
  const out: string[] = [];
  const moved: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang' && i + 1 < args.length) moved.push(a, args[++i]!);
    else if (a.startsWith('--lang=')) moved.push(a);
    else if (a.startsWith('-')) out.push(a);
    else break;
  }
  if (i >= args.length) return { args: [...out, ...moved] };
  const name = args[i]!;
  const command = names.has(name) ? name : undefined;
  if (name === 'help') {
    const rest = args.slice(i + 1).filter((a, j, all) => a !== '--lang' && !a.startsWith('--lang=') && all[j - 1] !== '--lang');
    const target = rest[0] !== undefined && !rest[0].startsWith('-') ? rest[0] : undefined;
    if (target !== undefined && !names.has(target)) return { args: [...out, target] };
    return { args: [...out, name, ...(target === undefined ? [] : [target])] };
  }
  return { args: [...out, name, ...moved, ...args.slice(i + 1)], ...(command ? { command } : {}) };
}

const click = doubleClick(argv, IN_EXECUTABLE);
if (click && !click.project) {
  process.stdout.write(GUIDE);
  await end(0);
}
if (click) {
  process.chdir(click.dir);
  process.stdout.write(`thidua score: ${process.cwd()}

`);
}

const line = normaliseArgv(argv, new Set([...program.commands.map((c) => c.name()), 'help']));
try {
  await program.parseAsync(click ? ['score'] : line.args, { from: 'user' });
  if (click) await end(process.exitCode === undefined ? undefined : Number(process.exitCode));
} catch (e) {
  if (e instanceof CommanderError) {
    // help and version exit 0; every other parse problem is a usage error, exit 2
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') await end(0);
    if (lang === 'vi') await fail(commanderErrorVi(e, line.command) ?? e.message.replace(/^error: /, ''));
    await end(2);
  }
  if (e instanceof UsageError) await fail(e.message);
  const err = e as Error;
  process.stderr.write(
    lang === 'vi'
      ? `thidua: lỗi nội bộ, xin báo lại cho người bảo trì kèm lệnh đã chạy: ${err?.message ?? String(e)}\n`
      : `thidua: internal error, please report it with the command you ran: ${err?.message ?? String(e)}\n`,
  );
  if (process.env.THIDUA_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  await end(2);
}
