import { Chalk, type ChalkInstance } from 'chalk';
import { ALL_CODES, SEVERITY } from './codes.js';
import { formatMessage, MESSAGES, type Lang } from './messages.js';
import type { Diagnostic } from './types.js';
import { inertText } from '../util/text.js';

export const FORMATS = ['stylish', 'json', 'github', 'junit', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  tool: { name: string; version: string };
  /** Files that were looked at (for junit's test cases, sarif's artifacts). */
  files: string[];
  /**
   * stylish only: print at most this many findings, then a count per code (a terminal is no
   * place for 200,000 lines; the machine formats always give every finding).
   */
  max?: number;
  /** stylish, past `max`: where the whole list is, in a sentence. */
  fullList?: string;
  /**
   * stylish only: print errors in full but only the first this many warnings of each code,
   * then a count per code (a quick start's output fits a screen; `--verbose` prints all).
   */
  warningsPerCode?: number;
  /** stylish, with `warningsPerCode`: how to see every warning, in a sentence. */
  allWarnings?: string;
}

/** Findings printed on a terminal before the rest are only counted (SPEC §8, bounded output). */
export const MAX_PRINTED = 300;

/** Groups findings by file, keeping the order files first appear in (linear: no copying). */
function byPath(diags: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const list = out.get(d.path);
    if (list) list.push(d);
    else out.set(d.path, [d]);
  }
  return out;
}

export type Formatter = (diagnostics: Diagnostic[], options: FormatOptions) => string;

/** Where a finding is, as a clerk reads it: `file:12:5` or `file [Sheet]!D14`. */
export function place(d: Diagnostic): string {
  if (d.line) return `${d.path}:${d.line}:${d.column ?? 1}`;
  if (d.sheet || d.cell) return `${d.path} [${d.sheet ?? ''}]${d.cell ? `!${d.cell}` : ''}`;
  return d.path;
}

/** The JSON shape of SPEC §6. */
export function toJson(d: Diagnostic, lang: Lang): Record<string, unknown> {
  return {
    severity: d.severity,
    code: d.code,
    message: formatMessage(d, lang),
    path: d.path,
    sheet: d.sheet ?? null,
    cell: d.cell ?? null,
    line: d.line ?? null,
    column: d.column ?? null,
    ...(d.unit ? { unit: d.unit } : {}),
    ...(d.tier ? { tier: d.tier } : {}),
  };
}

