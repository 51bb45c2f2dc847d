import type { Assessment } from '../run/assess.js';
import { decide } from '../run/decisions.js';
import { CriteriaError } from '../run/setup.js';
import type { Unit } from '../units/load.js';
import { report } from './common.js';
import type { Ctx } from './context.js';
import { readInput } from './io.js';

/**
 * `score --decisions FILE`: the assessment with the council's decisions applied; undefined
 * (the command exits 2) when the file cannot be read as decisions, its findings printed.
 */
export function withDecisions(ctx: Ctx, a: Assessment, path: string, shownPath: string, phase: string, units: readonly Unit[] | null): Assessment | undefined {
  const data = readInput(path, ctx.lang);
  try {
    return decide(a, { path: shownPath, data }, phase, units);
  } catch (e) {
    if (!(e instanceof CriteriaError)) throw e;
    report(e.diagnostics, ctx, [shownPath]);
    process.stderr.write(ctx.lang === 'vi' ? 'thidua: tệp quyết định có lỗi, không thể chạy (xem trên)\n' : 'thidua: the decisions file has errors; nothing was done (see above)\n');
    return undefined;
  }
}
