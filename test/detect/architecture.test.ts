// toArchitecture: from detected models (fixtures) to the engine's Architecture, sizes worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectModels, toArchitecture, type ModelSpec } from '../../src/detect/index';
import { analyze } from '../../src/engine/index';
import { evaluate } from '../../src/engine/monomial';
import { buildNetwork } from '../../src/engine/network';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');

function model(file: string, index = 0): ModelSpec {
  const m = detectModels(readFileSync(join(DIR, file), 'utf8'), file).models[index];
  assert.ok(m, `no model ${index} in ${file}`);
  return m;
}

const none = { overrides: {}, defaultInputDim: null };

/** `expected` with the readings `actual` carries: the tests below check the readings' kinds on their own. */
function withReadings<T extends object>(actual: { readings?: unknown } | null, expected: T): T {
  return actual?.readings ? { ...expected, readings: actual.readings } : expected;
}

test('a dense MLP: hidden layers in order, the last dense layer is the readout', () => {
  const r = toArchitecture(model('01-sequential-add.ts'), none);
  assert.equal(r.why, null);
  assert.deepEqual(
    r.architecture,
    withReadings(r.architecture, {
      inputDim: 784,
      layers: [
        { kind: 'dense', width: 512, activation: 'relu', bias: true },
        { kind: 'dense', width: 256, activation: 'relu', bias: true },
      ],
    }),
  );
  // Two readings for the engine's "rough" flag, each said there once (not again as an assumption).
  assert.match(
    r.architecture?.readings?.map((x) => x.sentence).join('\n') ?? '',
    /10 outputs[^]*softmax is read as linear/,
  );
  assert.ok(!r.assumptions.some((a) => /10 units|softmax/.test(a)));
  assert.deepEqual(
    r.architecture?.readings?.map((x) => x.kind),
    ['several-outputs', 'softmax-as-linear'],
  );
});

test('useBias: false and the default linear activation reach the engine', () => {
  const r = toArchitecture(model('mlp-model.json'), none);
  assert.deepEqual(r.architecture?.layers, [
    { kind: 'dense', width: 256, activation: 'relu', bias: true },
    { kind: 'dense', width: 128, activation: 'tanh', bias: false },
  ]);
  const f = toArchitecture(model('29-passthrough.ts'), none);
  // dense(200) has no activation; the activation layer after it supplies relu. leakyReLU after tanh changes nothing.
  assert.deepEqual(f.architecture, {
    inputDim: 100,
    layers: [
      { kind: 'dense', width: 200, activation: 'relu', bias: true },
      { kind: 'dense', width: 50, activation: 'tanh', bias: true },
    ],
  });
  assert.ok(f.assumptions.some((a) => a.includes('activation at line 7')));
});

test('open sizes are listed as missing until supplied; supplied and defaulted values are assumptions', () => {
  const m = model('18-open-parameters.ts');
  const open = toArchitecture(m, none);
  assert.equal(open.architecture, null);
  assert.deepEqual(
    open.missing.map((u) => u.symbol),
    ['inputShape', 'hiddenUnits', 'numLayers'],
  );
  assert.match(open.why ?? '', /sizes the code does not fix: inputShape, hiddenUnits, numLayers/);

  const filled = toArchitecture(m, { overrides: { hiddenUnits: 32, numLayers: 2 }, defaultInputDim: 100 });
  assert.equal(filled.why, null);
  assert.deepEqual(filled.architecture, {
    inputDim: 100,
    layers: [
      { kind: 'dense', width: 32, activation: 'relu', bias: true },
      { kind: 'dense', width: 64, activation: 'relu', bias: true },
      { kind: 'dense', width: 64, activation: 'relu', bias: true },
    ],
  });
  assert.ok(filled.assumptions.some((a) => a.startsWith('input dimension d = 100 (default')));
  assert.ok(filled.assumptions.some((a) => a.startsWith('`hiddenUnits` = 32')));
  assert.ok(filled.assumptions.some((a) => a.startsWith('`numLayers` = 2')));

  const explicit = toArchitecture(m, {
    overrides: { inputShape: 50, hiddenUnits: 8, numLayers: 0 },
    defaultInputDim: 100,
  });
  assert.equal(explicit.architecture?.inputDim, 50);
  assert.equal(explicit.architecture?.layers.length, 1);
});

