import { parentPort, workerData } from 'node:worker_threads';
import { resolveTier, tierInPhase, type PhaseTier } from '../criteria/model.js';
import type { CriteriaFile } from '../generated/criteria.js';
import type { Unit } from '../units/load.js';
import type { ReadLimits } from '../workbook/types.js';
import { readFileWhole } from './read-file.js';

/** What the main thread sends once: the same context it reads with itself. */
export interface WorkerSetup {
  criteria: CriteriaFile;
  phase: string;
  tierFilter?: string;
  units: Unit[] | null;
  digests: [string, string][];
  limits?: Partial<ReadLimits>;
}

const setup = workerData as WorkerSetup;
const tiers = new Map<string, PhaseTier>();
for (const t of setup.criteria.tiers) if (tierInPhase(t, setup.phase)) tiers.set(t.id, resolveTier(setup.criteria, t, setup.phase));
const ctx = {
  criteria: setup.criteria,
  phase: setup.phase,
  tiers,
  ...(setup.tierFilter ? { tierFilter: setup.tierFilter } : {}),
  units: setup.units ? new Map(setup.units.map((u) => [u.id, u])) : null,
  digests: new Map(setup.digests),
};

parentPort!.on('message', async (msg: { index: number; path: string }) => {
  try {
    const reading = await readFileWhole(msg.path, ctx, setup.limits);
    parentPort!.postMessage({ index: msg.index, reading });
  } catch (e) {
    parentPort!.postMessage({ index: msg.index, crash: String((e as Error)?.stack ?? e) });
  }
});
