// Finds where one seed's network starts to learn: bracket the crossing of ONSET_ALIGNMENT by doubling
// or halving P, then bisect in log P, then interpolate between the two bracketing runs.
// A fixed grid spent most runs far from the crossing and could not say whether a flat curve
// had not learned or had not finished training; here every run is near the crossing, and a
// bracketing run that hit the step cap makes the onset "not converged" instead of a lower bound
// passed off as a measurement.
import type { SeedOnset, TrainedRun } from './types';

/**
 * The alignment at which learning counts as set in. If the curves collapse against P / P*, any
 * level gives the same exponents; 0.3 sits where the curves rise steeply (about 0.15 at 8 P* to
 * 0.4 at 16 P* for the reference network), while near 0.5 they flatten and creep, so a crossing
 * there is noisier, needs more samples and more often meets the step cap.
 */
export const ONSET_ALIGNMENT = 0.3;

export interface OnsetSearch {
  /** First training-set size, as a multiple of P*. */
  start: number;
  /** Bisections in log P after the bracket (each halves the bracket's log width). */
  bisections: number;
}

export interface OnsetRange {
  /** Smallest and largest training set the search may use. */
  min: number;
  max: number;
}

/** log-linear interpolation of the crossing between a run below and a run at or above it. */
function crossing(lo: TrainedRun, hi: TrainedRun): number {
  const span = hi.alignment - lo.alignment;
  const t = span > 0 ? Math.min(1, Math.max(0, (ONSET_ALIGNMENT - lo.alignment) / span)) : 0.5;
  return Math.exp(Math.log(lo.p) + t * (Math.log(hi.p) - Math.log(lo.p)));
}

export async function findOnset(
  seed: number,
  pStar: number,
  range: OnsetRange,
  search: OnsetSearch,
  train: (p: number) => Promise<TrainedRun>,
): Promise<SeedOnset> {
  const runs: TrainedRun[] = [];
  const at = async (p: number): Promise<TrainedRun> => {
    const run = await train(p);
    runs.push(run);
    return run;
  };
  const clamp = (p: number): number => Math.min(range.max, Math.max(range.min, Math.round(p)));
  const result = (lo: TrainedRun | null, hi: TrainedRun | null, status: SeedOnset['status']): SeedOnset => {
    const p = lo && hi ? crossing(lo, hi) : null;
    const bracket: [number, number] | null = lo && hi ? [lo.p, hi.p] : null;
    const ok = status === 'converged' && !!lo && !!hi && !lo.capped && !hi.capped;
    return {
      seed,
      p,
      ratio: p === null ? null : p / pStar,
      bracket,
      status: ok || status !== 'converged' ? status : 'capped',
      runs: [...runs].sort((a, b) => a.p - b.p),
    };
  };

  let lo: TrainedRun | null = null;
  let hi: TrainedRun | null = null;
  const first = await at(clamp(search.start * pStar));
  if (first.alignment >= ONSET_ALIGNMENT) hi = first;
  else lo = first;
  while (!lo) {
    const p = clamp((hi as TrainedRun).p / 2);
    if (p >= (hi as TrainedRun).p) return result(null, hi, 'below-range');
    const run = await at(p);
    if (run.alignment >= ONSET_ALIGNMENT) hi = run;
    else lo = run;
  }
  while (!hi) {
    const p = clamp(lo.p * 2);
    if (p <= lo.p) return result(lo, null, 'above-range');
    const run = await at(p);
    if (run.alignment >= ONSET_ALIGNMENT) hi = run;
    else lo = run;
  }
  for (let i = 0; i < search.bisections; i++) {
    const p = Math.round(Math.sqrt(lo.p * hi.p));
    if (p <= lo.p || p >= hi.p) break;
    const run = await at(p);
    if (run.alignment >= ONSET_ALIGNMENT) hi = run;
    else lo = run;
  }
  return result(lo, hi, 'converged');
}
