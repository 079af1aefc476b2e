// Public types of the empirical check: train the user's architecture on synthetic
// single-index data and compare where it starts to learn with the predicted P*.
// Plain data throughout, so a spec and a result can cross a process or webview boundary as JSON.
import type { Architecture } from '../engine/types';

/** What the engine predicts for the architecture at one input dimension (from `analyze`). */
export interface CheckPrediction {
  /** Predicted sample scale P* = kappa * E_min. */
  pStar: number;
  /** Label of the winning pattern assignment, e.g. "Spec" or "GP / Spec". */
  pattern: string;
  /** Predicted number of specialised first-layer neurons (the winner's M when layer 1 is Spec), else null. */
  specialists: number | null;
  /**
   * d log E / d log v for each size v ("d", "N1", ...): the winner's localExponents. Needed only
   * when the architecture must be scaled down to fit the budget, to carry P* to the smaller model.
   */
  exponents?: Record<string, number>;
}

export interface CheckBudget {
  /** Largest training set any single run may use; a bigger grid scales the model down. */
  maxTrainSamples: number;
  /** Largest number of trainable weights; a bigger model is scaled down. */
  maxParams: number;
  /** Upper bound on full-batch Adam steps per run (the plateau criterion usually stops earlier). */
  maxEpochs: number;
  /** Fresh samples the alignment and test MSE are measured on. */
  testSamples: number;
}

export interface CheckSpec {
  /** The user's network. Only dense layers can be trained by the check. */
  architecture: Architecture;
  /** Target degree m of y = He_m(w* . x) / sqrt(m!). */
  degree: number;
  /** Ridge / noise variance; enters training as the weight of the prior (see docs/check.md). */
  kappa: number;
  /** Input dimensions d to run (one curve each); the architecture's hidden layers are kept. */
  dims: number[];
  /** predictions[i] is the engine's prediction for the architecture at dims[i]. */
  predictions: CheckPrediction[];
  /** Seeds to repeat every point with (teacher, data and initial weights all derive from them). */
  seeds: number[];
  /**
   * Hidden widths at each point (widths[i] goes with dims[i]); default: the architecture's at every
   * point. A design that varies widths as well as d lets the fit measure the width exponents.
   */
  widths?: number[][];
  /** The range of training-set sizes the onset search may use, as multiples of P* (smallest and largest count). Default: P* / 2 ... 64 P*. */
  pMultiples?: number[];
  /** Where the onset search starts (a multiple of P*) and how often it bisects. Default: the range's geometric middle, 2 bisections. */
  search?: { start?: number; bisections?: number };
  /** Training runs in parallel (worker threads). Default: the machine's cores, at most 4. */
  parallel?: number;
  /** Defaults: DEFAULT_BUDGET. */
  budget?: Partial<CheckBudget>;
}

export interface CheckProgress {
  done: number;
  total: number;
  message: string;
}

/** One training run of the onset search. */
export interface TrainedRun {
  p: number;
  alignment: number;
  mse: number;
  specialists: number;
  epochs: number;
  /** Stopped at the step cap rather than on a plateau: its alignment may still have been rising. */
  capped: boolean;
}

/** One seed's onset at one design point, found by bracketing and bisecting in log P. */
export interface SeedOnset {
  seed: number;
  /** Training samples where the alignment crosses 0.5 (interpolated in log P); null when not bracketed. */
  p: number | null;
  ratio: number | null;
  /** The two runs the crossing lies between. */
  bracket: [number, number] | null;
  /**
   * converged: bracketed by two runs that both stopped on a plateau (the only onsets the fit uses);
   * capped: a bracketing run hit the step cap; above-range / below-range: the crossing lies
   * outside the sizes the search may use.
   */
  status: 'converged' | 'capped' | 'above-range' | 'below-range';
  runs: TrainedRun[];
}

