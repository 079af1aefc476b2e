// The sidebar's view from real detection and the real engine (no vscode): the numbers checked
// are the theory's reference results (shared/theory/scaling-engine.md section 6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectModels } from '../../src/detect/index';
import {
  buildView,
  chooseModel,
  chartJobFor,
  EngineCache,
  EMPTY_MESSAGE,
  effectiveSamples,
  modelIds,
  modelAt,
  type UserParams,
} from '../../src/view/session';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import { computeChartData, type ChartData } from '../../src/view/chartData';
import { budgetSentence, dataBudget } from '../../src/engine/budget';
import { analyze, withSize } from '../../src/engine/index';

const TWO_MODELS = `import * as tf from '@tensorflow/tfjs';

export function buildRegressor() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 256, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 512, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

export function buildOpen(hidden: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: hidden, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`;

const none: UserParams = { unknowns: {}, whatIf: {} };
const detection = detectModels(TWO_MODELS, 'models.ts');

function view(selected: string, user: UserParams = none, cache = new EngineCache()) {
  return buildView(cache, {
    subject: { origin: 'file', fileName: 'models.ts', models: detection.models, selected },
    settings: DEFAULT_SETTINGS,
    user,
  });
}

test('both models are found, with stable ids, and the one under the cursor is chosen', () => {
  assert.deepEqual(modelIds(detection.models), ['buildRegressor', 'buildOpen']);
  const second = TWO_MODELS.indexOf('units: hidden');
  assert.equal(modelAt(detection.models, second), 'buildOpen');
  assert.equal(chooseModel(detection.models, second, 'buildRegressor'), 'buildOpen');
  assert.equal(
    chooseModel(detection.models, 0, 'buildOpen'),
    'buildOpen',
    'outside every model the previous choice stays',
  );
  assert.equal(chooseModel(detection.models, null, 'gone'), 'buildRegressor');
  assert.equal(chooseModel([], 5, null), null);
});

test('the reference two-hidden-layer network: GP → Spec, P* = 2·sqrt(N2·d) ≈ 362, exponents 1/2 and 1/2', () => {
  const { view: v, report } = view('buildRegressor');
  assert.equal(v.kind, 'model');
  if (v.kind !== 'model' || !v.result.ok) throw new Error('expected a result');
  assert.equal(v.result.winnerLabel, 'GP → Spec');
  assert.match(v.result.pStarText, /^P\* ≈ 360 /);
  assert.equal(v.result.exponentText, 'P* ∝ N2^1/2 · d^1/2');
  assert.ok(report && Math.abs(report.analysis.pStar - 2 * Math.sqrt(512 * 64)) < 1e-6 * 362);
  // M2 = sqrt(N2/d) = 2.83 specialised neurons in layer 2.
  assert.match(v.result.patternLines[1] ?? '', /^layer 2: ~2\.8 neurons specialise on the target direction/);
  assert.deepEqual(
    v.layers.map((l) => [l.kind, l.role, l.units, l.size]),
    [
      ['dense', 'hidden', '256', 'N1'],
      ['dense', 'hidden', '512', 'N2'],
      ['dense', 'readout', '1', null],
    ],
  );
  assert.equal(v.layers[0]?.line, 4);
  assert.ok(v.assumptions.some((a) => /degree m = 3 \(from settings\)/.test(a)));
  assert.deepEqual(
    v.whatIf.map((c) => c.size),
    ['N1', 'N2', 'depth'],
  );
  assert.equal(v.chartsPending, true, 'charts are asked for, not computed inline');
});

test('a what-if width changes the prediction, is listed as an assumption, and the code values stay as base', () => {
  const { view: v } = view('buildRegressor', { unknowns: {}, whatIf: { N2: 2048 } });
  if (v.kind !== 'model' || !v.result.ok) throw new Error('expected a result');
  // 2·sqrt(2048·64) = 724.
  assert.match(v.result.pStarText, /^P\* ≈ 720 /);
  assert.ok(v.assumptions.some((a) => /what-if: N2 .* = 2048 \(the code has 512\)/.test(a)));
  assert.equal(v.whatIf.find((c) => c.size === 'N2')?.base, 512);
});

test('kappa and degree from the user scale P* and are reported as the user’s', () => {
  const { view: v } = view('buildRegressor', { kappa: 4, unknowns: {}, whatIf: {} });
  if (v.kind !== 'model' || !v.result.ok) throw new Error('expected a result');
  assert.match(v.result.pStarText, /^P\* ≈ 1,400 /);
  assert.equal(v.paramSources.kappa, 'user');
  const even = view('buildRegressor', { degree: 2, unknowns: {}, whatIf: {} }).view;
  if (even.kind !== 'model') throw new Error('expected a model');
  assert.equal(even.result.ok, false, 'tanh without bias cannot express an even target');
  assert.match(even.result.ok ? '' : even.result.reason, /degree 2/i);
});

