// Public types of the scaling engine (shared/theory/scaling-engine.md is the specification).
// Everything here is plain data so an Analysis can cross the webview boundary as JSON.

/** Activations the engine knows, by the Hermite support they generate (theory section 4). */
export const ACTIVATIONS = [
  'erf',
  'tanh',
  'sin',
  'softsign',
  'relu',
  'sigmoid',
  'linear',
  'gelu',
  'elu',
  'selu',
  'softplus',
  'swish',
  'silu',
  'leakyRelu',
  'relu6',
  'mish',
  'hardSigmoid',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export interface DenseLayer {
  kind: 'dense';
  width: number;
  activation: Activation;
  bias: boolean;
}

/**
 * A convolution: each channel is a neuron shared over patches (docs/theory.md, "Convolutions and
 * pooling as people write them"). The rules see two sizes: the patch count n, by which the layer
 * divides the positions coming in (it multiplies what it receives by positions / n), and the
 * positions it hands on, n itself in the paper's tiling and `positions` otherwise.
 */
export interface ConvLayer {
  kind: 'conv';
  channels: number;
  /**
   * The receptive field: positions coming in that one output position merges (kernel area x input
   * channels on the raw input, kernel area times what pooling merged after a hidden layer), as the
   * code has it. Shown, not computed with: the rules use positions in / patchCount, which is this
   * at the code's own sizes and grows with d when d varies (n held fixed).
   */
  patchSize: number;
  /**
   * n: how many disjoint patches of patchSize the positions coming in make (positions / patchSize).
   * In the paper's tiling these are also the output's positions. Held fixed when d varies.
   */
  patchCount: number;
  /**
   * The output's positions when they are not the n patches (overlapping windows, same padding, a
   * pool before the layer): what the next layer or the readout merges. Absent in the paper's tiling.
   */
  positions?: number;
  activation: Activation;
  bias: boolean;
  /** True when the layer is not the paper's tiling (positions set or windows overlap): a rough reading. */
  overlapping?: boolean;
}

/** One softmax attention head over `contextLength` tokens whose dimension is the input dimension. */
export interface AttentionLayer {
  kind: 'attention';
  contextLength: number;
  queryKeyRows: number;
}

export type HiddenLayer = DenseLayer | ConvLayer | AttentionLayer;

/**
 * A way the code was read that the rules were not written for (theory section 9, "outside the
 * reading"). Detection lists each once, in words; the engine marks a prediction resting on any
 * of them "rough". New kinds may be added; consumers show the sentence and need not know the kind.
 */
export type ReadingKind =
  'overlapping-conv' | 'pooling' | 'several-outputs' | 'softmax-as-linear' | 'recurrent' | 'other';

export interface Reading {
  kind: ReadingKind;
  /** One sentence a user can read on its own: what was read as what. */
  sentence: string;
}

export interface Architecture {
  /** d: the input dimension (token dimension for an attention head). */
  inputDim: number;
  /** Hidden layers, input side first; none for a linear model (the readout reads the input). */
  layers: HiddenLayer[];
  /** Approximate readings the architecture rests on (absent: none). */
  readings?: Reading[];
}

export interface AnalysisOptions {
  /** Target degree m of y = He_m(w*.x). Default 3. */
  degree?: number;
  /** Ridge / noise variance kappa. Default 1. */
  kappa?: number;
  /** How many candidates (best first) the analysis lists. Default 24. */
  maxCandidates?: number;
}

export type PatternName = 'GP' | 'Spec' | 'Mag' | 'GFL';
export type ParamName = 'M' | 'beta' | 'D';

export interface PatternParam {
  name: ParamName;
  value: number;
  /** The constraint that holds it, when it sits on a bound ("M = 1", "M = N2", "beta = N1"). */
  binds: string | null;
}

export interface LayerPattern {
  /** 1-based hidden layer index. */
  layer: number;
  /** For an attention head, which part of it: its value vector or its query-key rows. */
  part?: 'value' | 'query-key';
  pattern: PatternName;
  /** Degree of the feature the pattern acts on (null for GP). */
  degree: number | null;
  /** Degree of the feature it passes on to the next layer or the readout (null for GP). */
  produces: number | null;
  param: PatternParam | null;
}

/** Exponent of E in each size, as an exact fraction string ("1/3", "-1/2", "0"). */
export type Exponents = Record<string, string>;

export interface Candidate {
  /** Canonical, stable identifier, e.g. "GP|Spec1>3". */
  key: string;
  /** Short human label, e.g. "GP / Spec". */
  label: string;
  layers: LayerPattern[];
  energy: number;
  pStar: number;
  /** Scale exponents of the candidate's energy: those of its dominant balanced block. */
  exponents: Exponents;
  /** Exact log-derivative d log E / d log v at these sizes (equals `exponents` when nothing binds). */
  localExponents: Record<string, number>;
  /** Constraints that bind at the optimum. */
  binds: string[];
  /** "paper": a row the paper reports; "rules": a consequence of the rules alone. */
  source: 'paper' | 'rules';
  /** Which reported result it is, when source is "paper". */
  paperRef: string | null;
  why: Explanation;
}

/** Where a rule or a result comes from (theory section 9, "provenance"). */
export type Provenance = 'paper' | 'convention' | 'derivation';

/** One monomial of a candidate's energy at its optimum: who pays it, in symbols and in numbers. */
export interface EnergyTerm {
  /** "layer 1", "readout", "value vector", "query-key rows". */
  payer: string;
  /** What the payer does for it: "Spec on degree 1", "expresses degree 3 from layer 2". */
  role: string;
  /** The term in the sizes' and parameters' symbols: "M1·d", "beta2·N1/M1". */
  symbolic: string;
  /** The same with the values put in: "3.175·64", "2.52·256/3.175". */
  numeric: string;
  value: number;
}

export interface RuleNote {
  rule: string;
  provenance: Provenance;
}

/** The derivation of one candidate's energy, detailed enough to redo by hand. */
export interface Explanation {
  /** E = sum of these terms at the optimum. */
  terms: EnergyTerm[];
  /** Every rule the candidate's energy rests on, with its provenance. */
  rules: RuleNote[];
}

export interface CandidateGroup {
  exponents: Exponents;
  keys: string[];
}

/** The validity flags of theory section 9; new kinds may be added. */
export type FlagKind = 'information-floor' | 'small-width' | 'near-crossover' | 'rough';

export interface ValidityFlag {
  kind: FlagKind;
  /** One sentence that says what is not to be trusted, and why. */
  sentence: string;
}

/**
 * The robustness box of theory section 9: every term of every candidate (one at a time), and
 * every candidate as a whole, multiplied by 1/3 and by 3 and re-minimised (robustness.ts says why
 * only the whole-candidate factors need solving).
 */
export interface Robustness {
  /** Least and largest P* of the winner over the box. */
  pStarLow: number;
  pStarHigh: number;
  /** Keys of the candidates that win somewhere in the box besides the winner (best first). */
  alternatives: string[];
  /** How many perturbed programmes the box covers: two per candidate and two per term (see robustness.ts). */
  perturbations: number;
  /** "P* between 1.2e2 and 3.6e2; the winner is stable" / "...; it may become Spec → Mag". */
  sentence: string;
}

export interface Analysis {
  reachable: true;
  degree: number;
  kappa: number;
  /** Every size the energy depends on, by name: d, N1, N2, ..., n1 (patch counts), L, d_k. */
  sizes: Record<string, number>;
  energy: number;
  pStar: number;
  winner: Candidate;
  /** Best first; ties in energy broken by key. */
  candidates: Candidate[];
  /** Candidates whose energies share the same exponents: scale analysis cannot separate them. */
  groups: CandidateGroup[];
  /** How many pattern assignments the search covered (most of them by dominance, not one by one). */
  assignmentsCovered: number;
  /** Assignments dropped because a layer's learned feature costs no less than the lazy one it replaces. */
  notLearning: number;
  /** Why no feature-learning assignment exists, when none does (theory section 10); null otherwise. */
  noLearning: string | null;
  flags: ValidityFlag[];
  robustness: Robustness;
  assumptions: string[];
  warnings: string[];
}

export interface Unreachable {
  reachable: false;
  degree: number;
  kappa: number;
  sizes: Record<string, number>;
  reason: string;
  flags: ValidityFlag[];
  assumptions: string[];
  warnings: string[];
}

export type AnalysisResult = Analysis | Unreachable;

export interface SweepRange {
  from: number;
  to: number;
  /** Points on a log grid, at least 2. */
  points: number;
}

export interface SweepSeries {
  key: string;
  label: string;
  /** Energy at each grid point; null where the candidate has no valid optimum there. */
  energy: (number | null)[];
}

export interface Crossover {
  /** Value of the swept size where the winner changes. */
  at: number;
  from: string;
  to: string;
}

export interface WidthSweep {
  size: string;
  values: number[];
  series: SweepSeries[];
  /** Key of the winning candidate at each point (null when unreachable). */
  winners: (string | null)[];
  pStar: (number | null)[];
  crossovers: Crossover[];
}

export interface RegimeMap {
  size: string;
  widths: number[];
  dims: number[];
  /** Candidate keys that win somewhere; cells index into this list (-1: unreachable). */
  labels: string[];
  labelText: string[];
  /** cells[i][j]: winner at dims[i], widths[j]. */
  cells: number[][];
}

export type EngineErrorCode =
  'invalid-size' | 'invalid-degree' | 'invalid-kappa' | 'unknown-activation' | 'invalid-architecture';

/** Bad input to the engine: the message says what to change. */
export class EngineInputError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineInputError';
  }
}
