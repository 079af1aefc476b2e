// The training-set size where the code fixes it: the first dimension of the tensor handed to
// `fit`, through constants of the same file; sizes that come from data stay unread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectModels } from '../../src/detect/index';
import { runPredict } from '../../src/cli/predict';

const TF = "import * as tf from '@tensorflow/tfjs';\n";
const MODEL = (name: string) =>
  `const ${name} = tf.sequential();\n${name}.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'tanh' }));\n${name}.add(tf.layers.dense({ units: 1 }));\n`;

const samplesOf = (text: string) => detectModels(TF + text, 'train.ts').models.map((m) => m.trainingSamples ?? null);

test('tensor2d(values, [P, d]) handed to fit: P through the constants that fix it, with the fit call line', () => {
  const text = `${MODEL('model')}const PER_CLASS = 500;\nconst NUM_EXAMPLES = PER_CLASS * 2;\nconst xs = tf.tensor2d(data, [NUM_EXAMPLES, 4]);\nawait model.fit(xs, ys, { epochs: 5 });\n`;
  assert.deepEqual(samplesOf(text), [{ value: 1000, text: 'NUM_EXAMPLES', line: 8 }]);
});

test('a tensor created in the fit call itself (randomNormal, zeros, tensor with a shape)', () => {
  assert.equal(samplesOf(`${MODEL('model')}model.fit(tf.randomNormal([256, 4]), ys);\n`)[0]?.value, 256);
  assert.equal(samplesOf(`${MODEL('model')}model.fit(tf.tensor(values, [64, 4]), ys);\n`)[0]?.value, 64);
});

test('sizes the code does not fix stay unread: data.length, a reassignable let, a shape without a batch axis', () => {
  assert.deepEqual(
    samplesOf(`${MODEL('model')}const xs = tf.tensor2d(data, [data.length, 4]);\nmodel.fit(xs, ys);\n`),
    [null],
  );
  assert.deepEqual(
    samplesOf(`${MODEL('model')}let n = 10;\nn = data.length;\nconst xs = tf.zeros([n, 4]);\nmodel.fit(xs, ys);\n`),
    [null],
  );
  assert.deepEqual(samplesOf(`${MODEL('model')}model.fit(tf.zeros([4]), ys);\n`), [null]);
  assert.deepEqual(samplesOf(`${MODEL('model')}model.fit(xs, ys);\n`), [null]);
  assert.deepEqual(samplesOf(MODEL('model')), [null]);
});

test('two models trained on different sets: each gets the size of its own fit', () => {
  const text = `${MODEL('small')}${MODEL('large')}small.fit(tf.zeros([100, 4]), ys);\nlarge.fit(tf.zeros([200, 4]), ys);\n`;
  assert.deepEqual(
    samplesOf(text).map((s) => s?.value),
    [100, 200],
  );
});

test('predict uses the size the code fixes when --samples is not given, and says where it came from', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'samples-')), 'train.js');
  writeFileSync(file, `${TF}${MODEL('model')}const N = 2000;\nmodel.fit(tf.tensor2d(values, [N, 4]), ys);\n`);
  const run = async (args: string[]) => {
    let out = '';
    const code = await runPredict([file, ...args], { out: (t) => (out += `${t}\n`), err: (t) => (out += t) });
    assert.equal(code, 0, out);
    return out;
  };
  assert.match(await run([]), /data: P = 2,000 is .*\(P = N, the tensor fit is given at line 6\)/);
  const given = await run(['--samples', '5']);
  assert.match(given, /data: P = 5 is short of P\*/);
  assert.doesNotMatch(given, /the tensor fit is given/);
  const json = JSON.parse(await run(['--json'])) as {
    models: { trainingSamples: unknown; dataBudget: { samples: number } }[];
  };
  assert.deepEqual(json.models[0]?.trainingSamples, { value: 2000, text: 'N', line: 6 });
  assert.equal(json.models[0]?.dataBudget.samples, 2000);
});
