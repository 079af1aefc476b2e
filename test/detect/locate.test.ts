// Detection finds creation calls and reassignments by searching the text for names, then reading
// the tree at each place found. These are the cases where text and tree disagree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectModels, type ModelSpec } from '../../src/detect/index';

const TF = "import * as tf from '@tensorflow/tfjs';\n";

function models(text: string, fileName = 'm.ts'): ModelSpec[] {
  const r = detectModels(text, fileName);
  assert.equal(r.skipped, null);
  return r.models;
}

const units = (m: ModelSpec | undefined): (number | string)[] =>
  (m?.layers ?? []).map((l) => (l.units?.kind === 'known' ? l.units.value : `?${l.units?.symbol ?? '-'}`));

test('creation calls named in comments, strings and longer names are not models', () => {
  const text = `${TF}// const m = tf.sequential();\nconst s = "tf.sequential()";\nconst t = \`tf.model(\${s})\`;\nconst sequentialLike = tf.sequentialish();\nexport function model2() { return tf.models.modelFromJSON(s); }\n`;
  assert.deepEqual(models(text), []);
});

test('a creation name written with a unicode escape is the same name', () => {
  // The source spells `sequential` differently from the tree's identifier text.
  const text = `${TF}export function build() {\n  const m = tf.sequenti\\u0061l();\n  m.add(tf.layers.dense({ inputShape: [3], units: 5 }));\n  return m;\n}\n`;
  const found = models(text);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.name, 'build');
  assert.deepEqual(units(found[0]), [5]);
});

test('aliases from a string-named import and from destructuring create models', () => {
  const text =
    "import { 'sequential' as seq } from '@tensorflow/tfjs';\nimport * as tf from '@tensorflow/tfjs';\n" +
    'const { model: makeModel } = tf;\n' +
    'export function a() {\n  const m = seq();\n  m.add(tf.layers.dense({ inputShape: [2], units: 7 }));\n  return m;\n}\n' +
    'export function b() {\n  const x = tf.input({ shape: [4] });\n  return makeModel({ inputs: x, outputs: tf.layers.dense({ units: 3 }).apply(x) });\n}\n';
  const found = models(text);
  assert.deepEqual(
    found.map((m) => [m.name, m.style, m.inputDim.kind === 'known' ? m.inputDim.value : null]),
    [
      ['a', 'sequential', 2],
      ['b', 'functional', 4],
    ],
  );
});

test('a reassignment counts only inside a function, and the first such line is named', () => {
  const text =
    `${TF}let width = 8;\nwidth = 9;\nfunction grow() {\n  width += 1;\n}\nfunction shrink() {\n  width--;\n}\n` +
    'export function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [1], units: width }));\n  return m;\n}\n';
  const u = models(text)[0]?.layers[0]?.units;
  assert.equal(u?.kind, 'unknown');
  assert.match(u?.kind === 'unknown' ? u.reason : '', /reassigned elsewhere \(line 5\)/);
});

test('a name only assigned at the top level, or only shadowed in a function, stays known', () => {
  const text =
    `${TF}let width = 8;\nwidth = 12;\nfunction other(width: number) {\n  return width * 2;\n}\n` +
    'export function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [1], units: width }));\n  return m;\n}\n';
  assert.deepEqual(units(models(text)[0]), [12]);
});

test('a model built inside another creation call and one in a nested function are both found, in source order', () => {
  const text =
    `${TF}export function outer() {\n  const inner = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 })] });\n` +
    '  const x = tf.input({ shape: [5] });\n  const y = tf.layers.dense({ units: 6 }).apply(x);\n  return tf.model({ inputs: x, outputs: y });\n}\n';
  const found = models(text);
  assert.deepEqual(
    found.map((m) => m.style),
    ['sequential', 'functional'],
  );
  assert.deepEqual(found.map(units), [[3], [6]]);
});

test('a module-level let the function itself assigns is read back in that run (tfjs-examples data-generator)', () => {
  const text =
    `${TF}let GLOBAL_MODEL;\nconst SIZES = { features: 13 };\n` +
    'export function createModel() {\n  GLOBAL_MODEL = tf.sequential();\n' +
    "  GLOBAL_MODEL.add(tf.layers.dense({ inputShape: [SIZES.features], units: 20, activation: 'relu' }));\n" +
    '  GLOBAL_MODEL.add(tf.layers.dense({ units: 1 }));\n  return GLOBAL_MODEL;\n}\n' +
    'export function reset() {\n  GLOBAL_MODEL = null;\n}\n';
  const [m] = models(text);
  assert.equal(m?.inputDim.kind === 'known' ? m.inputDim.value : null, 13);
  assert.deepEqual(units(m), [20, 1]);
});
