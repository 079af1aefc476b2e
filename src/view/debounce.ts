// Debouncing per key (one timer per document) and the "did anything relevant change?" check
// that keeps the sidebar from recomputing or repainting when an edit changed nothing it shows.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs the latest function given for a key once the key has been quiet for `ms`. */
export class Debouncer {
  private readonly pending = new Map<string, unknown>();

  constructor(
    private ms: number,
    private readonly timers: Timers = realTimers,
  ) {}

  setDelay(ms: number): void {
    this.ms = ms;
  }

  trigger(key: string, fn: () => void): void {
    this.cancel(key);
    const handle = this.timers.set(() => {
      this.pending.delete(key);
      fn();
    }, this.ms);
    this.pending.set(key, handle);
  }

  cancel(key: string): void {
    const handle = this.pending.get(key);
    if (handle !== undefined) {
      this.timers.clear(handle);
      this.pending.delete(key);
    }
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}

/**
 * A bounded cache keyed by a canonical string: compute only when the inputs that matter changed.
 * Least recently used entries go first.
 */
export class Memo<V> {
  private readonly entries = new Map<string, V>();
  /** How many times `get` had to compute; lets tests and the log see recomputation. */
  computations = 0;

  constructor(private readonly capacity = 64) {}

  get(key: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, hit as V);
      return hit as V;
    }
    this.computations += 1;
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }
}

/** JSON with object keys sorted, so equal inputs give equal keys whatever order they were built in. */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/** Decides whether a freshly built view must be posted: only when it differs from the last one posted. */
export class ChangeGate {
  private last: string | null = null;

  /** True (and remembers it) when `value` differs from what passed last time. */
  changed(value: unknown): boolean {
    const key = canonicalKey(value);
    if (key === this.last) return false;
    this.last = key;
    return true;
  }

  /** Forget, so the next value passes (a reloaded webview has lost what it was shown). */
  reset(): void {
    this.last = null;
  }
}
