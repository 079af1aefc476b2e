// Runs the empirical check for the editor, one at a time, and keeps every result for the session
// under its checkKey, so asking again for the same architecture and inputs is instant. Free of
// `vscode`; the tfjs bundle comes through the loader it is given, only when a run starts.
import type { CheckOptions } from '../check/options';
import type { CheckProgress, CheckResult, CheckSpec } from '../check/types';

/** The part of the check bundle the runner uses (loadCheckModule() gives the whole module). */
export interface CheckBundle {
  runCheck(spec: CheckSpec, opts?: CheckOptions): Promise<CheckResult>;
}

export type CheckRunOutcome =
  | { kind: 'done'; result: CheckResult; cached: boolean }
  | { kind: 'cancelled'; message: string }
  | { kind: 'error'; message: string }
  /** Another check is running (they share the CPU, so one at a time); `key` is the running one. */
  | { kind: 'busy'; key: string };

/** The latest progress of the run in flight, so a reloaded sidebar can show it again. */
export interface Running {
  key: string;
  progress: CheckProgress;
}

/** What a failed run tells the user; the bundle's error classes are matched by name, not by class. */
export function describeCheckError(error: unknown): { kind: 'cancelled' | 'error'; message: string } {
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'cancelled', message: 'The check was cancelled.' };
  if (error instanceof Error && error.name === 'CheckInputError') return { kind: 'error', message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  return { kind: 'error', message: `The check failed unexpectedly: ${text} (see "Scaling: Show output log").` };
}

export class CheckRunner {
  private readonly results = new Map<string, CheckResult>();
  private current: Running | null = null;

  constructor(private readonly load: () => Promise<CheckBundle>) {}

  cached(key: string): CheckResult | undefined {
    return this.results.get(key);
  }

  get running(): Running | null {
    return this.current;
  }

  async run(key: string, spec: CheckSpec, opts: CheckOptions = {}): Promise<CheckRunOutcome> {
    const hit = this.results.get(key);
    if (hit) return { kind: 'done', result: hit, cached: true };
    if (this.current) return { kind: 'busy', key: this.current.key };
    const running: Running = { key, progress: { done: 0, total: 0, message: 'starting' } };
    this.current = running;
    try {
      const bundle = await this.load();
      const result = await bundle.runCheck(spec, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (p) => {
          running.progress = p;
          opts.onProgress?.(p);
        },
      });
      this.results.set(key, result);
      return { kind: 'done', result, cached: false };
    } catch (error) {
      return describeCheckError(error);
    } finally {
      this.current = null;
    }
  }
}
