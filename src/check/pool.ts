// Runs training jobs on a few worker threads at once: the check's runs are independent, and
// tfjs's backends compute on the calling thread, so parallel runs need threads of their own.
// Cancelling terminates the workers, which stops a run mid-step.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobOutcome, TrainJob } from './job';
import { CheckAbortedError } from './types';

/** The workerData role that makes checkWorker.js listen for jobs. */
export const TRAINER_ROLE = 'check-trainer';

export interface Trainer {
  readonly size: number;
  run(job: TrainJob): Promise<JobOutcome>;
  close(): Promise<void>;
}

export function defaultParallelism(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The worker script: dist/checkWorker.js beside the check bundle, or this folder's source under tsx. */
function workerEntry(): string | null {
  const bundled = join(__dirname, 'checkWorker.js');
  if (existsSync(bundled)) return bundled;
  const source = join(__dirname, 'worker.ts');
  return existsSync(source) && process.execArgv.some((a) => a.includes('tsx')) ? source : null;
}

interface Pending {
  id: number;
  job: TrainJob;
  resolve: (o: JobOutcome) => void;
  reject: (e: Error) => void;
}

class WorkerPool implements Trainer {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private next = 0;
  private failure: Error | null = null;

  constructor(
    readonly size: number,
    entry: string,
    signal: AbortSignal | undefined,
  ) {
    for (let i = 0; i < size; i++) {
      // From source (tests under tsx) the worker registers tsx's require hook before loading the .ts entry.
      // workerData tells the entry it is a trainer (required elsewhere, it only exports runJob).
      const workerData = { role: TRAINER_ROLE };
      const worker = entry.endsWith('.ts')
        ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true, workerData })
        : new Worker(entry, { workerData });
      worker.on('message', (m: { id: number; ok: boolean; outcome?: JobOutcome; message?: string }) => {
        const pending = this.busy.get(worker);
        this.busy.delete(worker);
        this.idle.push(worker);
        if (pending) {
          if (m.ok && m.outcome) pending.resolve(m.outcome);
          else pending.reject(new Error(m.message ?? 'training failed'));
        }
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
      this.idle.push(worker);
    }
    signal?.addEventListener('abort', () => this.fail(new CheckAbortedError()), { once: true });
  }

  run(job: TrainJob): Promise<JobOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      this.busy.set(worker, pending);
      worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const p of [...this.queue, ...this.busy.values()]) p.reject(error);
    this.queue.length = 0;
    this.busy.clear();
    void this.close();
  }

  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}

type JobModule = typeof import('./job');

/**
 * tfjs lives only in the worker bundle (dist/checkWorker.js, which also exports runJob): the
 * .vsix carries it once, and check.js stays small. From source, this folder's job module.
 */
function loadJobModule(): Promise<JobModule> {
  const bundled = join(__dirname, 'checkWorker.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle found at run time, not at build time
  if (existsSync(bundled)) return Promise.resolve(require(bundled) as JobModule);
  // A computed specifier keeps esbuild from pulling the module (and tfjs) into check.js.
  const source = './job';
  return import(source) as Promise<JobModule>;
}

/** With one run at a time (or no worker script), runs train on this thread. */
class InThread implements Trainer {
  readonly size = 1;
  private chain: Promise<unknown> = Promise.resolve();
  constructor(private readonly signal: AbortSignal | undefined) {}
  run(job: TrainJob): Promise<JobOutcome> {
    const next = this.chain.then(() => {
      if (this.signal?.aborted) throw new CheckAbortedError();
      return loadJobModule().then((m) => m.runJob(job, this.signal));
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
  async close(): Promise<void> {}
}

export function createTrainer(size: number, signal?: AbortSignal): Trainer {
  const entry = size > 1 ? workerEntry() : null;
  return entry ? new WorkerPool(size, entry, signal) : new InThread(signal);
}
