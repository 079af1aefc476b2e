// Regression tests, one per defect found by reading hostile files: each ends quickly with a clear
// message instead of hanging, exhausting memory or answering with a confident wrong model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectModels, toArchitecture, type ModelSpec } from '../../src/detect/index';
import { MAX_ARRAY, MAX_EXPR_NODES, MAX_LAYERS, MAX_LOOP } from '../../src/detect/limits';
import { evalSizeExpr, exprSymbols } from '../../src/detect/values';
import type { SizeExpr } from '../../src/detect/types';
import { main } from '../../src/cli/main';

const TF = "import * as tf from '@tensorflow/tfjs';\n";

/** Detection plus reading the architecture, as the editor does; throws on a bound overrun. */
function read(body: string, overrides: Record<string, number> = {}, fileName = 'hostile.ts') {
  const started = performance.now();
  const result = detectModels(TF + body, fileName);
  const archs = result.models.map((m) => toArchitecture(m, { overrides, defaultInputDim: null }));
  const json = JSON.stringify({ result, archs });
  const ms = performance.now() - started;
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  assert.ok(json.length < 5_000_000, `JSON of ${json.length} characters`);
  return { result, archs, json };
}

function only(models: ModelSpec[], name: string): ModelSpec {
  const m = models.find((x) => x.name === name);
  assert.ok(m, `model ${name} among ${models.map((x) => x.name).join(', ')}`);
  return m;
}

test('self-added model: a model added to itself is a cycle, reported as such', () => {
  const { result, archs } = read(
    'const m = tf.sequential(); m.add(tf.layers.dense({units: 1, inputShape: [4]})); m.add(m);',
  );
  const m = only(result.models, 'm');
  assert.equal(m.layers.length, 1);
  assert.match(m.error ?? '', /line 2 adds the model to itself: a cycle/);
  assert.equal(archs[0]?.architecture, null);
  assert.match(archs[0]?.why ?? '', /cycle/);
});

test('mutually added models: adding a model to one that contains it is a cycle, and nothing grows exponentially', () => {
  const { result } = read(`const a = tf.sequential(); const b = tf.sequential();
a.add(tf.layers.dense({units: 3, inputShape: [4]})); b.add(tf.layers.dense({units: 2}));
for (let i = 0; i < 40; i++) { a.add(b); b.add(a); }`);
  const b = only(result.models, 'b');
  assert.match(b.error ?? '', /adds a model that already contains this one: a cycle/);
  assert.ok(only(result.models, 'a').layers.length <= MAX_LAYERS);
});

test('concat doubling: an array that outgrows the cap is left open, with a note', () => {
  const { result, archs } = read(`let a = [1]; for (let i = 0; i < 40; i++) a = a.concat(a);
const m = tf.sequential(); m.add(tf.layers.dense({units: a.length, inputShape: [4]})); m.add(tf.layers.dense({units: 1}));`);
  const m = only(result.models, 'm');
  assert.ok(
    m.notes.some((n) => n.includes(`more than ${MAX_ARRAY}`) && n.includes('a.concat(a)')),
    m.notes.join('\n'),
  );
  assert.equal(m.layers[0]?.units?.kind, 'unknown');
  assert.equal(archs[0]?.architecture, null);
});

test('self-squaring size: the expression is kept as one open size, and a value for it gives the width', () => {
  const body = (rounds: number) => `function build(n) {
  let w = n; for (let i = 0; i < ${rounds}; i++) w = w * w;
  const m = tf.sequential(); m.add(tf.layers.dense({units: w, inputShape: [4]})); m.add(tf.layers.dense({units: 1}));
  return m;
}`;
  for (const rounds of [22, 64]) {
    const { result, json } = read(body(rounds));
    const m = only(result.models, 'build');
    const units = m.layers[0]?.units;
    assert.equal(units?.kind, 'unknown');
    assert.ok(json.length < 20_000, `${rounds} rounds: JSON of ${json.length} characters`);
    const symbol = units?.kind === 'unknown' ? units.symbol : '';
    assert.equal(symbol, 'f(n)');
    assert.match(
      m.unknowns.find((u) => u.symbol === symbol)?.reason ?? '',
      new RegExp(`more than ${MAX_EXPR_NODES} operations`),
    );
    const arch = toArchitecture(m, { overrides: { [symbol]: 16 }, defaultInputDim: null });
    assert.deepEqual(
      arch.architecture?.layers.map((l) => l.kind === 'dense' && l.width),
      [16],
    );
  }
  // Three squarings stay an expression in `n`: a value for n folds through.
  const { result } = read(body(3));
  const arch = toArchitecture(only(result.models, 'build'), { overrides: { n: 2 }, defaultInputDim: null });

  assert.deepEqual(
    arch.architecture?.layers.map((l) => l.kind === 'dense' && l.width),
    [256],
  );
});