test('a width the code leaves open is asked for, then used once supplied', () => {
  const open = view('buildOpen').view;
  if (open.kind !== 'model') throw new Error('expected a model');
  assert.equal(open.result.ok, false);
  const control = open.unknowns.find((u) => u.symbol === 'hidden');
  assert.ok(control, 'the open width is offered as a control');
  assert.equal(control.value, null);
  const filled = view('buildOpen', { unknowns: { hidden: 640 }, whatIf: {} }).view;
  if (filled.kind !== 'model' || !filled.result.ok) throw new Error('expected a result once supplied');
  // One hidden layer: Spec, E = 2·sqrt(N·d) = 2·sqrt(640·64) = 405.
  assert.match(filled.result.pStarText, /^P\* ≈ 400 /);
  assert.equal(filled.unknowns.find((u) => u.symbol === 'hidden')?.source, 'user');
});

test('the engine runs once per distinct input: rebuilding an unchanged view costs no analysis', () => {
  const cache = new EngineCache();
  view('buildRegressor', none, cache);
  const after = cache.analyses.computations;
  view('buildRegressor', none, cache);
  view('buildRegressor', { unknowns: {}, whatIf: {}, sweepSize: 'N1' }, cache);
  assert.equal(cache.analyses.computations, after);
  view('buildRegressor', { unknowns: {}, whatIf: { N1: 300 } }, cache);
  assert.equal(cache.analyses.computations, after + 1);
});

test('chart jobs sweep the last width by default, or the one the user picked', () => {
  const arch = {
    inputDim: 64,
    layers: [
      { kind: 'dense' as const, width: 256, activation: 'tanh' as const, bias: false },
      { kind: 'dense' as const, width: 512, activation: 'tanh' as const, bias: false },
    ],
  };
  assert.equal(chartJobFor(arch, undefined, {})?.size, 'N2');
  assert.equal(chartJobFor(arch, 'N1', {})?.size, 'N1');
  assert.equal(chartJobFor(arch, 'N9', {})?.size, 'N2');
  assert.notEqual(chartJobFor(arch, 'N1', {})?.key, chartJobFor(arch, 'N2', {})?.key);
});

test('the data budget: P from the setting or the sidebar against P*, the width advisor and the band once the charts are in', () => {
  const settings = { ...DEFAULT_SETTINGS, trainingSamples: 60_000 };
  const build = (user: UserParams, chartData?: (key: string) => ChartData | undefined) =>
    buildView(new EngineCache(), {
      subject: { origin: 'file', fileName: 'models.ts', models: detection.models, selected: 'buildRegressor' },
      settings,
      user,
      chartData,
    });
  const first = build(none);
  if (first.view.kind !== 'model' || !first.report || !first.chartJob) throw new Error('expected a prediction');
  const pStar = first.report.analysis.pStar;
  assert.deepEqual(first.view.samples, { value: 60_000, source: 'setting', line: null });
  assert.equal(first.view.budget?.sentence, budgetSentence(60_000, pStar));
  assert.match(first.view.budget?.sentence ?? '', /^P = 60,000 is ≈ 170× P\* ≈ 360:/);
  assert.equal(first.view.budget?.widths, null, 'the widths come with the charts');
  assert.equal(first.chartJob.samples, 60_000);

  // The sidebar's value wins over the setting; short of P*, the sentence says by how much.
  const typed = build({ ...none, samples: 100 });
  if (typed.view.kind !== 'model' || !typed.chartJob) throw new Error('expected a prediction');
  assert.deepEqual(typed.view.samples, { value: 100, source: 'user', line: null });
  assert.match(typed.view.budget?.sentence ?? '', /^P = 100 is short of P\* ≈ 360 by ≈ 3\.6×/);
  assert.equal(typed.view.budget?.enough, false);

  // With the chart worker's data: the advisor's sentences, and the swept width's range as the band.
  const job = typed.chartJob;
  const data = computeChartData(job, new Map());
  const expected = dataBudget(job.arch, pStar, 100, job.options);
  const charted = build({ ...none, samples: 100 }, (key) => (key === job.key ? data : undefined));
  if (charted.view.kind !== 'model' || !charted.view.charts) throw new Error('expected charts');
  assert.deepEqual(
    charted.view.budget?.widths,
    expected.widths.map((w) => w.sentence),
  );
  // The band is read off the chart's own curve: at each edge inside the chart P* crosses P,
  // checked with analyze() just either side, and it agrees with the advisor's words for N2.
  assert.equal(charted.view.charts.size, 'N2');
  assert.equal(charted.view.charts.samples, 100);
  const bands = charted.view.charts.bands;
  assert.ok(bands.length > 0, 'P = 100 fits somewhere on the chart');
  const fits = (size: string, v: number) => {
    const r = analyze(withSize(job.arch, size, v), job.options);
    return r.reachable && r.pStar <= 100;
  };
  for (const b of bands) {
    if (!b.openBelow)
      assert.ok(!fits('N2', b.from * (1 - 1e-5)) && fits('N2', b.from * (1 + 1e-5)), `N2 from ${b.from}`);
    if (!b.openAbove) assert.ok(fits('N2', b.to * (1 - 1e-5)) && !fits('N2', b.to * (1 + 1e-5)), `N2 to ${b.to}`);
  }
  const n2 = expected.widths.find((w) => w.size === 'N2')?.range;
  assert.ok(n2 && bands[0]!.openBelow && !bands[0]!.openAbove);
  assert.equal(Math.floor(bands[0]!.to), n2[1], 'the band ends at the whole width the advisor names');

  // Whichever size the chart sweeps, its band is that size's: N1 here.
  const n1Job = { ...job, size: 'N1' };
  const n1Data = computeChartData(n1Job, new Map());
  assert.ok(n1Data.bands && n1Data.bands.length > 0);
  for (const b of n1Data.bands) {
    if (!b.openBelow)
      assert.ok(!fits('N1', b.from * (1 - 1e-5)) && fits('N1', b.from * (1 + 1e-5)), `N1 from ${b.from}`);
    if (!b.openAbove) assert.ok(fits('N1', b.to * (1 - 1e-5)) && !fits('N1', b.to * (1 + 1e-5)), `N1 to ${b.to}`);
  }
  assert.ok(
    n1Data.bands.some((b) => !b.openBelow || !b.openAbove),
    'an edge of the N1 band lies inside the chart',
  );

  // No setting and nothing typed: no comparison, and the chart job is the one without a budget.
  const unset = view('buildRegressor');
  if (unset.view.kind !== 'model') throw new Error('expected a model');
  assert.deepEqual(unset.view.samples, { value: null, source: 'setting', line: null });
  assert.equal(unset.view.budget, null);
  assert.notEqual(unset.chartJob?.key, first.chartJob.key);
});

