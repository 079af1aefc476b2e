// Turns a CheckSpec into the list of runs: validates it, fits each model into the budget
// (scaling every size down by one factor when needed) and lays out the training-set sizes.
import { formatNumber } from '../present/numbers';
import { ACTIVATIONS, type Architecture, type DenseLayer } from '../engine/types';
import { CheckInputError, type CheckBudget, type CheckPrediction, type CheckSpec } from './types';

/**
 * The range the onset search may use, in multiples of P* (only the smallest and largest count).
 * Measured onsets of two-layer erf networks lie at 12–50 × P* (docs/check.md), so the range
 * reaches well past P*.
 */
export const DEFAULT_MULTIPLES: number[] = [0.5, 64];
/** A narrower range for a first look. */
export const QUICK_MULTIPLES: number[] = [0.5, 32];

export const DEFAULT_BUDGET: CheckBudget = {
  maxTrainSamples: 4096,
  maxParams: 50_000,
  maxEpochs: 4000,
  testSamples: 4000,
};
export const QUICK_BUDGET: CheckBudget = {
  maxTrainSamples: 1024,
  maxParams: 10_000,
  maxEpochs: 3000,
  testSamples: 1000,
};

const MAX_DIM = 4096;
const MAX_SEEDS = 32;

export interface PlannedCurve {
  d: number;
  prediction: CheckPrediction;
  /** The dense layers actually trained (widths scaled). */
  layers: DenseLayer[];
  trainedDim: number;
  scale: number;
  pStar: number;
  /** Smallest and largest training set the onset search may use. */
  range: { min: number; max: number };
}

export interface Plan {
  curves: PlannedCurve[];
  budget: CheckBudget;
  multiples: number[];
  notes: string[];
}

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isPositiveFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function denseLayers(arch: Architecture): DenseLayer[] {
  if (!arch || !Array.isArray(arch.layers) || arch.layers.length === 0) {
    throw new CheckInputError(
      'invalid-spec',
      'The architecture has no hidden layers: the check needs at least one dense layer.',
    );
  }
  return arch.layers.map((layer, i) => {
    if (layer.kind !== 'dense') {
      const what =
        layer.kind === 'conv'
          ? 'a convolution'
          : layer.kind === 'attention'
            ? 'an attention head'
            : `a '${String((layer as { kind: unknown }).kind)}' layer`;
      throw new CheckInputError(
        'unsupported-layer',
        `The empirical check trains dense networks only; hidden layer ${i + 1} is ${what}. Run the check on a dense model, or read the prediction alone.`,
      );
    }
    if (!isPositiveInteger(layer.width)) {
      throw new CheckInputError(
        'invalid-spec',
        `Hidden layer ${i + 1} has width ${String(layer.width)}; a width must be a positive whole number.`,
      );
    }
    if (!(ACTIVATIONS as readonly string[]).includes(layer.activation)) {
      throw new CheckInputError(
        'invalid-spec',
        `Hidden layer ${i + 1} has activation '${String(layer.activation)}', which the check does not know (known: ${ACTIVATIONS.join(', ')}).`,
      );
    }
    return { kind: 'dense', width: layer.width, activation: layer.activation, bias: layer.bias === true };
  });
}

export function parameterCount(dim: number, layers: DenseLayer[]): number {
  let fanIn = dim;
  let count = 0;
  for (const layer of layers) {
    count += fanIn * layer.width + (layer.bias ? layer.width : 0);
    fanIn = layer.width;
  }
  return count + fanIn;
}

function scaledSizes(dim: number, layers: DenseLayer[], s: number): { dim: number; layers: DenseLayer[] } {
  return {
    dim: Math.max(1, Math.round(dim * s)),
    layers: layers.map((l) => ({ ...l, width: Math.max(1, Math.round(l.width * s)) })),
  };
}

/** P* carried to the scaled model through the winner's exponents: P*' = P* prod (v'/v)^e_v. */
function carriedPStar(
  pred: CheckPrediction,
  from: { dim: number; layers: DenseLayer[] },
  to: { dim: number; layers: DenseLayer[] },
): number {
  const ratio: Record<string, number> = { d: to.dim / from.dim };
  from.layers.forEach((l, i) => {
    ratio[`N${i + 1}`] = (to.layers[i]?.width ?? l.width) / l.width;
  });
  let p = pred.pStar;
  for (const [name, e] of Object.entries(pred.exponents ?? {})) {
    const r = ratio[name];
    if (r !== undefined && r !== 1) p *= r ** e;
  }
  return p;
}

