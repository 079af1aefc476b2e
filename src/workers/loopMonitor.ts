// Watches the extension host's main thread: the longest time the event loop was blocked, from
// node's event-loop delay histogram. Every period it logs the longest block of that period
// (debug), and each new longest block (info), which the E2E run reports. The thread is shared:
// while the extension host starts, every extension activates on it, so blocks before this
// extension's first piece of work (`endStartup()`, or 30 s) are reported apart, as start-up.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface LoopMonitorLog {
  debug(message: string): void;
  info(message: string): void;
}

/** A block a user may notice while typing (the product's goal for the extension host: at most this). */
const NOTICEABLE_MS = 50;

export class LoopMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private startupEnds: number;
  /** Longest block after start-up, in ms (an upper bound, within one 10 ms tick). */
  longest = 0;
  /** Longest block during start-up, in ms. */
  longestAtStartup = 0;

  constructor(
    private readonly log: LoopMonitorLog,
    periodMs = 5000,
    startupMs = 30_000,
  ) {
    // 10 ms resolution: finer costs more timer wakeups than a block we care about (≥ 50 ms) needs.
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.startupEnds = performance.now() + startupMs;
    this.timer = setInterval(() => this.report(), periodMs);
    this.timer.unref();
  }

  /** Logs the period's longest block and starts a new period. */
  report(): void {
    // The histogram's samples are the intervals between its 10 ms ticks: a block shows as its length
    // plus up to one tick, so the figure errs high by at most 10 ms, never low.
    const ms = this.histogram.max / 1e6;
    this.histogram.reset();
    if (!(ms > 0)) return;
    // A period with a block worth noticing is said at info level, so a run's log shows when it was.
    if (ms >= NOTICEABLE_MS) this.log.info(`main thread: blocked up to ${ms.toFixed(1)} ms in the last period`);
    else this.log.debug(`main thread: longest block ${ms.toFixed(1)} ms in the last period`);
    if (performance.now() < this.startupEnds) {
      if (ms > this.longestAtStartup) {
        this.longestAtStartup = ms;
        this.log.info(`main thread: longest block during start-up ${ms.toFixed(1)} ms (every extension activating)`);
      }
    } else if (ms > this.longest) {
      this.longest = ms;
      this.log.info(`main thread: longest block so far ${ms.toFixed(1)} ms`);
    }
  }

  /** This extension starts working: what was blocked until now was the start-up's. */
  endStartup(): void {
    if (performance.now() >= this.startupEnds) return;
    this.report();
    this.startupEnds = 0;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.report();
    this.histogram.disable();
  }
}
