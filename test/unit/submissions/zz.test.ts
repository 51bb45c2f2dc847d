import { it } from 'vitest';
import { fixtureFormRows, formWorkbook, runAssess, tempDir, unitOf } from '../../helpers/workbooks.js';
it('x', async () => {
  const t = tempDir();
  const f = formWorkbook({ unit: 'XA-01', rows: fixtureFormRows({ '1.2': null }, { '1.2': 20 }) });
  const a = await runAssess([t.write('a.xlsx', f.bytes)]);
  console.log(a.diagnostics.map(d => [d.code, d.cell, JSON.stringify(d.args)]), unitOf(a,'xa','XA-01').total);
});
