/**
 * A big roster read on a second thread gives its plain rows' item numbers without a cell
 * object each (`NumberLane`). Every row, plain or not, must come out exactly as it does read
 * as cells on one thread: the same units, values, names, findings and row counts, in order.
 *
 * The reading thread runs the built module (dist/, made by `npm ci`): so does this test.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReadContext, ReadSink } from '../../../src/submissions/read.js';
import type { OpenOptions } from '../../../src/workbook/read/index.js';
import type { NumberLane, OpenedWorkbook, ReadLimits } from '../../../src/workbook/types.js';
import { HO_COLUMNS, fixtureCriteria, fixtureUnits, percentCell, rosterWorkbook } from '../../helpers/workbooks.js';

const dist = (p: string): URL => new URL(`../../../dist/${p}`, import.meta.url);
if (!existsSync(dist('submissions/read.js'))) throw new Error('dist/ is missing: run `npm ci` (or `npm run build`) before the tests');
const { openWorkbook } = (await import(dist('workbook/read/index.js').href)) as { openWorkbook: (d: Uint8Array, l?: Partial<ReadLimits>, o?: OpenOptions) => Promise<OpenedWorkbook> };
const { readSubmission } = (await import(dist('submissions/read.js').href)) as typeof import('../../../src/submissions/read.js');
const { resolveTier, tierInPhase } = (await import(dist('criteria/model.js').href)) as typeof import('../../../src/criteria/model.js');
const { tierDigest } = (await import(dist('criteria/digest.js').href)) as typeof import('../../../src/criteria/digest.js');

/** Rows of every kind the lane must either take exactly as cells would, or leave to them. */
function rowOf(i: number): { id?: string; name?: string; block?: string; values: unknown[] } {
  const id = `HO-${String(i).padStart(5, '0')}`;
  const block = `Thôn ${i % 7}`;
  switch (i % 16) {
    case 0:
      return { id, name: `Nguyễn Văn ${i}`, block, values: [1, 50, 3] };
    case 1:
      return { id, name: `Lê Thị ${i}`, block, values: [0, percentCell(0.57), 0] };
    case 2:
      return { id, name: 'Hộ không khối', values: [null, 12.5, null] };
    case 3:
      return { id, block: 'Thôn Ðông', values: [1, 100, 2] }; // Latin-1 only: looked at once, then plain
    case 4:
      return { values: [1, 50, 3] }; // no id, values given
    case 5:
      return { values: [null, null, null] };
    case 6:
      return { id: 'Tổng cộng', values: [1, 50, 3] }; // a total row, plain values
    case 7:
      return { id, name: 'NguyÔn V¨n An', block, values: [1, 50, 3] }; // TCVN3
    case 8:
      return { id, name: `Hộ ${i}`, block, values: [1, 150, 3] }; // out of range
    case 9:
      return { id, name: `Hộ ${i}`, block, values: ['Có', 50, 2.5] }; // text, not a whole count
    case 10:
      return { id: `HO-${String(i - 10).padStart(5, '0')}`, name: 'lặp lại', block, values: [0, 20, 1] }; // an id seen before
    case 11:
      return { id, name: `Hộ ${i}`, block, values: [2, 50, -1] }; // yes/no neither 0 nor 1, negative count
    case 12:
      return { id: `  ${id}  `, name: ` Trần  ${i} `, block, values: [1, { value: 45000, style: { numFmt: 'dd/mm/yyyy' } }, 3] }; // a date in a percent item
    default:
      return { id, name: `Phạm ${i}`, block, values: [i % 2, (i * 7) % 101, i % 9] };
  }
}

async function read(mode: 'never' | 'always', bytes: Uint8Array): Promise<{ events: unknown[]; laneRows: number }> {
  const criteria = fixtureCriteria();
  const tiers = new Map(criteria.tiers.filter((t) => tierInPhase(t, 'gd1')).map((t) => [t.id, resolveTier(criteria, t, 'gd1')]));
  const digests = new Map(criteria.tiers.map((t) => [t.id, tierDigest(t)]));
  const ctx: ReadContext = { criteria, phase: 'gd1', tiers, units: new Map(fixtureUnits().map((u) => [u.id, u])), digests };
  const events: unknown[] = [];
  const seen = new Set<string>();
  const sink: ReadSink = {
    layout: (l) => events.push(['layout', l]),
    unit: (u) => events.push(['unit', u]),
    diag: (d) => events.push(['diag', d]),
    rows: (n) => events.push(['rows', n]),
    rosterRow: (tier, unit, name, block, parent, row, values) => {
      if (seen.has(unit)) return false;
      seen.add(unit);
      events.push(['rosterRow', tier, unit, name, block, parent, row, Array.from(values)]);
      return true;
    },
  };
  const wb = await openWorkbook(bytes, {}, { rowsThread: mode });
  let laneRows = 0;
  // the same workbook, counting the rows its lane takes
  const counting: OpenedWorkbook = {
    ...wb,
    readRoster: (sheet, onRow, lane) =>
      wb.readRoster(sheet, onRow, () => {
        const l = lane();
        return l ? ({ cols: l.cols, onRow: (...a) => (l.onRow(...a) ? (laneRows++, true) : false) } satisfies NumberLane) : null;
      }),
  };
  await readSubmission(counting, 'ho.xlsx', ctx, sink);
  return { events, laneRows };
}

describe('plain roster rows read through the number lane', () => {
  it('come out as they do read as cells, and every other row is read as cells', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => rowOf(i));
    const { bytes } = rosterWorkbook({ columns: HO_COLUMNS, rows: rows as never });
    const cells = await read('never', bytes);
    const lane = await read('always', bytes);
    expect(cells.laneRows).toBe(0);
    // the first batch (about 5,000 rows), with the header, goes as cells; the plain rows after
    // it (seven kinds in sixteen) by the lane
    expect(lane.laneRows).toBeGreaterThan(8_000);
    expect(lane.laneRows).toBeLessThan(30_000 * (7 / 16));
    expect(lane.events.length).toBe(cells.events.length);
    expect(lane.events).toEqual(cells.events);
    const kinds = new Map<string, number>();
    for (const e of cells.events) kinds.set((e as [string])[0], (kinds.get((e as [string])[0]) ?? 0) + 1);
    // plain units, units with findings, and file findings are all there
    expect(kinds.get('rosterRow')).toBeGreaterThan(10_000);
    expect(kinds.get('unit')).toBeGreaterThan(5_000);
    expect(kinds.get('diag')).toBeGreaterThan(100);
  }, 60_000);
});
