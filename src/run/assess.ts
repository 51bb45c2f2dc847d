import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolveTier, tierInPhase, existsIn, type PhaseTier } from '../criteria/model.js';
import { tierDigest } from '../criteria/digest.js';
import type { Code } from '../diagnostics/codes.js';
import { SEVERITY } from '../diagnostics/codes.js';
import type { Diagnostic, MessageArgs } from '../diagnostics/types.js';
import type { CriteriaFile } from '../generated/criteria.js';
import { hundredths, dec, hundredthsToNumber } from '../scoring/decimal.js';
import { rankTier, scoreUnit, unscored } from '../scoring/score.js';
import type { ScoredUnit, TierResult, UnitInput } from '../scoring/types.js';
import { readSubmission, type FileLayout, type ReadContext, type UnitReport } from '../submissions/read.js';
import type { Unit } from '../units/load.js';
import { openWorkbook } from '../workbook/read/index.js';
import { ReadPool, poolSize, workersAvailable } from './pool.js';
import type { FileReading } from './read-file.js';
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
  limits?: Partial<ReadLimits>;
  /** CLI flag that raises each limit, named in `too-large` findings. */
  limitFlags?: Record<string, string>;
  /** false: read every file in this thread (tests, debugging). */
  workers?: boolean;
  /** Called after each file, for a progress bar. */
  onProgress?: (done: number, total: number, rows: number) => void;
}

