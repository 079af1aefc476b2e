import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLines, onsetTable, runSummary, specialistLines, trainingTable } from '../../src/present/check';
import { textTable } from '../../src/present/table';
import { sampleResult } from '../webview/checkFixture';

test('the table has a row per trained point with mean ± spread, specialists and predicted M', () => {
  const t = trainingTable(sampleResult);
  assert.deepEqual(t.head, ['d', 'P', 'P / P*', 'runs', 'alignment', 'test MSE', 'specialists', 'predicted M']);
  assert.equal(t.rows.length, 5);
  assert.deepEqual(t.rows[1], ['8', '160', '4', '2', '0.40 ± 0.10', '0.60 ± 0.01', '2', '2.8']);
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
    /^d = 8: 6 specialist neuron\(s\) measured at 16 × P\*, M = 2\.8 predicted \(Spec\); learns from 5\.2 × P\*\.$/,
  );
  assert.match(second ?? '', /GP prediction has no specialised first layer/);
  assert.match(second ?? '', /no seed's onset converged/);
  assert.match(second ?? '', /scaled ×0\.69 to d = 11, widths 44/);
});

test('the run summary counts runs and reads the time in minutes past 90 s', () => {
  assert.match(
    runSummary(sampleResult),
    /^10 training runs in 2\.1 min \(wasm backend\), at most 1,024 samples and 1,200 Adam steps per run; 2 of 4 onsets converged$/,
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
    'O(1) factor P_onset / P*: 12 (95% CI 9.5 to 16)',
    'not excluded: the prediction',
    'excluded: lazy (GP) law P ∝ d^3, no width dependence',
  ]);
});

test('the onset table: a row per d with the trained sizes, P*, the pattern and each seed’s onset', () => {
  const t = onsetTable(sampleResult);
  assert.deepEqual(t.head, ['d', 'widths', 'P*', 'pattern', 'seed 1', 'seed 2', 'runs']);
  assert.deepEqual(t.rows[0], ['8', '64', '40', 'Spec', '208 (5.2×)', '208 (5.2×)', '0']);
  assert.deepEqual(t.rows[1], ['11 (of 16)', '44', '32', 'GP', 'above-range', 'above-range', '0']);
  assert.match(t.caption, /crosses 0\.\d+/);
});

test('as text the table pads every column to its widest cell, numbers right-aligned', () => {
  const lines = textTable({
    caption: '',
    head: ['d', 'pattern', 'P*'],
    rows: [
      ['8', 'Spec → Mag', '40'],
      ['128', 'GP', '1,200'],
    ],
  });
  assert.deepEqual(lines, ['  d  pattern        P*', '  8  Spec → Mag     40', '128  GP          1,200']);
});
