// The empirical check: trains the user's dense architecture on y = He_m(w* . x) at training-set
// sizes around the predicted P* and reports where it starts to learn. tfjs is imported only
// when a check runs; bundled alone as dist/check.js so nothing else pays for it.
import { sample, teacher } from './data';
import { meanAndStd } from './measure';
import { planCheck } from './plan';
import { DEFAULT_TRAIN, trainAndMeasure, type RunOutcome, type Tf } from './train';
import { CheckAbortedError, type CheckCurve, type CheckOptions, type CheckPoint, type CheckResult, type CheckSpec } from './types';
import { onsetRatio, verdict } from './verdict';

export { checkKey } from './key';
export { planCheck, DEFAULT_BUDGET, QUICK_BUDGET, DEFAULT_MULTIPLES, QUICK_MULTIPLES } from './plan';
export { renderCollapseSvg } from './svg';
export * from './types';

let tfPromise: Promise<Tf> | null = null;

function loadTf(): Promise<Tf> {
  tfPromise ??= import('@tensorflow/tfjs').then(async (tf) => {
    // Prod mode silences tfjs's console advice to install tfjs-node and skips debug checks.
    tf.enableProdMode();
    await tf.setBackend('cpu');
    return tf;
  });
  return tfPromise;
}

const NOTES = [
  'Trained to the maximum a posteriori weights (full-batch Adam until the loss plateaus), not sampled from the posterior the theory describes: weight decay kappa/P × fan-in plays the Gaussian prior, squared loss the noise of variance kappa (docs/check.md).',
  'Alignment A_f = <f, y>/<y, y> and test MSE are measured on fresh samples; specialists are first-layer neurons with |cos(w_i, w*)| > 0.5 whose weight norm stayed at least half its prior scale (about 1).',
];

export async function runCheck(spec: CheckSpec, opts: CheckOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const plan = planCheck(spec);
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw new CheckAbortedError();
  const total = plan.curves.reduce((n, c) => n + c.sizes.length * spec.seeds.length, 0);
  let done = 0;
  onProgress?.({ done, total, message: 'loading TensorFlow.js' });
  const tf = await loadTf();
  const notes = [...NOTES, ...plan.notes];
  if (spec.architecture.layers.some((l) => l.kind === 'dense' && l.bias)) {
    notes.push('Biases are trained with a unit-variance Gaussian prior.');
  }

  const curves: CheckCurve[] = [];
  for (const planned of plan.curves) {
    const bySize: RunOutcome[][] = planned.sizes.map(() => []);
    for (const seed of spec.seeds) {
      const w = teacher(seed, planned.trainedDim);
      const test = sample('test', seed, w, spec.degree, plan.budget.testSamples);
      const largest = planned.sizes[planned.sizes.length - 1] ?? 0;
      const all = sample('train', seed, w, spec.degree, largest);
      for (const [k, p] of planned.sizes.entries()) {
        if (signal?.aborted) throw new CheckAbortedError();
        onProgress?.({ done, total, message: `d = ${planned.d}, P = ${p} (${(p / planned.pStar).toPrecision(2)} P*), seed ${seed}` });
        const train = { x: all.x.subarray(0, p * all.dim), y: all.y.subarray(0, p), count: p, dim: all.dim };
        const outcome = await trainAndMeasure(tf, planned.layers, train, test, w, seed, {
          ...DEFAULT_TRAIN, kappa: spec.kappa, maxEpochs: plan.budget.maxEpochs,
        }, signal);
        bySize[k]?.push(outcome);
        done++;
      }
    }
    const points: CheckPoint[] = planned.sizes.map((p, k) => {
      const runs = bySize[k] ?? [];
      const a = meanAndStd(runs.map((r) => r.alignment));
      const e = meanAndStd(runs.map((r) => r.mse));
      return {
        p,
        ratio: p / planned.pStar,
        alignmentMean: a.mean,
        alignmentStd: a.std,
        mseMean: e.mean,
        mseStd: e.std,
        specialistsMean: meanAndStd(runs.map((r) => r.specialists)).mean,
        alignments: runs.map((r) => r.alignment),
        mses: runs.map((r) => r.mse),
        specialists: runs.map((r) => r.specialists),
        epochs: runs.map((r) => r.epochs),
      };
    });
    curves.push({
      d: planned.d,
      trainedDim: planned.trainedDim,
      trainedWidths: planned.layers.map((l) => l.width),
      scale: planned.scale,
      pStar: planned.pStar,
      predictedSpecialists: planned.prediction.specialists,
      pattern: planned.prediction.pattern,
      points,
      onsetRatio: onsetRatio(points),
    });
  }
  onProgress?.({ done, total, message: 'done' });
  const v = verdict(curves.map((c) => ({ d: c.d, onsetRatio: c.onsetRatio, maxRatio: c.points[c.points.length - 1]?.ratio ?? 0 })));
  return { degree: spec.degree, kappa: spec.kappa, seeds: [...spec.seeds], budget: plan.budget, curves, verdict: v, notes, elapsedMs: Date.now() - started };
}
export { predictionFromAnalysis } from './predict';
