// Sizes from call sites: a model-building function whose parameters are open is read once per
// distinct set of arguments its calls give, in its own file and in the files that import it, each
// model labelled by its calls and each size by the call that fixes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectModels, gatherImports, toArchitecture, type ModelSpec, type ReadFile } from '../../src/detect/index';
import { normalisePath } from '../../src/detect/project';
import { runPredict } from '../../src/cli/predict';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'project', 'calls');

const fromDisk: ReadFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Detection of `file` with the files of its folder offered as possible callers (as the CLI does). */
async function detect(file: string, withFolder = true, dir = DIR): Promise<ModelSpec[]> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  const folder = withFolder ? (await readdir(dir)).map((n) => join(dir, n)).filter((p) => p !== path) : [];
  const project = await gatherImports(path, text, fromDisk, undefined, folder);
  const result = detectModels(text, path, { project });
  assert.equal(result.skipped, null);
  return result.models;
}

const shown = (file: string): string => file.slice(normalisePath(file).lastIndexOf('/') + 1);
const origins = (m: ModelSpec | undefined): string[] =>
  (m?.origins ?? []).map((o) => `${o.name}=${o.value} ${o.call ? 'call ' : ''}${shown(o.file)}:${o.line}`);
const dims = (m: ModelSpec | undefined): (number | null)[] => {
  const a = m ? toArchitecture(m, { overrides: {}, defaultInputDim: null }).architecture : null;
  return a ? [a.inputDim, ...a.layers.map((l) => (l.kind === 'dense' ? l.width : null))] : [];
};

test('one agreed call in an importing file fixes the sizes, and says from which call', async () => {
  const models = await detect('model.js');
  const classifier = models.filter((m) => m.name.startsWith('classifier'));
  assert.equal(classifier.length, 1);
  assert.equal(classifier[0]?.name, 'classifier (call at train.js:8)');
  assert.deepEqual(dims(classifier[0]), [784, 128]);
  // The argument's own origin (a constant of sizes.js, imported by train.js) is kept beside the call.
  assert.deepEqual(origins(classifier[0]), [
    'inputDim=784 call train.js:8',
    'IMAGE_SIZE=784 sizes.js:1',
    'hidden=128 call train.js:8',
  ]);
  assert.deepEqual(
    classifier[0]?.calls?.map((c) => `${shown(c.file)}:${c.line}`),
    ['train.js:8'],
  );
});

test('distinct calls give one model each, agreeing calls one model for both; a call that fixes nothing adds none', async () => {
  const encoders = (await detect('model.js')).filter((m) => m.name.startsWith('encoder'));
  assert.deepEqual(
    encoders.map((m) => m.name),
    ['encoder (calls at model_test.js:4, 8)', 'encoder (call at train.js:7)'],
  );
  assert.deepEqual(encoders.map(dims), [
    [100, 10],
    [784, 512],
  ]);
  // The object argument's fields are named after the parameter; the call through two functions
  // (run -> train -> encoder) is followed to the object written in run().
  assert.ok(origins(encoders[1]).includes('opts.latentDim=2 call train.js:7'));
});

test('a function no call fixes stays open, as before; calls only count from files that import the model file', async () => {
  const models = await detect('model.js');
  const never = models.find((m) => m.name === 'neverCalled');
  assert.equal(never?.calls, undefined);
  assert.equal(never?.inputDim.kind, 'unknown');
  // unrelated.js calls a classifier() of its own and does not import model.js: not a caller.
  assert.ok(!models.some((m) => m.calls?.some((c) => c.file.endsWith('unrelated.js'))));
  // Without the folder, the importing files are not read and the parameters stay open.
  const alone = await detect('model.js', false);
  assert.deepEqual(
    alone.map((m) => [m.name, m.inputDim.kind]),
    [
      ['encoder', 'unknown'],
      ['classifier', 'unknown'],
      ['neverCalled', 'unknown'],
    ],
  );
});

