// Properties over random architectures: the winner is the least energy, exponents are the
// energy's log-derivatives, lazy limits are reported as GP, and the output is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, withSize } from '../../src/engine/index';
import type { Activation, Architecture, Candidate } from '../../src/engine/types';
import { reachable } from './helpers';

const activations: Activation[] = ['erf', 'tanh', 'relu', 'gelu', 'sigmoid', 'selu'];
const size = fc.double({ min: 2, max: 1e5, noNaN: true });

const dense: fc.Arbitrary<Architecture> = fc.record({
  inputDim: size,
  layers: fc.array(
    fc.record({
      kind: fc.constant('dense' as const),
      width: size,
      activation: fc.constantFrom(...activations),
      bias: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});
const conv: fc.Arbitrary<Architecture> = fc
  .record({ S: size, n: fc.integer({ min: 1, max: 64 }), C: size, width: size, act: fc.constantFrom(...activations) })
  .map(({ S, n, C, width, act }) => ({
    inputDim: S * n,
    layers: [
      { kind: 'conv' as const, channels: C, patchSize: S, patchCount: n, activation: act, bias: false },
      { kind: 'dense' as const, width, activation: act, bias: false },
    ],
  }));
const attention: fc.Arbitrary<Architecture> = fc.record({
  inputDim: size,
  layers: fc.tuple(fc.record({ kind: fc.constant('attention' as const), contextLength: size, queryKeyRows: size })),
});
const anyArch = fc.oneof(dense, conv, attention);

test('the winner has the least energy of every candidate, and no number is NaN or infinite', () => {
  fc.assert(
    fc.property(anyArch, fc.integer({ min: 1, max: 5 }), (arch, degree) => {
      const deg = arch.layers[0]?.kind === 'attention' ? 3 : degree;
      const r = analyze(arch, { degree: deg });
      if (!r.reachable) {
        assert.ok(r.reason.length > 0);
        return;
      }
      for (const c of r.candidates) {
        assert.ok(r.energy <= c.energy * (1 + 1e-9));
        assert.ok(Number.isFinite(c.energy) && c.energy > 0);
        for (const l of c.layers) if (l.param) assert.ok(Number.isFinite(l.param.value) && l.param.value > 0);
        for (const v of Object.values(c.localExponents)) assert.ok(Number.isFinite(v));
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

function fdExponent(arch: Architecture, c: Candidate, name: string, value: number, degree: number): number | null {
  const h = 1e-4;
  const at = (v: number) => {
    const r = analyze(withSize(arch, name, v), { degree, maxCandidates: 1000 });
    return r.reachable ? r.candidates.find((x) => x.key === c.key)?.energy : undefined;
  };
  const up = at(value * Math.exp(h));
  const down = at(value * Math.exp(-h));
  return up && down ? Math.log(up / down) / (2 * h) : null;
}

test('exponents agree with finite-difference log-derivatives of the energy', () => {
  fc.assert(
    fc.property(dense, (arch) => {
      const r = analyze(arch, { degree: 3 });
      if (!r.reachable) return;
      const w = r.winner;
      for (const [name, value] of Object.entries(r.sizes)) {
        const fd = fdExponent(arch, w, name, value, 3);
        if (fd === null) continue; // the winner's mode changes right here
        assert.ok(
          Math.abs(fd - w.localExponents[name]!) < 1e-3,
          `${w.key} d/d log ${name}: fd ${fd} vs ${w.localExponents[name]}`,
        );
        if (w.binds.length === 0) {
          // Without a binding constraint the energy is one balanced block: the exact exponent is the derivative.
          const [num, den] = (w.exponents[name] ?? '0').split('/').map(Number);
          assert.ok(
            Math.abs((num ?? 0) / (den ?? 1) - w.localExponents[name]!) < 1e-9,
            `${w.key}: exact ${w.exponents[name]} vs local ${w.localExponents[name]}`,
          );
        }
      }
    }),
    { numRuns: 60, seed: 11 },
  );
});

test('magnetisation with beta -> 0 and GFL with D = 1 are never reported as learning: those limits are the lazy layer', () => {
  fc.assert(
    fc.property(dense, fc.integer({ min: 1, max: 4 }), (arch, degree) => {
      const r = analyze(arch, { degree });
      if (!r.reachable) return;
      for (const c of r.candidates) {
        for (const l of c.layers) {
          if (l.pattern === 'GFL') {
            assert.ok(l.param!.value > 1, `${c.key}: GFL with D = ${l.param!.value}`);
            assert.equal(l.param!.binds, null);
          }
          if (l.pattern === 'Mag') {
            // An attained optimum: positive, and bound (if at all) only by beta = N, never by beta -> 0.
            assert.ok(l.param!.value > 0, `${c.key}: Mag with beta = ${l.param!.value}`);
            assert.ok(
              l.param!.binds === null || l.param!.binds === `beta${l.layer} = N${l.layer}`,
              `${c.key}: ${l.param!.binds}`,
            );
          }
          if (l.pattern === 'GP') assert.equal(l.param, null);
        }
      }
    }),
    { numRuns: 200, seed: 3 },
  );
});

test('the same input always gives the identical output', () => {
  fc.assert(
    fc.property(anyArch, (arch) => {
      const a = JSON.stringify(analyze(arch, { degree: 3 }));
      const b = JSON.stringify(analyze(structuredClone(arch), { degree: 3 }));
      assert.equal(a, b);
    }),
    { numRuns: 100, seed: 5 },
  );
});

test('a deep network is analysed: depth 12 gives a winner whose energy is below the lazy one', () => {
  const arch: Architecture = {
    inputDim: 64,
    layers: Array.from({ length: 12 }, () => ({
      kind: 'dense' as const,
      width: 256,
      activation: 'erf' as const,
      bias: false,
    })),
  };
  const r = reachable(analyze(arch));
  assert.ok(r.energy < 64 ** 3);
  assert.ok(r.assignmentsCovered > 1e6, `covered ${r.assignmentsCovered}`);
});
