/**
 * SheetHandler: a worksheet's tokens into rows of cells (SheetRows, sheet-rows.ts), with the
 * fast path that reads a plain cell straight from the bytes. It gives the same cells and
 * errors as the token-by-token path, however the part is cut into pieces (xml.test.ts
 * "streaming" reads both ways).
 */
import { MAX_COLUMNS, MAX_ROWS } from '../limits.js';
import type { Cell } from '../types.js';
import { type SheetContext, T_N, T_S } from './sheet-cell.js';
import { S_ROW, SheetRows } from './sheet-rows.js';
import type { XmlScanner } from './xml.js';

// The bytes this scanner tests for, named in this file rather than imported from a shared
// module: in the hottest loops imported bindings read 1–2 % slower over a million rows.
const CH_C = 0x63;
const CH_V = 0x76;
const CH_T = 0x74;
const CH_R = 0x72;
const CH_S = 0x73;
const SP = 0x20;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const AMP = 0x26;
const COLON = 0x3a;
const CR = 0x0d;

/** Turns the tokens of a worksheet into rows of cells (see SheetRows), plain cells read in one go. */
export class SheetHandler extends SheetRows {
  constructor(
    ctx: SheetContext,
    scanner: XmlScanner,
    /** Receives each row that has at least one value; undefined to skip cells (merges only). */
    onRow: ((row: number, cells: Cell[]) => void | false) | undefined,
    /** Off only in tests, which check that both paths give the same cells. */
    private readonly fast = true,
  ) {
    super(ctx, scanner, onRow);
  }

  /**
   * Reads a whole cell written the way nearly every writer writes it —
   * `<c r="B2" s="3" t="s"><v>42</v></c>` or `<c r="B2" s="3"/>`, unprefixed, double quotes,
   * single spaces — straight from the bytes, with the same result as the token-by-token
   * path but a fraction of its cost. Returns the position after `</c>`, or -1 for anything
   * else (a formula, an inline string, a prefix, a cell cut by the end of the piece…), which
   * then takes the general path.
   */
  tryElement(b: Buffer, pos: number, len: number): number {
    if (this.state !== S_ROW || this.skip > 0 || !this.fast) return -1;
    let i = pos + 1;
    if (i + 2 >= len || b[i] !== CH_C) return -1;
    let c = b[++i]!;
    if (c !== SP && c !== GT && c !== SLASH) return -1;
    let fastCol = 0;
    let ss = -1;
    let se = -1;
    let ts = -1;
    let te = -1;
    let selfClosing = false;
    for (;;) {
      while (c === SP) {
        if (++i >= len) return -1;
        c = b[i]!;
      }
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len || b[i + 1] !== GT) return -1;
        selfClosing = true;
        i += 2;
        break;
      }
      const an = i;
      while (c !== EQ) {
        if (c <= SP || c === COLON || c === GT || c === SLASH || ++i >= len) return -1;
        c = b[i]!;
      }
      if (i + 1 >= len || b[i + 1] !== DQ) return -1;
      const vs = i + 2;
      let ve = vs;
      if (i - an === 1 && b[an] === CH_R) {
        // `r="B12"` read as it is scanned: capital letters, then the digits of this very row
        // (anything else, such as another row's number, takes the general path)
        let col = 0;
        while (ve < len && (c = b[ve]!) >= 0x41 && c <= 0x5a && col <= MAX_COLUMNS) {
          col = col * 26 + (c - 0x40);
          ve++;
        }
        const digits = ve;
        let row = 0;
        while (ve < len && (c = b[ve]!) >= 0x30 && c <= 0x39 && row <= MAX_ROWS) {
          row = row * 10 + (c - 0x30);
          ve++;
        }
        if (ve >= len || b[ve] !== DQ || col === 0 || col > MAX_COLUMNS || ve === digits || row !== this.rowNum) return -1;
        fastCol = col;
      } else {
        while (ve < len && (c = b[ve]!) !== DQ) {
          if (c === LT || c === AMP) return -1;
          ve++;
        }
        if (ve >= len) return -1;
        if (i - an === 1) {
          const n = b[an];
          if (n === CH_S) (ss = vs), (se = ve);
          else if (n === CH_T) (ts = vs), (te = ve);
        }
      }
      i = ve + 1;
      if (i >= len) return -1;
      c = b[i]!;
      if (c !== SP && c !== GT && c !== SLASH) return -1;
    }
    let vs = -1;
    let ve = -1;
    let plain = true;
    if (!selfClosing) {
      // Either `</c>` or `<v>…</v></c>`.
      if (i + 4 > len || b[i] !== LT) return -1;
      if (b[i + 1] === CH_V && b[i + 2] === GT) {
        vs = i + 3;
        ve = vs;
        while (ve < len && (c = b[ve]!) !== LT) {
          if (c === AMP || c === CR) plain = false;
          ve++;
        }
        if (ve + 8 > len || b[ve + 1] !== SLASH || b[ve + 2] !== CH_V || b[ve + 3] !== GT) return -1;
        i = ve + 4;
      }
      if (b[i] !== LT || b[i + 1] !== SLASH || b[i + 2] !== CH_C || b[i + 3] !== GT) return -1;
      i += 4;
    }
    this.beginCell(b, -1, -1, ss, se, ts, te, fastCol);
    if (vs >= 0) {
      // Numbers and string indexes are parsed where they lie; nothing to decode in them.
      if (plain && (this.type === T_N || this.type === T_S)) {
        this.raw = b;
        this.rawStart = vs;
        this.rawEnd = ve;
      } else this.v.append(b, vs, ve, false);
      this.vSeen = true;
    }
    this.closeCell();
    this.state = S_ROW;
    return i;
  }
}
