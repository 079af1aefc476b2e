import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitExponents, standardAlternatives, type OnsetObservation } from '../../src/check/fit';
import { gaussianStream } from '../../src/check/rng';
import { studentQuantile } from '../../src/check/stats';

// The two-layer study's design: d from 4 to 32 at N = 32, N from 4 to 32 at d = 4.
const DESIGN: { d: number; N1: number }[] = [
  { d: 4, N1: 32 },
  { d: 8, N1: 32 },
  { d: 16, N1: 32 },
  { d: 32, N1: 32 },
  { d: 4, N1: 4 },
  { d: 4, N1: 8 },
  { d: 4, N1: 16 },
];

function synthetic(
  a: number,
  b: number,
  factor: number,
  sigma: number,
  seeds: number,
  noiseSeed: number,
): OnsetObservation[] {
  const g = gaussianStream(noiseSeed);
  return DESIGN.flatMap(({ d, N1 }) =>
    Array.from({ length: seeds }, (_, s) => {
      const pStar = 2 * Math.sqrt(N1 * d);
      return { sizes: { d, N1 }, seed: s + 1, pStar, p: factor * d ** a * N1 ** b * Math.exp(sigma * g()) };
    }),
  );
}

test('student t quantiles match the tables', () => {
  assert.ok(Math.abs(studentQuantile(0.975, 1) - 12.706) < 1e-2);
  assert.ok(Math.abs(studentQuantile(0.975, 5) - 2.571) < 1e-3);
  assert.ok(Math.abs(studentQuantile(0.975, 18) - 2.101) < 1e-3);
  assert.ok(Math.abs(studentQuantile(0.975, 1e6) - 1.96) < 1e-3);
});

test('noise-free onsets give the exponents and the O(1) factor exactly', () => {
  const fit = fitExponents(synthetic(0.5, 0.5, 8, 0, 3, 1), { alternatives: standardAlternatives(3), replicates: 200 });
  assert.deepEqual(fit.variables, ['d', 'N1']);
  for (const e of fit.exponents) assert.ok(Math.abs(e.value - 0.5) < 1e-9, `${e.name} = ${e.value}`);
  // P* = 2 sqrt(N d) and P = 8 sqrt(N d): the factor is 4, the engine's exponents 1/2 each.
  assert.ok(Math.abs((fit.factor?.value ?? 0) - 4) < 1e-9);
  for (const e of fit.exponents) assert.ok(Math.abs(e.predicted - 0.5) < 1e-9);
});

test('the 95% intervals cover the true exponents 95% of the time (400 synthetic studies, 3 seeds)', () => {
  const runs = 400;
  const covered: Record<string, number> = { d: 0, N1: 0, factor: 0 };
  for (let r = 0; r < runs; r++) {
    const fit = fitExponents(synthetic(0.7, 0.2, 5, 0.3, 3, 1000 + r), {
      alternatives: [],
      replicates: 400,
      seed: r + 1,
    });
    for (const e of fit.exponents) {
      const truth = e.name === 'd' ? 0.7 : 0.2;
      if (e.ci[0] <= truth && truth <= e.ci[1]) covered[e.name] = (covered[e.name] ?? 0) + 1;
    }
  }
  // Binomial(400, 0.95) has sd 1.1%: [0.91, 0.985] is ±3.5 sd around 95%. An interval 20% too narrow
  // covers about 89% (t(18) quantile 1.68 instead of 2.10); one 50% too wide covers over 99%.
  for (const name of ['d', 'N1']) {
    const rate = (covered[name] ?? 0) / runs;
    assert.ok(rate >= 0.91 && rate <= 0.985, `coverage of ${name}: ${rate}`);
  }
});

test('verdicts: the true law is consistent, a wrong law inconsistent, a noisy study inconclusive', () => {
  const obs = synthetic(0.5, 0.5, 10, 0.1, 3, 7);
  const fit = fitExponents(obs, { alternatives: standardAlternatives(3) });
  assert.equal(fit.status, 'consistent', fit.text);
  assert.deepEqual(
    fit.hypotheses.map((h) => [h.name, h.excluded]),
    [
      ['prediction', false],
      ['gp', true],
      ['linear', true],
    ],
  );
  const wrong = fitExponents(obs, {
    claim: { name: 'wrong', label: 'P ∝ d N', exponents: { d: 1, N1: 1 } },
    alternatives: standardAlternatives(3),
  });
  assert.equal(wrong.status, 'inconsistent', wrong.text);
  const noisy = fitExponents(synthetic(0.5, 0.5, 10, 8, 3, 7), { alternatives: standardAlternatives(3) });
  assert.equal(noisy.status, 'inconclusive', noisy.text);
});

test('too few onsets or sizes varying together are inconclusive with the reason', () => {
  const few = fitExponents(synthetic(0.5, 0.5, 10, 0.1, 1, 3).slice(0, 3), { alternatives: standardAlternatives(3) });
  assert.equal(few.status, 'inconclusive');
  assert.match(few.text, /3 converged onset\(s\) cannot fit 2 parameters/);
  const together = [1, 2, 4, 8].flatMap((s) =>
    [1, 2, 3].map((seed) => ({ sizes: { d: 4 * s, N1: 8 * s }, seed, p: 100 * s * (1 + seed / 10), pStar: 10 * s })),
  );
  assert.match(fitExponents(together, { alternatives: [] }).text, /vary together/);
});