test('conv2d: receptive field = kernel area x input channels on the input, kernel area x pooling after a hidden layer; one reading per approximation', () => {
  const r = toArchitecture(model('20-conv2d-mnist.ts'), none);
  assert.equal(r.why, null);
  // 28x28x1, 5x5 stride 1 valid -> 24x24 = 576 positions, each merging 25 of the 784 inputs
  // (n = 784 / 25 disjoint patches); pool 2 -> 12x12; 5x5 -> 8x8 = 64 positions, each merging
  // 25 pooled positions of 4 = 100 of the first layer's 576 (n = 5.76).
  assert.deepEqual(r.architecture?.layers, [
    {
      kind: 'conv',
      channels: 8,
      patchSize: 25,
      patchCount: 784 / 25,
      positions: 576,
      activation: 'relu',
      bias: true,
      overlapping: true,
    },
    {
      kind: 'conv',
      channels: 16,
      patchSize: 100,
      patchCount: 576 / 100,
      positions: 64,
      activation: 'relu',
      bias: true,
      overlapping: true,
    },
  ]);
  // The pool before the dense readout merges nothing the readout would not: no line for it.
  assert.deepEqual(
    r.architecture?.readings?.map((x) => x.kind),
    ['overlapping-conv', 'pooling', 'overlapping-conv', 'several-outputs', 'softmax-as-linear'],
  );
  const lines = r.architecture?.readings?.map((x) => x.sentence) ?? [];
  assert.match(
    lines[0] ?? '',
    /line 10 \(5x5 windows at stride 1x1\) is read as 576 positions out, each merging 25 of the 784 coming in/,
  );
  assert.match(lines[1] ?? '', /maxPooling2d at line 18 .*without parameters \(576 → 144\)/);
  assert.match(lines[2] ?? '', /line 19 .* is read as 64 positions out, each merging 100 of the 576 coming in/);
  // Each approximation is said once, as a reading: never again among the assumptions, and no
  // line carries the old per-patch arithmetic.
  for (const line of lines) assert.ok(!r.assumptions.some((a) => a.includes(line.slice(0, 30))), line);
  assert.ok(!r.assumptions.some((a) => /non-overlapping patches|per patch|overlaps/.test(a)));
});

test('the tutorial convnet: the engine reads it with no warning, rough, P* of order d, and the floor flagged where it applies', () => {
  const arch = toArchitecture(model('20-conv2d-mnist.ts'), none).architecture;
  assert.ok(arch);
  const a = analyze(arch);
  assert.ok(a.reachable);
  assert.deepEqual(a.warnings, []);
  assert.ok(a.flags.some((f) => f.kind === 'rough'));
  // The convention: layer 1 merges its 25 inputs, layer 2 its 100 positions, the readout the 64 of layer 2.
  const net = buildNetwork(arch, 3);
  assert.equal(evaluate(net.layers[0]!.mult, net.sizes), 25);
  assert.equal(evaluate(net.layers[1]!.mult, net.sizes), 100);
  assert.equal(evaluate(net.readoutMult, net.sizes), 64);
  // Of order d (the old reading gave ~100, an eighth of it); below d the information floor says so.
  assert.ok(a.pStar > arch.inputDim / 2, `P* = ${a.pStar}`);
  assert.equal(
    a.flags.some((f) => f.kind === 'information-floor'),
    a.pStar < arch.inputDim,
  );
});

