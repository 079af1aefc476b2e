// toArchitecture: from detected models (fixtures) to the engine's Architecture, sizes worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectModels, toArchitecture, type ModelSpec } from '../../src/detect/index';

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
  assert.ok(r.assumptions.some((a) => a.includes('10 units')));
  assert.ok(r.assumptions.some((a) => a.includes("'softmax' is read as linear")));
  // The same two readings, structured, for the engine's "rough" flag.
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

test('conv2d: patch size = kernel area x input channels, patch count from shape, strides and pooling', () => {
  const r = toArchitecture(model('20-conv2d-mnist.ts'), none);
  assert.equal(r.why, null);
  // 28x28x1, 5x5 stride 1 valid -> 24x24; pool 2 -> 12x12x8; 5x5 -> 8x8 over 8 channels.
  assert.deepEqual(
    r.architecture,
    withReadings(r.architecture, {
      inputDim: 784,
      layers: [
        {
          kind: 'conv',
          channels: 8,
          patchSize: 25,
          patchCount: 576,
          activation: 'relu',
          bias: true,
          overlapping: true,
        },
        {
          kind: 'conv',
          channels: 16,
          patchSize: 200,
          patchCount: 64,
          activation: 'relu',
          bias: true,
          overlapping: true,
        },
      ],
    }),
  );
  assert.ok(r.assumptions.some((a) => a.includes('overlaps')));
  assert.deepEqual(
    r.architecture?.readings?.map((x) => x.kind),
    ['overlapping-conv', 'pooling', 'overlapping-conv', 'pooling', 'several-outputs', 'softmax-as-linear'],
  );
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
  assert.deepEqual(
    r.architecture?.readings?.map((x) => x.kind),
    ['pooling'],
  );
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
    patchCount: 1024,
    activation: 'relu',
    bias: true,
    overlapping: true,
  });
});

test('depthwise and separable convolutions', () => {
  const r = toArchitecture(model('22-separable-depthwise.ts'), none);
  assert.deepEqual(r.architecture?.layers, [
    { kind: 'conv', channels: 6, patchSize: 9, patchCount: 1024, activation: 'relu6', bias: true, overlapping: true },
    { kind: 'conv', channels: 24, patchSize: 24, patchCount: 256, activation: 'relu6', bias: true },
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
