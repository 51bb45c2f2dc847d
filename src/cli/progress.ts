import cliProgress from 'cli-progress';
import type { Ctx } from './context.js';

/**
 * A progress bar on stderr for long runs: only on a terminal, never with --json,
 * --quiet or in CI, and only when there is something long to wait for.
 */
export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly started = Date.now();

  constructor(
    private readonly ctx: Ctx,
    private readonly total: number,
  ) {}

  private get wanted(): boolean {
    return this.ctx.stderrTty && !this.ctx.json && !this.ctx.quiet;
  }

  update(done: number, rows: number): void {
    if (!this.wanted) return;
    if (!this.bar) {
      // short runs finish before a bar is worth drawing
      if (Date.now() - this.started < 500 || done >= this.total) return;
      const vi = this.ctx.lang === 'vi';
      this.bar = new cliProgress.SingleBar(
        {
          format: vi ? ' {bar} {value}/{total} tệp · {rows} dòng · còn {eta_formatted}' : ' {bar} {value}/{total} files · {rows} rows · ETA {eta_formatted}',
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.total, done, { rows });
    }
    this.bar.update(done, { rows });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/**
 * One line on stderr while a long step runs with nothing to count (writing a million units'
 * outputs takes a while): on a terminal only, never with --json or --quiet.
 */
export function notice(ctx: Ctx, vi: string, en: string): void {
  if (!ctx.stderrTty || ctx.json || ctx.quiet) return;
  process.stderr.write(`${ctx.lang === 'vi' ? vi : en}\n`);
}
