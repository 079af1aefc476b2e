import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisedHermite } from '../../src/check/hermite';
import { sample, teacher } from '../../src/check/data';
import { gaussianArray } from '../../src/check/rng';

test('normalised Hermite polynomials match their closed forms', () => {
  for (const z of [-2.5, -1, 0, 0.3, 1.7]) {
    assert.ok(Math.abs(normalisedHermite(1, z) - z) < 1e-12);
    assert.ok(Math.abs(normalisedHermite(2, z) - (z * z - 1) / Math.sqrt(2)) < 1e-12);
    assert.ok(Math.abs(normalisedHermite(3, z) - (z ** 3 - 3 * z) / Math.sqrt(6)) < 1e-12);
    assert.ok(Math.abs(normalisedHermite(4, z) - (z ** 4 - 6 * z * z + 3) / Math.sqrt(24)) < 1e-12);
  }
});

test('the seeded Gaussian stream has unit variance and zero mean', () => {
  const g = gaussianArray(200_000, 42);
  const mean = g.reduce((a, b) => a + b, 0) / g.length;
  const variance = g.reduce((a, b) => a + (b - mean) ** 2, 0) / g.length;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.01, `variance ${variance}`);
});

test('targets have unit power and depend on x only through w*.x', () => {
  const w = teacher(3, 10);
  assert.ok(Math.abs(w.reduce((a, b) => a + b * b, 0) - 1) < 1e-6);
  const data = sample('train', 3, w, 3, 50_000);
  const power = data.y.reduce((a, b) => a + b * b, 0) / data.count;
  assert.ok(Math.abs(power - 1) < 0.06, `E[y^2] = ${power}`);
  // y is He_3 of the projection: recompute it for a few rows.
  for (const n of [0, 17, 49_999]) {
    let z = 0;
    for (let i = 0; i < 10; i++) z += (data.x[n * 10 + i] ?? 0) * (w[i] ?? 0);
    assert.ok(Math.abs((data.y[n] ?? NaN) - normalisedHermite(3, z)) < 1e-4);
  }
});

test('data is reproducible per seed, differs across seeds, and train and test never share draws', () => {
  const w = teacher(1, 6);
  assert.deepEqual(teacher(1, 6), w);
  assert.notDeepEqual(teacher(2, 6), w);
  const a = sample('train', 1, w, 3, 40);
  const b = sample('train', 1, w, 3, 80);
  assert.deepEqual(b.x.subarray(0, 40 * 6), a.x, 'a smaller training set is a prefix of a larger one');
  const t = sample('test', 1, w, 3, 40);
  assert.notDeepEqual(t.x, a.x);
});
