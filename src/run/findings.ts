import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { TierStore } from '../scoring/store.js';
import type { FileLayout } from '../submissions/read.js';
import { dec, hundredths, hundredthsToNumber } from '../util/decimal.js';

/**
 * The findings a run makes of its own, beyond what reading a workbook says: blanks nobody
 * filled, self points that differ from the computed ones, and the one stable order every
 * finding is listed in (results.json, summary.md, the terminal).
 */

/** A finding of `code` at `path`, placed further by `where` (sheet, cell, unit, tier). */
export function mk(code: Code, path: string, args: MessageArgs, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: SEVERITY[code], code, args, path, sheet: null, cell: null, ...where };
}

/** Items nobody gave a value for: a warning each, at the blank cell when there was one. */
export function missingValues(store: TierStore, slot: number, layouts: FileLayout[], out: Diagnostic[]): void {
  // a rejected unit's blanks are said too: one pass shows every problem of a unit (SPEC §9)
  const tier = store.tier;
  const n = store.n;
  const base = slot * n;
  let src: FileLayout | undefined;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(store.values[base + i]!) || (store.assessed && !Number.isNaN(store.assessed[base + i]!))) continue;
    // computed from other items: their blanks are said, not its own
    if (tier.items[i]!.input === 'cases') continue;
    const from = store.from(slot, i);
    // a roll-up item's reported cell does not count: the children gave nothing
    if (from > 0 && !tier.items[i]!.from) continue;
    src ??= layouts[store.srcLayout[slot]! - 1];
    const item = tier.items[i]!;
    const l = from < 0 ? layouts[-from - 1] : undefined;
    out.push(
      mk('missing-value', l?.path ?? src?.path ?? '', { item: item.id, ...(item.critical ? { critical: 1 } : {}), ...((l ?? src)?.layout === 'form' ? { column: 'value' } : {}) }, {
        sheet: l?.sheet ?? src?.sheet ?? null,
        cell: l?.valueCol[i] ? `${l.valueCol[i]}${store.rowOf(slot, i)}` : null,
        unit: store.ids[slot]!,
        tier: tier.id,
      }),
    );
  }
}

/** Self points that differ from what was computed, item by item and in total. */
export function selfDiffers(store: TierStore, layouts: FileLayout[], out: Diagnostic[]): void {
  const tier = store.tier;
  const n = store.n;
  const self = store.self;
  for (let slot = 0; slot < store.size; slot++) {
    if (store.errors.has(slot)) continue;
    const id = store.ids[slot]!;
    const base = slot * n;
    if (self) {
      for (let i = 0; i < n; i++) {
        const s = self[base + i]!;
        if (Number.isNaN(s)) continue;
        const sh = hundredths(dec(s));
        const computed = store.points[base + i]!;
        if (sh === computed) continue;
        // a blank value cell (a computed item's, say) still places the self points on its row
        const l = layouts[Math.abs(store.from(slot, i)) - 1];
        out.push(
          mk('self-score-differs', l?.path ?? '', { item: tier.items[i]!.id, self: hundredthsToNumber(sh), computed: hundredthsToNumber(computed) }, {
            sheet: l?.sheet ?? null,
            cell: l?.selfCol ? `${l.selfCol}${store.rowOf(slot, i)}` : null,
            unit: id,
            tier: tier.id,
          }),
        );
      }
    }
    const selfTotal = store.selfTotal[slot]!;
    const total = store.total[slot]!;
    if (!Number.isNaN(selfTotal) && selfTotal !== total) {
      const src = layouts[store.srcLayout[slot]! - 1];
      out.push(mk('self-score-differs', src?.path ?? '', { self: hundredthsToNumber(selfTotal), computed: hundredthsToNumber(total) }, { sheet: src?.sheet ?? null, unit: id, tier: tier.id }));
    }
  }
}

const SEV_ORDER = { error: 0, warning: 1 } as const;

/** A stable order that does not depend on the order files were given in. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string => `${d.path}\u0000${d.sheet ?? ''}\u0000${cellKey(d.cell)}\u0000${String(d.line ?? 0).padStart(8, '0')}\u0000${String(d.column ?? 0).padStart(8, '0')}\u0000${d.code}\u0000${d.unit ?? ''}\u0000${JSON.stringify(d.args)}`;
  return ds
    .map((d) => ({ d, k: key(d) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : SEV_ORDER[a.d.severity] - SEV_ORDER[b.d.severity]))
    .map((x) => x.d);
}

/** D14 sorts before D100: row-major with padded numbers. */
function cellKey(cell: string | null | undefined): string {
  if (!cell) return '';
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return m ? `${m[2]!.padStart(8, '0')}${m[1]!.padStart(3, ' ')}` : cell;
}
