import { it } from 'vitest';
import { assess } from '../../../src/run/assess.js';
import { fixtureCriteria, fixtureUnits, formWorkbook, fixtureFormRows, tempDir, rosterWorkbook, HO_COLUMNS } from '../../helpers/workbooks.js';

it('scratch', async () => {
  const t = tempDir();
  const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': '', '1.3': 2.5 }, {'1.1': 9}) });
  const p = t.write('a.xlsx', f.bytes);
  const r = rosterWorkbook({ columns: HO_COLUMNS, rows: [{ id: 'H1', name: 'Hộ A', block: 'Thôn 1', values: ['x', 60, 3] }, { id: 'H1', name: 'Hộ A', block: 'Thôn 1', values: ['x', 60, 3] }, {values: [1]}] });
  const q = t.write('r.xlsx', r.bytes);
  const a = await assess({ criteria: fixtureCriteria(), phase: 'gd1', units: fixtureUnits(), unitsPath: 'units.yaml', files: [p, q] });
  console.log(JSON.stringify(a.diagnostics.map(d => ({...d, path: d.path.replace(t.dir, '')})), null, 1));
  for (const tr of a.tiers) console.log(tr.tier.id, tr.units.map(u => [u.id, u.status, u.total, Array.from(u.points)]));
  t.cleanup();
});
