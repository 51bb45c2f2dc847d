/**
 * Turns {@link CellStyle} objects into deduplicated styles.xml entries (fonts, fills, borders,
 * number formats, cellXfs) and hands out the `s` index of each.
 */

import { WorkbookWriteError, type BorderStyle, type CellStyle, type DefaultFont } from './model.js';
import { escAttr } from './xml.js';

// Built-in number formats that display the same in every locale, so they can go by id.
// Date built-ins (14–22) are locale-dependent and are written as custom codes instead.
const BUILTIN_NUMFMTS: ReadonlyMap<string, number> = new Map([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
  ['0.00E+00', 11],
  ['@', 49],
]);

const FIRST_CUSTOM_NUMFMT = 164;
const IDENTITY_CACHE_MAX = 4096;
/** Excel refuses a workbook with more cell formats than this. */
const MAX_CELL_XFS = 64_000;

const H_ALIGN = new Set(['general', 'left', 'center', 'right', 'fill', 'justify', 'centerContinuous', 'distributed']);
const V_ALIGN = new Set(['top', 'center', 'bottom', 'justify', 'distributed']);
const BORDERS = new Set<BorderStyle>(['thin', 'medium', 'thick', 'dashed', 'dotted', 'double', 'hair']);

function badStyle(message: string): never {
  throw new WorkbookWriteError('bad-style', message);
}

/** `'RRGGBB'`/`'AARRGGBB'` (optional `#`) → `'AARRGGBB'` upper case. */
export function normColor(c: string, what: string): string {
  const h = c.startsWith('#') ? c.slice(1) : c;
  if (/^[0-9A-Fa-f]{6}$/.test(h)) return 'FF' + h.toUpperCase();
  if (/^[0-9A-Fa-f]{8}$/.test(h)) return h.toUpperCase();
  return badStyle(`${what}: not an RRGGBB or AARRGGBB colour: ${JSON.stringify(c)}`);
}

function fmtNum(n: number): string {
  return String(n);
}

class Table {
  readonly xml: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(first: readonly string[]) {
    for (const x of first) this.add(x);
  }
  add(xml: string): number {
    const hit = this.index.get(xml);
    if (hit !== undefined) return hit;
    const i = this.xml.length;
    this.xml.push(xml);
    this.index.set(xml, i);
    return i;
  }
}

/** Collects styles while sheets are written; {@link StyleRegistry.toXml} renders styles.xml at the end. */
export class StyleRegistry {
  private readonly byObject = new Map<CellStyle, number>();
  private readonly byXf: Table;
  private readonly fonts: Table;
  private readonly fills: Table;
  private readonly borders: Table;
  private readonly numFmts = new Map<string, number>();
  private readonly fontName: string;
  private readonly fontSize: number;

