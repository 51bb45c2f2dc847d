import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolveTier, tierInPhase, existsIn, type PhaseTier } from '../criteria/model.js';
import { tierDigest } from '../criteria/digest.js';
import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import { hundredths, dec, hundredthsToNumber } from '../util/decimal.js';
import { rankTier, unscored } from '../scoring/score.js';
import { StoreUnit, TierStore } from '../scoring/store.js';
import type { ScoredUnit, TierResult } from '../scoring/types.js';
import { readSubmission, type FileLayout, type ReadContext, type UnitReport } from '../submissions/read.js';
import type { Unit } from '../units/load.js';
import { openWorkbook } from '../workbook/read/index.js';
import type { SkippedPath } from './inputs.js';
import { ReadPool, poolSize, workersAvailable } from './pool.js';
import { statistics, type ChildStatistics } from '../scoring/statistics.js';
import { applyRollups, childrenFirst, fromFiles, isChildTier, runChildren, type FromFile } from './rollup.js';
import { type FileReading, readInputFile } from './read-file.js';
import { WorkbookError, type ReadLimits } from '../workbook/types.js';

export interface AssessOptions {
  criteria: CriteriaFile;
  phase: string;
  tierFilter?: string;
  units: Unit[] | null;
  /** Shown as the place of not-submitted findings. */
  unitsPath?: string;
  /** Sorted input paths (as the user gave them). */
  files: string[];
  lockFiles?: string[];
  /** Paths met in folders and not read (links, special files, unlistable folders), with their findings. */
  skipped?: SkippedPath[];
  limits?: Partial<ReadLimits>;
  /** CLI flag that raises each limit, named in `too-large` findings. */
  limitFlags?: Record<string, string>;
  /**
   * false: read every file, and every sheet, on this thread (tests, debugging). 'always':
   * threads whatever the sizes — the pool reads every other file, a second thread every sheet
   * of the rest (tests of the built executables).
   */
  workers?: boolean | 'always';
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number, rows: number) => void;
  /** Called with each tier's store once its units, names and blocks are final, before scoring. */
  beforeScoring?: (store: TierStore, totalUnits: number) => void;
  /** Called with a ranked store's listing order (`TierStore.listingOrder`), just before its columns are put in it. */
  beforeReorder?: (store: TierStore, order: Int32Array) => void;
  /** Earlier runs' results (`--from`), whose units are children of roll-up items (SPEC §11). */
  fromResults?: FromFile[];
}

/** A unit as the listing knows it before anything is scored. */
type Registration = { id: string; name: string; block: string };

/** Units a file gave rows to, by tier: rejected together if the file breaks halfway. */
type Touched = Map<TierStore, number[]>;

/** Below this many files a thread pool costs more than it gives. */
const WORKER_MIN_FILES = 16;
/** Files above this are streamed in the main thread (a worker would send every unit in one message). */
const WORKER_MAX_BYTES = 8 * 1024 * 1024;

export interface Assessment {
  tiers: TierResult[];
  diagnostics: Diagnostic[];
  inputs: { path: string; sha256: string }[];
  layouts: FileLayout[];
  rowsRead: number;
  /** Thống kê: child tiers counted per parent (SPEC §11). */
  statistics: ChildStatistics[];
}

function mk(code: Code, path: string, args: MessageArgs, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: SEVERITY[code], code, args, path, sheet: null, cell: null, ...where };
}

