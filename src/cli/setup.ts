import type { Ctx } from './context.js';
import { report } from './common.js';
import { INPUT_LIMITS, readInput } from './io.js';
import { CriteriaError, setup, type Setup } from '../run/setup.js';

/**
 * Criteria and units files, checked; on errors their findings are printed with a one-line
 * reason, and undefined comes back (the command exits 2).
 */
export async function loadSetup(ctx: Ctx, criteriaPath: string, unitsPath: string | undefined, phase: string | undefined, tier: string | undefined): Promise<Setup | undefined> {
  try {
    return await setup({
      criteriaPath,
      criteriaData: readInput(criteriaPath, ctx.lang),
      ...(unitsPath ? { unitsPath, unitsData: readInput(unitsPath, ctx.lang, INPUT_LIMITS.units) } : {}),
      ...(phase ? { phase } : {}),
      ...(tier ? { tier } : {}),
      lang: ctx.lang,
      needPhase: true,
    });
  } catch (e) {
    if (!(e instanceof CriteriaError)) throw e;
    report(e.diagnostics, ctx, [criteriaPath]);
    process.stderr.write(ctx.lang === 'vi' ? 'thidua: tệp tiêu chí hoặc tệp đơn vị có lỗi, không thể chạy (xem trên)\n' : 'thidua: the criteria or units file has errors; nothing was done (see above)\n');
    return undefined;
  }
}
