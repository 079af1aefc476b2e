// Acceptance run (minutes, not part of the unit suite: scripts/run-tests.mjs skips integration/):
//   node --import tsx --test test/check/integration/collapse.test.ts
// A two-layer erf network of width 64 at d = 8, 12, 16: the engine predicts the Spec pattern with
// P* = 2 sqrt(N d); the measured onsets of learning, in units of that P*, must agree across d.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/engine/analyze';
import { runCheck } from '../../../src/check/index';
import { predictionFromAnalysis } from '../../../src/check/predict';
import type { DenseLayer } from '../../../src/engine/types';

test('alignment curves for d = 8, 12, 16 collapse against P / sqrt(N d)', { timeout: 3_600_000 }, async () => {
  const layers: DenseLayer[] = [{ kind: 'dense', width: 64, activation: 'erf', bias: false }];
  const dims = [8, 12, 16];
  const predictions = dims.map((d) => predictionFromAnalysis(analyze({ inputDim: d, layers }, { degree: 3, kappa: 1 })));
  for (const [i, d] of dims.entries()) {
    assert.equal(predictions[i]?.pattern, 'Spec');
    assert.ok(Math.abs((predictions[i]?.pStar ?? 0) - 2 * Math.sqrt(64 * d)) < 1e-6);
  }
  const result = await runCheck(
    { architecture: { inputDim: 8, layers }, degree: 3, kappa: 1, dims, predictions, seeds: [1, 2], pMultiples: [2, 4, 8, 16, 32], budget: { maxEpochs: 1500 } },
    {},
  );
  for (const c of result.curves) assert.equal(c.scale, 1, 'the acceptance run trains the real sizes');
  assert.equal(result.verdict.status, 'consistent', result.verdict.text);
  const [lo, hi] = result.verdict.onsetRange ?? [NaN, NaN];
  assert.ok(hi / lo <= 2, `onsets ${lo}–${hi} × P*`);
});