  constructor(defaultFont: DefaultFont | undefined) {
    this.fontName = defaultFont?.name ?? 'Calibri';
    this.fontSize = defaultFont?.size ?? 11;
    if (this.fontName === '' || this.fontName.length > 31) badStyle(`default font name must have 1–31 characters`);
    if (!(this.fontSize >= 1 && this.fontSize <= 409)) badStyle(`default font size out of range: ${this.fontSize}`);
    this.fonts = new Table([this.fontXml({})]);
    this.fills = new Table(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
    this.borders = new Table(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
    this.byXf = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  }

  /** The cellXfs index of a style; 0 is the default format. */
  id(style: CellStyle): number {
    const hit = this.byObject.get(style);
    if (hit !== undefined) return hit;
    const id = this.byXf.add(this.xfXml(style));
    if (id >= MAX_CELL_XFS) throw new WorkbookWriteError('too-large', `more than ${MAX_CELL_XFS} distinct cell styles`);
    // A caller building a fresh style object per cell would otherwise grow this cache by one
    // entry per cell; past the bound, content deduplication alone keeps ids right.
    if (this.byObject.size >= IDENTITY_CACHE_MAX) this.byObject.clear();
    this.byObject.set(style, id);
    return id;
  }

  private fontXml(s: CellStyle): string {
    const name = s.fontName ?? this.fontName;
    const size = s.fontSize ?? this.fontSize;
    if (name === '' || name.length > 31) badStyle(`font name must have 1–31 characters: ${JSON.stringify(name)}`);
    if (typeof size !== 'number' || !(size >= 1 && size <= 409)) badStyle(`font size out of range: ${size}`);
    let x = '<font>';
    if (s.bold) x += '<b/>';
    if (s.italic) x += '<i/>';
    if (s.underline) x += '<u/>';
    x += `<sz val="${fmtNum(size)}"/>`;
    if (s.fontColor !== undefined) x += `<color rgb="${normColor(s.fontColor, 'fontColor')}"/>`;
    x += `<name val="${escAttr(name)}"/>`;
    // family 2 (swiss) only describes Calibri; other fonts go without a family hint.
    if (name === 'Calibri') x += '<family val="2"/>';
    return x + '</font>';
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_NUMFMTS.get(code);
    if (builtin !== undefined) return builtin;
    if (code === '' || code.length > 255) badStyle(`number format must have 1–255 characters: ${JSON.stringify(code)}`);
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUMFMT + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private xfXml(s: CellStyle): string {
    const numFmtId = s.numFmt === undefined ? 0 : this.numFmtId(s.numFmt);
    const fontId = this.fonts.add(this.fontXml(s));
    const fillId =
      s.fill === undefined
        ? 0
        : this.fills.add(`<fill><patternFill patternType="solid"><fgColor rgb="${normColor(s.fill, 'fill')}"/><bgColor indexed="64"/></patternFill></fill>`);
    let borderId = 0;
    if (s.border !== undefined) {
      if (!BORDERS.has(s.border)) badStyle(`unknown border style: ${JSON.stringify(s.border)}`);
      const color = `<color rgb="${s.borderColor === undefined ? 'FF000000' : normColor(s.borderColor, 'borderColor')}"/>`;
      const side = (tag: string): string => `<${tag} style="${s.border}">${color}</${tag}>`;
      borderId = this.borders.add(`<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`);
    }
    let align = '';
    if (s.hAlign !== undefined) {
      if (!H_ALIGN.has(s.hAlign)) badStyle(`unknown horizontal alignment: ${JSON.stringify(s.hAlign)}`);
      align += ` horizontal="${s.hAlign}"`;
    }
    if (s.vAlign !== undefined) {
      if (!V_ALIGN.has(s.vAlign)) badStyle(`unknown vertical alignment: ${JSON.stringify(s.vAlign)}`);
      align += ` vertical="${s.vAlign}"`;
    }
    if (s.indent !== undefined && s.indent !== 0) {
      if (!Number.isInteger(s.indent) || s.indent < 0 || s.indent > 250) badStyle(`indent out of range: ${s.indent}`);
      align += ` indent="${s.indent}"`;
    }
    if (s.wrap) align += ' wrapText="1"';
    let prot = '';
    if (s.locked === false) prot += ' locked="0"';
    if (s.hideFormula) prot += ' hidden="1"';

    let x = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId !== 0) x += ' applyNumberFormat="1"';
    if (fontId !== 0) x += ' applyFont="1"';
    if (fillId !== 0) x += ' applyFill="1"';
    if (borderId !== 0) x += ' applyBorder="1"';
    if (align !== '') x += ' applyAlignment="1"';
    if (prot !== '') x += ' applyProtection="1"';
    if (align === '' && prot === '') return x + '/>';
    x += '>';
    if (align !== '') x += `<alignment${align}/>`;
    if (prot !== '') x += `<protection${prot}/>`;
    return x + '</xf>';
  }

  /** The styles.xml part. */
  toXml(): string {
    let x =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
    if (this.numFmts.size > 0) {
      x += `<numFmts count="${this.numFmts.size}">`;
      for (const [code, id] of this.numFmts) x += `<numFmt numFmtId="${id}" formatCode="${escAttr(code)}"/>`;
      x += '</numFmts>';
    }
    const list = (tag: string, t: Table): string => `<${tag} count="${t.xml.length}">${t.xml.join('')}</${tag}>`;
    x += list('fonts', this.fonts);
    x += list('fills', this.fills);
    x += list('borders', this.borders);
    x += '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>';
    x += list('cellXfs', this.byXf);
    x += '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>';
    x += '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>';
    return x + '</styleSheet>';
  }
}
