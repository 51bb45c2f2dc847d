// npm run bench [-- --rows 1000000 --narrow-rows 300000 --forms 1000 --communes 1000 --repeat 3]
// Times `thidua score` end to end on two generated household rosters and on batches of form
// workbooks, next to baselines measured in the same run: the decompression floor
// (`unzip -p` of the sheet and shared strings) and exceljs's streaming reader merely
// iterating the same file. Writes bench/results.json and bench/results.md.
//
// The two rosters (scripts/gen-roster.mjs) are the two shapes boards meet:
//   - wide: --rows households (default 1,000,000) of 12 items, long names with a number,
//     the shared strings stored before the sheet (bench/criteria.yaml);
//   - narrow: --narrow-rows households (default 300,000, 0 leaves it out) of 4 items, ids
//     and short repeating names, the sheet stored before the shared strings as Excel and
//     LibreOffice write it (bench/criteria-narrow.yaml).
// Form batches: --forms workbooks (default 1,000) and two small batches (300 and 20), each
// with worker threads and on one thread (THIDUA_WORKERS=0): threads must never lose.
//
// The roll-up run (SPEC §11, issue 18): the same roster with a `Cấp trên` column spreading
// the households over C communes (--communes, default one per 1,000 households; 0 leaves the
// run out) and the communes' forms, under bench/criteria-rollup.yaml (a commune tier rolling
// the household tier of bench/criteria.yaml up), timed
//   - households alone: the roster with its `Cấp trên` column, no commune forms — the baseline;
//   - one run: the roster and the C commune forms in one `thidua score`;
//   - one run, one thread: the same with THIDUA_WORKERS=0, which tells the roll-up's own cost
//     from that of reading the roster among many files on worker threads;
//   - from files: the C commune forms with C `--from` results files, one per commune.
// The C per-commune results files are not made by C runs (a thousand runs is too many):
// the households-alone run's results.json is split by each household's `parent`. That is what
// C runs each scoring one commune's households would give, entry for entry: every unit's
// value, points, total and class are its own, and scripts/gen-roster.mjs puts every block
// (village) within one commune, so ranks and award quotas, counted per block, come out the
// same; only `source` (file and row) and the tier's statistics would differ, and the roll-up
// reads neither. The same runs at a quarter of the households and communes show whether the
// roll-up is linear in the number of children. The communes' unit entries of the one run and
// of the from-files run are compared byte for byte (results.md says whether they agree).
//
// Each run generates its inputs and writes its outputs in a folder of its own under the
// system's temporary folder, removed when the run ends (--keep leaves it and says where), so
// two runs at once never share or destroy each other's files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { communeForms, sameUnits, splitByParent } from './rollup.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'narrow-rows': { type: 'string', default: '300000' },
    forms: { type: 'string', default: '1000' },
    // communes of the roll-up run; default one per 1,000 households, 0 for none
    communes: { type: 'string' },
    quarter: { type: 'boolean', default: true },
    keep: { type: 'boolean', default: false },
    // the roster runs and their baselines taken this many times, interleaved; medians reported
    repeat: { type: 'string', default: '1' },
  },
});
const ROWS = Number(values.rows);
const FORMS = Number(values.forms);
const NARROW_ROWS = Number(values['narrow-rows']);
const REPEAT = Math.max(1, Number(values.repeat) || 1);
const COMMUNES = values.communes !== undefined ? Number(values.communes) : Math.max(1, Math.round(ROWS / 1000));
/** Blocks of the generated rosters: every commune holds whole blocks, so at most this many. */
const BLOCKS = 2000;
if (!(COMMUNES >= 0 && COMMUNES <= BLOCKS && Number.isInteger(COMMUNES))) throw new Error(`--communes ${values.communes}: a whole number from 0 to ${BLOCKS}`);
const ROOT = new URL('..', import.meta.url).pathname;
const WORK = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
process.on('exit', () => {
  if (values.keep) process.stderr.write(`inputs and outputs kept in ${WORK}\n`);
  else rmSync(WORK, { recursive: true, force: true });
});
// Ctrl-C and kill end the run through 'exit', which removes the folder.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.on(signal, () => process.exit(code));
const node = process.execPath;
const thidua = join(ROOT, 'bin', 'thidua.js');

