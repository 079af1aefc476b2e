// The two-layer study (about 20 minutes on 2 busy cores; not part of the unit suite, which skips
// integration/):   node --import tsx --test test/check/integration/two-layer.test.ts
// The same run as `tfjs-scaling check --study two-layer`. It asserts that the study measures what
// it claims to — both exponents over a factor 8, with intervals, from converged onsets — not
// which way the verdict goes: that is the result (docs/check.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../../src/check/index';
import { studySpec } from '../../../src/check/studies';

test(
  'two-layer study: exponents of d and N with 95% intervals over a factor 8 in each',
  { timeout: 3_600_000 },
  async () => {
    const { spec } = studySpec('two-layer');
    const ds = spec.dims;
    const ns = (spec.widths ?? []).map((w) => w[0] ?? 0);
    assert.ok(Math.max(...ds) / Math.min(...ds) >= 8 && Math.max(...ns) / Math.min(...ns) >= 8);
    assert.ok(spec.seeds.length >= 3);
    const result = await runCheck(spec);
    assert.ok(
      result.converged.count >= 0.8 * result.converged.total,
      `${result.converged.count} of ${result.converged.total} onsets converged`,
    );
    assert.deepEqual(
      result.fit.exponents.map((e) => e.name),
      ['d', 'N1'],
    );
    for (const e of result.fit.exponents) {
      assert.ok(Math.abs(e.predicted - 0.5) < 1e-6, `the engine's exponent of ${e.name}`);
      assert.ok(e.ci[1] - e.ci[0] < 0.6, `${e.name}: interval ${e.ci} too wide to tell 1/2 from 0 or 1`);
    }
    assert.match(result.verdict.status, /^(consistent|inconclusive|inconsistent)$/);
    console.log(result.verdict.text);
  },
);
