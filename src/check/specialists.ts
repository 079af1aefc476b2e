// The three-layer study: how many first-layer neurons specialise on the teacher direction as the
// first layer widens at fixed d, N2 and P. The theory has them grow as N1^(1/3) while
// N1² is below about N2·d (the first layer in the Spec pattern, the second in Mag) and the first
// layer turning lazy (GP) past it. Counted in trained networks; fitted like the onsets.
import { analyze } from '../engine/index';
import type { DenseLayer } from '../engine/types';
import { formatDuration, formatFixed, formatNumber } from '../present/numbers';
import { textTable, type Table } from '../present/table';
import { fitExponents } from './fit';
import { logXFrame, num, type PlotFrame } from './svg';
import { meanAndStd } from './measure';
import { createTrainer, defaultParallelism } from './pool';
import { predictionFromAnalysis } from './predict';
import type { SpecialistSpec } from './studies';
import type { CheckOptions } from './options';
import { CheckAbortedError, type ExponentFit, type TrainedRun } from './types';

export interface SpecialistPoint {
  n1: number;
  /** The engine's winner and its first-layer M (null when layer 1 is not Spec). */
  pattern: string;
  predicted: number | null;
  pStar: number;
  runs: (TrainedRun & { seed: number })[];
  mean: number;
  std: number;
}

export interface SpecialistResult {
  spec: SpecialistSpec;
  points: SpecialistPoint[];
  /** log(specialists) against log N1 over runs with at least one specialist. */
  fit: ExponentFit;
  /** Runs with no specialist, which the log fit cannot use. */
  zeroCounts: number;
  backend: string;
  elapsedMs: number;
}

const layersOf = (n1: number, n2: number): DenseLayer[] =>
  [n1, n2].map((width) => ({ kind: 'dense', width, activation: 'erf', bias: false }));

export async function runSpecialistStudy(spec: SpecialistSpec, opts: CheckOptions = {}): Promise<SpecialistResult> {
  const started = Date.now();
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw new CheckAbortedError();
  const total = spec.n1s.length * spec.seeds.length;
  let done = 0;
  const trainer = createTrainer(Math.max(1, Math.min(spec.parallel ?? defaultParallelism(), total)), signal);
  const backends = new Set<string>();
  onProgress?.({ done, total, message: 'loading TensorFlow.js' });
  try {
    const points = await Promise.all(
      spec.n1s.map(async (n1): Promise<SpecialistPoint> => {
        const layers = layersOf(n1, spec.n2);
        const prediction = predictionFromAnalysis(
          analyze({ inputDim: spec.d, layers }, { degree: spec.degree, kappa: spec.kappa }),
        );
        const runs = await Promise.all(
          spec.seeds.map(async (seed) => {
            const outcome = await trainer.run({
              layers,
              dim: spec.d,
              degree: spec.degree,
              kappa: spec.kappa,
              seed,
              p: spec.p,
              testSamples: spec.testSamples,
              maxEpochs: spec.maxEpochs,
              backend: 'wasm',
            });
            if (signal?.aborted) throw new CheckAbortedError();
            backends.add(outcome.backend);
            done++;
            onProgress?.({
              done,
              total,
              message: `N1 = ${n1}, seed ${seed}: ${outcome.run.specialists} specialist(s)`,
            });
            return { ...outcome.run, seed };
          }),
        );
        const m = meanAndStd(runs.map((r) => r.specialists));
        return {
          n1,
          pattern: prediction.pattern,
          predicted: prediction.specialists,
          pStar: prediction.pStar,
          runs,
          mean: m.mean,
          std: m.std,
        };
      }),
    );
    const observations = points.flatMap((pt) =>
      pt.runs
        .filter((r) => r.specialists > 0)
        .map((r) => ({ sizes: { N1: pt.n1 }, seed: r.seed, p: r.specialists, pStar: 1 })),
    );
    const fit = fitExponents(observations, {
      quantity: 'the specialist counts',
      claim: { name: 'theory', label: 'specialists ∝ N1^(1/3) (below the transition)', exponents: { N1: 1 / 3 } },
      alternatives: [
        { name: 'constant', label: 'a fixed number of specialists', exponents: {} },
        { name: 'proportional', label: 'a fixed fraction of the layer (∝ N1)', exponents: { N1: 1 } },
      ],
    });
    const zeroCounts = points.reduce((n, pt) => n + pt.runs.filter((r) => r.specialists === 0).length, 0);
    return {
      spec,
      points,
      fit,
      zeroCounts,
      backend: [...backends].join(', ') || 'none',
      elapsedMs: Date.now() - started,
    };
  } finally {
    await trainer.close();
  }
}

