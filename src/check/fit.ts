// Fits the scaling exponents of the measured onsets: log P_onset = a log d + sum_l b_l log N_l + c,
// with bootstrap confidence intervals, and judges the engine's prediction against the fit.
// A collapse "within a factor 2" could not tell sqrt(N d) from d or from d^0; exponents with
// intervals can say which laws the data exclude.
import { formatFixed } from '../present/numbers';
import { uniformStream } from './rng';
import { leastSquares, studentQuantile } from './stats';
import type { ExponentEstimate, ExponentFit, FitStatus, HypothesisTest } from './types';

/** One converged onset: the sizes it was measured at, its seed, the samples it took and the engine's P* there. */
export interface OnsetObservation {
  sizes: Record<string, number>;
  seed: number;
  p: number;
  pStar: number;
}

export interface LawToTest {
  name: string;
  label: string;
  /** Exponent of each size; a size not named has exponent 0. */
  exponents: Record<string, number>;
}

export interface FitOptions {
  /** The law the verdict is about. Default: the engine's, fitted to its P* over the same design. */
  claim?: LawToTest;
  /** Laws the data may exclude (the verdict needs one excluded to call the claim consistent). */
  alternatives: LawToTest[];
  level?: number;
  replicates?: number;
  seed?: number;
  /** What was measured, for the text (default "the onsets"). */
  quantity?: string;
}

/** The laws every check is judged against besides the prediction: lazy (GP) learning, and P ∝ d. */
export function standardAlternatives(degree: number): LawToTest[] {
  return [
    { name: 'gp', label: `lazy (GP) law P ∝ d^${degree}, no width dependence`, exponents: { d: degree } },
    { name: 'linear', label: 'P ∝ d', exponents: { d: 1 } },
  ];
}

// Exponents as the sidebar's fit lines print them (src/present): two decimals.
const fmt = formatFixed;

function variedSizes(obs: OnsetObservation[]): string[] {
  const names = [...new Set(obs.flatMap((o) => Object.keys(o.sizes)))];
  const order = (n: string): string => (n === 'd' ? '' : n);
  return names
    .filter((n) => new Set(obs.map((o) => o.sizes[n])).size > 1)
    .sort((a, b) => order(a).localeCompare(order(b), 'en', { numeric: true }));
}

function lawText(law: LawToTest, vars: string[]): string {
  return vars.map((v) => `${v}^${fmt(law.exponents[v] ?? 0)}`).join(' · ');
}

function insufficient(vars: string[], n: number, reason: string, claim: LawToTest | undefined): ExponentFit {
  return {
    status: 'inconclusive',
    variables: vars,
    exponents: [],
    factor: null,
    hypotheses: [],
    observations: n,
    dof: 0,
    residualSd: null,
    level: 0.95,
    replicates: 0,
    claim: claim?.label ?? 'the prediction',
    text: `inconclusive: ${reason}`,
  };
}

/**
 * Ordinary least squares of log P_onset on the logs of every size that varies in the design,
 * plus a constant. The intervals come from a residual bootstrap: each replicate redraws the
 * onsets' seed-to-seed scatter (the residuals, corrected for leverage so they carry the full
 * noise variance) around the fit and refits; the interval is the estimate ± t(dof) times the
 * replicates' standard deviation, which keeps its coverage at the 3–5 seeds a check can afford
 * where bare percentiles would be too narrow.
 */
