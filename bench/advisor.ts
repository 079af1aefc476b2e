// Benchmark: the width advisor (engine/budget.ts), each hidden width's range with P* <= P, as the
// chart worker runs it beside the charts. Tanh networks are the slow case (more candidates per
// search). Timed twice: for a model shown the first time (no winners kept), and for a changed
// training-set size or kappa with the winners of the last job kept (what typing P in the sidebar costs).
import { analyze } from '../src/engine/index';
import type { WinnerCache } from '../src/engine/fits';
import { dataBudget } from '../src/engine/budget';
import type { Activation, Architecture } from '../src/engine/types';

/** One analyze() is a few ms; the advisor of a depth-4 tanh network should stay under a quarter second. */
const TARGET_MS = 250;

function dense(activation: Activation, widths: number[], inputDim = 784): Architecture {
  return { inputDim, layers: widths.map((width) => ({ kind: 'dense' as const, width, activation, bias: false })) };
}

export const ADVISOR_NETWORKS: [string, Architecture][] = [
  ['tanh depth 2 (256, 512)', dense('tanh', [256, 512])],
  ['relu depth 4 (512, 256, 128, 64)', dense('relu', [512, 256, 128, 64])],
  ['tanh depth 4 (128 x 4)', dense('tanh', [128, 128, 128, 128])],
];

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

export function benchAdvisor(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [name, arch] of ADVISOR_NETWORKS) {
    const options = { degree: 3, kappa: 1 };
    const r = analyze(arch, options);
    if (!r.reachable) continue;
    // A training set three times P*: every layer has a band with edges inside the widths looked at.
    const samples = 3 * r.pStar;
    const cold = [0, 1, 2]
      .map(() => time(() => dataBudget(arch, r.pStar, samples, options, new Map())))
      .sort((a, b) => a - b)[1]!;
    const cache: WinnerCache = new Map();
    dataBudget(arch, r.pStar, samples, options, cache);
    const warm = time(() => dataBudget(arch, r.pStar, samples / 2, options, cache));
    const key = `advisor.${name.split(' (')[0]!.replace(/ /g, '_')}`;
    figures[`${key}_ms`] = cold;
    figures[`${key}_new_samples_ms`] = warm;
    const verdict = cold <= TARGET_MS ? 'met' : 'MISSED';
    console.log(
      `${`width advisor: ${name}, median`.padEnd(52)} ${cold.toFixed(1).padStart(10)} ms  (target ≤ ${TARGET_MS} ms: ${verdict}; ` +
        `another P with the winners kept ${warm.toFixed(1)} ms)`,
    );
  }
  return figures;
}
