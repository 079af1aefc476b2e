// Every fixture in test/fixtures/detect/ against what a reader of the file finds in it, written by hand.
// Layers are compared as compact strings: "<role> <kind> <units> <activation> L<line>[ x<repeat>]",
// role h(idden) r(eadout) p(assthrough) o(utside-theory); units "?sym" when open, "-" when none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectModels, type DetectedLayer, type ModelSpec, type SizeValue } from '../../src/detect/index';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');

interface Expected {
  name: string;
  style?: ModelSpec['style'];
  /** 1-based line of the model (its creation call). */
  line: number;
  /** A number, or "?symbol" when the code leaves it open. */
  inputDim: number | string;
  layers: string[];
  /** Open symbols, in order. */
  unknowns?: string[];
  /** Substrings that must appear in the model's notes. */
  notes?: string[];
}

const size = (s: SizeValue | null | undefined): string =>
  s == null ? '-' : s.kind === 'known' ? String(s.value) : `?${s.symbol}`;

const ROLE: Record<DetectedLayer['role'], string> = {
  hidden: 'h',
  readout: 'r',
  passthrough: 'p',
  'outside-theory': 'o',
};

function layerText(l: DetectedLayer): string {
  const repeat = l.repeat ? ` x${size(l.repeat)}` : '';
  return `${ROLE[l.role]} ${l.kind} ${size(l.units)} ${l.activation ?? '-'} L${l.range.startLine + 1}${repeat}`;
}