/** Reads every workbook, merges units across files, scores, classes, ranks and proposes awards. */
export async function assess(o: AssessOptions): Promise<Assessment> {
  const { criteria, phase } = o;
  const tiers = new Map<string, PhaseTier>();
  const digests = new Map<string, string>();
  for (const t of criteria.tiers) {
    if (!tierInPhase(t, phase)) continue;
    tiers.set(t.id, resolveTier(criteria, t, phase));
    digests.set(t.id, tierDigest(t));
  }
  const unitById = o.units ? new Map(o.units.map((u) => [u.id, u])) : null;
  const ctx: ReadContext = { criteria, phase, tiers, ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}), units: unitById, digests };
  const diagnostics: Diagnostic[] = [];
  for (const p of o.lockFiles ?? []) diagnostics.push(mk('lock-file-skipped', p, {}));
  for (const sp of o.skipped ?? []) diagnostics.push(mk(sp.code, sp.path, sp.args));
  const layouts: FileLayout[] = [];
  const inputs: { path: string; sha256: string }[] = [];
  const stores = new Map<string, TierStore>();
  const fileLevel = new Set<Diagnostic>();
  /** Units whose form came back empty, by tier and id: not submitted unless another file scores them. */
  const empties = new Map<string, Registration>();
  let rowsRead = 0;

  // sorted here too: the same inputs in any order give the same results
  const files = [...o.files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sizes = files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
  // many small workbooks: read them on every core; big rosters stream in this thread
  // threads exist only in the built tool; THIDUA_WORKERS=0 (o.workers false) keeps everything here
  const threads = o.workers !== false && workersAvailable();
  const always = threads && o.workers === 'always';
  const useWorkers = threads && (always || files.length >= WORKER_MIN_FILES);
  const pool = useWorkers
    ? new ReadPool({ criteria, phase, ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}), units: o.units, digests: [...digests], ...(o.limits ? { limits: o.limits } : {}) }, poolSize())
    : null;
  const pending = new Map<number, Promise<FileReading>>();
  if (pool) files.forEach((f, i) => sizes[i]! <= WORKER_MAX_BYTES && !(always && i % 2) && pending.set(i, pool.read(i, f)));

  /** A file that broke halfway is not half-believed: the units it gave rows to are rejected. */
  const fail = (path: string, f: NonNullable<FileReading['failure']>, touched: Touched): void => {
    const flag = f.code === 'too-large' ? o.limitFlags?.[f.reason] : undefined;
    const d = mk(f.code, path, { reason: f.reason, ...f.detail, ...(flag ? { flag } : {}) });
    diagnostics.push(d);
    // listed once as the file's finding; each unit carries it as its reason
    fileLevel.add(d);
    for (const [store, slots] of touched) for (const slot of new Set(slots)) store.addError(slot, d);
  };

  try {
    for (let fi = 0; fi < files.length; fi++) {
      const path = files[fi]!;
      const job = pending.get(fi);
      if (job) {
        const r = await job;
        if (r.ioError) diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: r.ioError }));
        else {
          // a file refused before reading (a FIFO, too big) has no digest: it was not read
          if (r.sha256) inputs.push({ path, sha256: r.sha256 });
          const touched: Touched = new Map();
          for (const ev of r.events) {
            if ('layout' in ev) layouts.push(ev.layout);
            else merge(ev.unit, layouts, tiers, stores, diagnostics, touched, empties);
          }
          diagnostics.push(...r.diagnostics);
          rowsRead += r.rows;
          if (r.failure) fail(path, r.failure, touched);
        }
      } else await readHere(path, fi);
      o.onProgress?.(fi + 1, files.length, rowsRead);
    }
  } finally {
    await pool?.close();
  }

  /** Streams one workbook in this thread, merging units as they come. */
  async function readHere(path: string, fi: number): Promise<void> {
    let data: Buffer;
    try {
      data = readInputFile(path, o.limits, threads);
    } catch (e) {
      if (e instanceof WorkbookError) return fail(path, { code: e.code, reason: e.reason, detail: e.detail }, new Map());
      diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? '' }));
      return;
    }
    inputs.push({ path, sha256: createHash('sha256').update(data).digest('hex') });
    const touched: Touched = new Map();
    try {
      const wb = await openWorkbook(data, o.limits, { rowsThread: always ? 'always' : threads ? 'auto' : 'never' });
      await readSubmission(wb, path, ctx, {
        layout(l) {
          layouts.push(l);
        },
        unit(u) {
          merge(u, layouts, tiers, stores, diagnostics, touched, empties);
        },
        rosterRow(tierId, unit, name, block, parent, row, values) {
          let store = stores.get(tierId);
          if (!store) stores.set(tierId, (store = new TierStore(tiers.get(tierId)!, layouts)));
          if (store.byId.has(unit)) return false;
          const slot = store.add(unit, name ?? '', block ?? '', layouts.length, row, null);
          if (parent) store.parents[slot] = parent;
          const col = store.values;
          for (let i = 0, at = slot * store.n; i < values.length; i++) col[at + i] = values[i]!;
          let list = touched.get(store);
          if (!list) touched.set(store, (list = []));
          list.push(slot);
          return true;
        },
        diag(d) {
          diagnostics.push(d);
        },
        rows(n) {
          rowsRead += n;
          o.onProgress?.(fi, files.length, rowsRead);
        },
      });
    } catch (e) {
      if (!(e instanceof WorkbookError)) throw e;
      fail(path, { code: e.code, reason: e.reason, detail: e.detail }, touched);
    }
  }

  const ranked = new Map<string, TierResult>();
  const inRun = [...tiers.values()].filter((t) => !o.tierFilter || t.id === o.tierFilter);
  // children from earlier runs: a unit met in a file and again in this run counts once
  const seenChildren = new Set<string>();
  const external = fromFiles(o.fromResults ?? [], criteria.movement.id, phase, seenChildren, diagnostics);
  for (const f of o.fromResults ?? []) if (f.sha256) inputs.push({ path: f.path, sha256: f.sha256 });
  const unitParent = (id: string): string | undefined => unitById?.get(id)?.parent;
  for (const tier of childrenFirst(inRun)) {
    const registered = unitById ? o.units!.filter((u) => u.tier === tier.id && existsIn(u.phases, phase)) : [];
    const listed = registered.length > 0;
    const store = stores.get(tier.id) ?? new TierStore(tier, layouts);
    const emptyHere = [...empties].filter(([key]) => key.startsWith(`${tier.id}\u0000`)).map(([, e]) => e);
    if (!listed && store.size === 0 && emptyHere.length === 0) continue;
    const units: ScoredUnit[] = [];
    const needsParent = isChildTier(tier.id, inRun);
    // parents: the roster's column, else the label above its table, else the units file
    for (let slot = 0; slot < store.size; slot++) {
      if (store.parents[slot]) continue;
      const p = layouts[store.srcLayout[slot]! - 1]?.parent || unitParent(store.ids[slot]!);
      if (p) store.parents[slot] = p;
      else if (needsParent) {
        const src = layouts[store.srcLayout[slot]! - 1];
        diagnostics.push(mk('no-parent', src?.path ?? '', { unit: store.ids[slot]!, tier: tier.id }, { sheet: src?.sheet ?? null, cell: store.unitCell(slot), unit: store.ids[slot]!, tier: tier.id }));
      }
    }
    applyRollups(
      store,
      (child) => {
        const here = ranked.get(child);
        const there = external.get(child);
        if (!here && !there) return undefined;
        const regs = new Set((o.units ?? []).filter((u) => u.tier === child && existsIn(u.phases, phase)).map((u) => u.id));
        const mine = here ? [...runChildren(here, regs, unitParent)] : [];
        const ids = new Set(mine.map((c) => c.id));
        const theirs = (there ?? []).filter((c) => {
          if (!ids.has(c.id)) return true;
          diagnostics.push(mk('duplicate-entry', o.unitsPath ?? '', { item: '–', unit: c.id, other: child }, { unit: c.id, tier: child }));
          return false;
        });
        return [...mine, ...theirs];
      },
      (slot) => {
        const l = layouts[store.srcLayout[slot]! - 1];
        return { path: l?.path ?? '', sheet: l?.sheet ?? null, cell: (i) => (l?.valueCol[i] ? `${l.valueCol[i]}${store.rowOf(slot, i)}` : null) };
      },
      diagnostics,
    );
    for (let slot = 0; slot < store.size; slot++) {
      const id = store.ids[slot]!;
      const reg = unitById?.get(id);
      if (listed && (!reg || reg.tier !== tier.id || !existsIn(reg.phases, phase))) {
        if (!reg || reg.tier === tier.id) {
          const src = layouts[store.srcLayout[slot]! - 1];
          store.addError(slot, mk('unit-not-registered', src?.path ?? '', { unit: id, tier: tier.id }, { sheet: src?.sheet ?? null, cell: store.unitCell(slot), unit: id, tier: tier.id }));
        }
      }
      if (reg) {
        store.names[slot] = reg.name;
        if (reg.block) store.blocks[slot] = reg.block;
      }
      if (!store.names[slot]) store.names[slot] = id;
      missingValues(store, slot, layouts, diagnostics);
      for (const d of store.errors.get(slot) ?? []) if (!fileLevel.has(d)) diagnostics.push(d);
    }
    o.beforeScoring?.(store, [...stores.values()].reduce((n, st) => n + st.size, 0));
    store.score();
    for (let slot = 0; slot < store.size; slot++) units.push(new StoreUnit(store, slot));
    for (const reg of registered) {
      if (store.byId.has(reg.id)) continue;
      units.push(unscored(null, { id: reg.id, name: reg.name, block: reg.block ?? '', parent: reg.parent }, 'not_submitted'));
      // an empty form was already said, at its place
      if (!empties.has(`${tier.id}\u0000${reg.id}`)) diagnostics.push(mk('not-submitted', o.unitsPath ?? '', { unit: reg.id, name: reg.name, tier: tier.id }, { unit: reg.id, tier: tier.id, line: reg.line ?? null }));
    }
    for (const e of emptyHere) {
      if (store.byId.has(e.id) || registered.some((r) => r.id === e.id)) continue;
      units.push(unscored(null, { id: e.id, name: e.name || e.id, block: e.block }, 'not_submitted'));
    }
    let registeredByBlock: Map<string, number> | null = null;
    if (listed) {
      registeredByBlock = new Map();
      for (const r of registered) registeredByBlock.set(r.block ?? '', (registeredByBlock.get(r.block ?? '') ?? 0) + 1);
    }
    store.byId.clear();
    const blockOrder = [...new Set(registered.map((r) => r.block ?? ''))];
    const result = rankTier({ tier, units, registeredByBlock, blockOrder });
    selfDiffers(store, layouts, diagnostics);
    const order = store.listingOrder(result.units);
    if (order) o.beforeReorder?.(store, order);
    store.reorder(result.units, order);
    ranked.set(tier.id, result);
  }
  // listed in the criteria's order, whatever order they were scored in
  const results = inRun.flatMap((t) => ranked.get(t.id) ?? []);
  return { tiers: results, diagnostics: sortDiagnostics(diagnostics), inputs, layouts, rowsRead, statistics: statistics(results, o.units) };
}

