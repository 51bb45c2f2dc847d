import { it } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { model, PREVIOUS } from './fixture.js';
import { resultsWorkbook } from '../../../src/report/workbook.js';
import { summaryMarkdown } from '../../../src/report/summary.js';
import { writeWorkbook } from '../../../src/workbook/write/index.js';
it('probe', () => {
  mkdirSync('/tmp/fx', { recursive: true });
  writeFileSync('/tmp/fx/vi.xlsx', writeWorkbook(resultsWorkbook(model({ previous: PREVIOUS }))));
  writeFileSync('/tmp/fx/en.xlsx', writeWorkbook(resultsWorkbook(model({ lang: 'en', previous: PREVIOUS }))));
  writeFileSync('/tmp/fx/en.md', summaryMarkdown(model({ lang: 'en', previous: PREVIOUS })));
  writeFileSync('/tmp/fx/vi.md', summaryMarkdown(model({ previous: PREVIOUS })));
});
