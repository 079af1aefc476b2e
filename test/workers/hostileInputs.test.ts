// The hostile-input suite: generated files of every family known to have hung or exhausted the
// reader, each run through the real analysis worker (detection, architecture, engine) under
// memory limits. Every case must come back with an ordinary result or a clear skip, within a
// generous time measured here and within the worker's memory limit (a case that exceeds it is
// reported "ran out of memory" and fails).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisMethods, HostMethods } from '../../src/workers/analysis';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import type { Supervisor } from '../../src/workers/supervisor';
import { analysisSupervisor } from './analysisSupervisor';
import { fromWire } from '../../src/workers/wire';

const TF = "import * as tf from '@tensorflow/tfjs';\n";
const MEMORY_MB = 256;
const TIME_MS = 5000;

let worker: Supervisor<AnalysisMethods, HostMethods>;
before(async () => {
  worker = analysisSupervisor(() => undefined, { memoryMb: MEMORY_MB, deadlineMs: 3 * TIME_MS });
  // Loading the detector from source takes seconds; it is not what is measured.
  const warm = await worker.call('detect', {
    text: `${TF}const m = tf.sequential();`,
    fileName: 'warm.ts',
    document: 'warm.ts',
    listing: [],
  });
  assert.ok(warm.ok, warm.ok ? '' : warm.skipped);
});
after(() => worker.dispose());

const model = (units: string, extra = '') =>
  `const m = tf.sequential();\nm.add(tf.layers.dense({units: ${units}, inputShape: [4], activation: 'tanh'}));${extra}\nm.add(tf.layers.dense({units: 1}));\n`;

type Case = { name: string; text: string; fileName?: string };

