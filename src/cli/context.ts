import type { Lang } from '../diagnostics/messages.js';
import { FORMATS, type Format } from '../diagnostics/format.js';
import { readShipped } from '../util/shipped.js';
import { UsageError } from '../diagnostics/usage.js';

export const PKG = JSON.parse(readShipped('package.json').toString('utf8')) as { name: string; version: string };
export const TOOL = { name: PKG.name, version: PKG.version };

export interface GlobalOptions {
  lang?: string;
  format?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  verbose?: boolean;
}

export interface Ctx {
  lang: Lang;
  format: Format;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Colour on stdout: a TTY, not --no-color, NO_COLOR empty or unset. */
  color: boolean;
  /** Colour and progress on stderr. */
  stderrTty: boolean;
}

/**
 * The language of a command line, read before commander parses it so that commander's own
 * errors and help are in it too: the last --lang wins, as it does for commander; none, or
 * anything but `en`, is Vietnamese. Words after `--` are file names, not options.
 */
export function langFromArgv(argv: string[]): Lang {
  const end = argv.indexOf('--');
  let i = (end < 0 ? argv.length : end) - 1;
  while (i >= 0 && argv[i] !== '--lang' && !argv[i]!.startsWith('--lang=')) i--;
  if (i < 0) return 'vi';
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'en' ? 'en' : 'vi';
}

export function makeCtx(o: GlobalOptions): Ctx {
  const lang = o.lang ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UsageError(`--lang: vi | en (${lang})`);
  const format = (o.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(lang === 'vi' ? `--format phải là một trong: ${FORMATS.join(', ')}` : `--format must be one of: ${FORMATS.join(', ')}`);
  const noColorEnv = (process.env.NO_COLOR ?? '') !== '';
  const color = o.color !== false && !noColorEnv && process.stdout.isTTY === true;
  return {
    lang,
    format,
    json: o.json === true,
    quiet: o.quiet === true,
    verbose: o.verbose === true,
    color,
    stderrTty: process.stderr.isTTY === true && !process.env.CI,
  };
}
