// The chart worker's job: the window it sweeps, and the columns it keeps between jobs so that a
// slider drag recomputes only what changed (and still gives exactly what a fresh job gives).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnCache } from '../../src/engine/index';
import type { Architecture } from '../../src/engine/types';
import { computeChartData, sweepRange, SWEEP_POINTS } from '../../src/view/chartData';

const relu = (d: number, widths: number[]): Architecture => ({
  inputDim: d,
  layers: widths.map((width) => ({ kind: 'dense', width, activation: 'relu', bias: false })),
});

test('sweep window: two and a half decades either side of the value, on a grid anchored at 1 that moves by whole steps', () => {
  for (const v of [1, 7, 100, 128, 4096, 123457]) {
    const r = sweepRange(v);
    assert.equal(r.points, SWEEP_POINTS);
    assert.ok(r.from >= 1 && r.from <= Math.max(1, v / 300) * (1 + 1e-12), `from ${r.from} for ${v}`);
    assert.ok(r.to >= v * 200, `to ${r.to} for ${v}`);
  }
  const step = Math.log(sweepRange(1000).to / sweepRange(1000).from) / (SWEEP_POINTS - 1);
  const a = sweepRange(1000);
  const b = sweepRange(1000 * Math.exp(step));
  assert.ok(Math.abs(Math.log(b.from / a.from) / step - 1) < 1e-9, 'one step further along');
});

test('kept columns: a moved window and a changed kappa give exactly what a fresh job gives, computing only the new widths', () => {
  const arch = relu(784, [128, 128, 128, 128, 128, 128, 128, 128]);
  const cache: ColumnCache = new Map();
  const first = computeChartData({ arch, size: 'N8', options: { degree: 3, kappa: 1 } }, cache);
  assert.ok(!('error' in first.sweep) && !('error' in first.regime));
  const afterFirst = cache.size;
  assert.ok(afterFirst >= SWEEP_POINTS);

  // kappa scales P*, nothing else: no column is recomputed.
  const kappa = computeChartData({ arch, size: 'N8', options: { degree: 3, kappa: 2 } }, cache);
  assert.equal(cache.size, afterFirst);
  assert.deepEqual(kappa, computeChartData({ arch, size: 'N8', options: { degree: 3, kappa: 2 } }, new Map()));
  assert.ok(!('error' in kappa.sweep));
  kappa.sweep.pStar.forEach((p, i) =>
    assert.ok(Math.abs(p! / (2 * (first.sweep as { pStar: number[] }).pStar[i]!) - 1) < 1e-12),
  );

  // The swept width dragged to twice its value: the window moves, the widths it keeps are reused.
  const moved = {
    arch: { ...arch, layers: arch.layers.map((l, i) => (i === 7 ? { ...l, width: 256 } : l)) },
    size: 'N8',
    options: { degree: 3, kappa: 1 },
  };
  const before = cache.size;
  const warm = computeChartData(moved, cache);
  assert.ok(cache.size - before <= 8, `${cache.size - before} new columns for a window moved by ${Math.log(2)} in log`);
  assert.deepEqual(warm, computeChartData(moved, new Map()));
});
