import { describe, expect, it } from 'vitest';
import { FULL_TABLE_MAX, summaryMarkdown } from '../../../src/report/summary.js';
import { mdText, mermaidText } from '../../../src/report/markdown.js';
import { model, PREVIOUS } from './fixture.js';

describe('mdText', () => {
  it('keeps a pipe from splitting a table cell', () => {
    expect(mdText('A | B')).toBe('A \\| B');
  });

  it('turns HTML into text', () => {
    expect(mdText('<b>x</b>')).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(mdText('<script>alert(1)</script>')).not.toMatch(/<|>/);
    expect(mdText('Sở GD&ĐT')).toBe('Sở GD&amp;ĐT');
  });

  it('escapes emphasis, links, code, headings, math and citations', () => {
    expect(mdText('*a* _b_ `c` [d](e) # f $x$ @g ~h~ ^i^')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\# f \\$x\\$ \\@g \\~h\\~ \\^i\\^');
    expect(mdText('a\\|b')).toBe('a\\\\\\|b');
  });

  it('escapes list markers at the start only', () => {
    expect(mdText('- x')).toBe('\\- x');
    expect(mdText('1. x')).toBe('1\\. x');
    expect(mdText('0.1.0')).toBe('0.1.0');
    expect(mdText('Hà Nội - Hải Phòng')).toBe('Hà Nội - Hải Phòng');
  });

  it('keeps text on one line', () => {
    expect(mdText('a\nb\r\nc\u2028d')).toBe('a b c d');
  });
});

describe('mermaidText', () => {
  it('drops quotes, markup and statement breaks', () => {
    expect(mermaidText('Xếp "loại" <b>; A|B: x')).toBe('Xếp loại b A B x');
  });
});

describe('summaryMarkdown', () => {
  const md = summaryMarkdown(model());

  it('has the title, the phase and the date', () => {
    expect(md.startsWith('# Phong trào thử nghiệm "Đơn vị học tập"\n')).toBe(true);
    expect(md).toContain('Giai đoạn: **Giai đoạn 1 (2024–2025)** (p1) · Ngày báo cáo: 30/06/2025');
  });

  it('leaves the date out when there is none', () => {
    const m = model();
    m.meta.date = null;
    expect(summaryMarkdown(m)).not.toContain('Ngày báo cáo');
  });

  it('escapes unit names in the ranking table', () => {
    expect(md).toContain('| 1 | U1 | A \\| B | 99 | Hoàn thành xuất sắc nhiệm vụ | Bằng khen |  |');
    expect(md).toContain('| 3 | U2 | &lt;b&gt;x&lt;/b&gt; | 64,57 | Không hoàn thành nhiệm vụ |  |  |');
    expect(md).not.toContain('<b>');
    // every table row has as many cells as its header
    for (const block of md.split('\n\n')) {
      const lines = block.split('\n').filter((l) => l.startsWith('|'));
      if (!lines.length) continue;
      const n = (l: string): number => l.replace(/\\\|/g, '').split('|').length;
      for (const l of lines) expect(n(l), l).toBe(n(lines[0]!));
    }
  });

  it('lists every unit of a small tier with Vietnamese decimals', () => {
    expect(md).toContain('| 2 | U3 | =1+1 | 85 | Không hoàn thành nhiệm vụ |  | không đạt tiêu chí bắt buộc A1; Nhóm A (Tổ chức thực hiện) đạt 30/50 điểm (60 %), dưới mức 80 % của loại Hoàn thành tốt nhiệm vụ; Nhóm A (Tổ chức thực hiện) đạt 30/50 điểm (60 %), dưới mức 70 % của loại Hoàn thành nhiệm vụ |');
    expect(md).toContain('| – | U5 | Sở Y tế | – | ');
    expect(md).toContain('| – | U4 | Sở Tài chính | – |  |  | Chưa nộp |');
    expect(md).toContain('| Cơ quan, đơn vị (don\\_vi) | 5 | 4 | 3 | 1 | 1 | 82,86 |');
  });

  it('ranks a block tier block by block', () => {
    expect(md).toContain('#### Khối: Phòng A');
    expect(md).toContain('| 2 | CN04 | Phạm Văn Tuấn | 5 | Chưa đạt |  | không đạt tiêu chí bắt buộc C1 |');
  });

  it('shows classes as a table, and no chart code (pandoc would print it as text)', () => {
    expect(md).toContain('| Hoàn thành xuất sắc nhiệm vụ | 1 | 33,3 % |');
    expect(md).not.toContain('```');
  });

  it('stays a summary on a tier of many blocks: one table of the first units of each block', () => {
    const many = summaryMarkdown(model({ rosterSize: 3000, rosterBlocks: 120 }));
    const section = many.slice(many.indexOf('## Cá nhân'), many.indexOf('### Phân bố xếp loại', many.indexOf('## Cá nhân')));
    expect(section).not.toContain('#### Khối');
    expect(section).toMatch(/\| Hạng \| Mã đơn vị \| Tên đơn vị \| Khối \|/);
    const rows = section.split('\n').filter((l) => /^\| \d+ \| HH/.test(l));
    // about SHOWN_MAX / 120 = 8 per block, every block present, far fewer than the 3,000 units
    expect(rows.length).toBeLessThanOrEqual(1000);
    expect(new Set(rows.map((l) => l.split(' | ')[3])).size).toBe(120);
    expect(section).toContain('khối, trong số');
  });

  it('sizes the rule under a table so a word never breaks and the rank column stays narrow', () => {
    const head = md.split('\n').find((l) => l.startsWith('| Hạng | Mã đơn vị | Tên đơn vị |'))!;
    const rule = md.split('\n')[md.split('\n').indexOf(head) + 1]!;
    const dashes = rule.split('|').slice(1, -1).map((c) => c.trim().replace(':', '').length);
    // Hạng holds "Hạng" and no more; the name column is wider than the rank column
    expect(dashes[0]).toBeGreaterThanOrEqual('Hạng'.length + 1);
    expect(dashes[2]).toBeGreaterThan(dashes[0]!);
    for (const cell of rule.split('|').slice(1, -1)) expect(cell.trim()).toMatch(/^-{3,}:?$/);
  });

  it('lists awards, units that sent nothing and rejected units with their first error', () => {
    expect(md).toContain('- **Bằng khen** (1 đơn vị trong toàn đối tượng, xếp loại từ "Hoàn thành xuất sắc nhiệm vụ"): 1 — A \\| B (U1)');
    expect(md).toContain('### Chưa nộp (1)\n\n- U4 – Sở Tài chính');
    expect(md).toContain('| U5 | Sở Y tế | tiêu chí A2: giá trị "abc" không hợp lệ — cần tỷ lệ % từ 0 đến 100 | phieu/U5.xlsx \\[Tự chấm\\]!D8 |');
  });

  it('lists ties at the edge of an award for the board', () => {
    const m = model();
    const u3 = m.tiers[0]!.units.find((u) => u.id === 'U3')!;
    u3.awardTies = [...u3.awardTies, 'bk'];
    const md2 = summaryMarkdown(m);
    expect(md2).toContain('### Đồng hạng ở ngưỡng khen thưởng — Hội đồng quyết định\n\n- **Bằng khen**: =1+1 (U3, hạng 2, 85)');
    expect(md2).toContain('| 2 | U3 | =1+1 | 85 | Không hoàn thành nhiệm vụ |  | không đạt tiêu chí bắt buộc A1; đồng hạng ở ngưỡng: Bằng khen; Nhóm A (Tổ chức thực hiện) đạt 30/50 điểm (60 %), dưới mức 80 % của loại Hoàn thành tốt nhiệm vụ; Nhóm A (Tổ chức thực hiện) đạt 30/50 điểm (60 %), dưới mức 70 % của loại Hoàn thành nhiệm vụ |');
  });

  it('gives the average share of points per tag', () => {
    // ND1 = group A: 50, 39.57 and 30 of 50 → mean 39.86, share 79.7 %
    expect(md).toContain('| ND1 – Tuyên truyền | 50 | 39,86 | 79,7 % |');
    expect(md).toContain('| ND5 – Học tập suốt đời | 50 | 40 | 80 % |');
  });

  it('explains how it was scored', () => {
    expect(md).toContain('## Cách chấm điểm');
    expect(md).toContain('làm tròn nửa lên');
    expect(md).toContain('Hoàn thành xuất sắc nhiệm vụ (từ 90 điểm, mỗi nhóm chính ≥ 85 % điểm tối đa)');
    expect(md).toContain('khi bằng điểm xét điểm nhóm B (Kết quả)');
  });

  it('shows phase-over-phase changes following successors', () => {
    const withPrev = summaryMarkdown(model({ previous: PREVIOUS }));
    expect(withPrev).toContain('| Hạng | Mã đơn vị | Tên đơn vị | Tổng điểm | Δ điểm | Δ hạng | Xếp loại | Đề nghị khen thưởng | Ghi chú |');
    // U1 continues OLD (80, rank 2): +19, up one
    expect(withPrev).toContain('| 1 | U1 | A \\| B | 99 | +19 | +1 | Hoàn thành xuất sắc nhiệm vụ | Bằng khen | so với kỳ trước: OLD |');
    // U3 absorbed OLD2: its own 90 (rank 1) is the better record
    expect(withPrev).toContain('| 2 | U3 | =1+1 | 85 | -5 | -1 |');
    expect(withPrev).toContain('so với kỳ trước: OLD2, U3');
    expect(withPrev).toContain('| 3 | U2 | &lt;b&gt;x&lt;/b&gt; | 64,57 | – | – |');
    // no Δ columns for a tier the earlier results do not have
    expect(withPrev).toMatch(/\| Hạng \| Mã đơn vị \| Tên đơn vị \| Tổng điểm \| Xếp loại \| Đề nghị khen thưởng \| Ghi chú \|\n\| -+: \| -+ \| -+ \| -+: \| -+ \| -+ \| -+ \|\n\| 1 \| CN01 \|/);
  });

  it('writes English with decimal points', () => {
    const en = summaryMarkdown(model({ lang: 'en' }));
    expect(en).toContain('| 3 | U2 | &lt;b&gt;x&lt;/b&gt; | 64.57 | Không hoàn thành nhiệm vụ |');
    expect(en).toContain('## How it was scored');
    expect(en).toContain('Phase: **Giai đoạn 1 (2024–2025)** (p1) · Report date: 2025-06-30');
  });

  it('shows the first rows per block of a large tier, with counts', () => {
    const big = summaryMarkdown(model({ rosterSize: FULL_TABLE_MAX + 10 }));
    const part = big.slice(big.indexOf('## Cá nhân'), big.indexOf('## Cách chấm điểm'));
    expect(part).toContain('20 đơn vị đứng đầu trong số 107 đơn vị đã chấm của khối');
    expect(part.split('\n').filter((l) => /^\| \d+ \| (CN|HH)/.test(l))).toHaveLength(40);
  });

  it('says so when no tier was scored', () => {
    const m = model();
    m.tiers = [];
    expect(summaryMarkdown(m)).toContain('Không có đối tượng nào được chấm.');
  });

  it('is the same text twice', () => {
    expect(summaryMarkdown(model({ previous: PREVIOUS }))).toBe(summaryMarkdown(model({ previous: PREVIOUS })));
  });
});