export function fitExponents(obs: OnsetObservation[], opts: FitOptions): ExponentFit {
  const level = opts.level ?? 0.95;
  const replicates = opts.replicates ?? 2000;
  const vars = variedSizes(obs);
  if (vars.length === 0)
    return insufficient(
      vars,
      obs.length,
      'no size varies across the converged onsets, so no exponent can be measured.',
      opts.claim,
    );
  const k = vars.length + 1;
  const dof = obs.length - k;
  if (dof < 2)
    return insufficient(
      vars,
      obs.length,
      `${obs.length} converged onset(s) cannot fit ${k} parameters with an error estimate (need ${k + 2}).`,
      opts.claim,
    );
  const x = obs.map((o) => [...vars.map((v) => Math.log(o.sizes[v] ?? 1)), 1]);
  const y = obs.map((o) => Math.log(o.p));
  const fit = leastSquares(x, y);
  if (!fit)
    return insufficient(
      vars,
      obs.length,
      `the sizes ${vars.join(', ')} vary together in this design, so their exponents cannot be told apart.`,
      opts.claim,
    );
  const predictedFit = leastSquares(
    x,
    obs.map((o) => Math.log(o.pStar)),
  );
  const predicted: LawToTest = opts.claim ?? {
    name: 'prediction',
    label: 'the prediction',
    exponents: Object.fromEntries(vars.map((v, i) => [v, predictedFit?.beta[i] ?? NaN])),
  };

  const fitted = x.map((row) => row.reduce((s, v, j) => s + v * (fit.beta[j] ?? 0), 0));
  const leverage = x.map((row) =>
    row.reduce((s, a, i) => s + a * row.reduce((t, b, j) => t + b * (fit.xtxInv[i]?.[j] ?? 0), 0), 0),
  );
  const raw = y.map((v, i) => v - (fitted[i] ?? 0));
  const rss = raw.reduce((s, r) => s + r * r, 0);
  const corrected = raw.map((r, i) => r / Math.sqrt(Math.max(1e-12, 1 - (leverage[i] ?? 0))));
  const meanCorrected = corrected.reduce((s, r) => s + r, 0) / corrected.length;
  const pool = corrected.map((r) => r - meanCorrected);
  const logRatio = (ys: number[]): number =>
    ys.reduce((s, v, i) => s + v - Math.log(obs[i]?.pStar ?? 1), 0) / ys.length;

  const rand = uniformStream(opts.seed ?? 12345);
  const sums = new Array<number>(k + 1).fill(0);
  const squares = new Array<number>(k + 1).fill(0);
  let used = 0;
  for (let b = 0; b < replicates; b++) {
    const ys = fitted.map((f) => f + (pool[Math.floor(rand() * pool.length)] ?? 0));
    const refit = leastSquares(x, ys);
    if (!refit) continue;
    const values = [...refit.beta, logRatio(ys)];
    values.forEach((v, i) => {
      sums[i] = (sums[i] ?? 0) + v;
      squares[i] = (squares[i] ?? 0) + v * v;
    });
    used++;
  }
  const sd = sums.map((s, i) => Math.sqrt(Math.max(0, ((squares[i] ?? 0) - (s * s) / used) / Math.max(1, used - 1))));
  const t = studentQuantile(0.5 + level / 2, dof);
  const interval = (value: number, i: number): [number, number] => [value - t * (sd[i] ?? 0), value + t * (sd[i] ?? 0)];

  const exponents: ExponentEstimate[] = vars.map((v, i) => {
    const value = fit.beta[i] ?? NaN;
    return { name: v, value, ci: interval(value, i), predicted: predicted.exponents[v] ?? 0 };
  });
  const logFactor = logRatio(y);
  const [flo, fhi] = interval(logFactor, k);
  const factor = { value: Math.exp(logFactor), ci: [Math.exp(flo), Math.exp(fhi)] as [number, number] };

  const excludes = (law: LawToTest): boolean =>
    exponents.some((e) => {
      const v = law.exponents[e.name] ?? 0;
      return v < e.ci[0] || v > e.ci[1];
    });
  const hypotheses: HypothesisTest[] = [predicted, ...opts.alternatives].map((law) => ({
    name: law.name,
    label: law.label,
    exponents: Object.fromEntries(vars.map((v) => [v, law.exponents[v] ?? 0])),
    excluded: excludes(law),
  }));
  const claimExcluded = hypotheses[0]?.excluded ?? false;
  const excludedAlternatives = hypotheses.slice(1).filter((h) => h.excluded);
  const status: FitStatus = claimExcluded
    ? 'inconsistent'
    : excludedAlternatives.length > 0
      ? 'consistent'
      : 'inconclusive';
  const what = opts.quantity ?? 'the onsets';
  const measured = exponents.map((e) => `${e.name}^${fmt(e.value)} [${fmt(e.ci[0])}, ${fmt(e.ci[1])}]`).join(' · ');
  const pct = `${Math.round(level * 100)}%`;
  const claimText = `${predicted.label} (${lawText(predicted, vars)})`;
  const text =
    status === 'inconsistent'
      ? `inconsistent: ${what} scale as ${measured} (${pct} CI), which excludes ${claimText}.`
      : status === 'consistent'
        ? `consistent: ${what} scale as ${measured} (${pct} CI), which contains ${claimText} and excludes ${excludedAlternatives.map((h) => h.label).join(' and ')}.`
        : `inconclusive: ${what} scale as ${measured} (${pct} CI); that contains ${claimText} but excludes none of the alternatives (${hypotheses
            .slice(1)
            .map((h) => h.label)
            .join('; ')}): more seeds or a wider range of sizes would sharpen it.`;
  return {
    status,
    variables: vars,
    exponents,
    factor,
    hypotheses,
    observations: obs.length,
    dof,
    residualSd: Math.sqrt(rss / dof),
    level,
    replicates: used,
    claim: predicted.label,
    text,
  };
}
