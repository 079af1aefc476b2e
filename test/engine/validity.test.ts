// Theory sections 9 and 10: validity flags, the robustness box, the runner-up filter, the
// "why" view's arithmetic, and the reasons given when no learning pattern exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkCandidates } from '../../src/engine/analyze';
import { analyze, bruteForceCandidates } from '../../src/engine/index';
import { buildNetwork } from '../../src/engine/network';
import { evaluate, type Mono } from '../../src/engine/monomial';
import { minimisePosynomial, type Param } from '../../src/engine/posynomial';
import { BOX_FACTORS, boxOf, type Solved } from '../../src/engine/robustness';
import type { Analysis, Architecture, FlagKind } from '../../src/engine/types';
import { candidate, close, mlp, reachable } from './helpers';

const kinds = (r: Analysis): FlagKind[] => r.flags.map((f) => f.kind);
const flag = (r: Analysis, kind: FlagKind): string => {
  const f = r.flags.find((x) => x.kind === kind);
  assert.ok(f, `no ${kind} flag; have ${JSON.stringify(r.flags)}`);
  return f.sentence;
};

test('information floor: P* below d is flagged, at or above d it is not', () => {
  const narrow = reachable(analyze(mlp(64, [1], 'erf', true)));
  assert.ok(narrow.pStar < 64);
  assert.match(flag(narrow, 'information-floor'), /below the ~d = 64 samples/);
  const wide = reachable(analyze(mlp(10000, [256, 512], 'erf', true)));
  assert.ok(wide.pStar < 10000);
  assert.ok(kinds(wide).includes('information-floor'));
  const linear = reachable(analyze(mlp(64, [1], 'erf', true), { degree: 1 }));
  assert.ok(kinds(linear).includes('information-floor'));
  // GP / Spec at d = 64, N2 = 512 costs 362 > 64: no floor flag.
  assert.ok(!kinds(reachable(analyze(mlp(64, [256, 512])))).includes('information-floor'));
  // kappa scales P*: the floor is about samples, not energy.
  assert.ok(!kinds(reachable(analyze(mlp(64, [1], 'erf', true), { kappa: 10 }))).includes('information-floor'));
});

test('small widths: a layer under 8 units, and M = 1 binding at the optimum, are flagged', () => {
  const r = reachable(analyze(mlp(64, [4, 512])));
  assert.match(flag(r, 'small-width'), /Layer 1 has 4 neurons, fewer than 8/);
  // d = 10000, N2 = 512: M2* = sqrt(N2/d) < 1, so M2 = 1 binds and E = d + N2.
  const bound = reachable(analyze(mlp(10000, [512])));
  assert.ok(close(bound.energy, 10000 + 512));
  assert.match(
    bound.flags.map((f) => f.sentence).join('\n'),
    /fewer than one specialised neuron: the bound M1 = 1 binds/,
  );
  assert.ok(!kinds(reachable(analyze(mlp(64, [4096])))).includes('small-width'));
});

test('near a crossover: the runner-up within a factor 2 is named, an exact tie says so', () => {
  // d = 64, N2 = 512: GP/Spec 362.04 against Spec/Mag at N1 = 54 (362.9), a 0.2% gap.
  const r = reachable(analyze(mlp(64, [54, 512])));
  const s = flag(r, 'near-crossover');
  assert.match(s, /GP → Spec \(E = 362\) and Spec → Mag \(E = 362\.9\)/);
  // Below the crossover Spec/Mag, GFL/Spec and Mag/Spec tie exactly.
  assert.match(flag(reachable(analyze(mlp(64, [53, 512]))), 'near-crossover'), /tie exactly/);
  // Two-layer d = 64, N = 4096: Spec 1024 against GP 262144, far apart.
  assert.ok(!kinds(reachable(analyze(mlp(64, [4096])))).includes('near-crossover'));
});

