// Smoke test of the whole check with real tfjs training, kept tiny for CI (d = 4, width 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../src/check/index';
import { renderCollapseSvg } from '../../src/check/svg';
import type { CheckProgress, CheckSpec } from '../../src/check/types';

const tiny = (over: Partial<CheckSpec> = {}): CheckSpec => ({
  architecture: { inputDim: 4, layers: [{ kind: 'dense', width: 8, activation: 'erf', bias: false }] },
  degree: 3,
  kappa: 1,
  dims: [4],
  predictions: [{ pStar: 2 * Math.sqrt(8 * 4), pattern: 'Spec', specialists: Math.SQRT2 }],
  seeds: [7],
  pMultiples: [1, 32],
  budget: { maxEpochs: 800, testSamples: 1000 },
  ...over,
});

test('alignment grows with P, the same seed gives the same numbers, and progress is reported', async () => {
  const progress: CheckProgress[] = [];
  const first = await runCheck(tiny(), { onProgress: (p) => progress.push(p) });
  const curve = first.curves[0];
  assert.ok(curve);
  const [small, large] = curve.points;
  assert.ok(small && large);
  assert.equal(small.p, 11);
  assert.equal(large.p, 362);
  assert.ok(large.alignmentMean > small.alignmentMean + 0.3, `alignment ${small.alignmentMean} at P = 11, ${large.alignmentMean} at P = 362`);
  assert.ok(large.mseMean < small.mseMean, 'test error falls as P grows');
  assert.equal(progress[progress.length - 1]?.done, 2);
  assert.equal(progress[progress.length - 1]?.total, 2);
  const again = await runCheck(tiny({ pMultiples: [32] }));
  assert.equal(again.curves[0]?.points[0]?.alignmentMean, large.alignmentMean, 'reproducible with the same seed');
  const svg = renderCollapseSvg(first);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 1);
  assert.match(svg, /d = 4/);
});

test('an aborted check stops with an AbortError', async () => {
  const controller = new AbortController();
  const pending = runCheck(tiny({ pMultiples: [1, 2, 4, 8, 16, 32] }), {
    signal: controller.signal,
    onProgress: (p) => { if (p.done === 1) controller.abort(); },
  });
  await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
  const already = new AbortController();
  already.abort();
  await assert.rejects(runCheck(tiny(), { signal: already.signal }), { name: 'AbortError' });
});

test('a convolutional spec is refused with a clear error before any training', async () => {
  await assert.rejects(
    runCheck(tiny({ architecture: { inputDim: 4, layers: [{ kind: 'conv', channels: 4, patchSize: 2, patchCount: 2, activation: 'relu', bias: true }] } })),
    (e: unknown) => e instanceof Error && e.name === 'CheckInputError' && /dense networks only/.test(e.message),
  );
});
