// Tensor shapes through the tfjs ops code uses to build its data (tensor2d, slice, concat, reshape,
// oneHot, gather, split, stack…): the shape arithmetic itself, sizes read off `.shape` into a
// model, the training-set size from the tensor given to `fit`, a data-building function of another
// file run where it is written, and the outputs of a model of several outputs destructured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectModels, gatherImports, toArchitecture, type ModelSpec, type ReadFile } from '../../src/detect/index';
import { normalisePath } from '../../src/detect/project';
import {
  broadcastDims,
  concatDims,
  dimsOfValues,
  gatherDims,
  reshapeDims,
  sliceDims,
  splitDims,
  squeezeDims,
  stackDims,
  type Dims,
} from '../../src/detect/tensorShapes';
import { runPredict } from '../../src/cli/predict';
import { opaque, unknownSymbol, type Value } from '../../src/detect/values';

const TF = "import * as tf from '@tensorflow/tfjs';\n";
const n = (value: number): Value => ({ kind: 'number', value });
const arr = (...items: Value[]): Value => ({ kind: 'array', items });
const nums = (...xs: number[]): Value => arr(...xs.map(n));
/** A shape as text: numbers as they are, open sizes by name, an unreadable shape as null. */
const text = (d: Dims | null): string | null =>
  d === null
    ? null
    : d
        .map((x) =>
          x.kind === 'number' ? String(x.value) : x.kind === 'unknown' ? (x.free[0]?.symbol ?? '?') : x.kind,
        )
        .join('x');

test('shape arithmetic: slice with -1 and short sizes, concat and stack, reshape -1, split, gather, squeeze, broadcast', () => {
  const d = [n(10), n(4)];
  assert.equal(text(sliceDims(d, nums(2, 0), nums(-1, 4))), '8x4');
  assert.equal(text(sliceDims(d, n(3), undefined)), '7x4');
  assert.equal(text(sliceDims(d, nums(0, 0, 0), undefined)), null, 'a begin longer than the rank');
  assert.equal(text(concatDims([d, [n(5), n(4)]], undefined, null)), '15x4');
  assert.equal(text(concatDims([d, [n(10), n(2)]], n(-1), null)), '10x6');
  assert.equal(text(concatDims([d, [n(5)]], n(0), null)), null, 'ranks differ');
  // A list pushed to by a loop of open count k is k times its one representative: k*10 rows, open.
  const looped = concatDims([d], n(0), unknownSymbol('k', 'a loop count', null));
  assert.equal(looped?.[0]?.kind, 'unknown');
  assert.deepEqual(looped?.[0]?.kind === 'unknown' ? looped[0].expr : null, {
    op: '*',
    left: { op: 'sym', name: 'k' },
    right: { op: 'num', value: 10 },
  });
  assert.equal(text(looped?.slice(1) ?? null), '4');
  assert.equal(text(stackDims([d, d, d], n(1), n(3))), '10x3x4');
  assert.equal(text(reshapeDims([n(12), n(6)], nums(-1, 3, 2))), '12x3x2');
  assert.equal(text(reshapeDims([n(12), n(6)], nums(-1, -1))), null, 'two free sizes');
  assert.deepEqual(splitDims([n(12), n(6)], n(3), undefined)?.map(text), ['4x6', '4x6', '4x6']);
  assert.deepEqual(splitDims([n(12), n(6)], nums(2, -1), n(1))?.map(text), ['12x2', '12x4']);
  assert.equal(text(gatherDims([n(50), n(28), n(28)], [n(7)], undefined)), '7x28x28');
  assert.equal(text(gatherDims([n(50), n(8)], [n(2), n(3)], n(1))), '50x2x3');
  assert.equal(text(squeezeDims([n(5), n(1), n(3), n(1)], undefined)), '5x3');
  assert.equal(text(squeezeDims([n(5), opaque('k', '', null), n(1)], undefined)), null, 'an open size may be 1');
  assert.equal(text(squeezeDims([n(5), opaque('k', '', null), n(1)], n(-1))), '5xk');
  assert.equal(text(broadcastDims([n(10), n(4)], [n(4)])), '10x4');
  assert.equal(text(broadcastDims([n(10), n(1)], [n(1), n(4)])), '10x4');
  assert.equal(text(broadcastDims([n(10), n(4)], [n(3)])), null, 'shapes tfjs would refuse');
  assert.equal(text(dimsOfValues(arr(nums(1, 2, 3), nums(4, 5, 6)), 2)), '2x3');
  assert.equal(text(dimsOfValues(arr(nums(1, 2, 3), nums(4, 5, 6)), 3)), null, 'tensor3d of rows of numbers');
  assert.equal(text(dimsOfValues(opaque('rows', '', null), null)), null);
  // A shape deeper than any tfjs tensor is not read.
  let deep: Value = n(1);
  for (let i = 0; i < 12; i++) deep = arr(deep);
  assert.equal(dimsOfValues(deep, null), null);
});

