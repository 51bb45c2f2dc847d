/**
 * docs/decisions.md and its Vietnamese twin docs/quyet-dinh.md are kept in step (issue 17
 * item 6): each links the other, and they have the same sections with the same number of
 * decisions in each, naming the same code, files and flags.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const en = readFileSync(join(ROOT, 'docs', 'decisions.md'), 'utf8');
const vi = readFileSync(join(ROOT, 'docs', 'quyet-dinh.md'), 'utf8');

/** Decisions (top-level bullets) per `##` section, in order. */
function shape(md: string): number[] {
  const counts: number[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) counts.push(0);
    else if (line.startsWith('- ') && counts.length) counts[counts.length - 1]!++;
  }
  return counts;
}

/** The code spans, but for those that show the command line in words of their own language. */
function codeSpans(md: string): string[] {
  return [...md.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((c) => !c.startsWith('thidua ')).sort();
}

describe('docs/decisions.md and docs/quyet-dinh.md', () => {
  it('link each other and say they are kept in step', () => {
    expect(en).toContain('](quyet-dinh.md)');
    expect(vi).toContain('](decisions.md)');
    expect(en).toMatch(/kept in step/);
    expect(vi).toMatch(/giữ khớp nhau/);
  });

  it('have the same sections, the same number of decisions in each, the same code spans', () => {
    expect(shape(vi)).toEqual(shape(en));
    expect(codeSpans(vi)).toEqual(codeSpans(en));
  });

  it('the Vietnamese one is written in Vietnamese', () => {
    expect(vi.normalize('NFC')).toBe(vi);
    expect(vi).toMatch(/^# Các lựa chọn/);
    expect(vi).not.toMatch(/^## (Criteria|Submissions|Results|Reading|Scale|Reports)/m);
  });
});
