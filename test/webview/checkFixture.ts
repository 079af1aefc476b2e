// A hand-built check result (numbers chosen for the tests, not produced by a run): two input
// dimensions, the second trained scaled down, two seeds.
import type { CheckCurve, CheckPoint, CheckResult } from '../../src/check/types';

function point(p: number, pStar: number, alignments: [number, number], specialists: [number, number]): CheckPoint {
  const mean = (alignments[0] + alignments[1]) / 2;
  return {
    p,
    ratio: p / pStar,
    alignmentMean: mean,
    alignmentStd: Math.abs(alignments[0] - alignments[1]) / 2,
    mseMean: 1 - mean,
    mseStd: 0.01,
    specialistsMean: (specialists[0] + specialists[1]) / 2,
    seeds: [1, 2],
    alignments,
    mses: [1 - alignments[0], 1 - alignments[1]],
    specialists,
    epochs: [800, 900],
    capped: [false, false],
  };
}

const small: CheckCurve = {
  d: 8,
  trainedDim: 8,
  trainedWidths: [64],
  scale: 1,
  pStar: 40,
  predictedSpecialists: 2.83,
  pattern: 'Spec',
  points: [point(20, 40, [0, 0], [0, 0]), point(160, 40, [0.3, 0.5], [1, 3]), point(640, 40, [0.7, 0.9], [5, 7])],
  onsets: [1, 2].map((seed) => ({
    seed,
    p: 208,
    ratio: 5.2,
    bracket: [160, 640] as [number, number],
    status: 'converged' as const,
    runs: [],
  })),
  onsetRatio: 5.2,
};

const large: CheckCurve = {
  d: 16,
  trainedDim: 11,
  trainedWidths: [44],
  scale: 0.69,
  pStar: 32,
  predictedSpecialists: null,
  pattern: 'GP',
  points: [point(16, 32, [0, 0.02], [0, 0]), point(512, 32, [0.2, 0.2], [0, 1])],
  onsets: [1, 2].map((seed) => ({
    seed,
    p: null,
    ratio: null,
    bracket: null,
    status: 'above-range' as const,
    runs: [],
  })),
  onsetRatio: null,
};

export const sampleResult: CheckResult = {
  degree: 3,
  kappa: 1,
  seeds: [1, 2],
  budget: { maxTrainSamples: 1024, maxParams: 10_000, maxEpochs: 1200, testSamples: 1000 },
  curves: [small, large],
  fit: {
    status: 'inconclusive',
    variables: [],
    exponents: [],
    factor: null,
    hypotheses: [],
    observations: 2,
    dof: 0,
    residualSd: null,
    level: 0.95,
    replicates: 0,
    claim: 'the prediction',
    text: 'inconclusive: no size varies across the converged onsets, so no exponent can be measured.',
  },
  verdict: {
    status: 'inconclusive',
    onsetRange: [5.2, 5.2],
    text: 'Inconclusive: no size varies across the converged onsets, so no exponent can be measured. 2 of 4 onsets converged.',
  },
  converged: { count: 2, total: 4 },
  backend: 'wasm',
  notes: ['Trained to the MAP weights.'],
  elapsedMs: 125_000,
};