const CORPUS: Record<string, Expected[]> = {
  '01-sequential-add.ts': [
    {
      name: 'createMnistModel',
      style: 'sequential',
      line: 5,
      inputDim: 784,
      layers: ['h dense 512 relu L6', 'p dropout - - L7', 'h dense 256 relu L8', 'r dense 10 softmax L9'],
    },
  ],
  '02-sequential-layers.js': [
    {
      name: 'model',
      line: 5,
      inputDim: 13,
      layers: ['h dense 50 sigmoid L7', 'h dense 50 sigmoid L8', 'r dense 1 - L9'],
    },
  ],
  '03-functional.ts': [
    {
      name: 'teacherStudent',
      style: 'functional',
      line: 8,
      inputDim: 64,
      layers: ['h dense 256 tanh L4', 'h dense 512 tanh L5', 'r dense 1 - L6'],
    },
  ],
  '04-named-imports.ts': [
    {
      name: 'classifier',
      line: 3,
      inputDim: 20,
      layers: ['h dense 32 relu L4', 'h dense 16 relu L5', 'r dense 1 sigmoid L6'],
    },
  ],
  '05-renamed-imports.mjs': [
    {
      name: 'net',
      line: 5,
      inputDim: 50,
      layers: ['h dense 100 gelu L7', 'h dense 100 gelu L8', 'r dense 1 - L9'],
    },
  ],
  '06-require-destructure.js': [
    {
      name: 'buildAutoregressor',
      line: 4,
      inputDim: 12,
      layers: ['h dense 24 selu L5', 'r dense 1 - L6'],
    },
  ],
  '07-default-import.ts': [
    {
      name: 'tiny',
      line: 3,
      inputDim: 3,
      layers: ['h dense 8 softplus L4', 'r dense 1 - L5'],
    },
  ],
  '08-constants.ts': [
    {
      name: 'model',
      line: 9,
      inputDim: 784,
      layers: ['h dense 512 relu L10', 'h dense 256 relu L11', 'h dense 100 relu L12', 'r dense 10 - L13'],
    },
  ],
  '09-let-never-reassigned.js': [
    {
      name: 'makeModel',
      line: 7,
      inputDim: 32,
      layers: ['h dense 96 tanh L8', 'r dense 1 - L9'],
    },
  ],
  '10-config-object.ts': [
    {
      name: 'buildFromConfig',
      line: 10,
      inputDim: 40,
      layers: ['h dense 300 elu L11', 'h dense 150 elu L12', 'r dense 1 - L13'],
    },
  ],
  '11-const-array.ts': [
    {
      name: 'pyramid',
      line: 6,
      inputDim: 256,
      layers: [
        'p flatten - - L7',
        'h dense 512 relu L8',
        'h dense 256 relu L9',
        'h dense 128 relu L10',
        'r dense 1 - L11',
      ],
    },
  ],
  '12-param-defaults.ts': [
    {
      name: 'createRegressor',
      line: 6,
      inputDim: 10,
      layers: ['h dense 64 tanh L7', 'h dense 32 tanh L8', 'r dense 1 - L9'],
    },
  ],
  '13-for-loop.ts': [
    {
      name: 'deepMlp',
      line: 7,
      inputDim: 100,
      layers: [
        'h dense 128 relu L8',
        'h dense 128 relu L10',
        'p batchNormalization - - L11',
        'h dense 128 relu L10',
        'p batchNormalization - - L11',
        'h dense 128 relu L10',
        'p batchNormalization - - L11',
        'r dense 1 - L13',
      ],
    },
  ],
  '14-for-of.ts': [
    {
      name: 'fromSpec',
      line: 9,
      inputDim: 30,
      layers: ['p inputLayer - - L10', 'h dense 400 relu L12', 'h dense 200 tanh L12', 'r dense 3 softmax L14'],
    },
  ],
  '15-array-from.js': [
    {
      name: 'residualFree',
      line: 5,
      inputDim: 8,
      layers: [
        'h dense 64 swish L7',
        'h dense 64 swish L9',
        'h dense 128 swish L9',
        'h dense 192 swish L9',
        'r dense 1 - L10',
      ],
    },
  ],
  '16-foreach.ts': [
    {
      name: 'withForEach',
      line: 6,
      inputDim: 6,
      layers: ['h dense 16 relu L7', 'h dense 32 relu L9', 'h dense 64 relu L9', 'r dense 2 - L11'],
    },
  ],
  '17-helper.ts': [
    {
      name: 'helperBuilt',
      line: 13,
      inputDim: 48,
      layers: [
        'h dense 96 tanh L14',
        'h dense 192 relu L4',
        'p dropout - - L9',
        'h dense 48 tanh L4',
        'r dense 1 - L17',
      ],
    },
  ],
  '18-open-parameters.ts': [
    {
      name: 'createModel',
      line: 4,
      inputDim: '?inputShape',
      layers: ['h dense ?hiddenUnits relu L5', 'h dense ?hiddenUnits relu L7 x?numLayers', 'r dense 1 - L9'],
      unknowns: ['inputShape', 'hiddenUnits', 'numLayers'],
    },
  ],
  '19-data-dimension.js': [
    {
      name: 'trainOn',
      line: 6,
      inputDim: '?numFeatures',
      layers: ['h dense 50 relu L7', 'r dense 1 - L8'],
      unknowns: ['numFeatures'],
    },
  ],
  '20-conv2d-mnist.ts': [
    {
      name: 'getModel',
      line: 9,
      inputDim: 784,
      layers: [
        'h conv2d 8 relu L10',
        'p maxPooling2d - - L18',
        'h conv2d 16 relu L19',
        'p maxPooling2d - - L20',
        'p flatten - - L21',
        'r dense 10 softmax L22',
      ],
    },
  ],
  '21-conv1d.ts': [
    {
      name: 'patchNet',
      line: 6,
      inputDim: 64,
      layers: ['h conv1d 32 tanh L7', 'p globalAveragePooling1d - - L8', 'r dense 1 - L9'],
    },
  ],
  '22-separable-depthwise.ts': [
    {
      name: 'mobileBlock',
      line: 4,
      inputDim: 3072,
      layers: [
        'h depthwiseConv2d - relu6 L5',
        'h separableConv2d 24 relu6 L6',
        'p averagePooling2d - - L7',
        'p globalMaxPooling2d - - L8',
        'r dense 5 softmax L9',
      ],
    },
  ],
  '23-recurrent.ts': [
    {
      name: 'lstmModel',
      line: 3,
      inputDim: 80,
      layers: ['o lstm 32 tanh L4', 'o gru 16 tanh L5', 'r dense 1 - L6'],
      notes: ['lstm layer at line 4 is outside the theory', 'gru layer at line 5'],
    },
    { name: 'rnnModel', line: 8, inputDim: 20, layers: ['o simpleRNN 8 tanh L10', 'r dense 1 - L11'] },
    { name: 'biModel', line: 15, inputDim: 15, layers: ['o bidirectional 12 tanh L16', 'r dense 2 - L17'] },
  ],
  '24-embedding.ts': [
    {
      name: 'sentiment',
      line: 6,
      inputDim: 100,
      layers: ['o embedding 16 - L7', 'p globalAveragePooling1d - - L8', 'h dense 16 relu L9', 'r dense 1 sigmoid L10'],
    },
  ],
  '25-several-models.ts': [
    { name: 'buildEncoder', line: 6, inputDim: 64, layers: ['h dense 32 relu L7', 'r dense 8 - L8'] },
    { name: 'buildDecoder', line: 13, inputDim: 8, layers: ['h dense 32 relu L14', 'r dense 64 - L15'] },
    { name: 'baseline', line: 19, inputDim: 64, layers: ['h dense 16 sigmoid L20', 'r dense 64 - L20'] },
  ],
  '26-class.ts': [
    {
      name: 'PolicyNetwork',
      line: 7,
      inputDim: 4,
      layers: ['h dense 128 elu L9', 'h dense 64 elu L9', 'r dense 1 - L15'],
    },
  ],
  '27-react.tsx': [
    {
      name: 'Playground',
      line: 8,
      inputDim: 12,
      layers: ['h dense ?width tanh L9', 'r dense 1 - L10'],
      unknowns: ['width'],
    },
  ],
  '28-component.jsx': [
    {
      name: 'makeXorModel',
      line: 6,
      inputDim: 2,
      layers: ['h dense 4 sigmoid L7', 'r dense 1 sigmoid L8'],
    },
  ],
  '29-passthrough.ts': [
    {
      name: 'normed',
      line: 3,
      inputDim: 100,
      layers: [
        'p reshape - - L4',
        'h dense 200 - L5',
        'p batchNormalization - - L6',
        'p activation - relu L7',
        'p layerNormalization - - L8',
        'h dense 50 tanh L9',
        'p leakyReLU - leakyRelu L10',
        'p dropout - - L11',
        'r dense 1 - L12',
      ],
    },
  ],
  '30-input-dim.js': [
    { name: 'a', line: 3, inputDim: 5, layers: ['h dense 10 relu L4', 'r dense 1 - L5'] },
    { name: 'b', line: 7, inputDim: 20, layers: ['h dense 7 relu L8', 'p flatten - - L9', 'r dense 1 - L10'] },
  ],
  '31-global-tf.js': [{ name: 'run', line: 4, inputDim: 1, layers: ['r dense 1 - L5'] }],
  '32-reassigned.ts': [
    {
      name: 'build',
      line: 10,
      inputDim: 16,
      layers: ['h dense ?hidden relu L11', 'r dense 1 - L12'],
      unknowns: ['hidden'],
    },
  ],
  '33-functional-conv.ts': [
    {
      name: 'makeCnn',
      style: 'functional',
      line: 14,
      inputDim: 3072,
      layers: ['h conv2d 16 relu L4', 'h conv2d 32 relu L4', 'p flatten - - L12', 'r dense 10 softmax L13'],
    },
  ],
  '34-open-loop-array.ts': [
    {
      name: 'fromWidths',
      line: 4,
      inputDim: 20,
      layers: ['p inputLayer - - L5', 'h dense ?widths[i] relu L7 x?widths.length', 'r dense 1 - L9'],
      unknowns: ['widths[i]', 'widths.length'],
    },
  ],
  '35-env-and-import.ts': [
    {
      name: 'fromEnv',
      line: 6,
      inputDim: '?process.env.FEATURES',
      layers: ['h dense ?HIDDEN_UNITS relu L7', 'r dense 1 - L8'],
      unknowns: ['process.env.FEATURES', 'HIDDEN_UNITS'],
    },
  ],
  '36-first-layer-shape.js': [
    {
      name: 'normalisedFirst',
      line: 4,
      inputDim: 784,
      layers: ['p batchNormalization - - L5', 'p flatten - - L6', 'h dense 64 relu L7', 'r dense 10 - L8'],
    },
    {
      name: 'droppedFirst',
      line: 13,
      inputDim: 40,
      layers: ['p dropout - - L14', 'h dense 32 tanh L15', 'r dense 1 - L16'],
    },
    {
      name: 'wrapped',
      line: 21,
      inputDim: 12,
      layers: ['o timeDistributed - - L22', 'r dense 1 - L23'],
      notes: ['timeDistributed'],
    },
    {
      name: 'inputLayerFirst',
      line: 28,
      inputDim: 30,
      layers: ['p inputLayer - - L29', 'p flatten - - L30', 'h dense 8 relu L31', 'r dense 1 - L32'],
    },
  ],
  'mlp-model.json': [
    {
      name: 'sequential_1',
      style: 'model.json',
      line: 1,
      inputDim: 784,
      layers: ['h dense 256 relu L7', 'p dropout - - L40', 'h dense 128 tanh L50', 'r dense 10 softmax L78'],
    },
  ],
  '37-convnet-pooling.ts': [
    {
      name: 'smallVgg',
      line: 5,
      inputDim: 3072,
      layers: [
        'h conv2d 16 relu L6',
        'p averagePooling2d - - L7',
        'h conv2d 32 relu L8',
        'p globalAveragePooling2d - - L9',
        'r dense 1 - L10',
      ],
    },
  ],
  '38-multi-output-apply.js': [
    { name: 'buildMaker', line: 8, inputDim: 8, layers: ['h dense 32 relu L9', 'r dense 16 tanh L10'] },
    {
      name: 'buildCritic',
      style: 'functional',
      line: 19,
      inputDim: 16,
      layers: ['h dense 64 relu L16', 'r dense 1 sigmoid L17'],
      notes: ['several outputs; only the first is followed'],
    },
    // The critic's first output continues the maker's chain: maker, then critic, to the realness head.
    {
      name: 'buildChained',
      style: 'functional',
      line: 27,
      inputDim: 8,
      layers: ['h dense 32 relu L9', 'h dense 16 tanh L10', 'h dense 64 relu L16', 'r dense 1 sigmoid L17'],
      notes: ['several outputs; only the first is followed'],
    },
    // The second output, destructured past a hole: the same chain to the kind head.
    {
      name: 'buildKindOnly',
      style: 'functional',
      line: 33,
      inputDim: 8,
      layers: ['h dense 32 relu L9', 'h dense 16 tanh L10', 'h dense 64 relu L16', 'r dense 4 softmax L18'],
    },
  ],
  '39-data-tensors.ts': [
    // One 6x6 image with its channel: 36 inputs; 3 classes from oneHot's depth.
    {
      name: 'imageModel',
      line: 15,
      inputDim: 36,
      layers: ['p flatten - - L16', 'h dense 20 relu L17', 'r dense 3 softmax L18'],
    },
    // Stacked pairs [24, 2, 6, 6]: 2 x 6 x 6 inputs.
    { name: 'pairModel', line: 23, inputDim: 72, layers: ['h dense 12 tanh L24', 'r dense 1 - L25'] },
    {
      name: 'paddedModel',
      line: 29,
      inputDim: '?padded.shape[1]',
      layers: ['h dense 12 tanh L30', 'r dense 1 - L31'],
      unknowns: ['padded.shape[1]'],
    },
  ],
  'cnn-model.json': [
    {
      name: 'sequential_2',
      style: 'model.json',
      line: 1,
      inputDim: 784,
      layers: [
        'h conv2d 16 relu L1',
        'p maxPooling2d - - L1',
        'p flatten - - L1',
        'h dense 64 sigmoid L1',
        'r dense 1 - L1',
      ],
    },
  ],
  'functional-model.json': [
    {
      name: 'model1',
      style: 'model.json',
      line: 1,
      inputDim: 32,
      layers: ['h dense 48 elu L1', 'r dense 1 - L1'],
    },
  ],
  'keras-converted-model.json': [
    {
      name: 'sequential',
      style: 'model.json',
      line: 1,
      inputDim: 3072,
      layers: [
        'h conv2d 32 relu L17',
        'p maxPooling2d - - L21',
        'p flatten - - L25',
        'h dense 128 swish L29',
        'r dense 10 softmax L33',
      ],
    },
  ],
  'lstm-model.json': [
    {
      name: 'sequential_3',
      style: 'model.json',
      line: 1,
      inputDim: 12,
      layers: ['o lstm 20 tanh L1', 'r dense 1 - L1'],
    },
  ],
};