const dimsOf = (m: ModelSpec | undefined): (number | null)[] => {
  const a = m ? toArchitecture(m, { overrides: {}, defaultInputDim: null }).architecture : null;
  return a ? [a.inputDim, ...a.layers.map((l) => (l.kind === 'dense' ? l.width : null))] : [];
};

const readout = (m: ModelSpec | undefined): number | null => {
  const units = m?.layers.at(-1)?.units;
  return units?.kind === 'known' ? units.value : null;
};

test('sizes read off data tensors: tensor2d with its shape, slice, concat of a list built by a loop, oneHot, tf.tidy', () => {
  const text = `${TF}const ROWS = [[1, 2, 3, 0], [4, 5, 6, 1], [7, 8, 9, 1], [1, 3, 5, 0], [2, 4, 6, 1]];
const parts = [];
const labels = [];
for (const k of [0, 1]) {
  const mine = ROWS.filter((r) => r[3] === k).map((r) => r.slice(0, 3));
  const t = tf.tidy(() => tf.tensor2d(mine, [mine.length, mine[0].length]));
  parts.push(t.slice([0, 0], [-1, 2]));
  labels.push(tf.oneHot(tf.tensor1d(mine.map(() => k), 'int32'), 2));
}
const xs = tf.concat(parts);
const ys = tf.concat(labels, 0);
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [xs.shape[1]] }));
model.add(tf.layers.dense({ units: ys.shape[1], activation: 'softmax' }));
model.fit(xs, ys);
`;
  const [m] = detectModels(text, 'rows.js').models;
  assert.deepEqual(dimsOf(m), [2, 8]);
  assert.deepEqual(readout(m), 2);
  assert.deepEqual(m?.trainingSamples, { value: 5, text: 'xs.shape[0]', line: 16 });
});

test('the examples are not read off data of one axis, nor off a tensor whose shape the code leaves open', () => {
  const model = `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 8, inputShape: [4] }));\nmodel.add(tf.layers.dense({ units: 1 }));\n`;
  const samples = (t: string) => detectModels(`${TF}${model}${t}`, 's.js').models[0]?.trainingSamples ?? null;
  assert.equal(samples('model.fit(tf.tensor1d([1, 2, 3, 4]), ys);\n'), null);
  assert.equal(samples('model.fit(tf.tensor2d(rows), ys);\n'), null);
  assert.equal(samples('model.fit(tf.tensor2d(rows).reshape([-1, 4]), ys);\n'), null);
  assert.equal(samples('model.fit(tf.zeros([30, 4]).concat(tf.ones([10, 4])), ys);\n')?.value, 40);
});

const fromDisk: ReadFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

async function detectProject(path: string, budgetMs?: number): Promise<ModelSpec[]> {
  const text = await readFile(path, 'utf8');
  const project = await gatherImports(path, text, fromDisk);
  const result = detectModels(text, path, { project, ...(budgetMs ? { budgetMs } : {}) });
  assert.equal(result.skipped, null);
  return result.models;
}