test('two sizes too large to keep are two open sizes, f(n) and f2(n); the same arithmetic read twice is one', () => {
  const { result } = read(`function square(n) { let w = n; for (let i = 0; i < 22; i++) w = w * w; return w; }
function build(n) {
let v = n; for (let i = 0; i < 22; i++) v = v * v * v;
const m = tf.sequential();
m.add(tf.layers.dense({units: square(n), inputShape: [4]}));
m.add(tf.layers.dense({units: v}));
m.add(tf.layers.dense({units: square(n)}));
m.add(tf.layers.dense({units: 1}));
return m;
}`);
  const m = only(result.models, 'build');
  const symbols = m.layers.map((l) => (l.units?.kind === 'unknown' ? l.units.symbol : null));
  // v is read first: its loop runs before the layers are added.
  assert.deepEqual(symbols, ['f2(n)', 'f(n)', 'f2(n)', null]);
  assert.deepEqual(m.unknowns.map((u) => u.symbol).sort(), ['f(n)', 'f2(n)']);
  const arch = toArchitecture(m, { overrides: { 'f2(n)': 16, 'f(n)': 8 }, defaultInputDim: null });
  assert.deepEqual(
    arch.architecture?.layers.map((l) => l.kind === 'dense' && l.width),
    [16, 8, 16],
  );
  // Names start again in each reading of a file: the same file reads the same way every time.
  const again = only(
    read(`function build(n) {
let v = n; for (let i = 0; i < 22; i++) v = v * v * v;
const m = tf.sequential(); m.add(tf.layers.dense({units: v, inputShape: [4]})); m.add(tf.layers.dense({units: 1}));
return m;
}`).result.models,
    'build',
  );
  assert.equal(again.layers[0]?.units?.kind === 'unknown' && again.layers[0].units.symbol, 'f(n)');
});

test('shared size expressions: symbols and values are computed once per node, not once per path', () => {
  let e: SizeExpr = { op: 'sym', name: 'n' };
  for (let i = 0; i < 200; i++) e = { op: '+', left: e, right: e };
  assert.deepEqual(exprSymbols(e), ['n']);
  assert.equal(
    evalSizeExpr(e, () => 0),
    0,
  );
  assert.equal(
    evalSizeExpr(e, (s) => (s === 'n' ? 1 : null)),
    2 ** 200,
  );
});

