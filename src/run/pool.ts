import { cpus } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread, threadAvailable } from '../util/shipped.js';
import type { FileReading } from './read-file.js';
import type { WorkerSetup } from './worker.js';

const WORKER_FILE = new URL('./worker.js', import.meta.url);

/** Worker threads exist only in the built tool (dist/), not when tests run the sources. */
export function workersAvailable(): boolean {
  return threadAvailable(WORKER_FILE);
}

/**
 * How many threads should read workbooks of `bytes` (compressed) in all: none unless at least
 * two can, each with a share worth its start, while a core stays for the main thread, which
 * merges what they send. On two cores, reading 1,000 forms (10 MB) took 0.7 s on the main
 * thread and 1.0 s with a pool (and 4,000 forms 2.2 s against 2.3–2.6 s): a thread's start, and
 * the main thread taking in every unit it sends, cost as much as the reading it saves. A
 * machine with more cores shares the reading among more threads than the merging costs.
 */
export function poolThreads(bytes: number, cores = cpus().length): number {
  const n = Math.min(8, cores - 1, Math.floor(bytes / BYTES_PER_THREAD));
  return n >= 2 ? n : 0;
}

/** The compressed bytes of workbooks one reading thread must have to pay its start (about 400 forms). */
export const BYTES_PER_THREAD = 4 * 1024 * 1024;

/** Threads whatever the work (THIDUA_WORKERS=always: tests of the built tool): every core, at most 8. */
export function poolSize(): number {
  return Math.max(1, Math.min(8, cpus().length));
}

interface Job {
  index: number;
  path: string;
  resolve: (r: FileReading) => void;
  reject: (e: Error) => void;
}

/**
 * Reads small workbooks on worker threads, so that a thousand forms use every core. The
 * main thread still merges them in sorted order, so the results do not depend on which
 * thread finished first.
 */
export class ReadPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();

  constructor(setup: WorkerSetup, size: number) {
    for (let i = 0; i < size; i++) {
      const w = startThread(WORKER_FILE, { workerData: setup });
      w.on('message', (msg: { index: number; reading?: FileReading; crash?: string }) => {
        const job = this.running.get(w);
        this.running.delete(w);
        if (job) {
          if (msg.reading) job.resolve(msg.reading);
          else job.reject(new Error(msg.crash ?? 'worker failed'));
        }
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => {
        const job = this.running.get(w);
        this.running.delete(w);
        job?.reject(e);
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  read(index: number, path: string): Promise<FileReading> {
    return new Promise((resolve, reject) => {
      this.queue.push({ index, path, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage({ index: job.index, path: job.path });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
