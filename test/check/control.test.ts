// End-to-end negative control, with real training: the editor's quick check of its own E2E model
// (test/fixtures/e2e/small-dense.js: two tanh layers of width 8 on d = 4, no bias), run through the
// editor's spec builder and runCheck. The measured onsets, judged against a deliberately wrong law,
// must come out "inconsistent"; judged against the engine's prediction they must give a verdict
// from a fitted exponent of d, not from missing data. About a minute of training on 2 cores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, runCheck } from '../../src/check/index';
import { analyze } from '../../src/engine/index';
import type { Architecture } from '../../src/engine/types';
import { buildEditorCheck } from '../../src/view/checkSpec';

const smallDense: Architecture = {
  inputDim: 4,
  layers: [{ kind: 'dense', width: 8, activation: 'tanh', bias: false }],
};

test("negative control: the quick check's onsets exclude a wrong law (P ∝ d²) and fit the exponent of d", async () => {
  const built = buildEditorCheck(smallDense, { degree: 3, kappa: 1 }, 'quick', (arch) =>
    analyze(arch, { degree: 3, kappa: 1 }),
  );
  assert.ok(built.ok);
  const result = await runCheck({ ...built.check.spec, parallel: 2 });
  const converged = result.curves.filter((c) => c.onsets.some((o) => o.status === 'converged')).map((c) => c.d);
  assert.ok(
    converged.length >= 2,
    `onsets converged at d = ${converged.join(', ')} only (${result.converged.count} of ${result.converged.total})`,
  );
  const d = result.fit.exponents.find((e) => e.name === 'd');
  assert.ok(d, result.fit.text);
  assert.ok(d.ci[0] < d.value && d.value < d.ci[1]);
  assert.ok(Math.abs(d.predicted - 0.5) < 0.05, `the engine's exponent of d over d = 2, 4, 8 is ${d.predicted}`);
  assert.match(result.verdict.status, /^(consistent|inconclusive|inconsistent)$/);

  const wrong = judge(result.curves, 3, {
    name: 'wrong',
    label: 'a deliberately wrong law, P ∝ d²',
    exponents: { d: 2 },
  });
  assert.equal(
    wrong.status,
    'inconsistent',
    `${wrong.text} (measured ${d.value.toFixed(2)} [${d.ci[0].toFixed(2)}, ${d.ci[1].toFixed(2)}])`,
  );
  assert.deepEqual(
    wrong.exponents.map((e) => e.value),
    result.fit.exponents.map((e) => e.value),
    'the same onsets, only the claim differs',
  );
});