test('a call in the same file, inside a function the top level never runs, fixes the sizes', async () => {
  const [m, ...rest] = await detect('same-file.js', false);
  assert.equal(rest.length, 0);
  assert.equal(m?.name, 'build (call at same-file.js:11)');
  assert.deepEqual(dims(m), [64, 256]);
  assert.deepEqual(origins(m), ['d=64 call same-file.js:11', 'hidden=256 call same-file.js:11']);
});

test('predict: text and --json carry the call sites', async () => {
  let out = '';
  const io = {
    out: (t: string) => {
      out += `${t}\n`;
    },
    err: () => {},
  };
  assert.equal(await runPredict([join(DIR, 'model.js')], io), 0);
  assert.match(out, /^classifier \(call at train\.js:8\)/m);
  assert.match(out, /from: hidden = 128, from the call at .*calls\/train\.js:8$/m);
  out = '';
  assert.equal(await runPredict([join(DIR, 'model.js'), '--json'], io), 0);
  const models = (
    JSON.parse(out) as {
      models: {
        name: string;
        analysis: unknown;
        calls?: { file: string; line: number }[];
        sizesFrom: { call?: true; text: string }[];
      }[];
    }
  ).models;
  const classifier = models.find((m) => m.name.startsWith('classifier'));
  assert.notEqual(classifier?.analysis, null);
  assert.match(classifier?.calls?.[0]?.file ?? '', /calls\/train\.js$/);
  assert.equal(classifier?.calls?.[0]?.line, 8);
  assert.equal(classifier?.sizesFrom.find((o) => o.call)?.text.includes('from the call at'), true);
  assert.equal(models.find((m) => m.name === 'neverCalled')?.calls, undefined);
});

test('a dynamic import reads the module: through await, and in the callback of then', async () => {
  const path = join(DIR, 'dynamic.js');
  const text = await readFile(path, 'utf8');
  const project = await gatherImports(path, text, fromDisk);
  const models = detectModels(text, path, { project }).models;
  assert.deepEqual(
    models.map((m) => [m.inputDim.kind === 'known' ? m.inputDim.value : null, m.origins?.[0]?.name]),
    [
      [784, 'IMAGE_SIZE'],
      [784, 'IMAGE_SIZE'],
    ],
  );
});

const RENAMED = join(import.meta.dirname, '..', 'fixtures', 'project', 'renamed');

test('calls under another name are found: a renamed import, the default import, a namespace', async () => {
  const models = await detect('model.js', true, RENAMED);
  assert.deepEqual(
    models.map((m) => [m.name, dims(m)]),
    [
      ['build (call at train.js:5)', [20, 64]],
      ['wide (call at train.js:7)', [60, 512]],
      ['classifier (call at train.js:6)', [40, 32]],
    ],
  );
  assert.deepEqual(origins(models[0]), ['inputDim=20 call train.js:5']);
});

test('the training-set size from the importer that trains the model it built: its fit, in that file', async () => {
  const models = await detect('model.js', true, RENAMED);
  const samples = models.map((m) => m.trainingSamples);
  assert.deepEqual(samples[0] && { ...samples[0], file: shown(samples[0].file ?? '') }, {
    value: 500,
    text: '500',
    line: 8,
    file: 'train.js',
  });
  // The other models the file builds are not the one it trains.
  assert.deepEqual(samples.slice(1), [undefined, undefined]);
  let out = '';
  const io = {
    out: (t: string) => {
      out += `${t}\n`;
    },
    err: () => {},
  };
  assert.equal(await runPredict([join(RENAMED, 'model.js')], io), 0);
  assert.match(out, /P = 500, the tensor fit is given at \S*renamed\/train\.js:8\)/);
});

test('a function that is module.exports is called through the name require gives it', async () => {
  const [m, ...rest] = await detect('cjs-model.js', true, RENAMED);
  assert.equal(rest.length, 0);
  assert.equal(m?.name, 'createModel (call at cjs-train.js:3)');
  assert.deepEqual(dims(m), [8, 16]);
});
