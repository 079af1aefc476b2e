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
    alignments,
    mses: [1 - alignments[0], 1 - alignments[1]],
    specialists,
    epochs: [800, 900],
  };
}

const small: CheckCurve = {
  d: 8, trainedDim: 8, trainedWidths: [64], scale: 1, pStar: 40, predictedSpecialists: 2.83, pattern: 'Spec',
  points: [point(20, 40, [0, 0], [0, 0]), point(160, 40, [0.3, 0.5], [1, 3]), point(640, 40, [0.7, 0.9], [5, 7])],
  onsetRatio: 5.2,
};

const large: CheckCurve = {
  d: 16, trainedDim: 11, trainedWidths: [44], scale: 0.69, pStar: 32, predictedSpecialists: null, pattern: 'GP',
  points: [point(16, 32, [0, 0.02], [0, 0]), point(512, 32, [0.2, 0.2], [0, 1])],
  onsetRatio: null,
};

export const sampleResult: CheckResult = {
  degree: 3,
  kappa: 1,
  seeds: [1, 2],
  budget: { maxTrainSamples: 1024, maxParams: 10_000, maxEpochs: 1200, testSamples: 1000 },
  curves: [small, large],
  verdict: { status: 'no-onset', onsetRange: [5.2, 5.2], band: [0.5, 2], text: 'learning sets in at 5.2 × P* for some d, but at d = 16 it did not.' },
  notes: ['Trained to the MAP weights.'],
  elapsedMs: 125_000,
};
