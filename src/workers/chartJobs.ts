// Runs chart jobs in a supervised worker thread, newest first: while one job runs, only the
// latest request waits (a slider drag produces many; the intermediate ones are never computed).
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
    this.running = job.key;
    const started = Date.now();
    void this.worker.call('charts', job).then((outcome) => {
      this.running = null;
      if (outcome.ok) {
        this.remember(job.key, outcome.value);
      } else {
        const error = `charts skipped: the computation ${outcome.skipped}`;
        this.onError(error);
        this.remember(job.key, { sweep: { error }, regime: { error }, budget: null });
      }
      this.done(job.key, Date.now() - started);
      this.pump();
    });
  }

  dispose(): void {
    this.worker.dispose();
  }
}
