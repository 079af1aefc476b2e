// Bad input gets a typed error a user can act on; unreachable targets get a reason, not a number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineInputError, analyze, regimeMap, sweepWidth } from '../../src/engine/index';
import type { Architecture } from '../../src/engine/types';
import { mlp } from './helpers';

function rejects(run: () => unknown, code: string, field: RegExp, words: RegExp): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof EngineInputError, `expected EngineInputError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.field, field);
    assert.match(e.message, words);
    return true;
  });
}

test('zero, negative, NaN and infinite sizes are refused with the field named', () => {
  for (const bad of [0, -3, NaN, Infinity, 0.5]) {
    rejects(() => analyze(mlp(bad, [16])), 'invalid-size', /^inputDim$/, /input dimension/);
    rejects(() => analyze(mlp(16, [32, bad])), 'invalid-size', /^layers\[1\]\.width$/, /hidden layer 2/);
  }
  rejects(
    () => analyze({ inputDim: 8, layers: [{ kind: 'attention', contextLength: -1, queryKeyRows: 8 }] }),
    'invalid-size',
    /contextLength/,
    /context length/,
  );
});

test('degree, kappa and activation are checked', () => {
  rejects(() => analyze(mlp(8, [8]), { degree: 0 }), 'invalid-degree', /degree/, /whole number/);
  rejects(() => analyze(mlp(8, [8]), { degree: 2.5 }), 'invalid-degree', /degree/, /whole number/);
  rejects(() => analyze(mlp(8, [8]), { kappa: -1 }), 'invalid-kappa', /kappa/, /positive/);
  rejects(() => analyze(mlp(8, [8]), { kappa: NaN }), 'invalid-kappa', /kappa/, /positive/);
  const arch = {
    inputDim: 8,
    layers: [{ kind: 'dense', width: 8, activation: 'swishy', bias: true }],
  } as unknown as Architecture;
  rejects(() => analyze(arch), 'unknown-activation', /activation/, /erf/);
});

test('architectures the engine does not read are refused with what to change', () => {
  rejects(
    () =>
      analyze({
        inputDim: 8,
        layers: [
          { kind: 'attention', contextLength: 4, queryKeyRows: 8 },
          { kind: 'dense', width: 8, activation: 'erf', bias: false },
        ],
      }),
    'invalid-architecture',
    /layers/,
    /on its own/,
  );
  rejects(
    () => analyze({ inputDim: 8, layers: [{ kind: 'attention', contextLength: 4, queryKeyRows: 8 }] }, { degree: 2 }),
    'invalid-degree',
    /degree/,
    /cubic/,
  );
  rejects(
    () =>
      analyze({
        inputDim: 8,
        layers: [{ kind: 'conv', channels: 4, patchSize: 1, patchCount: 16, activation: 'relu', bias: true }],
      }),
    'invalid-architecture',
    /patchCount/,
    /patches/,
  );
  rejects(() => sweepWidth(mlp(8, [8]), 'N1', { from: 10, to: 5, points: 10 }), 'invalid-size', /range/, /larger/);
  rejects(
    () => sweepWidth(mlp(8, [8]), 'N3', { from: 1, to: 5, points: 10 }),
    'invalid-size',
    /size/,
    /no size named N3/,
  );
  rejects(
    () => regimeMap(mlp(8, [8]), 'N1', { from: 1, to: 5, points: 1 }, { from: 1, to: 5, points: 4 }),
    'invalid-size',
    /points/,
    /2 to 2000/,
  );
});

test('a target no assignment can express is reported unreachable with the reason', () => {
  const linear = analyze(mlp(16, [32, 32], 'linear'));
  assert.equal(linear.reachable, false);
  if (!linear.reachable) assert.match(linear.reason, /degree 3 cannot be formed.*linear layer passes degree 1 only/);
  const relu = analyze(mlp(16, [32], 'relu', false));
  assert.equal(relu.reachable, false);
  if (!relu.reachable)
    assert.match(
      relu.reason,
      /degrees 1, 2.*relu without a bias is a linear term plus an even function: degree 1 and even degrees only/,
    );
  // A bias, or a second relu layer, makes the odd degree reachable (the second only lazily: see validity.test.ts).
  assert.equal(analyze(mlp(16, [32], 'relu', true)).reachable, true);
  assert.equal(analyze(mlp(16, [32, 32], 'relu', false)).reachable, true);
});
