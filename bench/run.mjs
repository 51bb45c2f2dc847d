// npm run bench [-- --rows 1000000 --forms 1000 --repeat 3]
// Times `thidua score` end to end on a generated household roster and on many form
// workbooks, next to baselines measured in the same run: the decompression floor
// (`unzip -p` of the sheet and shared strings) and exceljs's streaming reader merely
// iterating the same file. Writes bench/results.json and bench/results.md.
//
// Each run generates its inputs and writes its outputs in a folder of its own under the
// system's temporary folder, removed when the run ends (--keep leaves it and says where), so
// two runs at once never share or destroy each other's files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    forms: { type: 'string', default: '1000' },
    quarter: { type: 'boolean', default: true },
    keep: { type: 'boolean', default: false },
    // the roster runs and their baselines taken this many times, interleaved; medians reported
    repeat: { type: 'string', default: '1' },
  },
});
const ROWS = Number(values.rows);
const FORMS = Number(values.forms);
const REPEAT = Math.max(1, Number(values.repeat) || 1);
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

function roster(rows) {
  const file = join(WORK, `roster-${rows}.xlsx`);
  process.stderr.write(`generating a ${rows}-row roster…\n`);
  const r = spawnSync(node, [join(ROOT, 'scripts', 'gen-roster.mjs'), '--rows', String(rows), '--items', '12', '--blocks', '2000', '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('roster generation failed');
  return file;
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
/** A run into an empty output folder (replacing a gigabyte of earlier results costs time of its own). */
const score = (label, input, dir) => {
  rmSync(dir, { recursive: true, force: true });
  return measure(label, node, [thidua, 'score', join(ROOT, 'bench', 'criteria.yaml'), input, '--phase', 'gd1', '-o', dir, '-q']);
};
const takes = { floor: [], exceljs: [], full: [], quarter: [] };
for (let i = 0; i < REPEAT; i++) {
  if (REPEAT > 1) process.stderr.write(`round ${i + 1} of ${REPEAT}\n`);
  takes.floor.push(measure('unzip -p sheet + shared strings (decompression floor)', 'sh', ['-c', `unzip -p '${file}' xl/worksheets/sheet1.xml xl/sharedStrings.xml > /dev/null`]));
  takes.exceljs.push(measure('exceljs streaming reader, iterating only', node, [join(ROOT, 'bench', 'exceljs-iterate.mjs'), file]));
  takes.full.push(score(`thidua score, ${ROWS} rows end to end`, file, out));
  if (q) takes.quarter.push(score(`thidua score, ${Math.floor(ROWS / 4)} rows end to end`, q, join(WORK, 'out-q')));
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
let formRun = null;
let formSeq = null;
if (FORMS > 0) {
  const dir = await forms(FORMS);
  process.stderr.write(`${FORMS} form workbooks:\n`);
  const crit = join(ROOT, 'examples/gia-lai-hoc-tap-suot-doi/criteria.yaml');
  formRun = measure(`thidua score, ${FORMS} forms, worker threads`, node, [thidua, 'score', crit, dir, '--phase', 'gd1', '--tier', 'so_nganh', '-o', join(WORK, 'out-f'), '-q']);
  formSeq = measure(`thidua score, ${FORMS} forms, one thread`, node, [thidua, 'score', crit, dir, '--phase', 'gd1', '--tier', 'so_nganh', '-o', join(WORK, 'out-f1'), '-q'], { THIDUA_WORKERS: '0' });
  results.runs.push(formRun, formSeq);
}
results.ratios = {
  vsExceljs: +(exceljs.wall / full.wall).toFixed(2),
  vsFloor: +(full.wall / floor.wall).toFixed(2),
  ...(quarter ? { rssQuarterMB: quarter.rssMB, rssFullMB: full.rssMB, rssBytesPerExtraUnit: Math.round(((full.rssMB - quarter.rssMB) * 1024 * 1024) / (ROWS - Math.floor(ROWS / 4))) } : {}),
  ...(formRun ? { formsSpeedupFromThreads: +(formSeq.wall / formRun.wall).toFixed(2) } : {}),
};
const md = [
  ...(REPEAT > 1 ? [`Roster runs and their baselines: median of ${REPEAT} interleaved takes.`, ''] : []),
  `| run | wall (s) | rows/s | peak RSS (MB) |`,
  `| --- | ---: | ---: | ---: |`,
  ...results.runs.map((r) => `| ${r.label} | ${r.wall.toFixed(2)} | ${/rows|floor|exceljs/.test(r.label) ? Math.round((r.label.includes(`${Math.floor(ROWS / 4)} rows`) ? ROWS / 4 : ROWS) / r.wall).toLocaleString('en') : '–'} | ${r.rssMB} |`),
  '',
  results.ratios.vsExceljs >= 1
    ? `thidua end to end is ${results.ratios.vsExceljs}× faster than exceljs merely reading, and ${results.ratios.vsFloor}× the decompression floor.`
    : `thidua end to end takes ${(1 / results.ratios.vsExceljs).toFixed(2)}× the time exceljs needs merely to read, and ${results.ratios.vsFloor}× the decompression floor.`,
  ...(quarter ? [`Peak RSS ${quarter.rssMB} MB at ${Math.floor(ROWS / 4)} rows, ${full.rssMB} MB at ${ROWS} rows: ${results.ratios.rssBytesPerExtraUnit} bytes per extra unit.`] : []),
  ...(formRun ? [`${FORMS} forms: ${formRun.wall.toFixed(1)} s with worker threads, ${formSeq.wall.toFixed(1)} s on one thread (${results.ratios.formsSpeedupFromThreads}×).`] : []),
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