test('rough readings: every reading the architecture carries, and overlapping convolutions, mark the prediction rough', () => {
  const arch: Architecture = {
    inputDim: 784,
    layers: [
      { kind: 'conv', channels: 32, patchSize: 25, patchCount: 16, activation: 'relu', bias: true, overlapping: true },
      { kind: 'dense', width: 128, activation: 'relu', bias: true },
    ],
    readings: [{ kind: 'softmax-as-linear', sentence: "the readout's softmax is read as linear." }],
  };
  const r = reachable(analyze(arch));
  const rough = r.flags.filter((f) => f.kind === 'rough').map((f) => f.sentence);
  assert.equal(rough.length, 2);
  assert.match(rough.join('\n'), /softmax is read as linear/);
  assert.match(rough.join('\n'), /convolution whose windows do not tile its input/);
  assert.ok(!kinds(reachable(analyze(mlp(64, [256, 512])))).includes('rough'));
});

test('the robustness box: range and alternatives', () => {
  // Two-layer Spec, E = M d + N/M: scaling d's term by 3 gives 2 sqrt(3 N d) (exact re-minimisation).
  const [d, N] = [64, 4096];
  const r = reachable(analyze(mlp(d, [N])));
  const box = r.robustness;
  assert.ok(close(box.pStarLow, r.energy / 3));
  // The highest winning energy: the whole winner x3 (3072) stays below GP (262144).
  assert.ok(close(box.pStarHigh, 3 * r.energy));
  assert.deepEqual(box.alternatives, []);
  assert.match(box.sentence, /the winner is stable/);
  // Brute force over the box from the listed candidates' closed forms.
  const three = reachable(analyze(mlp(64, [256, 512])));
  assert.deepEqual(three.robustness.alternatives, ['Spec1>3|Mag3']);
  assert.match(three.robustness.sentence, /may become Spec → Mag/);
  // GP/Spec with one term x3 re-minimises to 2 sqrt(3 N2 d) = 627 > 609.56: Spec/Mag takes over, so
  // the box's upper end is Spec/Mag's own energy.
  assert.ok(close(three.robustness.pStarHigh, candidate(three, 'Spec1>3|Mag3').energy));
  // 2 whole-candidate factors each, plus 2 per term: GP/Spec 2 terms, Spec/Mag 3, GP/GP 1.
  assert.equal(three.robustness.perturbations, 2 * 3 + 2 * (2 + 3 + 1));
});

/**
 * Infimum of a programme's energy over its parameters' closed bounds, by projected gradient descent
 * in log space (where a sum of monomials is convex) from the point `from`: independent of the
 * engine's solver, and never above the energy at `from`.
 */
function descend(
  terms: readonly Mono[],
  params: readonly Param[],
  sizes: Record<string, number>,
  from: Record<string, number>,
): number {
  const names = params.map((p) => p.name);
  const bound = (m: Mono | null, none: number) => (m ? Math.log(evaluate(m, sizes)) : none);
  const lo = params.map((p) => bound(p.lower, -Infinity));
  const hi = params.map((p) => bound(p.upper, Infinity));
  // Each term as k * exp(a . y), y the parameters' logarithms.
  const split = terms.map((t) => {
    const rest = Object.fromEntries(Object.entries(t.exps).filter(([k]) => !names.includes(k)));
    return { k: evaluate({ coef: t.coef, exps: rest }, sizes), a: names.map((n) => t.exps[n] ?? 0) };
  });
  const value = (y: number[]) =>
    split.reduce((sum, t) => sum + t.k * Math.exp(t.a.reduce((s, a, i) => s + a * y[i]!, 0)), 0);
  let y = names.map((n) => Math.log(from[n]!));
  let f = value(y);
  let step = 1;
  for (let it = 0; it < 20_000 && step > 1e-14; it++) {
    const g = names.map((_, i) =>
      split.reduce((sum, t) => sum + t.a[i]! * t.k * Math.exp(t.a.reduce((s, a, j) => s + a * y[j]!, 0)), 0),
    );
    const next = y.map((v, i) => Math.min(hi[i]!, Math.max(lo[i]!, v - (step * g[i]!) / f)));
    const fn = value(next);
    if (fn < f) {
      [y, f, step] = [next, fn, step * 1.5];
    } else step /= 2;
  }
  return f;
}