test('a training-set size the code fixes (the tensor handed to fit) is used over the setting, and the sidebar over it', () => {
  const text = `${TWO_MODELS}
const xs = tf.tensor2d(values, [2000, 64]);
await buildRegressor().fit(xs, ys);
`;
  const models = detectModels(text, 'models.ts').models;
  const build = (user: UserParams) =>
    buildView(new EngineCache(), {
      subject: { origin: 'file', fileName: 'models.ts', models, selected: 'buildRegressor' },
      settings: { ...DEFAULT_SETTINGS, trainingSamples: 60_000 },
      user,
    }).view;
  const fromCode = build(none);
  if (fromCode.kind !== 'model') throw new Error('expected a model');
  const fitLine = text.split('\n').findIndex((l) => l.includes('.fit(')) + 1;
  assert.deepEqual(fromCode.samples, { value: 2000, source: 'code', line: fitLine });
  assert.match(fromCode.budget?.sentence ?? '', /^P = 2,000 is ≈ 5\.5× P\* ≈ 360/);
  const typed = build({ ...none, samples: 50 });
  if (typed.kind !== 'model') throw new Error('expected a model');
  assert.deepEqual(typed.samples, { value: 50, source: 'user', line: null });
});

test('a file without models gives the empty state with its message', () => {
  const v = buildView(new EngineCache(), {
    subject: { origin: 'file', fileName: 'x.ts', models: [], selected: '' },
    settings: DEFAULT_SETTINGS,
    user: none,
  }).view;
  assert.deepEqual(v, { kind: 'empty', message: EMPTY_MESSAGE, fileName: 'x.ts' });
});

test('a hand-entered attention head is analysed with d, L and d_k', () => {
  const { view: v } = buildView(new EngineCache(), {
    subject: {
      origin: 'manual',
      name: 'head',
      architecture: { inputDim: 32, layers: [{ kind: 'attention', contextLength: 16, queryKeyRows: 32 }] },
    },
    settings: DEFAULT_SETTINGS,
    user: none,
  });
  if (v.kind !== 'model' || !v.result.ok) throw new Error('expected a result');
  assert.equal(v.origin, 'manual');
  assert.deepEqual(
    v.whatIf.map((c) => c.size),
    ['d_k', 'L'],
  );
  assert.match(v.result.exponentText, /L\^1\/2/);
});

test("the code's training-set size names its line only when the fit is in the file shown", () => {
  const user: UserParams = { unknowns: {}, whatIf: {} };
  assert.deepEqual(effectiveSamples(DEFAULT_SETTINGS, user, { value: 500, text: '500', line: 8 }), {
    value: 500,
    source: 'code',
    line: 8,
  });
  // A caller in another file that trains the model it built: its line is not this file's.
  assert.deepEqual(effectiveSamples(DEFAULT_SETTINGS, user, { value: 500, text: '500', line: 8, file: 'train.js' }), {
    value: 500,
    source: 'code',
    line: null,
  });
});