/** Wall time and peak RSS of a command, from GNU time. */
function measure(label, cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', env: { ...process.env, ...env, CI: '1' }, maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const out = { label, wall, rssMB: Math.round(kb / 1024) };
  process.stderr.write(`  ${label}: ${wall.toFixed(2)} s, ${out.rssMB} MB\n`);
  return out;
}

function roster(rows, narrow = false) {
  const file = join(WORK, `roster-${rows}${narrow ? '-narrow' : ''}.xlsx`);
  process.stderr.write(`generating a ${rows}-row ${narrow ? 'narrow' : 'wide'} roster…\n`);
  const shape = narrow ? ['--items', '4', '--short', '--sheet-first'] : ['--items', '12'];
  const r = spawnSync(node, [join(ROOT, 'scripts', 'gen-roster.mjs'), '--rows', String(rows), ...shape, '--blocks', String(BLOCKS), '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('roster generation failed');
  return file;
}

/** The same roster with a `Cấp trên` column over `communes` communes, and the rows of each. */
function parentRoster(rows, communes) {
  const file = join(WORK, `roster-${rows}-xa-${communes}.xlsx`);
  process.stderr.write(`generating a ${rows}-row roster over ${communes} communes…\n`);
  const r = spawnSync(node, [join(ROOT, 'scripts', 'gen-roster.mjs'), '--rows', String(rows), '--items', '12', '--blocks', String(BLOCKS), '--parents', String(communes), '--out', file], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error('roster generation failed');
  return { file, parentRows: JSON.parse(r.stdout.trim().split('\n').pop()).parentRows };
}

async function forms(n) {
  const dir = join(WORK, `forms-${n}`);
  process.stderr.write(`generating ${n} form workbooks…\n`);
  mkdirSync(dir);
  const { loadCriteria } = await import('../dist/criteria/load.js');
  const { makeTemplates } = await import('../dist/template/template.js');
  const { writeWorkbook } = await import('../dist/workbook/write/index.js');
  const { criteria } = loadCriteria(readFileSync(join(ROOT, 'examples/gia-lai-hoc-tap-suot-doi/criteria.yaml')), 'criteria.yaml');
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x1_0000_0000);
  const units = Array.from({ length: n }, (_, i) => ({ id: `DV-${String(i + 1).padStart(4, '0')}`, name: `Đơn vị số ${i + 1}`, tier: 'so_nganh', block: `Khối ${(i % 20) + 1}` }));
  const files = makeTemplates({
    criteria, tier: 'so_nganh', phase: 'gd1', units, lang: 'vi', date: new Date('2024-01-01T00:00:00Z'),
    fill: {
      form: (_unit, item) => ({
        value: item.input === 'yes_no' ? (rand() < 0.8 ? 'Có' : 'Không') : item.input === 'count' ? Math.floor(rand() * 6) : Math.round(rand() * 10000) / 100,
      }),
    },
  });
  files.forEach((f) => writeFileSync(join(dir, f.name), writeWorkbook(f.model)));
  return dir;
}

const results = { date: new Date().toISOString().slice(0, 10), node: process.version, rows: ROWS, forms: FORMS, runs: [] };
const file = roster(ROWS);
process.stderr.write(`roster ${ROWS} rows (${(readFileSync(file).length / 1e6).toFixed(1)} MB):\n`);
const out = join(WORK, 'out');
const q = values.quarter && ROWS >= 4 ? roster(Math.floor(ROWS / 4)) : null;
const narrowFile = NARROW_ROWS > 0 ? roster(NARROW_ROWS, true) : null;
/** A run into an empty output folder (replacing a gigabyte of earlier results costs time of its own). */
const score = (label, input, dir, criteria = 'criteria.yaml') => {
  rmSync(dir, { recursive: true, force: true });
  return measure(label, node, [thidua, 'score', join(ROOT, 'bench', criteria), input, '--phase', 'gd1', '-o', dir, '-q']);
};
/** Each form batch's workbooks, made once. */
const formDirs = new Map();
// The roll-up run's inputs: at full size, and at a quarter of the households and communes.
const ROLLUP_CRITERIA = join(ROOT, 'bench', 'criteria-rollup.yaml');
const rollupSets = [];
if (COMMUNES > 0) {
  // its household tier must be the one of criteria.yaml, or "households alone" is another roster
  const hoTier = (path) => readFileSync(path, 'utf8').split('\n  - id: ho\n')[1];
  if (!hoTier(ROLLUP_CRITERIA) || hoTier(ROLLUP_CRITERIA) !== hoTier(join(ROOT, 'bench', 'criteria.yaml'))) throw new Error('bench/criteria-rollup.yaml: the household tier differs from bench/criteria.yaml');
  const sizes = [[ROWS, COMMUNES, 'full']];
  if (values.quarter && ROWS >= 4 && COMMUNES >= 4) sizes.push([Math.floor(ROWS / 4), Math.round(COMMUNES / 4), 'quarter']);
  for (const [rows, communes, tag] of sizes) {
    const { file: rf, parentRows } = parentRoster(rows, communes);
    process.stderr.write(`generating ${communes} commune forms…\n`);
    const formsDir = join(WORK, `xa-${tag}`);
    await communeForms(ROOT, formsDir, ROLLUP_CRITERIA, parentRows);
    rollupSets.push({ tag, rows, communes, parentRows, roster: rf, rosterBytes: statSync(rf).size, forms: formsDir, fromDir: join(WORK, `from-${tag}`), fromFiles: null, takes: { alone: [], one: [], oneThread: [], from: [] } });
  }
}
/** A run of the roll-up criteria into an empty output folder. */
const scoreRollup = (label, inputs, dir, extra = [], env = {}) => {
  rmSync(dir, { recursive: true, force: true });
  return measure(label, node, [thidua, 'score', ROLLUP_CRITERIA, ...inputs, '--phase', 'gd1', '-o', dir, '-q', ...extra], env);
};
let agreement = null;
const takes = { floor: [], exceljs: [], full: [], quarter: [], narrowFloor: [], narrowExceljs: [], narrow: [] };
const FORM_BATCHES = [...new Set([FORMS, 300, 20])].filter((n) => n > 0 && n <= Math.max(FORMS, 20)).sort((a, b) => b - a);
const formTakes = new Map(FORM_BATCHES.map((n) => [n, { threads: [], one: [] }]));
for (const n of FORM_BATCHES) formDirs.set(n, await forms(n));
const FORM_CRITERIA = join(ROOT, 'examples/gia-lai-hoc-tap-suot-doi/criteria.yaml');
for (let i = 0; i < REPEAT; i++) {
  if (REPEAT > 1) process.stderr.write(`round ${i + 1} of ${REPEAT}\n`);
  takes.floor.push(measure('unzip -p sheet + shared strings (decompression floor)', 'sh', ['-c', `unzip -p '${file}' xl/worksheets/sheet1.xml xl/sharedStrings.xml > /dev/null`]));
  takes.exceljs.push(measure('exceljs streaming reader, iterating only', node, [join(ROOT, 'bench', 'exceljs-iterate.mjs'), file]));
  takes.full.push(score(`thidua score, ${ROWS} rows end to end`, file, out));
  if (q) takes.quarter.push(score(`thidua score, ${Math.floor(ROWS / 4)} rows end to end`, q, join(WORK, 'out-q')));
  if (narrowFile) {
    takes.narrowFloor.push(measure('narrow: unzip -p sheet + shared strings (decompression floor)', 'sh', ['-c', `unzip -p '${narrowFile}' xl/worksheets/sheet1.xml xl/sharedStrings.xml > /dev/null`]));
    takes.narrowExceljs.push(measure('narrow: exceljs streaming reader, iterating only', node, [join(ROOT, 'bench', 'exceljs-iterate.mjs'), narrowFile]));
    takes.narrow.push(score(`narrow: thidua score, ${NARROW_ROWS} rows end to end`, narrowFile, join(WORK, 'out-n'), 'criteria-narrow.yaml'));
  }
  for (const n of FORM_BATCHES) {
    const t = formTakes.get(n);
    const args = (out) => [thidua, 'score', FORM_CRITERIA, formDirs.get(n), '--phase', 'gd1', '--tier', 'so_nganh', '-o', join(WORK, out), '-q'];
    t.threads.push(measure(`thidua score, ${n} forms, worker threads`, node, args(`out-f${n}`)));
    t.one.push(measure(`thidua score, ${n} forms, one thread`, node, args(`out-f${n}-1`), { THIDUA_WORKERS: '0' }));
  }
  for (const s of rollupSets) {
    const dirs = { alone: join(WORK, `out-alone-${s.tag}`), one: join(WORK, `out-one-${s.tag}`), from: join(WORK, `out-from-${s.tag}`) };
    s.takes.alone.push(scoreRollup(`households alone: ${s.rows} rows with Cấp trên`, [s.roster], dirs.alone));
    if (!s.fromFiles) {
      // the per-commune results files, split out of the households-alone run (not timed)
      const split = await splitByParent(join(dirs.alone, 'results.json'), 'ho', s.fromDir);
      // (a commune with no households — fewer rows than blocks — has no file to send)
      if (split.units !== s.rows || split.files.length !== s.parentRows.filter((n) => n > 0).length) throw new Error(`split ${split.units} households into ${split.files.length} files, expected ${s.rows} into ${s.communes}`);
      s.fromFiles = split.files;
    }
    s.takes.one.push(scoreRollup(`one run: ${s.rows} rows + ${s.communes} commune forms`, [s.roster, s.forms], dirs.one));
    s.takes.oneThread.push(scoreRollup(`one run, one thread: ${s.rows} rows + ${s.communes} commune forms`, [s.roster, s.forms], join(WORK, `out-one1-${s.tag}`), [], { THIDUA_WORKERS: '0' }));
    s.takes.from.push(scoreRollup(`from files: ${s.communes} commune forms + ${s.fromFiles.length} --from files (${s.rows} households)`, [s.forms], dirs.from, s.fromFiles.flatMap((f) => ['--from', f])));
    if (i === 0 && s.tag === 'full') {
      agreement = await sameUnits(join(dirs.one, 'results.json'), join(dirs.from, 'results.json'), 'xa');
      if (agreement.units !== s.communes) throw new Error(`the one run has ${agreement.units} communes in results.json, expected ${s.communes}`);
      process.stderr.write(`  communes' unit entries, one run vs --from files: ${agreement.identical ? 'identical byte for byte' : `DIFFER (${agreement.differ.length} differ, ${agreement.sourceOnly} only in source)`}\n`);
    }
  }
}
/** The median of the takes (wall and RSS each), with every take kept. */
const median = (list) => {
  if (list.length === 0) return null;
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return { label: list[0].label, wall: mid(list.map((r) => r.wall)), rssMB: mid(list.map((r) => r.rssMB)), ...(list.length > 1 ? { takes: list.map((r) => r.wall) } : {}) };
};
const floor = median(takes.floor);
const exceljs = median(takes.exceljs);
const full = median(takes.full);
const quarter = median(takes.quarter);
results.repeat = REPEAT;
results.runs.push(floor, exceljs, full);
if (quarter) results.runs.push(quarter);
const narrow = narrowFile ? { floor: median(takes.narrowFloor), exceljs: median(takes.narrowExceljs), full: median(takes.narrow) } : null;
if (narrow) results.runs.push(narrow.floor, narrow.exceljs, narrow.full);
results.narrowRows = NARROW_ROWS;
const formBatches = FORM_BATCHES.map((n) => {
  const threads = median(formTakes.get(n).threads);
  const one = median(formTakes.get(n).one);
  results.runs.push(threads, one);
  return { forms: n, threads, one, speedupFromThreads: +(one.wall / threads.wall).toFixed(2) };
});
const formRun = formBatches[0]?.threads ?? null;
const formSeq = formBatches[0]?.one ?? null;
results.ratios = {
  vsExceljs: +(exceljs.wall / full.wall).toFixed(2),
  vsFloor: +(full.wall / floor.wall).toFixed(2),
  ...(narrow ? { narrowVsExceljs: +(narrow.exceljs.wall / narrow.full.wall).toFixed(2), narrowVsFloor: +(narrow.full.wall / narrow.floor.wall).toFixed(2) } : {}),
  ...(quarter ? { rssQuarterMB: quarter.rssMB, rssFullMB: full.rssMB, rssBytesPerExtraUnit: Math.round(((full.rssMB - quarter.rssMB) * 1024 * 1024) / (ROWS - Math.floor(ROWS / 4))) } : {}),
  ...(formRun ? { formsSpeedupFromThreads: +(formSeq.wall / formRun.wall).toFixed(2) } : {}),
};
/**
 * Whether the one run reads the roster on a worker of the read pool instead of streaming it in
 * the main thread: with at least 16 files, every file up to 8 MiB goes to the pool
 * (WORKER_MIN_FILES, WORKER_MAX_BYTES in src/run/read-files.ts). A 1,000,000-row roster is far
 * above that; a small bench's roster is not, and then the one run is not the one of full scale.
 */
const inPool = (s) => 1 + s.communes >= 16 && s.rosterBytes <= 8 * 1024 * 1024;
/** The roll-up run: each size's runs, the one run against the households alone, linearity. */
const rollupMd = [];
if (rollupSets.length) {
  const x = (a, b) => +(a / b).toFixed(2);
  const sizes = rollupSets.map((s) => {
    const alone = median(s.takes.alone);
    const one = median(s.takes.one);
    const oneThread = median(s.takes.oneThread);
    const from = median(s.takes.from);
    const roster = s.tag === 'full' ? full : quarter;
    return {
      rows: s.rows, communes: s.communes, rosterMB: +(s.rosterBytes / 1e6).toFixed(1), rosterInPool: inPool(s), alone, one, oneThread, from,
      oneVsAlone: x(one.wall, alone.wall), oneVsAloneRss: x(one.rssMB, alone.rssMB),
      oneVsRosterWithoutParents: roster ? x(one.wall, roster.wall) : null,
      oneThreadVsAlone: x(oneThread.wall, alone.wall),
      overhead: +(one.wall - alone.wall).toFixed(2),
    };
  });
  const [f, qs] = sizes;
  const linear = qs
    ? {
        childrenRatio: x(f.rows, qs.rows),
        communesRatio: x(f.communes, qs.communes),
        overheadRatio: qs.overhead > 0 ? x(f.overhead, qs.overhead) : null,
        fromRatio: x(f.from.wall, qs.from.wall),
        fromRssBytesPerExtraHousehold: Math.round(((f.from.rssMB - qs.from.rssMB) * 1024 * 1024) / (f.rows - qs.rows)),
        samePath: f.rosterInPool === qs.rosterInPool,
      }
    : null;
  results.rollup = {
    criteria: 'bench/criteria-rollup.yaml',
    fromFiles: 'split by parent out of the households-alone run, one per commune (what a run per commune gives for every unit entry but source)',
    sizes,
    ...(linear ? { linear } : {}),
    agreement,
  };
  const pct = (r) => `${Math.round(r * 100)} %`;
  rollupMd.push(
    '',
    `Roll-up (bench/criteria-rollup.yaml): households with a \`Cấp trên\` column spread over communes (one per ${Math.round(ROWS / COMMUNES).toLocaleString('en')} households), each commune sending a form.${REPEAT > 1 ? ` Median of ${REPEAT} interleaved takes.` : ''}`,
    '',
    `| run | households | communes | wall (s) | peak RSS (MB) | wall / households alone | RSS / households alone |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...sizes.flatMap((z) =>
      [
        ['households alone (roster with Cấp trên, no commune forms)', z.alone],
        ['one run: roster + commune forms', z.one],
        ['one run, one thread (THIDUA_WORKERS=0)', z.oneThread],
        [`from files: commune forms + ${z.communes} --from results files`, z.from],
      ].map(([label, r]) => `| ${label} | ${z.rows.toLocaleString('en')} | ${z.communes.toLocaleString('en')} | ${r.wall.toFixed(2)} | ${r.rssMB} | ${x(r.wall, z.alone.wall).toFixed(2)} | ${x(r.rssMB, z.alone.rssMB).toFixed(2)} |`),
    ),
    '',
    ...sizes.map((z) => `${z.rows.toLocaleString('en')} households, ${z.communes.toLocaleString('en')} commune${z.communes === 1 ? '' : 's'}: the one run takes ${pct(z.oneVsAlone)} of the households alone's time (target ≤ 110 %), ${pct(z.oneVsAloneRss)} of its peak RSS${z.oneVsRosterWithoutParents !== null ? `, ${pct(z.oneVsRosterWithoutParents)} of the time of the roster without \`Cấp trên\` under criteria.yaml` : ''}; the roll-up adds ${z.overhead.toFixed(2)} s; on one thread the one run takes ${pct(z.oneThreadVsAlone)}.`),
    ...(linear
      ? [
          `Linearity: ×${linear.childrenRatio} households and ×${linear.communesRatio} communes make the one run's overhead ×${linear.overheadRatio ?? '–'} and the from-files run ×${linear.fromRatio} (linear: ×${linear.childrenRatio}; less means a part that does not grow, such as starting up and the workbooks' fixed cost)${linear.samePath ? '' : ' — but the two sizes read the roster by different paths (below), so the overhead ratio compares unlike runs'}. The from-files run's peak RSS grows by ${linear.fromRssBytesPerExtraHousehold.toLocaleString('en')} bytes per extra household (every --from file is parsed whole before scoring).`,
        ]
      : []),
    ...sizes
      .filter((z) => z.rosterInPool)
      .map((z) => `At ${z.rows.toLocaleString('en')} households the roster (${z.rosterMB} MB) is one of ${z.communes + 1} files and under 8 MiB, so the one run reads it on a worker of the read pool (src/run/read-files.ts) rather than streaming it in the main thread as a 1,000,000-row roster is; the one-thread run shows the one run without that path.`),
    agreement
      ? agreement.identical
        ? `The ${agreement.units.toLocaleString('en')} communes' unit entries in results.json are identical byte for byte between the one run and the from-files run.`
        : `The communes' unit entries DIFFER between the one run and the from-files run: ${agreement.differ.length} differ (${agreement.differ.slice(0, 5).join(', ')}${agreement.differ.length > 5 ? ' …' : ''}), ${agreement.sourceOnly} only in \`source\`.`
      : '',
    `The --from files (one per commune with households) are the households-alone run's results.json split by \`parent\` — what a run per commune gives for every household's entry but \`source\` (every village lies within one commune, so ranks and award quotas per block are the same).`,
  );
}
/** The two rosters against the targets (issue: speed on every roster). */
const rosterShapes = [
  { shape: `wide: ${ROWS.toLocaleString('en')} households, 12 items, long names, shared strings first`, rows: ROWS, floor, exceljs, full, rssLimitMB: ROWS >= 1_000_000 ? 1200 : null, floorLimit: 5 },
  ...(narrow ? [{ shape: `narrow: ${NARROW_ROWS.toLocaleString('en')} households, 4 items, short names, sheet first`, rows: NARROW_ROWS, ...narrow, rssLimitMB: null, floorLimit: null }] : []),
];
const met = (ok) => (ok ? 'met' : '**not met**');
results.targets = rosterShapes.map((r) => ({
  shape: r.shape,
  vsExceljs: +(r.exceljs.wall / r.full.wall).toFixed(2),
  vsFloor: +(r.full.wall / r.floor.wall).toFixed(2),
  threeTimesExceljs: r.exceljs.wall / r.full.wall >= 3,
  ...(r.floorLimit ? { withinFloorLimit: r.full.wall / r.floor.wall <= r.floorLimit } : {}),
  ...(r.rssLimitMB ? { underRssLimit: r.full.rssMB < r.rssLimitMB } : {}),
}));
results.formBatches = formBatches.map((b) => ({ forms: b.forms, threads: b.threads.wall, one: b.one.wall, speedupFromThreads: b.speedupFromThreads }));
const md = [
  ...(REPEAT > 1 ? [`Median of ${REPEAT} interleaved takes of every run.`, ''] : []),
  `| roster | floor (s) | exceljs iterating (s) | thidua end to end (s) | thidua peak RSS (MB) | × faster than exceljs (target ≥ 3) | × the floor | targets |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
  ...rosterShapes.map((r, i) => {
    const t = results.targets[i];
    const notes = [`3× exceljs ${met(t.threeTimesExceljs)}`, ...(r.floorLimit ? [`≤ ${r.floorLimit}× floor ${met(t.withinFloorLimit)}`] : []), ...(r.rssLimitMB ? [`< ${r.rssLimitMB} MB ${met(t.underRssLimit)}`] : [])];
    return `| ${r.shape} | ${r.floor.wall.toFixed(2)} | ${r.exceljs.wall.toFixed(2)} | ${r.full.wall.toFixed(2)} | ${r.full.rssMB} | ${t.vsExceljs.toFixed(2)} | ${t.vsFloor.toFixed(2)} | ${notes.join('; ')} |`;
  }),
  '',
  `| run | wall (s) | rows/s | peak RSS (MB) |`,
  `| --- | ---: | ---: | ---: |`,
  ...results.runs.map((r) => {
    const rows = r.label.startsWith('narrow') ? NARROW_ROWS : r.label.includes(`${Math.floor(ROWS / 4)} rows`) ? Math.floor(ROWS / 4) : ROWS;
    return `| ${r.label} | ${r.wall.toFixed(2)} | ${/rows|floor|exceljs/.test(r.label) ? Math.round(rows / r.wall).toLocaleString('en') : '–'} | ${r.rssMB} |`;
  }),
  '',
  ...(quarter ? [`Peak RSS ${quarter.rssMB} MB at ${Math.floor(ROWS / 4)} rows, ${full.rssMB} MB at ${ROWS} rows: ${results.ratios.rssBytesPerExtraUnit} bytes per extra unit.`, ''] : []),
  ...(formBatches.length
    ? [
        `| form batch | worker threads (s) | one thread (s) | one thread / threads (never below 1 by more than noise) |`,
        `| ---: | ---: | ---: | ---: |`,
        ...formBatches.map((b) => `| ${b.forms} forms | ${b.threads.wall.toFixed(2)} | ${b.one.wall.toFixed(2)} | ${b.speedupFromThreads.toFixed(2)} |`),
      ]
    : []),
  ...rollupMd,
  '',
].join('\n');
/** Written whole, then renamed into place: a run ending at the same time never leaves half a file. */
const publish = (name, text) => {
  const path = join(ROOT, 'bench', name);
  writeFileSync(`${path}.${process.pid}.tmp`, text);
  renameSync(`${path}.${process.pid}.tmp`, path);
};
publish('results.json', `${JSON.stringify(results, null, 2)}\n`);
publish('results.md', md);
process.stdout.write(md);
