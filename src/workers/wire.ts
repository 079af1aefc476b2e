// Values that cross between threads as JSON text. Structured clone rebuilds a large object graph
// (the detection of a 5,000-line file: 50 models, ~60 KB) about five times slower than JSON.parse,
// and the rebuilding happens on the receiving thread: for the editor's main thread, that is time
// no keystroke is handled. A string crosses a port as one copy. JSON has no NaN or ±Infinity, so
// those travel tagged; properties holding `undefined` are left out, as optional ones are.

/** A value of type T encoded as JSON text. */
export type Wire<T> = string & { readonly wireOf?: T };

import { createHash } from 'node:crypto';

const TAG = '$number';

export function toWire<T>(value: T): Wire<T> {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [TAG]: String(v) } : v,
  ) as Wire<T>;
}

export function fromWire<T>(wire: Wire<T>): T {
  const value: unknown = JSON.parse(wire);
  // Only a text with a tagged number needs the walk that restores them.
  return (wire.includes(`{"${TAG}":`) ? revive(value) : value) as T;
}

function revive(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === TAG) return Number((v as Record<string, string>)[TAG]);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i]);
  } else {
    const o = v as Record<string, unknown>;
    for (const k of keys) o[k] = revive(o[k]);
  }
  return v;
}

/**
 * A short digest of a wire text: equal values give equal fingerprints, so a receiver can tell a
 * value it already holds from a new one without serialising or comparing either itself.
 */
export function fingerprintOf(wire: Wire<unknown>): string {
  return createHash('sha1').update(wire).digest('base64');
}
