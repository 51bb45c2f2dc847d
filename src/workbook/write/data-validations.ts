/**
 * Data validations of a sheet (dropdown lists, number and length bounds, custom formulas):
 * each checked against Excel's limits and rendered as a `<dataValidation>` element.
 */

import type { DataValidationModel, ValidationMessage } from './model.js';
import { bad, num, stripEq } from './sheet-checks.js';
import { escAttr, escFormula, parseRange, rectRef } from './xml.js';

const DV_TITLE_MAX = 32;
const DV_MESSAGE_MAX = 255;
const DV_LIST_MAX = 255;

function renderRanges(sheet: string, ranges: string | readonly string[], what: string): string {
  const list = typeof ranges === 'string' ? [ranges] : ranges;
  if (list.length === 0) bad('bad-validation', sheet, `${what}: no range`);
  return list.map((r) => rectRef(parseRange(r, `sheet ${JSON.stringify(sheet)}: ${what}`))).join(' ');
}

function messageAttrs(sheet: string, m: ValidationMessage | undefined, titleAttr: string, textAttr: string): string {
  if (m === undefined) return '';
  if (m.title !== undefined && m.title.length > DV_TITLE_MAX) {
    bad('bad-validation', sheet, `validation title longer than ${DV_TITLE_MAX} characters: ${JSON.stringify(m.title)}`);
  }
  if (m.message.length > DV_MESSAGE_MAX) {
    bad('bad-validation', sheet, `validation message longer than ${DV_MESSAGE_MAX} characters`);
  }
  let x = '';
  if (m.title !== undefined) x += ` ${titleAttr}="${escAttr(m.title)}"`;
  return x + ` ${textAttr}="${escAttr(m.message)}"`;
}

/** A validation's formulas by its type, with the attributes the type adds (operator, dropDown). */
function formulas(
  sheet: string,
  v: DataValidationModel,
): { operator: string; f1: string; f2: string | undefined; dropDown: string } {
  let operator = '';
  let f1: string;
  let f2: string | undefined;
  let dropDown = '';
  switch (v.type) {
    case 'list': {
      if ((v.source === undefined) === (v.values === undefined)) {
        bad('bad-validation', sheet, 'a list validation needs exactly one of source and values');
      }
      if (v.source !== undefined) {
        f1 = stripEq(v.source);
        if (f1 === '') bad('bad-validation', sheet, 'empty list source');
      } else {
        const values = v.values ?? [];
        for (const x of values) {
          if (x.includes(',') || x.includes('"')) bad('bad-validation', sheet, `list value with a comma or quote: ${JSON.stringify(x)}`);
        }
        const joined = values.join(',');
        if (joined.length === 0 || joined.length > DV_LIST_MAX) {
          bad('bad-validation', sheet, `list values must join to 1–${DV_LIST_MAX} characters`);
        }
        f1 = `"${joined}"`;
      }
      // OOXML's showDropDown="1" means the arrow is hidden.
      if (v.hideDropDown) dropDown = ' showDropDown="1"';
      break;
    }
    case 'decimal':
    case 'whole':
    case 'textLength': {
      const bound = (b: number | string | undefined, what: string): string | undefined => {
        if (b === undefined) return undefined;
        if (typeof b === 'number') {
          if (!Number.isFinite(b)) bad('bad-validation', sheet, `${what} is not a finite number`);
          return num(b);
        }
        const f = stripEq(b);
        if (f === '') bad('bad-validation', sheet, `empty ${what}`);
        return f;
      };
      const lo = bound(v.min, 'min');
      const hi = bound(v.max, 'max');
      if (lo !== undefined && hi !== undefined) {
        operator = ' operator="between"';
        f1 = lo;
        f2 = hi;
      } else if (lo !== undefined) {
        operator = ' operator="greaterThanOrEqual"';
        f1 = lo;
      } else if (hi !== undefined) {
        operator = ' operator="lessThanOrEqual"';
        f1 = hi;
      } else {
        return bad('bad-validation', sheet, `a ${v.type} validation needs min or max`);
      }
      break;
    }
    case 'custom':
      f1 = stripEq(v.formula);
      if (f1 === '') bad('bad-validation', sheet, 'empty custom validation formula');
      break;
    default:
      return bad('bad-validation', sheet, `unknown validation type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
  return { operator, f1, f2, dropDown };
}

export function renderValidation(sheet: string, v: DataValidationModel): string {
  const sqref = renderRanges(sheet, v.ranges, 'data validation');
  const { operator, f1, f2, dropDown } = formulas(sheet, v);
  const errorStyle = v.error?.style;
  if (errorStyle !== undefined && errorStyle !== 'stop' && errorStyle !== 'warning' && errorStyle !== 'information') {
    bad('bad-validation', sheet, `unknown error style ${JSON.stringify(errorStyle)}`);
  }
  let x = `<dataValidation type="${v.type}"`;
  if (errorStyle !== undefined && errorStyle !== 'stop') x += ` errorStyle="${errorStyle}"`;
  x += operator;
  if (v.allowBlank !== false) x += ' allowBlank="1"';
  x += dropDown;
  if (v.input !== undefined) x += ' showInputMessage="1"';
  x += ' showErrorMessage="1"';
  x += messageAttrs(sheet, v.error, 'errorTitle', 'error');
  x += messageAttrs(sheet, v.input, 'promptTitle', 'prompt');
  x += ` sqref="${sqref}"><formula1>${escFormula(f1)}</formula1>`;
  if (f2 !== undefined) x += `<formula2>${escFormula(f2)}</formula2>`;
  return x + '</dataValidation>';
}
