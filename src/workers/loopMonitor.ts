// Watches the extension host's main thread: how long it was kept busy without a break, and how
// late its timers ran. The two differ on a loaded machine: a timer is also late when the OS does
// not schedule the thread (training threads or other processes holding every core), which no code
// on the thread causes. So every tick (10 ms) it reads the thread's own CPU time
// (`process.threadCpuUsage`, Node 23.9 and later): CPU time spent between two ticks is work on
// this thread, by this extension or another one sharing it; wall time beyond that was waiting for
// a core. Every period it logs the longest of both (debug, or info from 50 ms), and each new
// longest busy stretch (info), which the E2E run reports. While the extension host starts, every
// extension activates on the thread: stretches before this extension's first piece of work
// (`endStartup()`, or 30 s) are reported apart, as start-up.

export interface LoopMonitorLog {
  debug(message: string): void;
  info(message: string): void;
}

/** A block a user may notice while typing (the product's goal for the extension host: at most this). */
const NOTICEABLE_MS = 50;
/** Between two looks at the thread: finer costs more wakeups than a block we care about (≥ 50 ms) needs. */
const TICK_MS = 10;

/** CPU time of the calling thread, in ms; null where Node cannot tell (before 23.9). */
export function threadCpuMs(): number | null {
  const read = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  if (!read) return null;
  const u = read.call(process);
  return (u.user + u.system) / 1000;
}

export class LoopMonitor {
  private readonly timer: NodeJS.Timeout;
  private startupEnds: number;
  private lastWall = performance.now();
  private lastCpu = threadCpuMs();
  /** This period's longest busy stretch and latest tick, in ms. */
  private periodBusy = 0;
  private periodLate = 0;
  private readonly periodTimer: NodeJS.Timeout;
  /** Whether busy time is the thread's CPU time (else it is the wall time between ticks, an upper bound). */
  readonly measuresCpu = this.lastCpu !== null;
  /** Longest busy stretch after start-up, in ms (within one tick). */
  longest = 0;
  /** Longest busy stretch during start-up, in ms. */
  longestAtStartup = 0;
  /** Latest tick after start-up, in ms: the busy stretch plus any time the thread waited for a core. */
  latest = 0;

  constructor(
    private readonly log: LoopMonitorLog,
    periodMs = 5000,
    startupMs = 30_000,
  ) {
    this.startupEnds = performance.now() + startupMs;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.periodTimer = setInterval(() => this.report(), periodMs);
    this.periodTimer.unref();
  }

  private tick(): void {
    const wall = performance.now();
    const cpu = threadCpuMs();
    const late = Math.max(0, wall - this.lastWall - TICK_MS);
    // Between two ticks the thread ran for `cpu - lastCpu`: that stretch kept every callback waiting.
    const busy = cpu !== null && this.lastCpu !== null ? cpu - this.lastCpu : wall - this.lastWall;
    this.lastWall = wall;
    this.lastCpu = cpu;
    this.periodBusy = Math.max(this.periodBusy, busy);
    this.periodLate = Math.max(this.periodLate, late);
  }

  /** Logs the period's longest busy stretch and latest tick, and starts a new period. */
  report(): void {
    this.tick();
    const busy = this.periodBusy;
    const late = this.periodLate;
    this.periodBusy = 0;
    this.periodLate = 0;
    const what = this.measuresCpu ? 'of CPU time' : 'of wall time (no thread CPU clock in this Node)';
    const message = `main thread: busy up to ${busy.toFixed(1)} ms ${what}, timers late up to ${late.toFixed(1)} ms in the last period`;
    // A period worth noticing is said at info level, so a run's log shows when it was.
    if (busy >= NOTICEABLE_MS || late >= NOTICEABLE_MS) this.log.info(message);
    else this.log.debug(message);
    if (performance.now() < this.startupEnds) {
      if (busy > this.longestAtStartup) {
        this.longestAtStartup = busy;
        this.log.info(
          `main thread: longest busy stretch during start-up ${busy.toFixed(1)} ms (every extension activating)`,
        );
      }
      return;
    }
    this.latest = Math.max(this.latest, late);
    if (busy > this.longest) {
      this.longest = busy;
      this.log.info(`main thread: longest busy stretch so far ${busy.toFixed(1)} ms ${what}`);
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
    clearInterval(this.periodTimer);
    this.report();
  }
}