/**
 * Adds what one table row (roster) or one sheet (form) reported to its unit. A unit met for the
 * first time in one roster row goes straight into its slot; anything else (a form, a second
 * report of the same unit, a row with errors) keeps where each item came from, to name both
 * places of a duplicate.
 */
function merge(u: UnitReport, layouts: FileLayout[], tiers: Map<string, PhaseTier>, stores: Map<string, TierStore>, diagnostics: Diagnostic[], touched: Touched, empties: Map<string, Registration>): void {
  const tier = tiers.get(u.tier)!;
  const layoutNo = layouts.length;
  const layout = layouts[layoutNo - 1]!;
  let store = stores.get(u.tier);
  if (!store) stores.set(u.tier, (store = new TierStore(tier, layouts)));
  const n = tier.items.length;
  let slot = store.byId.get(u.unit);
  let list = touched.get(store);
  if (!list) touched.set(store, (list = []));
  for (const w of u.warnings) diagnostics.push(w);
  if (u.empty) {
    // sent back as it went out: a finding, and a unit that has not submitted yet
    diagnostics.push(mk('empty-form', layout.path, { unit: u.unit }, { sheet: layout.sheet, cell: u.unitCell, unit: u.unit, tier: u.tier }));
    empties.set(`${u.tier}\u0000${u.unit}`, { id: u.unit, name: u.name ?? '', block: u.block ?? '' });
    return;
  }
  if (slot === undefined) {
    const roster = layout.layout === 'roster';
    const row = roster ? (u.items.values().next().value?.row ?? 0) : 0;
    slot = store.add(u.unit, u.name ?? '', u.block ?? '', layoutNo, row, u.selfTotal);
    if (u.parent) store.parents[slot] = u.parent;
    list.push(slot);
    if (roster && u.errors.length === 0 && oneRow(u, row)) {
      const base = slot * n;
      for (const [idx, rep] of u.items) store.values[base + idx] = rep.value;
      return;
    }
    store.prov.set(slot, { from: new Int32Array(n), row: new Int32Array(n), unitCell: u.unitCell });
  } else {
    list.push(slot);
    if (!store.names[slot] && u.name) store.names[slot] = u.name;
    if (!store.blocks[slot] && u.block) store.blocks[slot] = u.block;
    if (!store.parents[slot] && u.parent) store.parents[slot] = u.parent;
    if (Number.isNaN(store.selfTotalIn[slot]!) && u.selfTotal !== null) store.selfTotalIn[slot] = u.selfTotal;
  }
  const prov = store.provenance(slot);
  if (!prov.unitCell) prov.unitCell = u.unitCell;
  for (const e of u.errors) store.addError(slot, e);
  const base = slot * n;
  for (const [idx, rep] of u.items) {
    if (rep.note !== null) store.setNote(slot, idx, rep.note);
    // self points alone are a claim, not a report: the item is still missing
    const given = !Number.isNaN(rep.value) || !Number.isNaN(rep.assessed);
    const hadError = u.errors.some((e) => e.cell && e.cell.endsWith(String(rep.row)) && e.args.item === tier.items[idx]!.id);
    if (!given && !hadError) {
      if (prov.from[idx] === 0) {
        prov.from[idx] = -layoutNo;
        prov.row[idx] = rep.row;
      }
      if (!Number.isNaN(rep.self)) store.selfColumn()[base + idx] = rep.self;
      continue;
    }
    if (prov.from[idx]! > 0) {
      const prev = layouts[prov.from[idx]! - 1]!;
      const other = `${prev.path} [${prev.sheet}]${prev.valueCol[idx] ? `!${prev.valueCol[idx]}${prov.row[idx]}` : ''}`;
      store.addError(
        slot,
        mk('duplicate-entry', layout.path, { item: tier.items[idx]!.id, unit: u.unit, other: other }, {
          sheet: layout.sheet,
          cell: layout.valueCol[idx] ? `${layout.valueCol[idx]}${rep.row}` : null,
          unit: u.unit,
          tier: u.tier,
        }),
      );
      continue;
    }
    prov.from[idx] = layoutNo;
    prov.row[idx] = rep.row;
    store.values[base + idx] = rep.value;
    if (!Number.isNaN(rep.self)) store.selfColumn()[base + idx] = rep.self;
    if (!Number.isNaN(rep.assessed)) store.assessedColumn()[base + idx] = rep.assessed;
  }
}

/** A roster row with every item on it and no points typed by a person: its layout and row say where each item was. */
function oneRow(u: UnitReport, row: number): boolean {
  for (const rep of u.items.values()) if (rep.row !== row || !Number.isNaN(rep.self) || !Number.isNaN(rep.assessed)) return false;
  return true;
}

/** Items nobody gave a value for: a warning each, at the blank cell when there was one. */
function missingValues(store: TierStore, slot: number, layouts: FileLayout[], out: Diagnostic[]): void {
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
function selfDiffers(store: TierStore, layouts: FileLayout[], out: Diagnostic[]): void {
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
