// The empirical check: trains the user's dense architecture on y = He_m(w* . x), finds for every
// design point and seed the training-set size where it starts to learn, and fits how those onsets
// scale with d and the widths against the engine's prediction. tfjs is imported only when a
// check runs; bundled alone as dist/check.js (and dist/checkWorker.js) so nothing else pays for it.
import { fitExponents, standardAlternatives, type LawToTest, type OnsetObservation } from './fit';
import type { BackendName } from './backend';
import { meanAndStd } from './measure';
import { formatNumber } from '../present/numbers';
import { findOnset, ONSET_ALIGNMENT } from './onset';
import type { CheckOptions } from './options';
import { planCheck, type PlannedCurve } from './plan';
import { createTrainer, defaultParallelism } from './pool';
import {
  CheckAbortedError,
  type CheckCurve,
  type CheckPoint,
  type CheckResult,
  type CheckSpec,
  type CheckVerdict,
  type ExponentFit,
  type SeedOnset,
  type TrainedRun,
} from './types';

export { checkKey } from './key';
export { planCheck, DEFAULT_BUDGET, QUICK_BUDGET, DEFAULT_MULTIPLES, QUICK_MULTIPLES } from './plan';
export { renderCollapseSvg, renderOnsetSvg } from './svg';
export { fitExponents, standardAlternatives } from './fit';
export { runSpecialistStudy, formatSpecialistTable, renderSpecialistSvg } from './specialists';
export * from './types';
export type { CheckOptions } from './options';

const NOTES = [
  'Trained to the maximum a posteriori weights (full-batch Adam until the loss plateaus), not sampled from the posterior the theory describes: weight decay kappa/P × fan-in plays the Gaussian prior, squared loss the noise of variance kappa (docs/check.md).',
  'Alignment A_f = <f, y>/<y, y> and test MSE are measured on fresh samples; specialists are first-layer neurons with |cos(w_i, w*)| > 0.5 whose weight norm stayed at least half its prior scale (about 1).',
  `Each seed's onset is found by doubling or halving P until the alignment crosses ${ONSET_ALIGNMENT}, then bisecting in log P; an onset whose bracketing runs hit the step cap is reported but left out of the fit.`,
];

/** The sizes the fit regresses on: the trained d and widths (after any scaling down). */
function sizesOf(c: { trainedDim: number; trainedWidths: number[] }): Record<string, number> {
  return { d: c.trainedDim, ...Object.fromEntries(c.trainedWidths.map((w, i) => [`N${i + 1}`, w])) };
}

/** The converged onsets of a result, as the fit reads them. */
export function onsetObservations(curves: CheckCurve[]): OnsetObservation[] {
  return curves.flatMap((c) =>
    c.onsets.flatMap((o) =>
      o.status === 'converged' && o.p !== null ? [{ sizes: sizesOf(c), seed: o.seed, p: o.p, pStar: c.pStar }] : [],
    ),
  );
}

/** Fits the result's onsets, judged against the engine's prediction or, for a control, against `claim`. */
export function judge(curves: CheckCurve[], degree: number, claim?: LawToTest): ExponentFit {
  return fitExponents(onsetObservations(curves), {
    alternatives: standardAlternatives(degree),
    ...(claim ? { claim } : {}),
  });
}

function verdictOf(fit: ExponentFit, curves: CheckCurve[], converged: { count: number; total: number }): CheckVerdict {
  const ratios = curves.flatMap((c) =>
    c.onsets.flatMap((o) => (o.status === 'converged' && o.ratio !== null ? [o.ratio] : [])),
  );
  const onsetRange: [number, number] | null = ratios.length > 0 ? [Math.min(...ratios), Math.max(...ratios)] : null;
  const factor = fit.factor
    ? ` Onsets lie at ${formatNumber(fit.factor.value)} × P* (95% CI ${formatNumber(fit.factor.ci[0])}–${formatNumber(fit.factor.ci[1])}): the O(1) factor the scale argument leaves open.`
    : '';
  const counted = ` ${converged.count} of ${converged.total} onsets converged.`;
  return {
    status: fit.status,
    onsetRange,
    text: `${fit.text.charAt(0).toUpperCase()}${fit.text.slice(1)}${factor}${counted}`,
  };
}

function pointsOf(onsets: SeedOnset[], pStar: number): CheckPoint[] {
  const byP = new Map<number, { seed: number; run: TrainedRun }[]>();
  for (const o of onsets) for (const run of o.runs) byP.set(run.p, [...(byP.get(run.p) ?? []), { seed: o.seed, run }]);
  return [...byP.entries()]
    .sort(([a], [b]) => a - b)
    .map(([p, runs]) => {
      const a = meanAndStd(runs.map((r) => r.run.alignment));
      const e = meanAndStd(runs.map((r) => r.run.mse));
      return {
        p,
        ratio: p / pStar,
        alignmentMean: a.mean,
        alignmentStd: a.std,
        mseMean: e.mean,
        mseStd: e.std,
        specialistsMean: meanAndStd(runs.map((r) => r.run.specialists)).mean,
        seeds: runs.map((r) => r.seed),
        alignments: runs.map((r) => r.run.alignment),
        mses: runs.map((r) => r.run.mse),
        specialists: runs.map((r) => r.run.specialists),
        epochs: runs.map((r) => r.run.epochs),
        capped: runs.map((r) => r.run.capped),
      };
    });
}

