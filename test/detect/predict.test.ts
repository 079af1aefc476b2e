// The `predict` command on fixtures: detection and the engine end to end, through the CLI's own output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPredict } from '../../src/cli/predict';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');

async function predict(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runPredict(args, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}

interface JsonModel {
  name: string;
  line: number;
  inputDim: number | null;
  hiddenWidths: (number | null)[];
  layers: { kind: string; units?: number | null; filters?: number | null; activation: string | null; line: number }[];
  unknowns: { name: string; reason: string }[];
  analysis: { reachable: boolean; sizes: Record<string, number>; pStar?: number; winner?: { label: string } } | null;
  why?: string;
}

async function predictJson(args: string[]): Promise<JsonModel[]> {
  const r = await predict([...args, '--json']);
  assert.equal(r.code, 0, r.err);
  return (JSON.parse(r.out) as { models: JsonModel[] }).models;
}

test('a fixed MLP: layers, widths and an analysis at the sizes of the code', async () => {
  const [m] = await predictJson([join(DIR, '03-functional.ts')]);
  assert.ok(m);
  assert.equal(m.name, 'teacherStudent');
  assert.equal(m.line, 8);
  assert.equal(m.inputDim, 64);
  assert.deepEqual(m.hiddenWidths, [256, 512]);
  assert.deepEqual(
    m.layers.map((l) => [l.kind, l.units, l.activation, l.line]),
    [
      ['dense', 256, 'tanh', 4],
      ['dense', 512, 'tanh', 5],
      ['dense', 1, null, 6],
    ],
  );
  assert.deepEqual(m.unknowns, []);
  assert.equal(m.analysis?.reachable, true);
  assert.deepEqual(m.analysis?.sizes, { d: 64, N1: 256, N2: 512 });
  assert.ok((m.analysis?.pStar ?? 0) > 0);
});

test('open sizes: no analysis and the reason, until --d and --set supply them', async () => {
  const [open] = await predictJson([join(DIR, '18-open-parameters.ts')]);
  assert.equal(open?.analysis, null);
  assert.equal(open?.inputDim, null);
  assert.deepEqual(
    open?.unknowns.map((u) => u.name),
    ['inputShape', 'hiddenUnits', 'numLayers'],
  );
  assert.match(open?.why ?? '', /sizes the code does not fix/);

  const [filled] = await predictJson([
    join(DIR, '18-open-parameters.ts'),
    '--d',
    '32',
    '--set',
    'hiddenUnits=16',
    '--set',
    'numLayers=1',
  ]);
  assert.equal(filled?.inputDim, 32);
  // hiddenUnits, then the loop's hiddenUnits * 2 once.
  assert.deepEqual(filled?.analysis?.sizes, { d: 32, N1: 16, N2: 32 });
});

test('models outside the theory are listed with why, next to the ones analysed', async () => {
  const models = await predictJson([join(DIR, '23-recurrent.ts')]);
  assert.deepEqual(
    models.map((m) => [m.name, m.analysis, m.why]),
    [
      ['lstmModel', null, 'outside the theory: lstm at line 4'],
      ['rnnModel', null, 'outside the theory: simpleRNN at line 10'],
      ['biModel', null, 'outside the theory: bidirectional at line 16'],
    ],
  );
});

test('conv layers report filters; model.json files work the same way', async () => {
  const [conv] = await predictJson([join(DIR, 'cnn-model.json')]);
  assert.deepEqual(conv?.layers[0], { kind: 'conv2d', filters: 16, activation: 'relu', line: 1 });
  assert.equal(conv?.analysis?.reachable, true);
  assert.deepEqual(conv?.analysis?.sizes.d, 784);
});

test('the text report names the model, its layers, the assumptions and the winner', async () => {
  const r = await predict([
    join(DIR, '18-open-parameters.ts'),
    '--d',
    '32',
    '--set',
    'hiddenUnits=16',
    '--set',
    'numLayers=0',
  ]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^createModel \(line 4, sequential\)/);
  assert.match(
    r.out,
    /assumed: input dimension d = 32 \(supplied; the input dimension comes from parameter `inputShape` of `createModel`\)/,
  );
  assert.match(r.out, /winner: .+ P\* ~ /);
});

test('bad arguments, unreadable and skipped files exit non-zero with a message', async () => {
  assert.equal((await predict([])).code, 2);
  assert.equal((await predict(['x.ts', '--d', 'many'])).code, 2);
  assert.equal((await predict(['x.ts', '--frobnicate'])).code, 2);
  const missing = await predict([join(DIR, 'no-such-file.ts')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read/);
  const dir = mkdtempSync(join(tmpdir(), 'predict-'));
  const binary = join(dir, 'blob.js');
  writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]));
  const skipped = await predict([binary]);
  assert.equal(skipped.code, 1);
  assert.match(skipped.err, /skipped: binary content/);
  const empty = join(dir, 'plain.ts');
  writeFileSync(empty, 'export const x = 1;\n');
  assert.match((await predict([empty])).out, /no TensorFlow\.js models found/);
});

test('--budget: a reading longer than the budget is skipped and says so; a generous one reads it; a bad value is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'predict-'));
  const file = join(dir, 'busy.js');
  writeFileSync(
    file,
    [
      "import * as tf from '@tensorflow/tfjs';",
      'let total = 0;',
      'for (let i = 0; i < 300; i++) for (let j = 0; j < 300; j++) total += j;',
      'const model = tf.sequential();',
      "model.add(tf.layers.dense({ inputShape: [8], units: total > 0 ? 16 : 1, activation: 'tanh' }));",
      'model.add(tf.layers.dense({ units: 1 }));',
      '',
    ].join('\n'),
  );
  const short = await predict([file, '--budget', '1']);
  assert.equal(short.code, 1);
  assert.match(short.err, /skipped: reading the code took longer than 1 ms/);
  assert.deepEqual(
    (await predictJson([file, '--budget', '60000'])).map((m) => m.inputDim),
    [8],
  );
  const bad = await predict([file, '--budget', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--budget/);
});
