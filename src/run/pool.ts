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

/** How many threads read workbooks: every core but none idle, at most 8. */
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