/** Every perturbed programme of section 9: each candidate x1/3 and x3, and each of its terms. */
function everyPerturbation(solved: readonly Solved[], sizes: Record<string, number>): Map<Solved, number[]> {
  const out = new Map<Solved, number[]>();
  for (const s of solved) {
    const energies = BOX_FACTORS.map((f) => f * s.candidate.energy);
    const optimum = s.params.length > 0 ? minimisePosynomial(s.terms, s.params, sizes) : null;
    assert.ok(s.params.length === 0 || (optimum && close(optimum.energy, s.candidate.energy)), s.candidate.key);
    s.terms.forEach((_, t) => {
      for (const f of BOX_FACTORS) {
        const terms = s.terms.map((m, j) => (j === t ? { coef: m.coef * f, exps: m.exps } : m));
        energies.push(descend(terms, s.params, sizes, optimum?.params ?? {}));
      }
    });
    out.set(s, energies);
  }
  return out;
}

test('the robustness box: re-minimising every term changes nothing the whole-candidate factors do not give', () => {
  const cases: [string, Architecture, number][] = [
    ['three layers', mlp(64, [256, 512]), 3],
    ['exact tie (N1 = 53)', mlp(64, [53, 512]), 3],
    ['near crossover (N1 = 54)', mlp(64, [54, 512]), 3],
    ['M = 1 binds', mlp(10000, [512]), 3],
    ['narrow, degree 2', mlp(16, [4, 4, 4, 4], 'erf', true), 2],
    ['relu with bias, degree 4', mlp(784, [64, 128, 64], 'relu', true), 4],
    ['12 x 100 relu, d = 784', mlp(784, new Array<number>(12).fill(100), 'relu', true), 3],
  ];
  for (const [name, arch, degree] of cases) {
    const net = buildNetwork(arch, degree);
    const { solved } = networkCandidates(net, { degree, kappa: 1, maxCandidates: 24 });
    const all = everyPerturbation(solved, net.sizes);
    // Section 9's bound: a term x3 lands in [E, 3E], a term x1/3 in [E/3, E].
    for (const [s, energies] of all) {
      const e = s.candidate.energy;
      for (const x of energies)
        assert.ok(x >= (e / 3) * (1 - 1e-12) && x <= 3 * e * (1 + 1e-12), `${name}: ${x} vs E = ${e}`);
    }
    const exhaustive = boxOf(solved, 7, (s) => all.get(s)!, 0);
    const box = reachable(analyze(arch, { degree, kappa: 7 })).robustness;
    assert.deepEqual(box.alternatives, exhaustive.alternatives, name);
    assert.equal(box.sentence, exhaustive.sentence, name);
    assert.ok(
      close(box.pStarLow, exhaustive.pStarLow, 1e-12) && close(box.pStarHigh, exhaustive.pStarHigh, 1e-12),
      name,
    );
    // The box still names every perturbation it covers: two per candidate and two per term.
    assert.equal(
      box.perturbations,
      solved.reduce((n, s) => n + 2 * (1 + s.terms.length), 0),
      name,
    );
  }
});

test('runner-ups whose learned features cost no less than the lazy ones are dropped (Mag/Spec at d = 64, N1 = 256)', () => {
  const r = reachable(analyze(mlp(64, [256, 512])));
  assert.ok(!r.candidates.some((c) => c.key === 'Mag1|Spec1>3'));
  assert.equal(r.notLearning, 1);
  // It is a valid chain by brute force, with the learned cost N1/beta1 = 80.6 above the lazy d = 64.
  const brute = bruteForceCandidates(mlp(64, [256, 512]), { maxCandidates: 1000 }).candidates.find(
    (c) => c.key === 'Mag1|Spec1>3',
  );
  assert.ok(brute);
  assert.ok(256 / brute.layers[0]!.param!.value > 64);
  // At N1 = 53 its learned cost is below d: it stays (and ties Spec/Mag).
  assert.ok(reachable(analyze(mlp(64, [53, 512]))).candidates.some((c) => c.key === 'Mag1|Spec1>3'));
});

test("the paper's label carries its law only where no bound binds", () => {
  const interior = candidate(reachable(analyze(mlp(64, [4096]))), 'Spec1>3');
  assert.match(interior.paperRef ?? '', /2 sqrt\(N d\)$/);
  const bound = candidate(reachable(analyze(mlp(10000, [512]))), 'Spec1>3');
  assert.match(bound.paperRef ?? '', /needs an interior optimum, here M1 = 1 binds/);
});

