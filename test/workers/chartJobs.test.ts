// The chart runner: a job the user has left (a newer one was asked for while it ran) is dropped
// by the worker at its next column, never cached or drawn; the newer one is computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ChartJob } from '../../src/view/chartData';
import { WorkerChartRunner } from '../../src/workers/chartJobs';

const PATH = join(import.meta.dirname, '..', 'fixtures', 'workers', 'charts.cjs');

function job(key: string, widths: number[]): ChartJob {
  return {
    key,
    arch: { inputDim: 784, layers: widths.map((width) => ({ kind: 'dense', width, activation: 'relu', bias: true })) },
    size: `N${widths.length}`,
    options: { degree: 3, kappa: 1 },
    samples: null,
  };
}

test('a running chart job superseded by a newer one is dropped; only the newer one is cached and reported', async () => {
  const done: string[] = [];
  const errors: string[] = [];
  let finished: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (finished = resolve));
  const runner = new WorkerChartRunner(
    PATH,
    (key) => {
      done.push(key);
      finished();
    },
    (message) => errors.push(message),
  );
  try {
    const deep = job('deep', new Array<number>(12).fill(100));
    const small = job('small', [256, 512]);
    runner.request(deep);
    runner.request(small);
    await settled;
    assert.deepEqual(done, ['small']);
    assert.equal(runner.abandoned, 1);
    assert.equal(runner.get('deep'), undefined);
    const data = runner.get('small');
    assert.ok(data && 'values' in data.sweep, JSON.stringify(data));
    assert.deepEqual(errors, []);
  } finally {
    runner.dispose();
  }
});