const stylish: Formatter = (diags, o) => {
  const c: ChalkInstance = new Chalk({ level: o.color ? 1 : 0 });
  const vi = o.lang === 'vi';
  const perCode = o.warningsPerCode;
  const warnCount = new Map<string, number>();
  const kept = perCode === undefined ? diags : diags.filter((d) => {
    if (d.severity === 'error') return true;
    const n = (warnCount.get(d.code) ?? 0) + 1;
    warnCount.set(d.code, n);
    return n <= perCode;
  });
  const shown = o.max !== undefined && kept.length > o.max ? kept.slice(0, o.max) : kept;
  const lines: string[] = [];
  for (const [file, ds] of byPath(shown)) {
    // a file name can hold what cell text cannot (src/util/text.ts): a terminal gets neither
    lines.push(c.underline(inertText(file)));
    for (const d of ds) {
      const where = d.line ? `${d.line}:${d.column ?? 1}` : d.sheet || d.cell ? `${d.sheet ?? ''}${d.cell ? `!${d.cell}` : ''}` : '';
      const sev = d.severity === 'error' ? c.red(vi ? 'lỗi' : 'error') : c.yellow(vi ? 'cảnh báo' : 'warning');
      lines.push(`  ${c.dim(inertText(where).padEnd(10))} ${sev}  ${inertText(formatMessage(d, o.lang))}  ${c.dim(d.code)}`);
    }
    lines.push('');
  }
  let errors = 0;
  for (const d of diags) if (d.severity === 'error') errors++;
  const warnings = diags.length - errors;
  const summarised = [...warnCount].filter(([, n]) => perCode !== undefined && n > perCode);
  if (summarised.length && shown.length === kept.length) {
    lines.push(vi ? 'Cảnh báo cùng loại chỉ in vài cái đầu; theo mã:' : 'Only the first few warnings of each kind are printed; by code:');
    for (const [code, n] of summarised.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      lines.push(vi ? `  ${String(n).padStart(8)}  ${code} (in ${perCode})` : `  ${String(n).padStart(8)}  ${code} (${perCode} printed)`);
    }
    if (o.allWarnings) lines.push(o.allWarnings);
    lines.push('');
  }
  if (shown.length < kept.length) {
    const left = diags.length - shown.length;
    const perCode = new Map<string, number>();
    for (const d of diags) perCode.set(d.code, (perCode.get(d.code) ?? 0) + 1);
    lines.push(vi ? `… và ${left} phát hiện khác (không in ra). Theo mã, cả ${diags.length}:` : `… and ${left} more finding${left === 1 ? '' : 's'} (not printed). By code, all ${diags.length}:`);
    for (const [code, n] of [...perCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) lines.push(`  ${String(n).padStart(8)}  ${code}`);
    if (o.fullList) lines.push(o.fullList);
    lines.push('');
  }
  if (diags.length) {
    const sum = vi ? `✖ ${errors} lỗi, ${warnings} cảnh báo` : `✖ ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    lines.push(errors ? c.red.bold(sum) : c.yellow.bold(sum));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};

const json: Formatter = (diags, o) => `${JSON.stringify(diags.map((d) => toJson(d, o.lang)), null, 2)}\n`;

/** GitHub workflow commands: data and properties need their own escapes. */
const ghData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string): string => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const github: Formatter = (diags, o) =>
  diags
    .map((d) => {
      const props = [`file=${ghProp(d.path)}`];
      if (d.line) props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
      props.push(`title=${ghProp(`thidua ${d.code}`)}`);
      const loc = !d.line && (d.sheet || d.cell) ? `[${d.sheet ?? ''}]${d.cell ? `!${d.cell}` : ''} ` : '';
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${ghData(loc + formatMessage(d, o.lang))}\n`;
    })
    .join('');

const xml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const junit: Formatter = (diags, o) => {
  const files = [...new Set([...o.files, ...diags.map((d) => d.path)])];
  const failures = diags.filter((d) => d.severity === 'error');
  const grouped = byPath(diags);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${o.tool.name}" tests="${files.length}" failures="${new Set(failures.map((d) => d.path)).size}">`];
  for (const f of files) {
    const ds = grouped.get(f) ?? [];
    const errs = ds.filter((d) => d.severity === 'error');
    out.push(`  <testsuite name="${xml(f)}" tests="1" failures="${errs.length ? 1 : 0}" errors="0">`);
    out.push(`    <testcase classname="${o.tool.name}" name="${xml(f)}">`);
    if (errs.length) {
      out.push(`      <failure message="${xml(`${errs.length} ${o.lang === 'vi' ? 'lỗi' : 'error(s)'}`)}">${xml(errs.map((d) => `${place(d)} ${d.code}: ${formatMessage(d, o.lang)}`).join('\n'))}</failure>`);
    }
    const warns = ds.filter((d) => d.severity === 'warning');
    if (warns.length) out.push(`      <system-out>${xml(warns.map((d) => `${place(d)} ${d.code}: ${formatMessage(d, o.lang)}`).join('\n'))}</system-out>`);
    out.push('    </testcase>', '  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};

const sarif: Formatter = (diags, o) => {
  const artifacts = [...new Set([...o.files, ...diags.map((d) => d.path)])];
  const artifactIndex = new Map(artifacts.map((a, i) => [a, i]));
  const ruleIndex = new Map(ALL_CODES.map((code, i) => [code, i]));
  const rules = ALL_CODES.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: code },
    defaultConfiguration: { level: SEVERITY[code] === 'error' ? 'error' : 'warning' },
    helpUri: `https://thidua.github.io/codes#${code}`,
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: o.tool.name, version: o.tool.version, informationUri: 'https://thidua.github.io', rules } },
        artifacts: artifacts.map((uri) => ({ location: { uri: toUri(uri) } })),
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: formatMessage(d, o.lang) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(d.path), index: artifactIndex.get(d.path) },
                ...(d.line ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}),
              },
              ...(d.sheet || d.cell ? { logicalLocations: [{ name: `${d.sheet ?? ''}!${d.cell ?? ''}`, kind: 'element' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export const FORMATTERS = { stylish, json, github, junit, sarif } satisfies Record<Format, Formatter>;

/** Every code has wording in both languages (checked by a test, enforced by the type). */
export const CODES_WITH_WORDING = Object.keys(MESSAGES);
