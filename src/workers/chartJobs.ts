// Runs chart jobs in a supervised worker thread, newest first: while one job runs, only the
// latest request waits (a slider drag produces many; the intermediate ones are never computed),
// and the running one, which answers a view the user has left, is dropped at its next column
// (the worker reads the number of the job the host wants from shared memory).
// A job that overruns its deadline or exhausts the worker's memory is cached as failed with the
// reason, so the sidebar says why instead of "Computing…" forever.
import type { ChartData, ChartJob } from '../view/chartData';
import type { ChartMethods } from './chartWorker';
import { Supervisor } from './supervisor';

export interface ChartRunner {
  /** Cached data for a job key, if computed. */
  get(key: string): ChartData | undefined;
  /** Asks for a job; `done` is called when its data (or any newer job's) is cached. */
  request(job: ChartJob): void;
  dispose(): void;
}

/** A chart job's deadline: the sweeps take well under a second; far beyond that something is wrong. */
export const CHART_DEADLINE_MS = 20_000;

export class WorkerChartRunner implements ChartRunner {
  private readonly results = new Map<string, ChartData>();
  private readonly worker: Supervisor<ChartMethods>;
  private running: string | null = null;
  private next: ChartJob | null = null;
  /** The number of the job the host wants, read by the worker between columns. */
  private readonly wanted = new Int32Array(new SharedArrayBuffer(4));
  private numbered = 0;
  /** Jobs the worker dropped because a newer one was asked for; for logs and tests. */
  abandoned = 0;

  constructor(
    workerPath: string,
    private readonly done: (key: string, ms: number) => void,
    private readonly onError: (message: string) => void,
    deadlineMs = CHART_DEADLINE_MS,
  ) {
    this.worker = new Supervisor<ChartMethods>({
      path: workerPath,
      name: 'charts',
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      deadlineMs,
      handlers: {},
      log: onError,
    });
  }

  get(key: string): ChartData | undefined {
    return this.results.get(key);
  }

  request(job: ChartJob): void {
    if (this.results.has(job.key)) return;
    if (this.running === job.key) {
      // Still the one to finish: forget any other that was asked for in between.
      this.next = null;
      Atomics.store(this.wanted, 0, this.numbered);
      return;
    }
    this.next = job;
    // The job running now is for a view the user has left: tell the worker to drop it.
    if (this.running !== null) Atomics.store(this.wanted, 0, 0);
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
    this.running = job.key;
    const number = ++this.numbered;
    Atomics.store(this.wanted, 0, number);
    const started = Date.now();
    void this.worker.call('charts', { job, number, wanted: this.wanted }).then((outcome) => {
      this.running = null;
      if (outcome.ok) {
        if (outcome.value === null) {
          // Dropped for a newer job: nothing to cache or draw; the newer one runs now.
          this.abandoned += 1;
          this.pump();
          return;
        }
        this.remember(job.key, outcome.value);
      } else {
        const error = `charts skipped: the computation ${outcome.skipped}`;
        this.onError(error);
        this.remember(job.key, { sweep: { error }, regime: { error }, budget: null, bands: null });
      }
      this.done(job.key, Date.now() - started);
      this.pump();
    });
  }

  dispose(): void {
    this.worker.dispose();
  }
}
