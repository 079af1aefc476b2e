// Loads something expensive (tfjs, the check's bundle) the first time it is asked for, once: callers
// that ask while it loads share the load. A load that fails is forgotten, so the next call tries
// again (a cancelled or crashed first check must not leave the check unusable for the session).
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
