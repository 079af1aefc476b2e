import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MULTIPLES, planCheck } from '../../src/check/plan';
import { checkKey } from '../../src/check/key';
import { CheckInputError, type CheckSpec } from '../../src/check/types';

const spec = (over: Partial<CheckSpec> = {}): CheckSpec => ({
  architecture: { inputDim: 8, layers: [{ kind: 'dense', width: 64, activation: 'erf', bias: false }] },
  degree: 3,
  kappa: 1,
  dims: [8, 16],
  predictions: [
    { pStar: 45.25, pattern: 'Spec', specialists: 2.83 },
    { pStar: 64, pattern: 'Spec', specialists: 2 },
  ],
  seeds: [1, 2],
  ...over,
});

const rejects = (s: CheckSpec, code: string, pattern: RegExp): void => {
  assert.throws(
    () => planCheck(s),
    (e: unknown) => e instanceof CheckInputError && e.code === code && pattern.test(e.message),
  );
};

test('the default search range runs from P*/2 to 64 P* in whole samples', () => {
  assert.equal(DEFAULT_MULTIPLES[0], 0.5);
  assert.equal(DEFAULT_MULTIPLES[DEFAULT_MULTIPLES.length - 1], 64);
  const plan = planCheck(spec());
  const curve = plan.curves[1];
  assert.ok(curve);
  assert.equal(curve.scale, 1);
  assert.deepEqual(curve.range, { min: 32, max: 4096 });
});

test('a design may vary the widths with d; repeated points are refused', () => {
  const plan = planCheck(spec({ dims: [8, 8], widths: [[16], [64]] }));
  assert.deepEqual(
    plan.curves.map((c) => c.layers[0]?.width),
    [16, 64],
  );
  rejects(spec({ dims: [8, 8], widths: [[16], [16]] }), 'invalid-spec', /Design points repeat/);
  rejects(spec({ widths: [[16]] }), 'invalid-spec', /one list of hidden widths per input dimension/);
  rejects(
    spec({
      widths: [
        [16, 2],
        [4, 4],
      ],
    }),
    'invalid-spec',
    /needs 1 positive whole number/,
  );
});

test('convolutions, attention and bad values are refused with a message that says what to change', () => {
  rejects(
    spec({
      architecture: {
        inputDim: 8,
        layers: [{ kind: 'conv', channels: 4, patchSize: 2, patchCount: 4, activation: 'relu', bias: true }],
      },
    }),
    'unsupported-layer',
    /dense networks only; hidden layer 1 is a convolution/,
  );
  rejects(
    spec({ architecture: { inputDim: 8, layers: [{ kind: 'attention', contextLength: 4, queryKeyRows: 8 }] } }),
    'unsupported-layer',
    /attention head/,
  );
  rejects(spec({ architecture: { inputDim: 8, layers: [] } }), 'invalid-spec', /no hidden layers/);
  rejects(spec({ degree: 0 }), 'invalid-spec', /Target degree 0/);
  rejects(spec({ kappa: -1 }), 'invalid-spec', /kappa/);
  rejects(spec({ dims: [8] }), 'invalid-spec', /one prediction per input dimension/);
  rejects(spec({ seeds: [] }), 'invalid-spec', /seeds/);
  rejects(spec({ pMultiples: [1, -2] }), 'invalid-spec', /multiples/);
  rejects(
    spec({
      predictions: [
        { pStar: 0, pattern: 'Spec', specialists: null },
        { pStar: 64, pattern: 'Spec', specialists: null },
      ],
    }),
    'invalid-spec',
    /P\* for d = 8/,
  );
});

test('a model too large for the budget is refused without exponents and scaled down with them', () => {
  const big = spec({
    dims: [512],
    predictions: [{ pStar: 2 * Math.sqrt(512 * 512), pattern: 'Spec', specialists: 1 }],
  });
  big.architecture = { inputDim: 512, layers: [{ kind: 'dense', width: 512, activation: 'erf', bias: false }] };
  rejects(big, 'over-budget', /exponents/);
  const withExponents = {
    ...big,
    predictions: [{ pStar: 1024, pattern: 'Spec', specialists: 1, exponents: { d: 0.5, N1: 0.5 } }],
  };
  const plan = planCheck(withExponents);
  const curve = plan.curves[0];
  assert.ok(curve);
  assert.ok(curve.scale < 1);
  assert.ok(8 * curve.pStar <= plan.budget.maxTrainSamples);
  // P* ~ sqrt(N d) is carried to the smaller model: P*' / P* = sqrt(N' d' / (N d)).
  const expected = 1024 * Math.sqrt(((curve.layers[0]?.width ?? 0) * curve.trainedDim) / (512 * 512));
  assert.ok(Math.abs(curve.pStar - expected) < 1e-9);
  assert.match(plan.notes.join(' '), /scaled down by 0\.\d+/);
});

test('the cache key ignores field order and changes with anything that changes the runs', () => {
  const a = spec();
  const reordered = JSON.parse(
    JSON.stringify({
      seeds: a.seeds,
      dims: a.dims,
      predictions: a.predictions,
      kappa: a.kappa,
      degree: a.degree,
      architecture: a.architecture,
    }),
  ) as CheckSpec;
  assert.equal(checkKey(reordered), checkKey(a));
  assert.notEqual(checkKey(spec({ seeds: [1, 3] })), checkKey(a));
  assert.notEqual(checkKey(spec({ kappa: 0.5 })), checkKey(a));
  assert.notEqual(checkKey(spec({ budget: { maxEpochs: 10 } })), checkKey(a));
  assert.notEqual(checkKey(spec({ search: { start: 4 } })), checkKey(a));
  assert.notEqual(checkKey(spec({ widths: [[16], [64]] })), checkKey(a));
  assert.equal(checkKey(spec({ parallel: 1 })), checkKey(a), 'running in parallel gives the same runs');
});
