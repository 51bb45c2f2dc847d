/**
 * The xlsx writer's public surface: the model types, the two write functions and the
 * reference helpers.
 */

export * from './model.js';
export { DEFAULT_LEVEL, writeWorkbook, writeWorkbookTo } from './writer.js';
export { MAX_CELL_TEXT, MAX_COLS, MAX_ROWS, cellRef, colName } from '../cells.js';