export function planCheck(spec: CheckSpec): Plan {
  if (!spec || typeof spec !== 'object') throw new CheckInputError('invalid-spec', 'The check needs a spec object.');
  const layers = denseLayers(spec.architecture);
  if (!isPositiveInteger(spec.degree) || spec.degree > 12) {
    throw new CheckInputError(
      'invalid-spec',
      `Target degree ${String(spec.degree)} is not usable: give a whole number from 1 to 12.`,
    );
  }
  if (!isPositiveFinite(spec.kappa))
    throw new CheckInputError('invalid-spec', `kappa must be a positive number (got ${String(spec.kappa)}).`);
  if (!Array.isArray(spec.dims) || spec.dims.length === 0)
    throw new CheckInputError('invalid-spec', 'Give at least one input dimension d to run.');
  for (const d of spec.dims) {
    if (!isPositiveInteger(d) || d > MAX_DIM)
      throw new CheckInputError(
        'invalid-spec',
        `Input dimension ${String(d)} is not usable: give whole numbers from 1 to ${MAX_DIM}.`,
      );
  }
  if (spec.widths !== undefined) {
    if (!Array.isArray(spec.widths) || spec.widths.length !== spec.dims.length) {
      throw new CheckInputError(
        'invalid-spec',
        `Give one list of hidden widths per input dimension (${spec.dims.length}), or none.`,
      );
    }
    for (const w of spec.widths) {
      if (!Array.isArray(w) || w.length !== layers.length || !w.every(isPositiveInteger)) {
        throw new CheckInputError(
          'invalid-spec',
          `Each list of hidden widths needs ${layers.length} positive whole number(s) (got ${JSON.stringify(w)}).`,
        );
      }
    }
  }
  const pointName = (i: number): string =>
    `d = ${spec.dims[i]}${spec.widths ? `, widths ${spec.widths[i]?.join(',')}` : ''}`;
  if (new Set(spec.dims.map((_, i) => pointName(i))).size !== spec.dims.length)
    throw new CheckInputError(
      'invalid-spec',
      `Design points repeat (${spec.dims.map((_, i) => pointName(i)).join('; ')}); give each once.`,
    );
  if (!Array.isArray(spec.predictions) || spec.predictions.length !== spec.dims.length) {
    throw new CheckInputError(
      'invalid-spec',
      `Give one prediction per input dimension: ${spec.dims.length} dimension(s), ${Array.isArray(spec.predictions) ? spec.predictions.length : 0} prediction(s).`,
    );
  }
  spec.predictions.forEach((p, i) => {
    if (!p || !isPositiveFinite(p.pStar))
      throw new CheckInputError(
        'invalid-spec',
        `The predicted P* for d = ${spec.dims[i]} must be a positive number (got ${String(p?.pStar)}).`,
      );
  });
  if (!Array.isArray(spec.seeds) || spec.seeds.length === 0 || spec.seeds.length > MAX_SEEDS) {
    throw new CheckInputError('invalid-spec', `Give between 1 and ${MAX_SEEDS} seeds.`);
  }
  for (const s of spec.seeds) {
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff)
      throw new CheckInputError(
        'invalid-spec',
        `Seed ${String(s)} is not usable: seeds are whole numbers from 0 to 2^32 - 1.`,
      );
  }
  const multiples = spec.pMultiples ?? DEFAULT_MULTIPLES;
  if (!Array.isArray(multiples) || multiples.length === 0 || !multiples.every(isPositiveFinite)) {
    throw new CheckInputError(
      'invalid-spec',
      'The grid of P / P* multiples must be a non-empty list of positive numbers.',
    );
  }
  const sortedMultiples = [...new Set(multiples)].sort((a, b) => a - b);
  const budget: CheckBudget = { ...DEFAULT_BUDGET, ...(spec.budget ?? {}) };
  for (const [name, value] of Object.entries(budget)) {
    if (!isPositiveInteger(value))
      throw new CheckInputError(
        'invalid-spec',
        `Budget ${name} must be a positive whole number (got ${String(value)}).`,
      );
  }

  const notes: string[] = [];
  const largest = sortedMultiples[sortedMultiples.length - 1] ?? 1;
  const smallest = sortedMultiples[0] ?? 1;
  const curves = spec.dims.map((d, i): PlannedCurve => {
    const prediction = spec.predictions[i] as CheckPrediction;
    const widths = spec.widths?.[i];
    const pointLayers = widths ? layers.map((l, k) => ({ ...l, width: widths[k] ?? l.width })) : layers;
    const original = { dim: d, layers: pointLayers };
    let s = 1;
    let trained = original;
    let pStar = prediction.pStar;
    const fits = () =>
      largest * pStar <= budget.maxTrainSamples && parameterCount(trained.dim, trained.layers) <= budget.maxParams;
    if (!fits() && !prediction.exponents) {
      throw new CheckInputError(
        'over-budget',
        `At ${pointName(i)} the check would need ${Math.ceil(largest * pStar)} training samples and ${parameterCount(d, pointLayers)} weights, more than the budget (${budget.maxTrainSamples} samples, ${budget.maxParams} weights). Pass the prediction's exponents so the model can be scaled down, or raise the budget.`,
      );
    }
    while (!fits() && s > 1e-3) {
      s *= 0.9;
      trained = scaledSizes(d, pointLayers, s);
      pStar = carriedPStar(prediction, original, trained);
    }
    if (!fits()) {
      throw new CheckInputError(
        'over-budget',
        `At d = ${d} even a model scaled by ${formatNumber(s)} does not fit the budget; raise it or narrow the grid.`,
      );
    }
    if (s < 1) {
      notes.push(
        `d = ${d}: the model was scaled down by ${formatNumber(s)} to fit the budget (trained d = ${trained.dim}, widths ${trained.layers.map((l) => l.width).join(', ')}); P* carried to it through the winner's exponents: ${formatNumber(pStar)}.`,
      );
    }
    const range = { min: Math.max(2, Math.round(smallest * pStar)), max: Math.max(2, Math.round(largest * pStar)) };
    return { d, prediction, layers: trained.layers, trainedDim: trained.dim, scale: s, pStar, range };
  });
  return { curves, budget, multiples: sortedMultiples, notes };
}
