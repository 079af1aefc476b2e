// Where P* fits in a training set along one size: the values of the swept size for which
// P* = kappa E <= P, from the charts' columns. Between two values on either side of P, the
// crossing is the root of the fitting side's winner's power sum against P, taken afresh at the
// root until it stops moving (there the sum is the winner's energy, so the root is exact). Only
// where that fails (the winner changes, or stops existing, between the two) is it bisected.
import type { Ranked } from './candidate';
import type { ColumnSource } from './columns';
import { root, type ColumnsAt } from './sweep';

/** Relative step either side of a crossing at which it is checked (well outside the tie band, tie.ts). */
const SIDE = 1e-6;

/** A stretch of the swept size with P* <= P; `openBelow`/`openAbove`: it reaches the end of the values looked at. */
export interface FitInterval {
  from: number;
  to: number;
  openBelow: boolean;
  openAbove: boolean;
}

/** The winner along one size at one input dimension, by value. */
export interface Along {
  source: ColumnSource;
  d: number;
  winner(value: number): Ranked | null;
}

/** Winners kept by network, size, d and value: a few numbers each, where a column is tens of kB. */
export type WinnerCache = Map<string, Ranked | null>;

/** Winners most kept. */
const KEPT_WINNERS = 20_000;

/** The columns' winners at d, through `kept` when given (a new P or kappa needs no new search). */
export function along(cols: ColumnsAt, d: number, kept?: WinnerCache): Along {
  return {
    source: cols.source,
    d,
    winner(value) {
      const key = `${cols.id}@${d}@${value.toPrecision(12)}`;
      const hit = kept?.get(key);
      if (hit !== undefined) return hit;
      const w = cols.at(value).winner(d);
      const found = w ? { key: w.key, energy: w.energy, source: w.source } : null;
      if (kept) {
        kept.set(key, found);
        for (const old of kept.keys()) {
          if (kept.size <= KEPT_WINNERS) break;
          kept.delete(old);
        }
      }
      return found;
    },
  };
}

/** Whether P* = kappa E fits in `samples` at `value`. */
export function fitsAt(line: Along, value: number, kappa: number, samples: number): boolean {
  const w = line.winner(value);
  return w !== null && kappa * w.energy <= samples;
}

/**
 * The value between `inside` (P* fits) and `outside` (it does not) where P* crosses `samples`,
 * from the power sum of the winner at `inside`; null when that sum does not reach `samples`
 * there. Not checked: the winner may change between the two.
 */
export function exactCrossing(
  line: Along,
  kappa: number,
  samples: number,
  inside: number,
  outside: number,
): number | null {
  const key = line.winner(inside)?.key;
  if (key === undefined) return null;
  const lo = Math.min(inside, outside);
  const hi = Math.max(inside, outside);
  const level = { at: 1, terms: [{ coef: samples / kappa, exp: 0 }], limits: [] };
  let f = line.source.powerSum(key, inside, line.d);
  let r: number | null = null;
  for (let k = 0; k < 4 && f; k++) {
    const next = root(f, level, lo, hi);
    if (next === null || (r !== null && Math.abs(next / r - 1) < 1e-12)) break;
    r = next;
    f = line.source.powerSum(key, r, line.d);
  }
  return r;
}

/**
 * The crossing between `inside` and `outside` to relative precision SIDE: the exact root when
 * the winners just either side of it agree, else bisection in log v.
 */
export function crossing(line: Along, kappa: number, samples: number, inside: number, outside: number): number {
  const fits = (v: number) => fitsAt(line, v, kappa, samples);
  const toward = outside > inside ? 1 : -1;
  const r = exactCrossing(line, kappa, samples, inside, outside);
  if (r !== null && fits(r * (1 - toward * SIDE)) && !fits(r * (1 + toward * SIDE))) return r;
  let a = inside;
  let b = outside;
  while (Math.abs(Math.log(b / a)) > SIDE) {
    const mid = Math.sqrt(a * b);
    if (fits(mid)) a = mid;
    else b = mid;
  }
  return Math.sqrt(a * b);
}

/**
 * The stretches of `values` (ascending) where P* <= samples, each edge at the crossing; a stretch
 * reaching the first or last value stops there, open.
 */
export function fitIntervals(line: Along, values: readonly number[], kappa: number, samples: number): FitInterval[] {
  const fit = values.map((v) => fitsAt(line, v, kappa, samples));
  const out: FitInterval[] = [];
  let start: number | null = null;
  for (let i = 0; i < values.length; i++) {
    if (fit[i] && start === null) start = i;
    if (start === null || (fit[i] && i < values.length - 1)) continue;
    // The stretch from `start` ends before i (which does not fit) or at the last value.
    const end = fit[i] ? i : i - 1;
    out.push({
      from: start === 0 ? values[0]! : crossing(line, kappa, samples, values[start]!, values[start - 1]!),
      to: fit[i] ? values[i]! : crossing(line, kappa, samples, values[end]!, values[i]!),
      openBelow: start === 0,
      openAbove: fit[i] === true,
    });
    start = null;
  }
  return out;
}
