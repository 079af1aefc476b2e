import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckOptions } from '../../src/check/options';
import type { CheckResult, CheckSpec } from '../../src/check/types';
import { analyze } from '../../src/engine/index';
import type { Architecture, AnalysisResult } from '../../src/engine/types';
import { CheckRunner, describeCheckError, type CheckBundle } from '../../src/workers/checkRunner';
import { buildEditorCheck, checkBlocker, EDITOR_GRIDS, editorDims } from '../../src/view/checkSpec';
import { validateWebviewMessage } from '../../src/view/validate';
import { sampleResult } from '../webview/checkFixture';

const erf64: Architecture = { inputDim: 8, layers: [{ kind: 'dense', width: 64, activation: 'erf', bias: false }] };
const engine =
  (options: { degree: number; kappa: number }) =>
  (arch: Architecture): AnalysisResult | { error: string } => {
    try {
      return analyze(arch, options);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };

// ---- what the editor runs ----

test('the editor checks d/2, d and 2d', () => {
  assert.deepEqual(editorDims(8), [4, 8, 16]);
  assert.deepEqual(editorDims(784), [392, 784, 1568]);
  assert.deepEqual(editorDims(1), [1, 2], 'no repeated d');
});

test('both grids start at half of P* and reach 32 P*', () => {
  for (const grid of Object.values(EDITOR_GRIDS)) {
    assert.ok(Math.abs((grid[0] ?? 0) - 0.5) < 1e-12);
    assert.ok(Math.abs((grid[grid.length - 1] ?? 0) - 32) < 1e-9);
  }
  assert.ok(EDITOR_GRIDS.full.length > EDITOR_GRIDS.quick.length);
});

test('convolutions and attention are refused in words; dense networks pass', () => {
  assert.equal(checkBlocker(erf64), null);
  const conv: Architecture = {
    inputDim: 64,
    layers: [
      { kind: 'dense', width: 8, activation: 'relu', bias: true },
      { kind: 'conv', channels: 8, patchSize: 4, patchCount: 16, activation: 'relu', bias: true },
    ],
  };
  assert.match(checkBlocker(conv) ?? '', /dense networks only, and hidden layer 2 is a convolution/);
  const attention: Architecture = { inputDim: 16, layers: [{ kind: 'attention', contextLength: 8, queryKeyRows: 16 }] };
  assert.match(checkBlocker(attention) ?? '', /hidden layer 1 is an attention head/);
  assert.match(checkBlocker(null) ?? '', /no prediction to check/);
  const built = buildEditorCheck(conv, { degree: 3, kappa: 1 }, 'quick', engine({ degree: 3, kappa: 1 }));
  assert.equal(built.ok, false);
});

test('the spec carries the engine prediction at each d: Spec with P* = 2 sqrt(N d) for the two-layer erf network', () => {
  const built = buildEditorCheck(erf64, { degree: 3, kappa: 1 }, 'quick', engine({ degree: 3, kappa: 1 }));
  assert.ok(built.ok);
  const { spec, key } = built.check;
  assert.deepEqual(spec.dims, [4, 8, 16]);
  spec.predictions.forEach((p, i) => {
    const d = spec.dims[i] ?? 0;
    assert.equal(p.pattern, 'Spec');
    assert.ok(Math.abs(p.pStar - 2 * Math.sqrt(64 * d)) < 1e-6, `P* at d = ${d}`);
    assert.ok(Math.abs((p.specialists ?? 0) - Math.sqrt(64 / d)) < 1e-6, `M at d = ${d}`);
  });
  assert.deepEqual(spec.seeds, [1, 2, 3]);
  assert.equal(spec.budget?.maxTrainSamples, 1024);
  assert.ok(key.startsWith('check-v2:'));
});

test('the cache key follows everything that changes the runs', () => {
  const key = (arch: Architecture, params: { degree: number; kappa: number }, budget: 'quick' | 'full') => {
    const b = buildEditorCheck(arch, params, budget, engine(params));
    assert.ok(b.ok);
    return b.check.key;
  };
  const base = key(erf64, { degree: 3, kappa: 1 }, 'quick');
  assert.equal(
    key({ ...erf64, layers: [...erf64.layers] }, { degree: 3, kappa: 1 }, 'quick'),
    base,
    'the same model gives the same key',
  );
  assert.notEqual(key(erf64, { degree: 3, kappa: 1 }, 'full'), base);
  assert.notEqual(key(erf64, { degree: 3, kappa: 2 }, 'quick'), base);
  assert.notEqual(key(erf64, { degree: 5, kappa: 1 }, 'quick'), base);
  assert.notEqual(
    key(
      { ...erf64, layers: [{ kind: 'dense', width: 32, activation: 'erf', bias: false }] },
      { degree: 3, kappa: 1 },
      'quick',
    ),
    base,
  );
});

test('an engine failure at one of the dimensions becomes the reason', () => {
  const built = buildEditorCheck(erf64, { degree: 3, kappa: 1 }, 'quick', (arch) =>
    arch.inputDim === 16 ? { error: 'no optimum' } : engine({ degree: 3, kappa: 1 })(arch),
  );
  assert.deepEqual(built, { ok: false, reason: 'The engine has no prediction at d = 16: no optimum' });
});

// ---- the runner: one at a time, cached per key, errors by name ----

function fakeBundle(behaviour: (spec: CheckSpec, opts: CheckOptions) => Promise<CheckResult>) {
  const calls: CheckSpec[] = [];
  let loads = 0;
  const bundle: CheckBundle = {
    runCheck: (spec, opts = {}) => {
      calls.push(spec);
      return behaviour(spec, opts);
    },
  };
  return {
    calls,
    loads: () => loads,
    load: async () => {
      loads++;
      return bundle;
    },
  };
}

const spec = {} as CheckSpec;
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

test('a second run of the same key comes from the cache without training; the bundle loads only when a run starts', async () => {
  const fake = fakeBundle(async (_s, opts) => {
    opts.onProgress?.({ done: 1, total: 2, message: 'half' });
    return sampleResult;
  });
  const runner = new CheckRunner(fake.load);
  assert.equal(fake.loads(), 0);
  assert.equal(runner.cached('k'), undefined);
  const seen: number[] = [];
  const first = await runner.run('k', spec, { onProgress: (p) => seen.push(p.done) });
  assert.deepEqual(first, { kind: 'done', result: sampleResult, cached: false });
  assert.deepEqual(seen, [1]);
  const second = await runner.run('k', spec);
  assert.deepEqual(second, { kind: 'done', result: sampleResult, cached: true });
  assert.equal(fake.calls.length, 1, 'trained once');
  assert.equal(runner.cached('k'), sampleResult);
  await runner.run('other', spec);
  assert.equal(fake.calls.length, 2, 'another key trains');
});

test('one check at a time; the running one exposes its latest progress', async () => {
  let release: (r: CheckResult) => void = () => {};
  let progress: CheckOptions['onProgress'];
  const fake = fakeBundle((_s, opts) => {
    progress = opts.onProgress;
    return new Promise((resolve) => {
      release = resolve;
    });
  });
  const runner = new CheckRunner(fake.load);
  const pending = runner.run('a', spec);
  await new Promise((r) => setImmediate(r));
  progress?.({ done: 5, total: 42, message: 'd = 8' });
  assert.deepEqual(runner.running, { key: 'a', progress: { done: 5, total: 42, message: 'd = 8' } });
  assert.deepEqual(await runner.run('b', spec), { kind: 'busy', key: 'a' });
  release(sampleResult);
  assert.equal((await pending).kind, 'done');
  assert.equal(runner.running, null);
});

test('cancellation and bad specs are told apart by error name and are not cached', async () => {
  let fail: Error = named('AbortError', 'The check was cancelled.');
  const fake = fakeBundle(async () => {
    throw fail;
  });
  const runner = new CheckRunner(fake.load);
  assert.deepEqual(await runner.run('k', spec), { kind: 'cancelled', message: 'The check was cancelled.' });
  fail = named('CheckInputError', 'At d = 16 the check would need more samples.');
  assert.deepEqual(await runner.run('k', spec), {
    kind: 'error',
    message: 'At d = 16 the check would need more samples.',
  });
  assert.equal(fake.calls.length, 2, 'a failed run is tried again');
  assert.equal(runner.running, null);
  assert.match(describeCheckError(new TypeError('x is undefined')).message, /failed unexpectedly: x is undefined/);
  assert.match(describeCheckError('boom').message, /boom/);
});

test('a loader that fails is an error, not a throw', async () => {
  const runner = new CheckRunner(async () => {
    throw new Error('dist/check.js missing');
  });
  const out = await runner.run('k', spec);
  assert.equal(out.kind, 'error');
  assert.match(out.kind === 'error' ? out.message : '', /dist\/check\.js missing/);
});

// ---- the sidebar's button ----

test('the check button message is accepted and carries nothing else', () => {
  const r = validateWebviewMessage({ type: 'runCheck', key: 'anything', spec: { dims: [1e9] } });
  assert.ok(r.ok);
  assert.deepEqual(r.ok ? r.message : null, { type: 'runCheck' });
});