test('the corpus has an expectation for every fixture, and at least 30 fixtures', () => {
  const files = readdirSync(DIR).sort();
  assert.ok(files.length >= 30, `only ${files.length} fixtures`);
  assert.deepEqual(files, Object.keys(CORPUS).sort());
});

for (const [file, expected] of Object.entries(CORPUS)) {
  test(`detects ${file}`, () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const result = detectModels(text, file);
    assert.equal(result.skipped, null);
    assert.deepEqual(
      result.models.map((m) => m.name),
      expected.map((e) => e.name),
    );
    result.models.forEach((m, i) => {
      const e = expected[i]!;
      if (e.style) assert.equal(m.style, e.style, `${e.name}: style`);
      assert.equal(m.range.startLine + 1, e.line, `${e.name}: line`);
      assert.equal(
        size(m.inputDim),
        typeof e.inputDim === 'number' ? String(e.inputDim) : e.inputDim,
        `${e.name}: input dimension`,
      );
      assert.deepEqual(m.layers.map(layerText), e.layers, `${e.name}: layers`);
      assert.deepEqual(
        m.unknowns.map((u) => u.symbol),
        e.unknowns ?? [],
        `${e.name}: unknowns`,
      );
      for (const note of e.notes ?? [])
        assert.ok(
          m.notes.some((n) => n.includes(note)),
          `${e.name}: note "${note}" in ${JSON.stringify(m.notes)}`,
        );
      // Ranges point into the text: the layer's range covers its factory call (or JSON object).
      for (const l of m.layers) {
        const snippet = text.slice(l.range.start, l.range.end);
        assert.ok(
          file.endsWith('.json') ? snippet.includes('class_name') : snippet.includes(l.kind),
          `${e.name}: range of ${l.kind} covers "${snippet.slice(0, 40)}"`,
        );
      }
    });
  });
}

