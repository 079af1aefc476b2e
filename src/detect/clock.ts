// Node and browsers both have a monotonic clock; the detector declares just this much of it so it
// compiles with no platform types (src/detect/tsconfig.json).
declare const performance: { now(): number };

export function now(): number {
  return performance.now();
}