/** One training-set size at one design point: the seeds whose search trained there. */
export interface CheckPoint {
  /** Training samples used. */
  p: number;
  /** p / P* (with P* of the trained, possibly scaled, model). */
  ratio: number;
  alignmentMean: number;
  alignmentStd: number;
  mseMean: number;
  mseStd: number;
  /** Mean number of first-layer neurons with |cos(w_i, w*)| > 0.5 among those that kept their weight. */
  specialistsMean: number;
  /** Seeds that trained at this size, and their values in the same order. */
  seeds: number[];
  alignments: number[];
  mses: number[];
  specialists: number[];
  /** Adam steps each seed took before the plateau criterion (or the cap) stopped it. */
  epochs: number[];
  capped: boolean[];
}

export interface CheckCurve {
  /** Input dimension the user asked for. */
  d: number;
  /** Sizes actually trained (after scaling): d and hidden widths. */
  trainedDim: number;
  trainedWidths: number[];
  /** 1 when the model fits the budget; below 1 when every size was multiplied by it. */
  scale: number;
  /** P* of the trained model (equals the prediction when scale is 1). */
  pStar: number;
  predictedSpecialists: number | null;
  pattern: string;
  points: CheckPoint[];
  /** Each seed's onset search. */
  onsets: SeedOnset[];
  /** Geometric mean of the converged seeds' onset P / P*; null when none converged. */
  onsetRatio: number | null;
}

export interface CheckVerdict {
  /** The exponent fit's verdict (see ExponentFit). */
  status: FitStatus;
  /** Smallest and largest converged onset ratio (null when none converged). */
  onsetRange: [number, number] | null;
  /** Plain sentence for the user. */
  text: string;
}

export interface CheckResult {
  degree: number;
  kappa: number;
  seeds: number[];
  budget: CheckBudget;
  curves: CheckCurve[];
  /** Exponents of the converged onsets against the sizes varied, with CIs, and the laws they exclude. */
  fit: ExponentFit;
  verdict: CheckVerdict;
  /** Onsets the fit could use (bracketed by two runs that ended on a plateau) out of all searched. */
  converged: { count: number; total: number };
  /** TensorFlow.js backend the runs trained on ("wasm" or "cpu"). */
  backend: string;
  /** Everything the numbers depend on that the user did not choose (stand-ins, scaling, MAP training). */
  notes: string[];
  /** Wall-clock milliseconds the check took. */
  elapsedMs: number;
}

export type CheckErrorCode = 'invalid-spec' | 'unsupported-layer' | 'over-budget';

/** A spec the check cannot run; the message says what to change. */
export class CheckInputError extends Error {
  constructor(
    readonly code: CheckErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** Thrown when the caller's AbortSignal fires; named like the platform's so `error.name === 'AbortError'` works. */
export class CheckAbortedError extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'AbortError';
  }
}

/** Verdict of the exponent fit: the claim's exponents inside every CI and some alternative outside; the claim outside; or neither excluded. */
export type FitStatus = 'consistent' | 'inconclusive' | 'inconsistent';

export interface ExponentEstimate {
  /** The size the exponent belongs to: "d", "N1", ... */
  name: string;
  value: number;
  /** Confidence interval at the fit's level. */
  ci: [number, number];
  /** The claim's exponent (by default the engine's, fitted to its P* over the same design). */
  predicted: number;
}

export interface HypothesisTest {
  name: string;
  label: string;
  exponents: Record<string, number>;
  /** Some exponent of the law lies outside its confidence interval. */
  excluded: boolean;
}

/** log P_onset = sum_v e_v log v + c over the converged onsets, with bootstrap confidence intervals. */
export interface ExponentFit {
  status: FitStatus;
  /** Sizes that vary in the design, in the order of `exponents`. */
  variables: string[];
  exponents: ExponentEstimate[];
  /** Geometric mean of P_onset / P* with its CI: the O(1) factor the scale argument leaves open. */
  factor: { value: number; ci: [number, number] } | null;
  /** The claim first, then the alternatives. */
  hypotheses: HypothesisTest[];
  observations: number;
  dof: number;
  /** Standard deviation of log P_onset around the fit. */
  residualSd: number | null;
  level: number;
  replicates: number;
  /** Which law the verdict is about. */
  claim: string;
  text: string;
}