test('an open size names its source: parameter, function and line', () => {
  const text = readFileSync(join(DIR, '18-open-parameters.ts'), 'utf8');
  const [m] = detectModels(text, '18-open-parameters.ts').models;
  assert.ok(m);
  assert.equal(
    m.inputDim.kind === 'unknown' && m.inputDim.reason,
    'the input dimension comes from parameter `inputShape` of `createModel`',
  );
  const hidden = m.unknowns.find((u) => u.symbol === 'hiddenUnits');
  assert.equal(hidden?.range?.startLine, 2);
  assert.equal(text.slice(hidden?.range?.start, hidden?.range?.end), 'hiddenUnits');
  const doubled = m.layers[1]?.units;
  assert.deepEqual(doubled?.kind === 'unknown' && doubled.expr, {
    op: '*',
    left: { op: 'sym', name: 'hiddenUnits' },
    right: { op: 'num', value: 2 },
  });
});

test('a variable reassigned elsewhere is open, with the line that reassigns it', () => {
  const text = readFileSync(join(DIR, '32-reassigned.ts'), 'utf8');
  const u = detectModels(text, '32-reassigned.ts').models[0]?.unknowns[0];
  assert.match(u?.reason ?? '', /reassigned elsewhere \(line 6\)/);
});

test('convolution geometry is read from kernelSize, strides, padding and poolSize', () => {
  const text = readFileSync(join(DIR, '22-separable-depthwise.ts'), 'utf8');
  const [m] = detectModels(text, 'x.ts').models;
  const [depthwise, separable, pool] = m?.layers ?? [];
  assert.deepEqual(depthwise?.kernelSize, [3, 3]);
  assert.equal(depthwise?.padding, 'same');
  assert.equal(depthwise?.depthMultiplier, 2);
  assert.deepEqual(separable?.kernelSize, [2, 2]);
  assert.deepEqual(separable?.strides, [2, 2]);
  assert.deepEqual(pool?.poolSize, [2, 2]);
  assert.deepEqual(pool?.strides, [2, 2]);
});
