import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCollapseSvg, renderOnsetSvg } from '../../src/check/svg';
import { judge } from '../../src/check/index';
import type { CheckCurve, CheckResult } from '../../src/check/types';
import { DEFAULT_BUDGET } from '../../src/check/plan';

function curve(d: number, alignments: number[]): CheckCurve {
  const ratios = [0.25, 1, 4];
  return {
    d,
    trainedDim: d,
    trainedWidths: [64],
    scale: 1,
    pStar: 10 * Math.sqrt(d),
    predictedSpecialists: null,
    pattern: 'Spec',
    onsetRatio: null,
    points: ratios.map((ratio, k) => ({
      p: ratio * 10,
      ratio,
      alignmentMean: alignments[k] ?? 0,
      alignmentStd: 0.05,
      mseMean: 1,
      mseStd: 0,
      specialistsMean: 0,
      seeds: [],
      alignments: [],
      mses: [],
      specialists: [],
      epochs: [],
      capped: [],
    })),
    onsets: [1, 2, 3].map((seed) => ({
      seed,
      p: 80 * Math.sqrt(d) * (1 + seed / 10),
      ratio: 8 * (1 + seed / 10),
      bracket: null,
      status: seed === 3 ? ('capped' as const) : ('converged' as const),
      runs: [],
    })),
  };
}

test('the chart has one curve per d, left to right in P / P*, higher alignment drawn higher', () => {
  const curves = [curve(8, [0, 0.4, 0.9]), curve(12, [0.1, 0.5, 0.8]), curve(16, [0, 0.2, 0.7])];
  const result: CheckResult = {
    degree: 3,
    kappa: 1,
    seeds: [1],
    budget: DEFAULT_BUDGET,
    curves,
    notes: [],
    elapsedMs: 0,
    fit: judge(curves, 3),
    verdict: { status: 'inconclusive', onsetRange: null, text: '' },
    converged: { count: 6, total: 9 },
    backend: 'cpu',
  };
  const svg = renderCollapseSvg(result, 'T <&>');
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.match(svg, /T &lt;&amp;&gt;/);
  const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) =>
    (m[1] ?? '').split(' ').map((pt) => pt.split(',').map(Number)),
  );
  assert.equal(lines.length, 3);
  for (const pts of lines) {
    const xs = pts.map((p) => p[0] ?? NaN);
    assert.ok(
      xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? Infinity)),
      'x grows with P / P*',
    );
    assert.ok(xs.every((x) => x >= 0 && x <= 640));
  }
  const ys = lines[0]?.map((p) => p[1] ?? NaN) ?? [];
  assert.ok((ys[0] ?? 0) > (ys[2] ?? 0), 'SVG y points down: alignment 0.9 sits above alignment 0');
  for (const d of [8, 12, 16]) assert.match(svg, new RegExp(`>d = ${d}<`));
});

test('the onset chart puts a dot per seed at (P*, onset), hollow when not converged, and states the fit', () => {
  const curves = [curve(4, [0, 0.4, 0.9]), curve(16, [0.1, 0.5, 0.8]), curve(64, [0, 0.2, 0.7])];
  const fit = judge(curves, 3);
  const result: CheckResult = {
    degree: 3,
    kappa: 1,
    seeds: [1, 2, 3],
    budget: DEFAULT_BUDGET,
    curves,
    notes: [],
    elapsedMs: 0,
    fit,
    verdict: { status: fit.status, onsetRange: null, text: '' },
    converged: { count: 6, total: 9 },
    backend: 'cpu',
  };
  const svg = renderOnsetSvg(result);
  const dots = [...svg.matchAll(/<circle cx="([^"]+)" cy="([^"]+)" r="4" stroke="[^"]+" fill="([^"]+)"/g)];
  assert.equal(dots.length, 9);
  assert.equal(dots.filter((m) => m[3] === 'none').length, 3, 'the capped seed of each d is hollow');
  // P_onset ∝ sqrt(d) = P*: the fitted d exponent is 1/2 (the prediction), drawn as 'd: 0.50'.
  assert.match(svg, /d: 0\.50 \[/);
  const xs = dots.map((m) => Number(m[1]));
  assert.ok((xs[0] ?? 0) < (xs[3] ?? 0) && (xs[3] ?? 0) < (xs[6] ?? 0), 'larger P* further right');
});
