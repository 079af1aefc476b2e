import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOnset, ONSET_ALIGNMENT } from '../../src/check/onset';
import type { TrainedRun } from '../../src/check/types';

/** A fake network whose alignment rises as a logistic in log P, crossing the onset level at `onset`, stopping at `steps` epochs. */
function fake(onset: number, cappedBelow = 0): { train: (p: number) => Promise<TrainedRun>; sizes: number[] } {
  const sizes: number[] = [];
  return {
    sizes,
    train: async (p) => {
      sizes.push(p);
      const alignment = 1 / (1 + ((1 - ONSET_ALIGNMENT) / ONSET_ALIGNMENT) * (p / onset) ** -4);
      return {
        p,
        alignment,
        mse: 1 - alignment,
        specialists: 0,
        epochs: p < cappedBelow ? 1000 : 300,
        capped: p < cappedBelow,
      };
    },
  };
}

test('brackets upwards, bisects in log P and lands within a few percent of the crossing', async () => {
  const f = fake(700);
  const o = await findOnset(1, 10, { min: 5, max: 4000 }, { start: 8, bisections: 3 }, f.train);
  assert.equal(o.status, 'converged');
  assert.deepEqual(
    f.sizes.slice(0, 4),
    [80, 160, 320, 640].map((v) => v),
    'doubles from 8 P* until the alignment passes the onset level',
  );
  assert.ok(Math.abs((o.p ?? 0) / 700 - 1) < 0.03, `onset ${o.p}`);
  assert.ok(o.bracket && o.bracket[1] / o.bracket[0] < 1.1, `bracket ${o.bracket}`);
  assert.deepEqual(
    o.runs.map((r) => r.p),
    [...f.sizes].sort((a, b) => a - b),
  );
});

test('brackets downwards when the first run already learned', async () => {
  const f = fake(50);
  const o = await findOnset(2, 10, { min: 5, max: 4000 }, { start: 16, bisections: 2 }, f.train);
  assert.equal(o.status, 'converged');
  assert.ok((f.sizes[1] ?? 0) < (f.sizes[0] ?? 0));
  assert.ok(Math.abs((o.ratio ?? 0) - 5) < 0.5, `ratio ${o.ratio}`);
});

test('a crossing beyond the range is reported as such, not as an onset', async () => {
  const above = await findOnset(1, 10, { min: 5, max: 300 }, { start: 8, bisections: 2 }, fake(5000).train);
  assert.equal(above.status, 'above-range');
  assert.equal(above.p, null);
  const below = await findOnset(1, 10, { min: 5, max: 300 }, { start: 8, bisections: 2 }, fake(1).train);
  assert.equal(below.status, 'below-range');
});

test('an onset whose lower bracketing run hit the step cap is marked capped', async () => {
  const o = await findOnset(1, 10, { min: 5, max: 4000 }, { start: 8, bisections: 2 }, fake(700, 10_000).train);
  assert.equal(o.status, 'capped');
  assert.ok(o.p !== null, 'the crossing is still reported');
});