test('reduce-concat: built-ins are charged by the size of what they produce, so the budget stops them in time', () => {
  const started = performance.now();
  const result = detectModels(
    `${TF}const seed = Array.from({length: 10000}, (_, i) => i);
const big = seed.reduce((acc, x) => acc.concat(seed), []);
const m = tf.sequential(); m.add(tf.layers.dense({units: big.length, inputShape: [4]})); m.add(tf.layers.dense({units: 1}));`,
    'r.ts',
  );
  const ms = performance.now() - started;
  assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms against a 500 ms budget`);
  if (result.skipped === null) {
    assert.ok(result.models[0]?.notes.some((n) => n.includes(`more than ${MAX_ARRAY}`)));
  } else {
    assert.match(result.skipped, /took longer than 500 ms|steps of work/);
  }
});

test('work cap: reading stops after a fixed amount of work whatever the clock allows', () => {
  const result = detectModels(
    `${TF}let s = 0;
for (let i = 0; i < 1000; i++) for (let j = 0; j < 1000; j++) for (let k = 0; k < 1000; k++) s = s + 1;
const m = tf.sequential(); m.add(tf.layers.dense({units: s, inputShape: [4]}));`,
    'w.ts',
    { budgetMs: 600_000 },
  );
  assert.match(result.skipped ?? '', /did more than 2,000,000 steps of work/);
});

test('prototype names in model.json: class_name constructor, __proto__, toString are layers outside the theory', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const text = JSON.stringify({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { units: 8, activation: 'tanh', batch_input_shape: [null, 4] } },
            { class_name: name, config: {} },
            { class_name: 'Dense', config: { units: 1 } },
          ],
        },
      },
    });
    const result = detectModels(text, 'model.json');
    const m = result.models[0];
    assert.ok(m, `${name}: ${result.skipped}`);
    assert.equal(m.layers[1]?.kind, name);
    assert.equal(m.layers[1]?.role, 'outside-theory');
    assert.match(
      toArchitecture(m, { overrides: {}, defaultInputDim: null }).why ?? '',
      new RegExp(`outside the theory: ${name}`),
    );
  }
});

test('prototype names in source: activation constructor is outside the theory, tf.layers.toString is no passthrough', () => {
  const { archs } = read(
    "const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4], activation: 'constructor'})); m.add(tf.layers.dense({units: 1}));",
  );
  assert.match(archs[0]?.why ?? '', /outside the theory: activation 'constructor'/);
  const { result } = read(
    'const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]})); m.add(tf.layers.toString({units: 3})); m.add(tf.layers.dense({units: 1}));',
  );
  assert.equal(result.models[0]?.layers[1]?.role, 'outside-theory');
});

test('prototype names as open sizes: a value for `__proto__` or `constructor` is supplied like any other', async () => {
  const body =
    'function build(__proto__, constructor) { const m = tf.sequential(); m.add(tf.layers.dense({units: __proto__, inputShape: [constructor]})); m.add(tf.layers.dense({units: 1})); return m; }';
  const { result } = read(body);
  const m = only(result.models, 'build');
  assert.equal(toArchitecture(m, { overrides: {}, defaultInputDim: null }).architecture, null);
  const overrides: Record<string, number> = JSON.parse('{"__proto__": 12, "constructor": 5}') as Record<string, number>;
  assert.deepEqual(toArchitecture(m, { overrides, defaultInputDim: null }).architecture, {
    inputDim: 5,
    layers: [{ kind: 'dense', width: 12, activation: 'linear', bias: true }],
  });
  // The CLI's --set reaches the same table.
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'proto.ts');
  writeFileSync(file, TF + body);
  const out: string[] = [];
  const code = await main(['predict', file, '--json', '--set', '__proto__=12', '--set', 'constructor=5'], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  });
  assert.equal(code, 0, out.join('\n'));
  const report = JSON.parse(out.join('\n')) as {
    models: { inputDim: number; hiddenWidths: (number | null)[]; analysis: unknown }[];
  };
  assert.equal(report.models[0]?.inputDim, 5);
  assert.notEqual(report.models[0]?.analysis, null);
  const unknownCommand: string[] = [];
  assert.equal(
    await main(['constructor'], { out: (t) => unknownCommand.push(t), err: (t) => unknownCommand.push(t) }),
    2,
  );
  assert.match(unknownCommand.join('\n'), /unknown command 'constructor'/);
});

test('loop cap: while (true) stops at the cap with a note', () => {
  const { result } = read(
    'const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]}));\nlet n = 0; while (true) { n++; }\nm.add(tf.layers.dense({units: n}));',
  );
  const m = only(result.models, 'm');
  assert.ok(
    m.notes.some(
      (n) => n === `the loop at line 3 runs more than ${MAX_LOOP} times; only the first ${MAX_LOOP} were read`,
    ),
    m.notes.join('\n'),
  );
  assert.equal(m.layers[1]?.units?.kind === 'known' && m.layers[1].units.value, MAX_LOOP);
});

test('loop cap: for-of over a longer array stops at the cap with a note', () => {
  const { result } = read(
    'const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]}));\nlet n = 0; for (const x of new Array(5000)) n++;\nm.add(tf.layers.dense({units: n}));',
  );
  assert.ok(only(result.models, 'm').notes.some((n) => n.startsWith('the loop at line 3 runs more than')));
});

test('recursion cap: calls nested past the cap leave a note, not a silent shorter model', () => {
  const { result } = read(`function grow(m, k) { m.add(tf.layers.dense({units: 8})); if (k > 0) grow(m, k - 1); }
const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]})); grow(m, 20); m.add(tf.layers.dense({units: 1}));`);
  const m = only(result.models, 'm');
  assert.ok(
    m.notes.some((n) => /calls nest more than 8 deep at line 2 \(`grow\(\)`\)/.test(n)),
    m.notes.join('\n'),
  );
});

test('layer cap: a model of more layers than the cap says so (not "the loop repeats 1 times")', () => {
  const { result, archs } = read(`const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]}));