export function formatSpecialistTable(result: SpecialistResult): string {
  const s = result.spec;
  const lines = [
    `three-layer erf network, d = ${s.d}, N2 = ${s.n2}, P = ${s.p}, degree ${s.degree}: first-layer specialists against N1`,
    '',
  ];
  const table: Table = {
    caption: '',
    head: ['N1', 'pattern', 'P*', 'M pred.', 'specialists per seed', 'mean ± sd', 'alignment', 'epochs'],
    rows: result.points.map((pt) => [
      String(pt.n1),
      pt.pattern,
      formatNumber(pt.pStar),
      pt.predicted === null ? '—' : formatNumber(pt.predicted),
      pt.runs.map((r) => r.specialists).join(', '),
      `${formatFixed(pt.mean)} ± ${formatFixed(pt.std)}`,
      pt.runs.map((r) => formatFixed(r.alignment)).join(','),
      pt.runs.map((r) => `${r.epochs}${r.capped ? '*' : ''}`).join(','),
    ]),
  };
  lines.push(...textTable(table).map((line) => `  ${line}`));
  lines.push('  (* = stopped at the step cap)', '');
  for (const e of result.fit.exponents)
    lines.push(
      `  exponent of N1: ${formatFixed(e.value)} [${formatFixed(e.ci[0])}, ${formatFixed(e.ci[1])}] (${Math.round(result.fit.level * 100)}% CI), theory ${formatFixed(e.predicted)}`,
    );
  for (const h of result.fit.hypotheses) lines.push(`  ${h.excluded ? 'excluded    ' : 'not excluded'}  ${h.label}`);
  lines.push(
    '',
    `verdict: ${result.fit.text}${result.zeroCounts > 0 ? ` (${result.zeroCounts} run(s) with no specialist left out of the log fit)` : ''}`,
  );
  lines.push(
    `(${result.points.reduce((n, p) => n + p.runs.length, 0)} runs in ${formatDuration(result.elapsedMs)} on the ${result.backend} backend)`,
  );
  return lines.join('\n');
}

/** Specialists against N1 on log–log axes, a dot per seed and the theory's slope 1/3 through the first point's mean. */
export function renderSpecialistSvg(result: SpecialistResult): string {
  const frame: PlotFrame = { W: 560, H: 380, M: { left: 60, right: 20, top: 40, bottom: 50 } };
  const { W, H, M } = frame;
  const xs = result.points.map((p) => p.n1);
  const ys = result.points.flatMap((p) => p.runs.map((r) => Math.max(0.5, r.specialists)));
  const lx0 = Math.floor(Math.log2(Math.min(...xs)));
  const lx1 = Math.ceil(Math.log2(Math.max(...xs)));
  const ly0 = Math.min(-1, Math.floor(Math.log2(Math.min(...ys))));
  const ly1 = Math.max(ly0 + 1, Math.ceil(Math.log2(Math.max(...ys))));
  const py = (v: number): number =>
    H - M.bottom - ((Math.log2(v) - ly0) / Math.max(1e-9, ly1 - ly0)) * (H - M.top - M.bottom);
  const { out, px } = logXFrame(
    frame,
    `First-layer specialists against N1 (d = ${result.spec.d}, N2 = ${result.spec.n2}, P = ${result.spec.p})`,
    14,
    lx0,
    lx1,
    String,
  );
  for (let k = ly0; k <= ly1; k++)
    out.push(
      `<line x1="${M.left}" y1="${num(py(2 ** k))}" x2="${W - M.right}" y2="${num(py(2 ** k))}" stroke="#e5e5e5"/><text x="${M.left - 8}" y="${num(py(2 ** k) + 4)}" text-anchor="end">${k < 0 ? '0' : 2 ** k}</text>`,
    );
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
  );
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">first-layer width N1 (log scale)</text>`,
  );
  out.push(
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">specialists (log scale; bottom row: none)</text>`,
  );
  const first = result.points[0];
  if (first && first.mean > 0) {
    const a = 2 ** lx0;
    const b = 2 ** lx1;
    const at = (n: number): number => first.mean * (n / first.n1) ** (1 / 3);
    out.push(
      `<line x1="${num(px(a))}" y1="${num(py(at(a)))}" x2="${num(px(b))}" y2="${num(py(at(b)))}" stroke="#888" stroke-dasharray="5,4"/>`,
    );
    out.push(`<text x="${num(px(b) - 4)}" y="${num(py(at(b)) - 6)}" text-anchor="end" fill="#555">slope 1/3</text>`);
  }
  for (const p of result.points)
    for (const run of p.runs)
      out.push(
        `<circle cx="${num(px(p.n1))}" cy="${num(py(Math.max(0.5, run.specialists)))}" r="4" fill="#1f77b4" fill-opacity="0.7"/>`,
      );
  const e = result.fit.exponents[0];
  if (e)
    out.push(
      `<text x="${M.left + 8}" y="${M.top + 16}" fill="#333">fitted slope ${formatFixed(e.value)} [${formatFixed(e.ci[0])}, ${formatFixed(e.ci[1])}]: ${result.fit.status}</text>`,
    );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
