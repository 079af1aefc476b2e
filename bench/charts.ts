// Benchmark: the sidebar's charts (one width sweep and one regime map, the chart worker's whole
// job) on dense relu networks of depth 2 to 12 at d = 784, against one analyze() of the same
// network. Target: every depth's charts within 250 ms.
import { analyze } from '../src/engine/index';
import type { Architecture } from '../src/engine/types';
import { computeChartData } from '../src/view/chartData';

const TARGET_MS = 250;

function relu(widths: number[]): Architecture {
  return {
    inputDim: 784,
    layers: widths.map((width) => ({ kind: 'dense' as const, width, activation: 'relu' as const, bias: false })),
  };
}

/** The networks of issue 15's table. */
export const CHART_NETWORKS: [string, Architecture][] = [
  ['depth 2 (256, 512)', relu([256, 512])],
  ['depth 4 (512, 256, 128, 64)', relu([512, 256, 128, 64])],
  ['depth 6 (64 x 6)', relu(new Array<number>(6).fill(64))],
  ['depth 8 (128 x 8)', relu(new Array<number>(8).fill(128))],
  ['depth 12 (100 x 12)', relu(new Array<number>(12).fill(100))],
];

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchCharts(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [name, arch] of CHART_NETWORKS) {
    const options = { degree: 3, kappa: 1 };
    // The sidebar's default: sweep the last hidden width.
    const job = { arch, size: `N${arch.layers.length}`, options };
    // Each run from an empty column cache: the whole job, as for a model shown the first time.
    const first = time(() => computeChartData(job, new Map()));
    const runs = first > 1000 ? 1 : 5;
    const chartMs = median(Array.from({ length: runs }, () => time(() => computeChartData(job, new Map()))));
    // A slider step of the swept width (its value times 1.2) with the columns of the last job kept.
    const cache = new Map();
    computeChartData(job, cache);
    const last = arch.layers.length - 1;
    const stepped = {
      ...job,
      arch: {
        ...arch,
        layers: arch.layers.map((l, i) =>
          i === last && l.kind === 'dense' ? { ...l, width: Math.round(l.width * 1.2) } : l,
        ),
      },
    };
    const dragMs = time(() => computeChartData(stepped, cache));
    const analyzeMs = median(Array.from({ length: 21 }, () => time(() => analyze(arch, options))));
    const depth = arch.layers.length;
    figures[`charts.depth${depth}_ms`] = chartMs;
    figures[`charts.depth${depth}_first_ms`] = first;
    figures[`charts.depth${depth}_per_analyze`] = chartMs / analyzeMs;
    figures[`charts.depth${depth}_slider_step_ms`] = dragMs;
    const verdict = chartMs <= TARGET_MS ? 'met' : 'MISSED';
    console.log(
      `${`charts: ${name}, median`.padEnd(52)} ${chartMs.toFixed(1).padStart(10)} ms  (target ≤ ${TARGET_MS} ms: ${verdict}; ` +
        `first call ${first.toFixed(1)} ms; ${(chartMs / analyzeMs).toFixed(1)} x one analyze of ${analyzeMs.toFixed(2)} ms; ` +
        `a slider step of the swept width ${dragMs.toFixed(1)} ms)`,
    );
  }
  return figures;
}