for (let i = 0; i < 999; i++) m.add(tf.layers.dense({units: 8}));
m.add(tf.layers.dense({units: 1}));`);
  assert.equal(result.models[0]?.layers.length, MAX_LAYERS);
  assert.equal(
    archs[0]?.why,
    `the model has more than ${MAX_LAYERS} layers (line 4); detection reads models of up to ${MAX_LAYERS} layers`,
  );
  // An open loop bound that expands past the cap is named too.
  const open = read(
    'function f(k) { const m = tf.sequential(); m.add(tf.layers.dense({units: 8, inputShape: [4]})); for (let i = 0; i < k; i++) m.add(tf.layers.dense({units: 8})); m.add(tf.layers.dense({units: 1})); return m; }',
    { k: 5000 },
  );
  assert.match(
    open.archs[0]?.why ?? '',
    new RegExp(`more than ${MAX_LAYERS} layers \\(the loop adding the dense at line 2 repeats 5000 times\\)`),
  );
});

test('model.json duplicate keys are read last-wins everywhere, like JSON.parse', () => {
  const text = `{"modelTopology": {"class_name": "Sequential", "config": {"name": "dup", "layers": [
 {"class_name": "LSTM", "class_name": "Dense", "config": {"units": 4, "units": 16, "activation": "relu", "batch_input_shape": [null, 8]}},
 {"class_name": "Dense", "config": {"units": 1}}]}}}`;
  const parsed = JSON.parse(text) as {
    modelTopology: { config: { layers: { class_name: string; config: { units: number } }[] } };
  };
  const m = detectModels(text, 'model.json').models[0];
  assert.equal(m?.layers[0]?.kind, parsed.modelTopology.config.layers[0]?.class_name.toLowerCase());
  assert.deepEqual(m?.layers[0]?.units, { kind: 'known', value: parsed.modelTopology.config.layers[0]?.config.units });
});

test('syntax error mid-file: the models carry a note that layers near it may be missing', () => {
  const { result } = read(
    'const m = tf.sequential();\nm.add(tf.layers.dense({units: 8, inputShape: [4]}));\nfunction ( {\nm.add(tf.layers.dense({units: 4}));\nm.add(tf.layers.dense({units: 1}));',
  );
  assert.ok(
    result.models[0]?.notes.some((n) => /^syntax error at line 4 \(/.test(n)),
    result.models[0]?.notes.join('\n'),
  );
  const clean = read(
    'const m = tf.sequential();\nm.add(tf.layers.dense({units: 8, inputShape: [4]}));\nm.add(tf.layers.dense({units: 1}));',
  );
  assert.ok(!clean.result.models[0]?.notes.some((n) => n.startsWith('syntax error')));
});

test('getters are followed: a class `get model()` and an object `get units()`', () => {
  const { result, archs } = read(`const cfg = { base: 16, get units() { return this.base * 2; } };
class Net {
  get model() {
    const m = tf.sequential();
    m.add(tf.layers.dense({units: cfg.units, inputShape: [4], activation: 'tanh'}));
    m.add(tf.layers.dense({units: 1}));
    return m;
  }
}`);
  assert.equal(result.models.length, 1);
  assert.deepEqual(
    archs[0]?.architecture?.layers.map((l) => l.kind === 'dense' && l.width),
    [32],
  );
});
