// Runs chart jobs in a worker thread, newest first: while one job runs, only the latest
// request waits (a slider drag produces many; the intermediate ones are never computed).
import { Worker } from 'node:worker_threads';
import type { ChartData, ChartJob } from './chartData';

export interface ChartRunner {
  /** Cached data for a job key, if computed. */
  get(key: string): ChartData | undefined;
  /** Asks for a job; `done` is called when its data (or any newer job's) is cached. */
  request(job: ChartJob): void;
  dispose(): void;
}

export class WorkerChartRunner implements ChartRunner {
  private readonly results = new Map<string, ChartData>();
  private worker: Worker | null = null;
  private running: string | null = null;
  private next: ChartJob | null = null;

  constructor(
    private readonly workerPath: string,
    private readonly done: (key: string, ms: number) => void,
    private readonly onError: (message: string) => void,
    /** Used when no worker can be started (the data are then computed on the calling thread). */
    private readonly inline: (job: ChartJob) => ChartData,
  ) {}

  get(key: string): ChartData | undefined {
    return this.results.get(key);
  }

  request(job: ChartJob): void {
    if (this.results.has(job.key) || this.running === job.key) return;
    this.next = job;
    this.pump();
  }

  private remember(key: string, data: ChartData): void {
    this.results.set(key, data);
    if (this.results.size > 24) {
      const oldest = this.results.keys().next();
      if (!oldest.done) this.results.delete(oldest.value);
    }
  }

  private pump(): void {
    if (this.running !== null || this.next === null) return;
    const job = this.next;
    this.next = null;
    const worker = this.ensureWorker();
    const started = Date.now();
    if (worker === null) {
      this.remember(job.key, this.inline(job));
      this.done(job.key, Date.now() - started);
      this.pump();
      return;
    }
    this.running = job.key;
    const onMessage = (msg: { key: string; data: ChartData }) => {
      worker.off('message', onMessage);
      this.running = null;
      this.remember(msg.key, msg.data);
      this.done(msg.key, Date.now() - started);
      this.pump();
    };
    worker.on('message', onMessage);
    worker.postMessage({ key: job.key, arch: job.arch, size: job.size, options: job.options });
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(this.workerPath);
      w.on('error', (e) => {
        this.onError(`chart worker failed: ${e.message}`);
        this.worker = null;
        this.running = null;
        this.pump();
      });
      w.unref();
      this.worker = w;
      return w;
    } catch (e) {
      this.onError(`chart worker unavailable, computing charts inline: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}
