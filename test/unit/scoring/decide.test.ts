import { describe, expect, it } from 'vitest';
import type { PhaseTier } from '../../../src/criteria/model.js';
import { loadDecisions } from '../../../src/decisions/load.js';
import { explain } from '../../../src/scoring/explain.js';
import { applyDecisions } from '../../../src/scoring/decide.js';
import { rankTier, scoreUnit } from '../../../src/scoring/score.js';
import type { TierResult, UnitInput } from '../../../src/scoring/types.js';
import { tierOf, unit } from './fixture.js';

const tier = tierOf('p1');
const FULL = { A1: true, A2: 80, A3: 4, A4: 10, B1: 90, B2: 0 };

function ranked(t: PhaseTier, inputs: UnitInput[]): TierResult {
  return rankTier({ tier: t, units: inputs.map((i) => scoreUnit(t, i)), registeredByBlock: null, blockOrder: [] });
}

function decide(r: TierResult, yaml: string): ReturnType<typeof applyDecisions> {
  const d = loadDecisions(`format: thidua.decisions/v1\nphase: p1\ndecisions:\n${yaml}`, 'decisions.yaml');
  expect(d.diagnostics).toEqual([]);
  return applyDecisions([r], { path: 'decisions.yaml', phase: d.phase!, phaseAt: d.phaseAt, decisions: d.decisions }, 'p1');
}

const snapshot = (r: TierResult): unknown => r.units.map((u) => [u.id, u.total, u.classId, u.rank]);

describe('applyDecisions (SPEC §12)', () => {
  // U1 and U2 tie at the top of block K: one flag (co, per_block 1), neither gets it
  const tie = (): TierResult => ranked(tier, [unit(tier, 'U1', FULL, { block: 'K', name: 'An' }), unit(tier, 'U2', FULL, { block: 'K', name: 'Bình' }), unit(tier, 'U3', { ...FULL, B1: 50 }, { block: 'K', name: 'Cúc' })]);

  it('a grant settles a tie: the unit holds the award, decided; the other neither holds it nor is tied', () => {
    const r = tie();
    expect(r.awardLists[0]).toMatchObject({ award: 'co', units: [], ties: ['U1', 'U2'] });
    const before = snapshot(r);
    const { tiers, diagnostics } = decide(r, '  - { unit: U2, award: co, grant: true, reason: "Biên bản 10/12" }\n');
    expect(diagnostics).toEqual([]);
    const t = tiers[0]!;
    const u = (id: string) => t.units.find((x) => x.id === id)!;
    expect(u('U2').awards).toEqual(['co']);
    expect(u('U1').awards).toEqual([]);
    // (they tie for bk too, which no decision touched)
    expect([u('U1').awardTies, u('U2').awardTies]).toEqual([['bk'], ['bk']]);
    expect(t.awardLists[0]).toEqual({ award: 'co', block: 'K', quota: 1, units: ['U2'], ties: [], decided: [{ unit: 'U2', award: 'co', grant: true, reason: 'Biên bản 10/12' }] });
    expect(t.decisions?.get('U2')).toEqual([{ unit: 'U2', award: 'co', grant: true, reason: 'Biên bản 10/12' }]);
    expect(t.stats.awards.co).toBe(1);
    // never points, classes or ranks
    expect(snapshot(t)).toEqual(before);
    // the other unit now says why it has no flag: the quota, not a tie
    expect(explain(t, u('U1')).map((w) => w.code)).toContain('award-quota');
    expect(explain(t, u('U2')).some((w) => 'award' in w && w.award === 'co')).toBe(false);
  });

  it('a withholding takes a proposed award away, and takes a tied unit out of the tie only', () => {
    const one = ranked(tier, [unit(tier, 'U1', FULL, { block: 'K' })]);
    expect(one.units[0]!.awards).toEqual(['co']);
    const w = decide(one, '  - { unit: U1, award: co, grant: false, reason: "Khiếu nại" }\n').tiers[0]!;
    expect(w.units[0]!.awards).toEqual([]);
    expect(w.awardLists[0]).toMatchObject({ units: [], decided: [{ unit: 'U1', grant: false }] });
    expect(w.stats.awards.co).toBe(0);
    const t = decide(tie(), '  - { unit: U1, award: co, grant: false, reason: "Khiếu nại" }\n').tiers[0]!;
    expect(t.awardLists[0]).toMatchObject({ units: [], ties: ['U2'] });
    expect(t.units.find((x) => x.id === 'U2')!.awardTies).toContain('co');
    expect(t.units.find((x) => x.id === 'U1')!.awardTies).not.toContain('co');
  });

  it('a grant beyond the quota adds the unit to the list, in rank order', () => {
    const t = decide(tie(), '  - { unit: U3, award: co, grant: true, reason: "Thành tích đột xuất" }\n  - { unit: U1, award: co, grant: true, reason: "Biên bản" }\n').tiers[0]!;
    expect(t.awardLists[0]!.units).toEqual(['U1', 'U3']);
    expect(t.awardLists[0]!.ties).toEqual([]);
  });

  it('unknown phase, unit, award: decision-unknown at the line; the same decision twice: duplicate-entry, neither applied', () => {
    const r = tie();
    const d = loadDecisions(
      'format: thidua.decisions/v1\nphase: p1\ndecisions:\n  - { unit: U9, award: co, grant: true, reason: x }\n  - { unit: U1, award: zz, grant: true, reason: x }\n  - { unit: U1, award: co, grant: true, reason: a }\n  - { unit: U1, award: co, grant: false, reason: b }\n',
      'd.yaml',
    );
    expect(d.diagnostics.map((x) => [x.code, x.line, x.args.other])).toEqual([['duplicate-entry', 7, 'd.yaml:6']]);
    expect(d.decisions.map((x) => x.unit)).toEqual(['U9', 'U1']);
    const out = applyDecisions([r], { path: 'd.yaml', phase: d.phase!, phaseAt: d.phaseAt, decisions: d.decisions }, 'p1');
    expect(out.diagnostics.map((x) => [x.code, x.severity, x.args.what, x.line])).toEqual([
      ['decision-unknown', 'error', 'unit', 4],
      ['decision-unknown', 'error', 'award', 5],
    ]);
    const wrong = applyDecisions([r], { path: 'd.yaml', phase: 'p2', phaseAt: { line: 2, column: 8 }, decisions: d.decisions }, 'p1');
    expect(wrong.diagnostics.map((x) => [x.code, x.args.what, x.line])).toEqual([['decision-unknown', 'phase', 2]]);
    // units of a tier this run did not score are left for that run
    expect(applyDecisions([r], { path: 'd.yaml', phase: 'p1', phaseAt: d.phaseAt, decisions: d.decisions.slice(0, 1) }, 'p1', new Set(['U9'])).diagnostics).toEqual([]);
  });

  it('schema errors point at the line and column of the key', () => {
    const d = loadDecisions('format: thidua.decisions/v1\nphase: p1\ndecisions:\n  - { unit: U1, award: co, grnat: true, reason: x }\n', 'd.yaml');
    expect(d.phase).toBeNull();
    expect(d.diagnostics.map((x) => [x.code, x.line])).toContainEqual(['schema', 4]);
  });
});
