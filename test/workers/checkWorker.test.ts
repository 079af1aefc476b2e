// The editor's check by training runs in its own worker thread: progress comes back while it
// trains, and cancelling ends the thread at once (no waiting for the current run to finish).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { CheckProgress, CheckSpec } from '../../src/check/types';
import { CheckRunner } from '../../src/workers/checkRunner';
import { workerCheckBundle } from '../../src/workers/checkBundle';

/**
 * The editor's check worker as it ships (scripts/build.mjs): beside check.js, the check's own
 * training worker and its WebAssembly binary, built here into a temporary folder.
 */
async function buildWorker(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'check-worker-'));
  await esbuild.build({
    entryPoints: {
      check: 'src/check/index.ts',
      checkWorker: 'src/check/worker.ts',
      editorCheckWorker: 'src/workers/editorCheckWorker.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outdir: dir,
    logLevel: 'warning',
  });
  copyFileSync(
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
    join(dir, 'tfjs-backend-wasm-simd.wasm'),
  );
  return join(dir, 'editorCheckWorker.js');
}

const spec: CheckSpec = {
  architecture: { inputDim: 4, layers: [{ kind: 'dense', width: 8, activation: 'erf', bias: false }] },
  degree: 3,
  kappa: 1,
  dims: [4],
  predictions: [{ pStar: 2 * Math.sqrt(8 * 4), pattern: 'Spec', specialists: Math.SQRT2 }],
  seeds: [7, 8, 9],
  pMultiples: [1, 2, 4, 8, 16, 32],
  budget: { maxEpochs: 4000, testSamples: 1000 },
};

test('a check in its worker reports progress, and cancelling it ends the thread at once', async () => {
  const worker = await buildWorker();
  const logged: string[] = [];
  const runner = new CheckRunner(() => Promise.resolve(workerCheckBundle(worker, (m) => logged.push(m))));
  const controller = new AbortController();
  const progress: CheckProgress[] = [];
  let abortedAt = 0;
  const outcome = await runner.run('k', spec, {
    signal: controller.signal,
    onProgress: (p) => {
      progress.push(p);
      // Cancel once training is under way (the first run has finished).
      if (p.done >= 1 && abortedAt === 0) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  });
  const afterAbort = performance.now() - abortedAt;
  assert.ok(progress.length > 0, 'progress from the worker');
  assert.deepEqual(outcome, { kind: 'cancelled', message: 'The check was cancelled.' });
  assert.ok(afterAbort < 1000, `ended ${afterAbort.toFixed(0)} ms after the cancel`);
  assert.deepEqual(logged, ['check worker ended: cancelled']);
  assert.equal(runner.running, null);
});
