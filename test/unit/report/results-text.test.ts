import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../../src/criteria/load.js';
import { loadUnits } from '../../../src/units/load.js';
import { assess } from '../../../src/run/assess.js';
import { expandInputs } from '../../../src/run/inputs.js';
import { unitJson, unitJsonText } from '../../../src/report/results.js';
import { explain } from '../../../src/scoring/explain.js';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'gia-lai-hoc-tap-suot-doi');

describe('results.json written directly', () => {
  it('is byte for byte JSON.stringify of the unit object, for every unit of the example', async () => {
    const { criteria } = loadCriteria(readFileSync(join(EXAMPLE, 'criteria.yaml')), 'criteria.yaml');
    const { units } = loadUnits(readFileSync(join(EXAMPLE, 'units.yaml')), 'units.yaml');
    let compared = 0;
    for (const phase of ['gd1', 'gd2']) {
      const { files } = expandInputs([join(EXAMPLE, 'submissions', phase)], 'vi');
      const a = await assess({ criteria: criteria!, phase, units, files, workers: false });
      for (const t of a.tiers) {
        for (const u of t.units) {
          expect(unitJsonText(t, u, 'vi'), `${t.tier.id}/${u.id}`).toBe(JSON.stringify(unitJson(t.tier, u, 'vi', explain(t, u))));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe('results.json written directly, for the second example (choices, cases, info items, requires)', () => {
  it('is byte for byte JSON.stringify of the unit object, a choice written as its id', async () => {
    const dir = join(__dirname, '..', '..', '..', 'examples', 'doan-thanh-nien');
    const { criteria } = loadCriteria(readFileSync(join(dir, 'criteria.yaml')), 'criteria.yaml');
    const { units } = loadUnits(readFileSync(join(dir, 'units.yaml')), 'units.yaml');
    const { files } = expandInputs([join(dir, 'submissions', 'n2024')], 'vi');
    const a = await assess({ criteria: criteria!, phase: 'n2024', units, files, workers: false });
    let compared = 0;
    for (const t of a.tiers) {
      for (const u of t.units) {
        const text = unitJsonText(t, u, 'vi');
        expect(text, `${t.tier.id}/${u.id}`).toBe(JSON.stringify(unitJson(t.tier, u, 'vi', explain(t, u))));
        expect(text).toMatch(/"1\.1":\{"value":"(du|ct|khong)"/);
        compared++;
      }
    }
    expect(compared).toBe(9);
  });
});
