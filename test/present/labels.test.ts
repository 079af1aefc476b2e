import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/engine/index';
import { chainText, scalingTerms, scalingText, sizeOrder } from '../../src/present/labels';

test('a chain reads input side first, joined by arrows', () => {
  assert.equal(chainText(['GP', 'Spec']), 'GP → Spec');
  assert.equal(chainText(['Spec']), 'Spec');
});

test("the engine's candidates carry that label, so every surface prints the same one", () => {
  // shared/theory §6: d = 64, N1 = 256, N2 = 512 (erf) is won by GP → Spec.
  const r = analyze({
    inputDim: 64,
    layers: [
      { kind: 'dense', width: 256, activation: 'erf', bias: false },
      { kind: 'dense', width: 512, activation: 'erf', bias: false },
    ],
  });
  assert.ok(r.reachable);
  assert.equal(r.winner.label, 'GP → Spec');
  for (const c of r.candidates) {
    assert.doesNotMatch(c.label, / \/ /, c.label);
    assert.equal(c.label, chainText(c.layers.map((l) => l.pattern)), 'the label is the layers’ patterns in order');
  }
});

test('scaling laws: widths first, then d, exact fractions, zero exponents left out', () => {
  assert.equal(scalingText({ d: '1/2', N2: '1/2', N1: '0' }), 'N2^1/2 · d^1/2');
  assert.equal(scalingText({ d: '1', L: '1/2', d_k: '1/2' }), 'd · L^1/2 · d_k^1/2');
  assert.equal(scalingText({ d: '0', N1: '-0' }), 'constant');
  assert.deepEqual(scalingTerms({ d: '1/3', N2: '1/3', N1: '1/3', n1: '1' }), [
    ['N1', '1/3'],
    ['N2', '1/3'],
    ['n1', '1'],
    ['d', '1/3'],
  ]);
  assert.ok(sizeOrder('N2', 'N10') < 0, 'N2 before N10: by number, not as text');
});