const FAMILIES: Record<string, (n: number) => Case> = {
  'self-add': (n) => ({ name: `self-add x${n}`, text: `${TF}${model('8')}for (let i = 0; i < ${n}; i++) m.add(m);\n` }),
  'mutual add': (n) => ({
    name: `mutual add x${n}`,
    text: `${TF}const a = tf.sequential(); const b = tf.sequential();\na.add(tf.layers.dense({units: 3, inputShape: [4]})); b.add(tf.layers.dense({units: 2}));\nfor (let i = 0; i < ${n}; i++) { a.add(b); b.add(a); }\n`,
  }),
  'chain add': (n) => ({
    name: `models added in a ring of ${n}`,
    text: `${TF}const ms = [];\nfor (let i = 0; i < ${n}; i++) { const x = tf.sequential(); x.add(tf.layers.dense({units: 4, inputShape: [4]})); ms.push(x); }\nfor (let r = 0; r < 30; r++) for (let i = 0; i < ${n}; i++) ms[i].add(ms[(i + 1) % ${n}]);\n`,
  }),
  'doubling by concat': (n) => ({
    name: `concat x${n}`,
    text: `${TF}let a = [1];\nfor (let i = 0; i < ${n}; i++) a = a.concat(a);\n${model('a.length')}`,
  }),
  'doubling by spread': (n) => ({
    name: `spread x${n}`,
    text: `${TF}let a = [1];\nfor (let i = 0; i < ${n}; i++) a = [...a, ...a];\n${model('a.length')}`,
  }),
  'doubling by push spread': (n) => ({
    name: `push(...a) x${n}`,
    text: `${TF}const a = [1];\nfor (let i = 0; i < ${n}; i++) a.push(...a);\n${model('a.length')}`,
  }),
  'doubling by string': (n) => ({
    name: `string x${n}`,
    text: `${TF}let s = 'ab';\nfor (let i = 0; i < ${n}; i++) s = s + s;\n${model('s.length')}`,
  }),
  'doubling by template': (n) => ({
    name: `template x${n}`,
    text: `${TF}let s = 'ab';\nfor (let i = 0; i < ${n}; i++) s = \`\${s}\${s}\`;\n${model('s.length')}`,
  }),
  'doubling by join': (n) => ({
    name: `join x${n}`,
    text: `${TF}let a = ['ab', 'cd'];\nfor (let i = 0; i < ${n}; i++) a = [a.join(a.join('-')), a.join('+')];\n${model('a[0].length')}`,
  }),
  'doubling by object spread': (n) => ({
    name: `object spread x${n}`,
    text: `${TF}let o = { a: 1 };\nfor (let i = 0; i < ${n}; i++) { const p = {}; for (const k of Object.keys(o)) p[k + 'x'] = o[k]; o = { ...o, ...p }; }\n${model('Object.keys(o).length')}`,
  }),
  'doubling by Object.assign': (n) => ({
    name: `Object.assign x${n}`,
    text: `${TF}let o = { a: 1 };\nfor (let i = 0; i < ${n}; i++) { const p = {}; for (const k in o) p[k + 'y'] = 1; o = Object.assign({}, o, p); }\n${model('Object.keys(o).length')}`,
  }),
  'self-squaring size': (n) => ({
    name: `w = w * w x${n}`,
    text: `${TF}function build(n) {\n  let w = n; for (let i = 0; i < ${n}; i++) w = w * w;\n  ${model('w')}  return m;\n}\n`,
  }),
  'self-adding size': (n) => ({
    name: `w = w + w x${n}`,
    text: `${TF}function build(n) {\n  let w = n; for (let i = 0; i < ${n}; i++) w = Math.max(w, w + 1) + w;\n  ${model('w')}  return m;\n}\n`,
  }),
  'reduce-concat': (n) => ({
    name: `reduce-concat over ${n}`,
    text: `${TF}const seed = Array.from({length: ${n}}, (_, i) => i);\nconst big = seed.reduce((acc, x) => acc.concat(seed), []);\n${model('big.length')}`,
  }),
  'map of concats': (n) => ({
    name: `map of concats over ${n}`,
    text: `${TF}const seed = Array.from({length: ${n}}, (_, i) => i);\nconst all = seed.map(() => seed.concat(seed.slice(0, 4000)));\n${model('all.length')}`,
  }),
  'recursion fan-out': (n) => ({
    name: `recursion fan-out ${n}`,
    text: `${TF}function f(k) { return k <= 0 ? 1 : f(k - 1) + f(k - 1); }\n${model(`f(${n})`)}`,
  }),
  'endless loops': (n) => ({
    name: `${n} endless loops`,
    text: `${TF}let n = 0;\n${'while (true) { n++; }\n'.repeat(n)}${model('n')}`,
  }),
  'deep nesting': (n) => ({
    name: `nesting ${n} deep`,
    text: `${TF}const x = ${'['.repeat(n)}1${']'.repeat(n)};\n${model('8')}`,
  }),
  'deep parentheses': (n) => ({
    name: `${n} parentheses`,
    text: `${TF}const x = ${'('.repeat(n)}8${')'.repeat(n)};\n${model('x')}`,
  }),
  'huge literal': (n) => ({
    name: `array literal of ${n}`,
    text: `${TF}const a = [${Array.from({ length: n }, (_, i) => i).join(',')}];\n${model('a[a.length - 1] % 100 + 1')}`,
  }),
  'tensor doubling by concat': (n) => ({
    name: `tf.concat([x, x]) x${n}`,
    text: `${TF}function build(rows) {\n  let x = tf.zeros([rows, 4]);\n  for (let i = 0; i < ${n}; i++) x = tf.concat([x, x.reshape([-1, x.shape[1]])]);\n  ${model('x.shape[0] + x.shape[1]')}  m.fit(x, x);\n  return m;\n}\n`,
  }),
  'tensor split fan-out': (n) => ({
    name: `tf.split into 1024 x${n}`,
    text: `${TF}let parts = [];\nfor (let i = 0; i < ${n}; i++) parts = parts.concat(tf.split(tf.zeros([1024, 4]), 1024));\n${model('parts.length')}`,
  }),
  'outputs fan-out': (n) => ({
    name: `a model of ${n} outputs applied ${n} times`,
    text: `${TF}const x = tf.input({shape: [4]});\nconst outs = Array.from({length: ${n}}, () => tf.layers.dense({units: 2}).apply(x));\nconst many = tf.model({inputs: x, outputs: outs});\nlet all = [];\nfor (let i = 0; i < ${n}; i++) all = all.concat(many.apply(x));\n${model('all.length')}`,
  }),
  'prototype names in source': () => ({
    name: 'prototype names in source',
    text: `${TF}function build(__proto__, constructor, toString) {\n  const hasOwnProperty = { valueOf: __proto__ };\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: hasOwnProperty.valueOf, inputShape: [constructor], activation: 'constructor'}));\n  m.add(tf.layers.toString({units: toString}));\n  m.add(tf.layers.__proto__({units: 2}));\n  m.add(tf.layers.dense({units: 1, activation: '__proto__'}));\n  return m;\n}\n`,
  }),
  'prototype names in model.json': () => ({
    name: 'prototype names in model.json',
    fileName: 'model.json',
    text: `{"modelTopology": {"class_name": "Sequential", "config": {"name": "__proto__", "layers": [
 {"class_name": "Dense", "config": {"units": 8, "activation": "constructor", "__proto__": {"units": 3}, "batch_input_shape": [null, 4]}},
 {"class_name": "__proto__", "config": {}}, {"class_name": "toString", "config": {}}, {"class_name": "constructor", "config": {"units": 2}},
 {"class_name": "Dense", "class_name": "hasOwnProperty", "config": {"units": 1}}]}}}`,
  }),
};

