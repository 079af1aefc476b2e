// One worker thread under supervision: every request runs under a deadline, the thread under
// V8 resource limits. A request that overruns, a thread that runs out of memory or dies, ends
// the thread (it is replaced on the next request) and answers "skipped: <reason>"; the requests
// queued behind it run on the replacement. Requests go one at a time, so a deadline measures the
// request itself, not the queue. Free of `vscode`: the tests and the bench drive it directly.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { Channel, type Handlers, type Methods, type Params, type Result } from './rpc';

export interface SupervisorOptions<Local extends Methods> {
  /** The worker's script (a dist/*.js bundle). */
  path: string;
  /** Names it in reasons and logs ("analysis", "charts"). */
  name: string;
  resourceLimits: ResourceLimits;
  /** Given to each thread as `workerData`. */
  workerData?: unknown;
  /** Default deadline of one request, from the moment the worker starts it. */
  deadlineMs: number;
  /** Time a new thread may take to load its script before it counts as failed. */
  startMs?: number;
  /** What the worker may ask of the host. */
  handlers: Handlers<Local>;
  log?: (message: string) => void;
}

/** `overran`: the request ran past its deadline (a busy machine can cause that; a crash or out-of-memory cannot). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; skipped: string; overran?: true };

interface Job {
  method: string;
  params: unknown;
  deadlineMs: number;
  /** Run only on a thread that is running: a new one would have nothing for it to act on. */
  runningOnly: boolean;
  resolve: (o: Outcome<unknown>) => void;
}

interface Live<Remote extends Methods> {
  worker: Worker;
  channel: Channel<Remote, Methods>;
  ready: Promise<void>;
  /** Set once the thread is ended; the reason is what the job in flight is told. */
  ended: string | null;
  onEnd: ((reason: string) => void) | null;
}

/** Failed starts in a row after which the supervisor stops trying (the bundle is broken, not the file). */
const MAX_FAILED_STARTS = 3;

export class Supervisor<Remote extends Methods, Local extends Methods = Methods> {
  private live: Live<Remote> | null = null;
  private readonly queue: Job[] = [];
  private running = false;
  private failedStarts = 0;
  private disposed = false;
  /** Threads ended for a reason (deadline, memory, crash); for logs and tests. */
  replaced = 0;

  constructor(private readonly options: SupervisorOptions<Local>) {}

  /** Runs `method` in the worker; never rejects: a failure is an outcome with the reason. */
  call<K extends keyof Remote & string>(
    method: K,
    params: Params<Remote, K>,
    deadlineMs = this.options.deadlineMs,
  ): Promise<Outcome<Result<Remote, K>>> {
    return this.enqueue(method, params, deadlineMs, false);
  }

  /**
   * Runs `method` only if a thread is running when its turn comes, never starting one: for what
   * concerns the state of the running thread alone (a kept detection to drop).
   */
  tell<K extends keyof Remote & string>(method: K, params: Params<Remote, K>): Promise<Outcome<Result<Remote, K>>> {
    return this.enqueue(method, params, this.options.deadlineMs, true);
  }

  private enqueue<K extends keyof Remote & string>(
    method: K,
    params: Params<Remote, K>,
    deadlineMs: number,
    runningOnly: boolean,
  ): Promise<Outcome<Result<Remote, K>>> {
    return new Promise((resolve) => {
      this.queue.push({ method, params, deadlineMs, runningOnly, resolve: resolve as (o: Outcome<unknown>) => void });
      void this.pump();
    });
  }