/** Per unit while reading: where each item came from, to name both places of a duplicate. */
interface Acc {
  input: UnitInput;
  tier: string;
  /** Cell of the unit id in its first source. */
  unitCell: string | null;
  /** 1-based index of the layout that gave the item; negative: a blank cell seen there. */
  from: Int32Array;
  row: Int32Array;
}

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
  const layouts: FileLayout[] = [];
  const inputs: { path: string; sha256: string }[] = [];
  const accs = new Map<string, Map<string, Acc>>();
  const fileLevel = new Set<Diagnostic>();
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
  const useWorkers = o.workers !== false && files.length >= WORKER_MIN_FILES && workersAvailable();
  const pool = useWorkers
    ? new ReadPool({ criteria, phase, ...(o.tierFilter ? { tierFilter: o.tierFilter } : {}), units: o.units, digests: [...digests], ...(o.limits ? { limits: o.limits } : {}) }, poolSize())
    : null;
  const pending = new Map<number, Promise<FileReading>>();
  if (pool) files.forEach((f, i) => sizes[i]! <= WORKER_MAX_BYTES && pending.set(i, pool.read(i, f)));

  /** A file that broke halfway is not half-believed: the units it gave rows to are rejected. */
  const fail = (path: string, f: NonNullable<FileReading['failure']>, touched: Acc[]): void => {
    const flag = f.code === 'too-large' ? o.limitFlags?.[f.reason] : undefined;
    const d = mk(f.code, path, { reason: f.reason, ...f.detail, ...(flag ? { flag } : {}) });
    diagnostics.push(d);
    // listed once as the file's finding; each unit carries it as its reason
    fileLevel.add(d);
    for (const acc of new Set(touched)) addError(acc.input, d);
  };

  try {
    for (let fi = 0; fi < files.length; fi++) {
      const path = files[fi]!;
      const job = pending.get(fi);
      if (job) {
        const r = await job;
        if (r.ioError) diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: r.ioError }));
        else {
          inputs.push({ path, sha256: r.sha256! });
          const touched: Acc[] = [];
          for (const ev of r.events) {
            if ('layout' in ev) layouts.push(ev.layout);
            else touched.push(merge(ev.unit, layouts, tiers, accs, diagnostics));
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
      data = readFileSync(path);
    } catch (e) {
      diagnostics.push(mk('unreadable-file', path, { reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? '' }));
      return;
    }
    inputs.push({ path, sha256: createHash('sha256').update(data).digest('hex') });
    const touched: Acc[] = [];
    try {
      const wb = await openWorkbook(data, o.limits);
      await readSubmission(wb, path, ctx, {
        layout(l) {
          layouts.push(l);
        },
        unit(u) {
          touched.push(merge(u, layouts, tiers, accs, diagnostics));
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

  const results: TierResult[] = [];
  for (const tier of tiers.values()) {
    if (o.tierFilter && tier.id !== o.tierFilter) continue;
    const registered = unitById ? o.units!.filter((u) => u.tier === tier.id && existsIn(u.phases, phase)) : [];
    const listed = registered.length > 0;
    const tierAccs = accs.get(tier.id) ?? new Map<string, Acc>();
    if (!listed && tierAccs.size === 0) continue;
    const units: ScoredUnit[] = [];
    for (const [id, acc] of tierAccs) {
      const reg = unitById?.get(id);
      if (listed && (!reg || reg.tier !== tier.id || !existsIn(reg.phases, phase))) {
        if (!reg || reg.tier === tier.id) {
          addError(acc.input, mk('unit-not-registered', acc.input.source?.path ?? '', { unit: id, tier: tier.id }, { sheet: acc.input.source?.sheet ?? null, cell: acc.unitCell, unit: id, tier: tier.id }));
        }
      }
      if (reg) {
        acc.input.name = reg.name;
        if (reg.block) acc.input.block = reg.block;
      }
      if (!acc.input.name) acc.input.name = id;
      // a roster row gives every item from one place: its source says it all, and a million
      // households need not carry two arrays each to repeat it
      acc.input.at = uniformPlace(acc) ? null : { layout: acc.from, row: acc.row };
      missingValues(tier, acc, layouts, diagnostics);
      for (const d of acc.input.errors) if (!fileLevel.has(d)) diagnostics.push(d);
      units.push(acc.input.errors.length ? unscored(acc.input, acc.input, 'rejected') : scoreUnit(tier, acc.input));
    }
    for (const reg of registered) {
      if (tierAccs.has(reg.id)) continue;
      units.push(unscored(null, { id: reg.id, name: reg.name, block: reg.block ?? '' }, 'not_submitted'));
      diagnostics.push(mk('not-submitted', o.unitsPath ?? '', { unit: reg.id, name: reg.name, tier: tier.id }, { unit: reg.id, tier: tier.id, line: reg.line ?? null }));
    }
    let registeredByBlock: Map<string, number> | null = null;
    if (listed) {
      registeredByBlock = new Map();
      for (const r of registered) registeredByBlock.set(r.block ?? '', (registeredByBlock.get(r.block ?? '') ?? 0) + 1);
    }
    const blockOrder = [...new Set(registered.map((r) => r.block ?? ''))];
    const result = rankTier({ tier, units, registeredByBlock, blockOrder });
    selfDiffers(tier, result.units, layouts, accs.get(tier.id), diagnostics);
    results.push(result);
  }
  return { tiers: results, diagnostics: sortDiagnostics(diagnostics), inputs, layouts, rowsRead };
}

/** Shared by every unit without errors (a million households, mostly clean): never written to. */
const NO_ERRORS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

function addError(inp: UnitInput, d: Diagnostic): void {
  if (inp.errors === NO_ERRORS) inp.errors = [];
  inp.errors.push(d);
}

function merge(u: UnitReport, layouts: FileLayout[], tiers: Map<string, PhaseTier>, accs: Map<string, Map<string, Acc>>, diagnostics: Diagnostic[]): Acc {
  const tier = tiers.get(u.tier)!;
  const layoutNo = layouts.length;
  const layout = layouts[layoutNo - 1]!;
  let byUnit = accs.get(u.tier);
  if (!byUnit) accs.set(u.tier, (byUnit = new Map()));
  let acc = byUnit.get(u.unit);
  const n = tier.items.length;
  if (!acc) {
    acc = {
      input: {
        id: u.unit,
        name: u.name ?? '',
        block: u.block ?? '',
        values: new Float64Array(n).fill(NaN),
        assessed: null,
        self: null,
        selfTotal: u.selfTotal,
        errors: NO_ERRORS,
        source: { path: layout.path, sheet: layout.sheet, ...(layout.layout === 'roster' ? { row: [...u.items.values()][0]?.row ?? 0 } : {}) },
      },
      tier: u.tier,
      unitCell: u.unitCell,
      from: new Int32Array(n),
      row: new Int32Array(n),
    };
    byUnit.set(u.unit, acc);
  } else {
    if (!acc.input.name && u.name) acc.input.name = u.name;
    if (!acc.input.block && u.block) acc.input.block = u.block;
    if (acc.input.selfTotal === null) acc.input.selfTotal = u.selfTotal;
  }
  const inp = acc.input;
  for (const e of u.errors) addError(inp, e);
  if (!acc.unitCell) acc.unitCell = u.unitCell;
  diagnostics.push(...u.warnings);
  for (const [idx, rep] of u.items) {
    // self points alone are a claim, not a report: the item is still missing
    const given = !Number.isNaN(rep.value) || !Number.isNaN(rep.assessed);
    const hadError = u.errors.some((e) => e.cell && e.cell.endsWith(String(rep.row)) && e.args.item === tier.items[idx]!.id);
    if (!given && !hadError) {
      if (acc.from[idx] === 0) {
        acc.from[idx] = -layoutNo;
        acc.row[idx] = rep.row;
      }
      if (!Number.isNaN(rep.self)) (inp.self ??= new Float64Array(n).fill(NaN))[idx] = rep.self;
      continue;
    }
    if (acc.from[idx]! > 0) {
      const prev = layouts[acc.from[idx]! - 1]!;
      const other = `${prev.path} [${prev.sheet}]${prev.valueCol[idx] ? `!${prev.valueCol[idx]}${acc.row[idx]}` : ''}`;
      addError(
        inp,
        mk('duplicate-entry', layout.path, { item: tier.items[idx]!.id, unit: u.unit, other: other }, {
          sheet: layout.sheet,
          cell: layout.valueCol[idx] ? `${layout.valueCol[idx]}${rep.row}` : null,
          unit: u.unit,
          tier: u.tier,
        }),
      );
      continue;
    }
    acc.from[idx] = layoutNo;
    acc.row[idx] = rep.row;
    inp.values[idx] = rep.value;
    if (!Number.isNaN(rep.self)) (inp.self ??= new Float64Array(n).fill(NaN))[idx] = rep.self;
    if (!Number.isNaN(rep.assessed)) (inp.assessed ??= new Float64Array(n).fill(NaN))[idx] = rep.assessed;
  }
  return acc;
}

/** Every item given (or blank) in the same layout and row: the unit's source row. */
function uniformPlace(acc: Acc): boolean {
  const row = acc.input.source?.row;
  if (row === undefined) return false;
  const l = acc.from[0];
  for (let i = 0; i < acc.from.length; i++) if (acc.from[i] !== l || acc.row[i] !== row) return false;
  return true;
}

/** Items nobody gave a value for: a warning each, at the blank cell when there was one. */
function missingValues(tier: PhaseTier, acc: Acc, layouts: FileLayout[], out: Diagnostic[]): void {
  if (acc.input.errors.length) return;
  for (let i = 0; i < tier.items.length; i++) {
    if (acc.from[i]! > 0) continue;
    const item = tier.items[i]!;
    if (!Number.isNaN(acc.input.values[i]!) || (acc.input.assessed && !Number.isNaN(acc.input.assessed[i]!))) continue;
    const l = acc.from[i]! < 0 ? layouts[-acc.from[i]! - 1] : undefined;
    out.push(
      mk('missing-value', l?.path ?? acc.input.source?.path ?? '', { item: item.id, ...(item.critical ? { critical: 1 } : {}) }, {
        sheet: l?.sheet ?? acc.input.source?.sheet ?? null,
        cell: l?.valueCol[i] ? `${l.valueCol[i]}${acc.row[i]}` : null,
        unit: acc.input.id,
        tier: tier.id,
      }),
    );
  }
}

/** Self points that differ from what was computed, item by item and in total. */
function selfDiffers(tier: PhaseTier, units: ScoredUnit[], layouts: FileLayout[], accs: Map<string, Acc> | undefined, out: Diagnostic[]): void {
  for (const u of units) {
    if (u.status !== 'scored' || !u.input) continue;
    const acc = accs?.get(u.id);
    const self = u.input.self;
    if (self && acc) {
      for (let i = 0; i < tier.items.length; i++) {
        const s = self[i]!;
        if (Number.isNaN(s)) continue;
        const sh = hundredths(dec(s));
        if (sh === u.points[i]) continue;
        const l = layouts[acc.from[i]! - 1];
        out.push(
          mk('self-score-differs', l?.path ?? '', { item: tier.items[i]!.id, self: hundredthsToNumber(sh), computed: hundredthsToNumber(u.points[i]!) }, {
            sheet: l?.sheet ?? null,
            cell: l?.selfCol ? `${l.selfCol}${acc.row[i]}` : null,
            unit: u.id,
            tier: tier.id,
          }),
        );
      }
    }
    if (u.selfTotal !== null && u.total !== null && u.selfTotal !== u.total) {
      out.push(mk('self-score-differs', u.input.source?.path ?? '', { self: hundredthsToNumber(u.selfTotal), computed: hundredthsToNumber(u.total) }, { sheet: u.input.source?.sheet ?? null, unit: u.id, tier: tier.id }));
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
