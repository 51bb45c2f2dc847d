// Baseline: exceljs's streaming reader merely iterating every row of a workbook.
import ExcelJS from 'exceljs';

const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
let rows = 0;
for await (const ws of reader) for await (const _row of ws) rows++;
process.stdout.write(`${rows}\n`);
