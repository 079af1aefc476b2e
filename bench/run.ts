// `npm run bench`: speed targets, measured on the bundled code (scripts/bench.mjs builds this
// file with esbuild). Prints each figure against its target and a final `BENCH {json}` line.
import { analyze, bruteForceCandidates, regimeMap } from '../src/engine/index';
import { networkCandidates } from '../src/engine/analyze';
import { buildNetwork } from '../src/engine/network';
import { robustnessBox } from '../src/engine/robustness';
import type { Architecture } from '../src/engine/types';
import { benchAdvisor } from './advisor';
import { benchCharts } from './charts';
import { benchCheckBackends } from './check';
import { benchDetect } from './detect';
import { benchWorker } from './worker';
import { benchCold } from './coldRuns';

function mlp(d: number, widths: number[]): Architecture {
  return {
    inputDim: d,
    layers: widths.map((width) => ({ kind: 'dense' as const, width, activation: 'erf' as const, bias: false })),
  };
}

function median(run: () => void, times: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) run();
  const t: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(times / 2)]!;
}

function line(name: string, ms: number, target: number | null): void {
  const verdict =
    target === null ? '' : ms <= target ? `  (target ≤ ${target} ms: met)` : `  (target ≤ ${target} ms: MISSED)`;
  console.log(`${name.padEnd(52)} ${ms.toFixed(3).padStart(10)} ms${verdict}`);
}

async function main(): Promise<void> {
  const figures: Record<string, number> = {};
  // Detection first, on a fresh heap: after the engine's runs V8's young generation has grown, and
  // the parse's tree costs less to collect than it does in a new process. benchDetect prints its
  // own lines (5,000-line file, 50 models, target <= 30 ms).
  Object.assign(figures, await benchDetect());

  const three = mlp(64, [256, 512]);
  figures['analyzeThreeLayerMs'] = median(() => analyze(three), 300);
  line('analyze(): three-layer MLP, median', figures['analyzeThreeLayerMs'], 1);

  // The robustness box alone (theory section 9): every listed candidate and each of its terms x1/3 and x3.
  const net = buildNetwork(three, 3);
  const solved = networkCandidates(net, { degree: 3, kappa: 1, maxCandidates: 24 }).solved;
  figures['robustnessThreeLayerMs'] = median(() => robustnessBox(solved, 1), 300);
  line('robustness box: three-layer MLP, median', figures['robustnessThreeLayerMs'], 2);

  const deep = mlp(
    64,
    Array.from({ length: 12 }, (_, i) => 128 * (1 + (i % 3))),
  );
  figures['analyzeDepth12Ms'] = median(() => analyze(deep), 40);
  line('analyze(): depth-12 MLP, median', figures['analyzeDepth12Ms'], 10);
  // Issue 15's deepest network: twelve relu layers of 100 with bias at d = 784 (many near-tied candidates).
  const relu12: Architecture = {
    inputDim: 784,
    layers: Array.from({ length: 12 }, () => ({
      kind: 'dense' as const,
      width: 100,
      activation: 'relu' as const,
      bias: true,
    })),
  };
  figures['analyzeRelu12x100Ms'] = median(() => analyze(relu12), 40);
  line('analyze(): 12 x 100 relu with bias, d = 784, median', figures['analyzeRelu12x100Ms'], 10);

  figures['regimeMap200x200Ms'] = median(
    () => regimeMap(three, 'N1', { from: 2, to: 1e5, points: 200 }, { from: 2, to: 4096, points: 200 }),
    9,
    1,
  );
  line('regimeMap(): 200 x 200, three-layer MLP, median', figures['regimeMap200x200Ms'], 50);

  const four = mlp(64, [128, 256, 512, 1024]);
  const fast = median(() => analyze(four), 30);
  const brute = median(() => bruteForceCandidates(four, { maxCandidates: 1_000_000 }), 3, 1);
  figures['depth4SearchMs'] = fast;
  figures['depth4BruteForceMs'] = brute;
  figures['depth4SpeedUp'] = brute / fast;
  line('depth-4 MLP: search (analyze), median', fast, null);
  line('depth-4 MLP: brute-force enumeration, median', brute, null);
  console.log(
    `${'depth-4 speed-up of the search over brute force'.padEnd(52)} ${figures['depth4SpeedUp'].toFixed(1).padStart(10)} x`,
  );

  Object.assign(figures, benchCharts());
  Object.assign(figures, benchAdvisor());
  Object.assign(figures, await benchCheckBackends());

  // scripts/bench.mjs bundles the analysis worker beside this file and names it here.
  const workerPath = process.env.BENCH_ANALYSIS_WORKER;
  if (workerPath) Object.assign(figures, await benchWorker(workerPath));
  const { BENCH_COLD: cold, BENCH_DETECTOR: detector } = process.env;
  if (cold && detector) Object.assign(figures, benchCold(cold, detector));

  console.log(`BENCH ${JSON.stringify(figures)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
