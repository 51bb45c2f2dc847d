/**
 * Markdown for summary.md: text from inputs made inert, tables whose rule dashes keep
 * Vietnamese words whole when pandoc converts them.
 */

const MD_SPECIAL: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Text from inputs made inert in Markdown, in a table cell as in running text: one line,
 * `|` escaped so it cannot split a cell, HTML specials as entities so no tag survives, and
 * every character that starts emphasis, links, code, headings, math (pandoc `$`),
 * citations (pandoc `@`), sub/superscript or strike-through backslash-escaped. A leading
 * list or heading marker is escaped too.
 */
export function mdText(s: string): string {
  const one = s
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
    // as in every output (src/util/text.ts): C1 controls and bidi overrides go, a lone surrogate is U+FFFD
    .replace(/[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  return (
    one
      .replace(/[\\`*_[\]{}<>&|#~$^@]/g, (c) => MD_SPECIAL[c] ?? `\\${c}`)
      .replace(/^([-+])(?=\s|$|-)/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
      // bare URLs: GFM and linkify make links of `scheme://…` and `www.…` in plain text; an
      // entity shows the same character but is not the text they look for
      .replace(/:(?=\/\/)/g, '&#58;')
      .replace(/\b(www)\./gi, '$1&#46;')
  );
}

/** Text for a Mermaid label or title: letters, digits and plain punctuation only. */
export function mermaidText(s: string): string {
  return (
    s
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N} .,()%/+–-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || '-'
  );
}


export function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * The line under a table's header, its dashes sized for pandoc. A pipe table wider than a page
 * gets its column widths from the dashes: equal dashes gave the rank and id columns as much
 * room as the names, and Vietnamese names were broken a word a line. Each column gets dashes
 * for its longest word (a word never breaks) and a share of its usual text, capped.
 */
export function sizedRule(head: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[]): string {
  const cols = head.map((h, i) => {
    let word = 0;
    let sum = 0;
    const cells = [h, ...rows.map((r) => r[i] ?? '')];
    let filled = 0;
    for (const c of cells) {
      for (const wd of c.split(/\s+/)) if (wd.length > word) word = wd.length;
      sum += c.length;
      if (c) filled++;
    }
    // the usual length of the cells that hold something: a column mostly blank still needs room for its few entries
    const typical = sum / Math.max(1, filled);
    const dashes = Math.max(3, word + 1, Math.min(40, Math.round(typical)));
    return `${'-'.repeat(dashes)}${align[i] === 'r' ? ':' : ''}`;
  });
  return `| ${cols.join(' | ')} |`;
}

/** A table: header, sized rule, rows. */
export function mdTable(head: string[], rows: string[][], align: ('l' | 'r')[], out: string[]): void {
  out.push(row(head), sizedRule(head, rows, align));
  for (const r of rows) out.push(row(r));
}