  /**
   * Starts the thread ahead of the first request, so that request does not wait for the worker's
   * script to load (for the analysis worker, most of a cold first detection).
   */
  warm(): void {
    if (this.live || this.disposed || this.failedStarts >= MAX_FAILED_STARTS) return;
    try {
      this.start();
    } catch (e) {
      this.failedStarts += 1;
      this.options.log?.(`${this.options.name} worker did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Ends the thread now (the check's cancel): the request in flight is told `reason`. */
  terminate(reason: string): void {
    if (this.live) this.end(this.live, reason);
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, skipped: `${this.options.name} stopped` });
    if (this.live) this.end(this.live, `${this.options.name} stopped`);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) job.resolve(await this.runOne(job));
    } finally {
      this.running = false;
    }
  }

  private async runOne(job: Job): Promise<Outcome<unknown>> {
    if (this.disposed) return { ok: false, skipped: `${this.options.name} stopped` };
    if (job.runningOnly && !this.live) return { ok: false, skipped: `no ${this.options.name} worker is running` };
    if (this.failedStarts >= MAX_FAILED_STARTS)
      return { ok: false, skipped: `the ${this.options.name} worker cannot start (see the log)` };
    let live: Live<Remote>;
    try {
      live = this.live ?? this.start();
    } catch (e) {
      this.failedStarts += 1;
      return {
        ok: false,
        skipped: `the ${this.options.name} worker did not start: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    try {
      await live.ready;
    } catch (e) {
      this.failedStarts += 1;
      return {
        ok: false,
        skipped: `the ${this.options.name} worker did not start: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
    this.failedStarts = 0;
    live.worker.ref();
    return new Promise<Outcome<unknown>>((resolve) => {
      let settled = false;
      const settle = (o: Outcome<unknown>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        live.onEnd = null;
        if (!live.ended && this.queue.length === 0) live.worker.unref();
        resolve(o);
      };
      let overran = false;
      const timer = setTimeout(() => {
        overran = true;
        this.end(live, `took longer than ${formatSeconds(job.deadlineMs)}`);
      }, job.deadlineMs);
      live.onEnd = (reason) =>
        settle(overran ? { ok: false, skipped: reason, overran } : { ok: false, skipped: reason });
      live.channel.request(job.method as keyof Remote & string, job.params as never).then(
        (value) => settle({ ok: true, value }),
        (e: unknown) =>
          settle({ ok: false, skipped: live.ended ?? `failed: ${e instanceof Error ? e.message : String(e)}` }),
      );
    });
  }

  private start(): Live<Remote> {
    const { path, resourceLimits, handlers, startMs = 30_000, workerData } = this.options;
    const worker = new Worker(path, { resourceLimits, workerData });
    const channel = new Channel<Remote, Methods>(worker, handlers as Handlers<Methods>);
    const live: Live<Remote> = { worker, channel, ready: Promise.resolve(), ended: null, onEnd: null };
    live.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no answer within ${formatSeconds(startMs)}`));
        this.end(live, 'did not start');
      }, startMs);
      const onReady = (m: unknown): void => {
        if (typeof m === 'object' && m !== null && (m as { ready?: unknown }).ready === true) {
          clearTimeout(timer);
          worker.off('message', onReady);
          resolve();
        }
      };
      worker.on('message', onReady);
      worker.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(live.ended ?? 'the thread exited while loading'));
      });
    });
    // A rejection nobody awaits yet must not surface as unhandled.
    live.ready.catch(() => undefined);
    worker.on('error', (e: Error & { code?: string }) => {
      const limit = resourceLimits.maxOldGenerationSizeMb;
      const reason =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (the limit is ${limit ?? '?'} MB)`
          : `failed: ${e.message}`;
      this.end(live, reason);
    });
    worker.on('exit', (code) => this.end(live, `stopped unexpectedly (exit code ${code})`));
    worker.unref();
    this.live = live;
    return live;
  }

  /** Ends a thread once, tells the job in flight why, and lets the next request start a new one. */
  private end(live: Live<Remote>, reason: string): void {
    if (live.ended !== null) return;
    live.ended = reason;
    if (this.live === live) this.live = null;
    if (reason !== `${this.options.name} stopped`) {
      this.replaced += 1;
      this.options.log?.(`${this.options.name} worker ended: ${reason}`);
    }
    live.onEnd?.(reason);
    live.channel.failAll(new Error(reason));
    void live.worker.terminate();
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

/** The worker side: serves `handlers` on the parent port and tells the supervisor it is ready. */
export function serveWorker<Local extends Methods, Host extends Methods>(
  port: import('node:worker_threads').MessagePort | null,
  handlers: Handlers<Local>,
): Channel<Host, Local> | null {
  if (!port) return null;
  const channel = new Channel<Host, Local>(port, handlers);
  port.postMessage({ ready: true });
  return channel;
}
