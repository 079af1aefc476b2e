// Smoke test of the whole check with real tfjs training, kept tiny for CI (d = 4, width 8, a linear
// target so the crossing lies within a few runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../src/check/index';
import { ONSET_ALIGNMENT } from '../../src/check/onset';
import { renderCollapseSvg } from '../../src/check/svg';
import type { CheckProgress, CheckSpec } from '../../src/check/types';

const tiny = (over: Partial<CheckSpec> = {}): CheckSpec => ({
  architecture: { inputDim: 4, layers: [{ kind: 'dense', width: 8, activation: 'erf', bias: false }] },
  degree: 1,
  kappa: 1,
  dims: [4],
  predictions: [{ pStar: 4, pattern: 'given', specialists: null }],
  seeds: [7],
  pMultiples: [0.25, 64],
  search: { start: 0.5, bisections: 1 },
  budget: { maxEpochs: 600, testSamples: 500 },
  parallel: 1,
  ...over,
});

test('the onset search doubles P until the alignment crosses the onset level, reproducibly, and reports progress', async () => {
  const progress: CheckProgress[] = [];
  const first = await runCheck(tiny(), { onProgress: (p) => progress.push(p) });
  const curve = first.curves[0];
  assert.ok(curve);
  const onset = curve.onsets[0];
  assert.ok(onset);
  const sizes = onset.runs.map((r) => r.p);
  assert.equal(sizes[0], 2, 'starts at P* / 2');
  assert.ok(onset.p !== null && onset.bracket !== null, `bracketed: ${onset.status}`);
  const [lo, hi] = onset.bracket;
  const below = onset.runs.find((r) => r.p === lo);
  const above = onset.runs.find((r) => r.p === hi);
  assert.ok(
    below && above && below.alignment < ONSET_ALIGNMENT && above.alignment >= ONSET_ALIGNMENT,
    'the bracket straddles the onset level',
  );
  assert.ok(onset.p >= lo && onset.p <= hi);
  const runs = onset.runs.length;
  assert.equal(progress[progress.length - 1]?.done, runs);
  assert.equal(first.converged.total, 1);
  assert.match(first.backend, /wasm|cpu/);
  const again = await runCheck(tiny());
  assert.deepEqual(again.curves[0]?.onsets, curve.onsets, 'the same seed gives the same runs and onset');
  const svg = renderCollapseSvg(first);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 1);
});

test('an aborted check stops with an AbortError, in this thread and in worker threads', async () => {
  for (const parallel of [1, 2]) {
    const controller = new AbortController();
    const pending = runCheck(tiny({ seeds: [1, 2], parallel }), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 1) controller.abort();
      },
    });
    await assert.rejects(
      pending,
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
      `parallel ${parallel}`,
    );
  }
  const already = new AbortController();
  already.abort();
  await assert.rejects(runCheck(tiny(), { signal: already.signal }), { name: 'AbortError' });
});

test('a convolutional spec is refused with a clear error before any training', async () => {
  await assert.rejects(
    runCheck(
      tiny({
        architecture: {
          inputDim: 4,
          layers: [{ kind: 'conv', channels: 4, patchSize: 2, patchCount: 2, activation: 'relu', bias: true }],
        },
      }),
    ),
    (e: unknown) => e instanceof Error && e.name === 'CheckInputError' && /dense networks only/.test(e.message),
  );
});
