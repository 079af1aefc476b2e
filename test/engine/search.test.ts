// The search against brute force: every chain enumerated and solved by the active-set
// solver, independently of the search's pieces, on depths 1 to 4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, bruteForceCandidates } from '../../src/engine/index';
import type { Activation, Architecture } from '../../src/engine/types';
import { close, reachable } from './helpers';

const activations: Activation[] = ['erf', 'tanh', 'relu', 'sigmoid', 'gelu', 'linear', 'softplus'];
const size = fc.integer({ min: 1, max: 20 }).map((e) => Math.round(2 ** (e / 2)));

const architecture = (maxDepth: number): fc.Arbitrary<Architecture> =>
  fc.record({
    inputDim: size,
    layers: fc.array(
      fc.record({
        kind: fc.constant('dense' as const),
        width: size,
        activation: fc.constantFrom(...activations),
        bias: fc.boolean(),
      }),
      { minLength: 1, maxLength: maxDepth },
    ),
  });

test('the search finds exactly the brute-force winner, and every candidate it lists has its brute-force energy (depths 1-4)', () => {
  fc.assert(
    fc.property(architecture(4), fc.integer({ min: 1, max: 4 }), (arch, degree) => {
      const fast = analyze(arch, { degree });
      const brute = bruteForceCandidates(arch, { degree, maxCandidates: 1_000_000 });
      const best = brute.candidates[0];
      if (!fast.reachable) {
        assert.equal(best, undefined);
        return;
      }
      assert.ok(best);
      assert.equal(fast.winner.key, best.key);
      assert.ok(close(fast.energy, best.energy));
      assert.deepEqual(fast.winner.exponents, best.exponents);
      const byKey = new Map(brute.candidates.map((c) => [c.key, c]));
      for (const c of fast.candidates) {
        const ref = byKey.get(c.key);
        assert.ok(ref, `${c.key} is not a brute-force candidate`);
        assert.ok(close(c.energy, ref.energy), `${c.key}: ${c.energy} vs ${ref.energy}`);
        assert.deepEqual(c.exponents, ref.exponents);
      }
      assert.equal(fast.assignmentsCovered, brute.chains);
    }),
    { numRuns: 150, seed: 20261123 },
  );
});

test('the three-layer erf network: the search lists every brute-force candidate of the paper', () => {
  const arch: Architecture = {
    inputDim: 64,
    layers: [256, 512].map((width) => ({ kind: 'dense', width, activation: 'erf', bias: false })),
  };
  const r = reachable(analyze(arch));
  for (const key of ['GP|GP', 'GP|Spec1>3', 'Spec1>3|Mag3'])
    assert.ok(
      r.candidates.some((c) => c.key === key),
      key,
    );
});