test('same padding, average and global pooling: the same receptive-field reading', () => {
  const r = toArchitecture(model('37-convnet-pooling.ts'), none);
  assert.equal(r.why, null);
  // 32x32x3 same -> 32x32: each of 1024 positions merges 3x3x3 = 27 of 3072; avg pool 2 -> 16x16;
  // 3x3 same -> 16x16: each of 256 merges 9 x 4 = 36 of the 1024 before the pool.
  assert.deepEqual(
    r.architecture?.layers.map((l) => (l.kind === 'conv' ? [l.patchSize, l.patchCount, l.positions] : l.kind)),
    [
      [27, 3072 / 27, 1024],
      [36, 1024 / 36, 256],
    ],
  );
  // The global pool before the readout is no approximation of its own; the readout has one linear unit.
  assert.deepEqual(
    r.architecture?.readings?.map((x) => x.kind),
    ['overlapping-conv', 'pooling', 'overlapping-conv'],
  );
  assert.match(r.architecture?.readings?.[0]?.sentence ?? '', /3x3 windows at stride 1x1, same padding/);
});

test('non-overlapping conv1d and conv from model.json', () => {
  const r = toArchitecture(model('21-conv1d.ts'), none);
  assert.deepEqual(
    r.architecture,
    withReadings(r.architecture, {
      inputDim: 64,
      layers: [{ kind: 'conv', channels: 32, patchSize: 8, patchCount: 8, activation: 'tanh', bias: true }],
    }),
  );
  // A global pool before the dense readout merges positions the readout would merge anyway: no reading.
  assert.equal(r.architecture?.readings, undefined);
  const j = toArchitecture(model('cnn-model.json'), none);
  // 28x28x1, 4x4 stride 4 -> 7x7 patches of 16; pool 2 -> 3x3x16; dense 64.
  assert.deepEqual(
    j.architecture,
    withReadings(j.architecture, {
      inputDim: 784,
      layers: [
        { kind: 'conv', channels: 16, patchSize: 16, patchCount: 49, activation: 'relu', bias: true },
        { kind: 'dense', width: 64, activation: 'sigmoid', bias: true },
      ],
    }),
  );
  const k = toArchitecture(model('keras-converted-model.json'), none);
  assert.deepEqual(k.architecture?.layers[0], {
    kind: 'conv',
    channels: 32,
    patchSize: 27,
    patchCount: 3072 / 27,
    positions: 1024,
    activation: 'relu',
    bias: true,
    overlapping: true,
  });
});

test('depthwise and separable convolutions', () => {
  const r = toArchitecture(model('22-separable-depthwise.ts'), none);
  // The depthwise layer sees one input channel: 3x3 of the 3072 input positions for each of its 1024
  // outputs. The separable one after it tiles: 2x2 windows at stride 2 over those 1024 positions,
  // whose 6 channels are neurons.
  assert.deepEqual(r.architecture?.layers, [
    {
      kind: 'conv',
      channels: 6,
      patchSize: 9,
      patchCount: 3072 / 9,
      positions: 1024,
      activation: 'relu6',
      bias: true,
      overlapping: true,
    },
    { kind: 'conv', channels: 24, patchSize: 4, patchCount: 256, activation: 'relu6', bias: true },
  ]);
});

test('models the theory does not cover say why', () => {
  assert.equal(toArchitecture(model('23-recurrent.ts'), none).why, 'outside the theory: lstm at line 4');
  assert.equal(toArchitecture(model('24-embedding.ts'), none).why, 'outside the theory: embedding at line 7');
  // A single dense layer is a linear model: no hidden layer, and the engine answers it (validity.test.ts).
  assert.deepEqual(toArchitecture(model('31-global-tf.js'), none).architecture?.layers, []);
  const softmaxHidden = detectModels(
    "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'softmax' }));\nm.add(tf.layers.dense({ units: 1 }));\n",
    's.ts',
  ).models[0];
  assert.ok(softmaxHidden);
  assert.match(toArchitecture(softmaxHidden, none).why ?? '', /outside the theory: activation 'softmax'/);
});

test('the default input dimension applies only when the code leaves it open', () => {
  const r = toArchitecture(model('01-sequential-add.ts'), { overrides: {}, defaultInputDim: 10 });
  assert.equal(r.architecture?.inputDim, 784);
  assert.ok(!r.assumptions.some((a) => a.includes('default')));
});