/** Typical runs one onset search takes (a step or two of bracketing and the bisections), for the progress estimate. */
const expectedRuns = (bisections: number): number => 3 + bisections;

export async function runCheck(spec: CheckSpec, opts: CheckOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const plan = planCheck(spec);
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw new CheckAbortedError();
  const bisections = spec.search?.bisections ?? 2;
  const lo = plan.multiples[0] ?? 1;
  const hi = plan.multiples[plan.multiples.length - 1] ?? 1;
  const start = spec.search?.start ?? Math.sqrt(lo * hi);
  const chains = plan.curves.length * spec.seeds.length;
  let done = 0;
  let searching = chains;
  const estimate = (): number => done + searching * expectedRuns(bisections);
  onProgress?.({ done, total: estimate(), message: 'loading TensorFlow.js' });
  const trainer = createTrainer(Math.max(1, Math.min(spec.parallel ?? defaultParallelism(), chains)), signal);
  const backends = new Set<BackendName>();
  const onsets: SeedOnset[][] = plan.curves.map(() => []);
  try {
    const search = async (curve: PlannedCurve, k: number, seed: number, startRatio: number): Promise<void> => {
      const onset = await findOnset(seed, curve.pStar, curve.range, { start: startRatio, bisections }, async (p) => {
        if (signal?.aborted) throw new CheckAbortedError();
        const outcome = await trainer.run({
          layers: curve.layers,
          dim: curve.trainedDim,
          degree: spec.degree,
          kappa: spec.kappa,
          seed,
          p,
          testSamples: plan.budget.testSamples,
          maxEpochs: plan.budget.maxEpochs,
          backend: 'wasm',
        });
        if (signal?.aborted) throw new CheckAbortedError();
        backends.add(outcome.backend);
        done++;
        onProgress?.({
          done,
          total: estimate(),
          message: `d = ${curve.d}${curve.layers.length > 0 ? `, widths ${curve.layers.map((l) => l.width).join(',')}` : ''}, P = ${p} (${formatNumber(p / curve.pStar)} P*), seed ${seed}`,
        });
        return outcome.run;
      });
      searching--;
      onsets[k]?.push(onset);
    };
    // Seed by seed, all design points at once: later seeds start where earlier ones found the onset.
    for (const seed of spec.seeds) {
      await Promise.all(
        plan.curves.map((curve, k) => {
          const found = (onsets[k] ?? []).flatMap((o) => (o.ratio !== null ? [Math.log(o.ratio)] : []));
          const from = found.length > 0 ? Math.exp(found.reduce((a, b) => a + b, 0) / found.length) : start;
          return search(curve, k, seed, from);
        }),
      );
    }
  } finally {
    await trainer.close();
  }
  onProgress?.({ done, total: done, message: 'fitting the exponents' });

  const curves: CheckCurve[] = plan.curves.map((planned, k) => {
    const found = (onsets[k] ?? []).sort((a, b) => a.seed - b.seed);
    const ratios = found.flatMap((o) => (o.status === 'converged' && o.ratio !== null ? [Math.log(o.ratio)] : []));
    return {
      d: planned.d,
      trainedDim: planned.trainedDim,
      trainedWidths: planned.layers.map((l) => l.width),
      scale: planned.scale,
      pStar: planned.pStar,
      predictedSpecialists: planned.prediction.specialists,
      pattern: planned.prediction.pattern,
      points: pointsOf(found, planned.pStar),
      onsets: found,
      onsetRatio: ratios.length > 0 ? Math.exp(ratios.reduce((a, b) => a + b, 0) / ratios.length) : null,
    };
  });
  const all = curves.flatMap((c) => c.onsets);
  const converged = { count: all.filter((o) => o.status === 'converged').length, total: all.length };
  const fit = judge(curves, spec.degree);
  const backend = [...backends].join(', ') || 'none';
  const notes = [
    ...NOTES,
    ...plan.notes,
    `Trained on the TensorFlow.js ${backend} backend, ${trainer.size} run(s) in parallel.`,
  ];
  if (spec.architecture.layers.some((l) => l.kind === 'dense' && l.bias))
    notes.push('Biases are trained with a unit-variance Gaussian prior.');
  return {
    degree: spec.degree,
    kappa: spec.kappa,
    seeds: [...spec.seeds],
    budget: plan.budget,
    curves,
    fit,
    verdict: verdictOf(fit, curves, converged),
    converged,
    backend,
    notes,
    elapsedMs: Date.now() - started,
  };
}
export { predictionFromAnalysis } from './predict';