const SIZES: Record<string, number[]> = {
  'self-add': [1, 40],
  'mutual add': [16, 40],
  'chain add': [8],
  'doubling by concat': [20, 40],
  'doubling by spread': [40],
  'doubling by push spread': [40],
  'doubling by string': [40, 64],
  'doubling by template': [40],
  'doubling by join': [30],
  'doubling by object spread': [30],
  'doubling by Object.assign': [30],
  'self-squaring size': [22, 64, 1000],
  'self-adding size': [200],
  'reduce-concat': [10_000],
  'map of concats': [10_000],
  'recursion fan-out': [30],
  'endless loops': [50],
  'deep nesting': [5000],
  'deep parentheses': [20_000],
  'huge literal': [150_000],
  'tensor doubling by concat': [64, 1000],
  'tensor split fan-out': [1000],
  'outputs fan-out': [1000],
  'prototype names in source': [0],
  'prototype names in model.json': [0],
};

const CLEAR_SKIP = /took longer than|steps of work|detection failed on this text|file is .* MB|binary content/;

for (const [family, generate] of Object.entries(FAMILIES)) {
  test(`hostile input: ${family}`, async () => {
    for (const n of SIZES[family] ?? []) {
      const c = generate(n);
      const started = performance.now();
      const detected = await worker.call('detect', {
        text: c.text,
        fileName: c.fileName ?? 'hostile.ts',
        document: 'hostile',
        listing: [],
      });
      assert.ok(detected.ok, `${c.name}: the worker ${detected.ok ? '' : detected.skipped}`);
      const result = fromWire(detected.value.detection);
      if (result.skipped !== null) assert.match(result.skipped, CLEAR_SKIP, c.name);
      const answers = [];
      for (const m of result.models) {
        const answer = await worker.call('outcome', {
          model: m,
          settings: DEFAULT_SETTINGS,
          user: { unknowns: {}, whatIf: {} },
        });
        assert.ok(answer.ok, `${c.name}, model ${m.name}: the worker ${answer.ok ? '' : answer.skipped}`);
        const o = answer.value.outcome;
        // An ordinary result: an analysis, or a reason why there is none.
        assert.ok(!('error' in o) || o.error.length > 0, c.name);
        answers.push(answer.value);
      }
      const json = JSON.stringify({ result, answers });
      const ms = performance.now() - started;
      assert.ok(ms < TIME_MS, `${c.name}: ${ms.toFixed(0)} ms`);
      assert.ok(json.length < 5_000_000, `${c.name}: ${json.length} characters of JSON`);
    }
  });
}
