/**
 * The row records that carry a sheet's cells from the reading thread to the main thread
 * (rows-thread.ts): the ring of slots both threads see, what a record says of its cell, the
 * messages and the thread's input. Written by rows-recorder.ts on the thread, read back into
 * cells by rows-cells.ts and roster-rows.ts.
 */
import type { ReadLimits, WorkbookError } from '../types.js';
import type { ZipEntry } from './zip.js';

/**
 * Batches the thread may have posted and the main thread not yet taken in (the ring's
 * slots). Scoring a roster, the main thread takes rows in about as fast as the thread parses
 * them, so what the thread runs ahead while the shared strings are parsed is never made up:
 * more slots only hold more memory.
 */
export const AHEAD = 16;
/** A batch is posted at the end of the first row that brings it to this many cells. */
export const BATCH_CELLS = 32 * 1024;
/** Cells a slot holds: a batch plus a row of every column. A longer row (a hostile sheet) travels in arrays of its own. */
export const SLOT_CELLS = BATCH_CELLS + 16 * 1024;

// What a record says of its cell's value (bits 16–20 of its first word, under the column);
// FORMULA is or-ed in when the cell held a formula.
export const K_NUMBER = 0;
/** A shared string by its index (canonical digits). */
export const K_SST = 1;
/** A shared string whose index was written otherwise ("007", " 7", "7.0", "x"): the text goes along for the error. */
export const K_SST_TEXT = 2;
export const K_STRING = 3;
export const K_RICH = 4;
export const K_TRUE = 5;
export const K_FALSE = 6;
export const K_ERROR = 7;
export const K_DATE = 8;
export const K_NO_VALUE = 9;
export const KIND = 15;
export const FORMULA = 16;
export const KIND_SHIFT = 16;
export const COL = 0xffff;

/** Control words shared by both threads: batches in flight, and the stop flag. */
export const IN_FLIGHT = 0;
export const STOP = 1;

/**
 * Where the batches are written: {@link AHEAD} slots in memory both threads see, allocated
 * once. (A fresh set of arrays per batch, handed over, leaves the freed ones scattered over
 * the allocator's arenas, resident for the rest of the run.)
 */
export interface Ring {
  /** Per slot: row number and cell count of each row. */
  rows: Int32Array;
  /** Per slot and cell: column | kind << 16, then style index. */
  meta: Int32Array;
  /** Per slot and cell: the number, or the shared-string index. */
  nums: Float64Array;
}

export function newRing(): Ring {
  return {
    rows: new Int32Array(new SharedArrayBuffer(AHEAD * 2 * SLOT_CELLS * 4)),
    meta: new Int32Array(new SharedArrayBuffer(AHEAD * 2 * SLOT_CELLS * 4)),
    nums: new Float64Array(new SharedArrayBuffer(AHEAD * SLOT_CELLS * 8)),
  };
}

/** One batch's arrays: a slot of the ring, or arrays of its own. */
export interface BatchArrays {
  rows: Int32Array;
  meta: Int32Array;
  nums: Float64Array;
}

export function slotOf(ring: Ring, slot: number): BatchArrays {
  return {
    rows: ring.rows.subarray(slot * 2 * SLOT_CELLS, (slot + 1) * 2 * SLOT_CELLS),
    meta: ring.meta.subarray(slot * 2 * SLOT_CELLS, (slot + 1) * 2 * SLOT_CELLS),
    nums: ring.nums.subarray(slot * SLOT_CELLS, (slot + 1) * SLOT_CELLS),
  };
}

/** One batch of whole rows, as posted by the thread. */
export interface RowBatch {
  kind: 'rows';
  /** The ring slot holding it, or -1 when it brings its own arrays. */
  slot: number;
  own?: BatchArrays;
  rowCount: number;
  /** Texts, in the order of the cells that carry one. */
  strs: string[];
}

export type ThreadMessage =
  | RowBatch
  | { kind: 'done'; complete: boolean; merges: string[] }
  | { kind: 'error'; code?: WorkbookError['code']; reason?: string; detail?: Record<string, string | number>; message: string };

/** What the thread is given. */
export interface ThreadInput {
  stored: Uint8Array;
  entry: ZipEntry;
  limits: ReadLimits;
  ctl: Int32Array;
  ring: Ring;
}

/** Whether a record of each kind carries a text in its batch's `strs` (any other kind is read as one without a value). */
export const HAS_TEXT = [false, false, true, true, true, false, false, true, true, true, true, true, true, true, true, true];
