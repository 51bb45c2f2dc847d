import type { Lang } from '../diagnostics/messages.js';
import type { ReportModel } from '../report/model.js';
import type { ResultsMeta } from '../report/results.js';
import { assess, type Assessment } from './assess.js';
import { decide } from './decisions.js';
import { WorkbookThread, writeOutputs, type OutputName, type OutputTarget } from './outputs.js';
import { assessOptions, type RunInput } from './run-input.js';

/**
 * `thidua score`, top to bottom (SPEC §2): from the checked setup and the workbooks found to
 * the outputs in place. The CLI hands over what it read and where the outputs go, and prints
 * what comes back.
 *
 *   1. assess   every workbook read, units merged across files, roll-ups, scores, classes,
 *               ranks and proposed awards (assess.ts)
 *   2. decide   the council's decisions, after ranking (SPEC §12; decisions.ts)
 *   3. model    the report model: the run's metadata, its tiers and findings, and what else
 *               the outputs show
 *   4. write    results.json, summary.md and bao-cao.docx on this thread, results.xlsx on the
 *               workbook thread (outputs.ts), into files the CLI stages; then all put in place
 *
 * A big run's workbook thread starts in stage 1, as soon as a large tier's names are final, and
 * is joined in stage 4; one that no job took is stopped at the end.
 */

export interface ScoreInput extends RunInput {
  /** The criteria file as shown. */
  criteriaPath: string;
  tool: { name: string; version: string };
  lang: Lang;
  /** The report date, or null: no clock time in outputs unless asked for. */
  date: string | null;
  /** --previous, parsed (earlier.ts); null without one. */
  previous: unknown;
  /** --decisions: the file as shown, and its bytes, read once the ranking is done. */
  decisions?: { path: string; read: () => Uint8Array };
  /** Where the outputs go: each staged as it is written, then all put in place together. */
  outputs: { stage: (name: OutputName) => OutputTarget; place: () => void };
  /** The outputs start being written, `seconds` into the run. */
  onWriting?: (seconds: number) => void;
}

/** What `score` made, for the CLI to print. */
export interface ScoreRun {
  /** Everything the outputs were made from: tiers, findings, the files read, rows. */
  model: ReportModel;
}

/**
 * Scores the run and writes its outputs.
 * @throws CriteriaError when the decisions file cannot be read as decisions (nothing is placed)
 */
export async function score(input: ScoreInput): Promise<ScoreRun> {
  const started = process.hrtime.bigint();
  const trace = tracer(started);
  const thread = new WorkbookThread();
  try {
    const assessed = await assess({ ...assessOptions(input), beforeScoring: (store, total) => thread.send(store, total), namePlaces: (store, g, n) => thread.named.places(store, g, n), beforeReorder: (store, order) => thread.sendOrder(store, order) });
    const decided = input.decisions ? decide(assessed, { path: input.decisions.path, data: input.decisions.read() }, input.phase, input.setup.units) : assessed;
    const model = reportModel(input, decided);
    trace('read and scored');
    input.onWriting?.(Number(process.hrtime.bigint() - started) / 1e9);
    // results.xlsx on the second core while this one writes the others (a big run); all are
    // written whole, then flushed and put in place together
    await writeOutputs(model, input.outputs.stage, thread, trace);
    input.outputs.place();
    trace('flushed to disk');
    return { model };
  } finally {
    thread.close();
  }
}

/** The report model (report/model.ts): what results.json, summary.md, results.xlsx and bao-cao.docx show. */
function reportModel(input: ScoreInput, a: Assessment): ReportModel {
  const meta: ResultsMeta = {
    movement: input.setup.criteria.movement.id,
    phase: input.phase,
    tool: input.tool,
    date: input.date,
    criteria: { path: input.criteriaPath, sha256: input.setup.criteriaSha },
    units: input.unitsPath ? { path: input.unitsPath, sha256: input.setup.unitsSha! } : null,
    inputs: a.inputs,
    lang: input.lang,
  };
  const diagnostics = [...input.setup.warnings, ...a.diagnostics];
  return { meta, criteria: input.setup.criteria, tiers: a.tiers, diagnostics, layouts: a.layouts, rowsRead: a.rowsRead, units: input.setup.units, previous: input.previous, statistics: a.statistics };
}

/** THIDUA_TRACE=1: each stage's time and memory on stderr, from the start of the run. */
function tracer(started: bigint): (what: string) => void {
  return (what) => {
    if (process.env.THIDUA_TRACE) process.stderr.write(`${what}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\n`);
  };
}