test("why: the terms add up to E, each term's numbers are its symbols at the optimum", () => {
  const r = reachable(analyze(mlp(64, [256, 512])));
  for (const c of r.candidates) {
    const sum = c.why.terms.reduce((s, t) => s + t.value, 0);
    assert.ok(close(sum, c.energy, 1e-9), `${c.key}: ${sum} vs ${c.energy}`);
    assert.ok(c.why.rules.some((x) => x.provenance === 'convention'));
  }
  const specMag = candidate(r, 'Spec1>3|Mag3');
  assert.deepEqual(
    specMag.why.terms.map((t) => [t.payer, t.symbolic]),
    [
      ['layer 1', 'M1·d'],
      ['layer 2', 'beta2·N1/M1'],
      ['readout', 'N2/beta2'],
    ],
  );
  // Evaluating the printed numbers reproduces the value: "3.175·64" = 203.2.
  const [a, b] = specMag.why.terms[0]!.numeric.split('·').map(Number);
  assert.ok(close(a! * b!, specMag.why.terms[0]!.value, 1e-3));
  assert.ok(specMag.why.rules.some((x) => x.provenance === 'convention' && /relay/.test(x.rule)));
  const head = reachable(
    analyze({ inputDim: 64, layers: [{ kind: 'attention', contextLength: 128, queryKeyRows: 64 }] }),
  );
  assert.ok(head.winner.why.rules.some((x) => x.provenance === 'derivation' && /attention/.test(x.rule)));
  assert.deepEqual(
    head.winner.why.terms.map((t) => t.payer),
    ['value vector', 'query-key rows', 'readout'],
  );
});

test('a linear model (no hidden layer): degree 1 costs d, higher degrees are out of reach, in words', () => {
  const one = reachable(analyze({ inputDim: 64, layers: [] }, { degree: 1 }));
  assert.ok(close(one.energy, 64));
  assert.equal(one.winner.label, 'linear readout');
  assert.match(one.noLearning ?? '', /No hidden layer/);
  const three = analyze({ inputDim: 64, layers: [] });
  assert.equal(three.reachable, false);
  if (!three.reachable) assert.match(three.reason, /degree 1 costs d = 64 and degree 3 is out of reach/);
});

test('no learning pattern: two relu layers without bias reach degree 3 only lazily, and the reason says chains carry one degree', () => {
  const r = reachable(analyze(mlp(16, [32, 32], 'relu', false)));
  assert.equal(r.candidates.length, 1);
  assert.equal(r.winner.key, 'GP|GP');
  assert.match(r.noLearning ?? '', /patterns carry one degree at a time/);
  assert.equal(reachable(analyze(mlp(16, [32, 32], 'erf', false))).noLearning, null);
  // gelu without bias is a linear term plus an even function: one layer cannot form a cubic.
  const gelu = analyze(mlp(64, [256], 'gelu', false));
  assert.equal(gelu.reachable, false);
});

test('the box over random networks: no single-term perturbation goes beyond the whole-candidate ones, so its range is [E/3, min(3E, runner-up)] and its alternatives the candidates within x3', () => {
  const sizes = [2, 5, 16, 64, 300, 2048];
  const acts = ['erf', 'relu', 'gelu', 'selu'] as const;
  let n = 0;
  for (const d of sizes)
    for (const a of sizes)
      for (const b of [0, ...sizes])
        for (const act of acts) {
          if ((n++ * 7) % 5 !== 0) continue;
          const r = analyze(mlp(d, b ? [a, b] : [a], act, n % 2 === 0), { kappa: 2 });
          if (!r.reachable) continue;
          const E = r.energy;
          const second = r.candidates[1]?.energy ?? Infinity;
          assert.ok(close(r.robustness.pStarLow, (2 * E) / 3));
          assert.ok(close(r.robustness.pStarHigh, 2 * Math.min(3 * E, second)));
          const within = r.candidates
            .filter((c) => c.key !== r.winner.key && c.energy < 3 * E * (1 + 1e-9))
            .map((c) => c.key)
            .sort();
          assert.deepEqual([...r.robustness.alternatives].sort(), within, JSON.stringify({ d, a, b, act }));
        }
});
