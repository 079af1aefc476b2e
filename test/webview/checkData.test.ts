import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSeries, checkTable, fitLines, ratioRange, runSummary, specialistLines } from '../../webview/checkData';
import { sampleResult } from './checkFixture';

test('one chart series per input dimension, alignment mean against P / P*', () => {
  const series = checkSeries(sampleResult);
  assert.equal(series.length, 2);
  assert.equal(series[0]?.label, 'd = 8');
  assert.deepEqual(
    series[0]?.points.map((p) => p.x),
    [0.5, 4, 16],
  );
  assert.deepEqual(
    series[0]?.points.map((p) => p.y),
    [0, 0.4, 0.8],
  );
  assert.equal(series[0]?.onset, 5.2);
  assert.match(series[1]?.label ?? '', /d = 16 \(trained at d = 11\)/, 'a scaled curve says what was trained');
  assert.equal(series[1]?.onset, null);
});

test('the x range spans every curve', () => {
  assert.deepEqual(ratioRange(sampleResult), { min: 0.5, max: 16 });
  assert.equal(ratioRange({ ...sampleResult, curves: [] }), null);
});

test('the table has a row per trained point with mean ± spread, specialists and predicted M', () => {
  const t = checkTable(sampleResult);
  assert.deepEqual(t.head, ['d', 'P', 'P / P*', 'runs', 'alignment', 'test MSE', 'specialists', 'predicted M']);
  assert.equal(t.rows.length, 5);
  assert.deepEqual(t.rows[1], ['8', '160', '4', '2', '0.40 ± 0.10', '0.60 ± 0.01', '2', '2.83']);
  assert.equal(t.rows[4]?.[0], '16');
  assert.deepEqual(
    t.rows.map((r) => r[6]),
    ['0', '2', '6', '0', '0.5'],
    'specialist counts read as counts',
  );
  assert.equal(t.rows[4]?.[7], '—', 'no predicted M when the first layer is not Spec');
  assert.match(t.caption, /of 2\)/);
  for (const row of t.rows) assert.equal(row.length, t.head.length);
});

test('specialists: measured at the largest P next to the predicted M, and the scaling said', () => {
  const [first, second] = specialistLines(sampleResult);
  assert.match(
    first ?? '',
    /^d = 8: 6 specialist neuron\(s\) measured at 16 × P\*, M = 2\.83 predicted \(Spec\); learns from 5\.2 × P\*\.$/,
  );
  assert.match(second ?? '', /GP prediction has no specialised first layer/);
  assert.match(second ?? '', /no seed's onset converged/);
  assert.match(second ?? '', /scaled ×0\.69 to d = 11, widths 44/);
});

test('the run summary counts runs and reads the time in minutes past 90 s', () => {
  assert.match(
    runSummary(sampleResult),
    /^10 training runs in 2\.1 min \(wasm backend\), at most 1024 samples and 1200 Adam steps per run; 2 of 4 onsets converged$/,
  );
  assert.match(runSummary({ ...sampleResult, elapsedMs: 42_000 }), /in 42 s/);
});

test('the fit lines give each exponent with its interval beside the prediction, the factor and the laws excluded', () => {
  const fit = {
    ...sampleResult.fit,
    status: 'consistent' as const,
    variables: ['d'],
    exponents: [{ name: 'd', value: 0.4567, ci: [0.2, 0.71] as [number, number], predicted: 0.5 }],
    factor: { value: 12.34, ci: [9.5, 16] as [number, number] },
    hypotheses: [
      { name: 'prediction', label: 'the prediction', exponents: { d: 0.5 }, excluded: false },
      { name: 'gp', label: 'lazy (GP) law P ∝ d^3, no width dependence', exponents: { d: 3 }, excluded: true },
    ],
  };
  const lines = fitLines({ ...sampleResult, fit });
  assert.deepEqual(lines, [
    'exponent of d: 0.46 (95% CI 0.20 to 0.71), predicted 0.50',
    'O(1) factor P_onset / P*: 12.3 (95% CI 9.5 to 16)',
    'not excluded: the prediction',
    'excluded: lazy (GP) law P ∝ d^3, no width dependence',
  ]);
});