test('a data-building function of another file runs where it is written: d, the classes and P from the tensors it returns', async () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'project', 'data');
  const [m] = await detectProject(join(dir, 'train.js'));
  assert.equal(m?.name, 'fitClassifier');
  // Five features (the kind column cut off), three kinds, a quarter of each kind's four seeds held out.
  assert.deepEqual(dimsOf(m), [5, 24]);
  assert.equal(readout(m), 3);
  assert.deepEqual(m?.trainingSamples, { value: 9, text: 'xs.shape[0]', line: 10 });
  const seeds = normalisePath(join(dir, 'seeds.js'));
  assert.deepEqual(
    (m?.origins ?? []).map((o) => [o.name, o.value, o.file === seeds, o.line]),
    [
      ['trainingSet()[0].shape[1]', 5, true, 22],
      ['trainingSet()[1].shape[1]', 3, true, 22],
    ],
  );
});

test('calls into another file: code passed to it stays open, and a module that uses up its work budget gives an open result', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tensor-shapes-'));
  writeFileSync(
    join(dir, 'helpers.js'),
    `export function width(rows, pick) { return pick(rows); }
export function spin() { let s = 0; for (let i = 0; i < 1000; i++) for (let j = 0; j < 1000; j++) for (let k = 0; k < 1000; k++) s = s + 1; return 4; }
export function features(rows) { return rows[0].length; }
`,
  );
  const main = join(dir, 'main.js');
  writeFileSync(
    main,
    `${TF}import { width, spin, features } from './helpers';
const ROWS = [[1, 2, 3], [4, 5, 6]];
const c = tf.sequential();
c.add(tf.layers.dense({ units: 8, inputShape: [features(ROWS)] }));
c.add(tf.layers.dense({ units: 1 }));
const a = tf.sequential();
a.add(tf.layers.dense({ units: 8, inputShape: [width(ROWS, (r) => r.length)] }));
a.add(tf.layers.dense({ units: 1 }));
const b = tf.sequential();
b.add(tf.layers.dense({ units: 8, inputShape: [spin()] }));
b.add(tf.layers.dense({ units: 1 }));
`,
  );
  // The module's budget is spent by spin(): a call after it is open too, so the one that reads is first.
  const [c, a, b] = await detectProject(main, 60_000);
  assert.equal(a?.inputDim?.kind, 'unknown');
  assert.equal(b?.inputDim?.kind, 'unknown');
  assert.deepEqual(dimsOf(c), [3, 8]);
});

async function predictJson(file: string): Promise<{ name: string; why?: string; analysis: unknown }[]> {
  let out = '';
  const code = await runPredict([file, '--json'], { out: (t) => (out += t), err: (t) => (out += t) });
  assert.equal(code, 0, out);
  return (JSON.parse(out) as { models: { name: string; why?: string; analysis: unknown }[] }).models;
}

test('a model of several outputs applied and destructured: the combined model reads on, to the layer outside the theory', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'multi-output-')), 'gan.js');
  writeFileSync(
    file,
    `${TF}function generator(latent) {
  const g = tf.sequential();
  g.add(tf.layers.dense({ units: 49, inputShape: [latent] }));
  g.add(tf.layers.reshape({ targetShape: [7, 7, 1] }));
  g.add(tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 4, padding: 'same' }));
  return g;
}
function discriminator() {
  const image = tf.input({ shape: [28, 28, 1] });
  const f = tf.layers.flatten().apply(image);
  const real = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(f);
  const digit = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(f);
  return tf.model({ inputs: image, outputs: [real, digit] });
}
function combined(latent, g, d) {
  const z = tf.input({ shape: [latent] });
  let fake = g.apply(z);
  let digit;
  [fake, digit] = d.apply(fake);
  return tf.model({ inputs: z, outputs: [fake, digit] });
}
combined(16, generator(16), discriminator());
`,
  );
  const models = await predictJson(file);
  const c = models.find((m) => m.name === 'combined');
  assert.equal(c?.analysis, null);
  assert.equal(c?.why, 'outside the theory: conv2dTranspose at line 6');
});
