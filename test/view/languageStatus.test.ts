// The language status item's words for the model under the cursor, from real detection and the real engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisHandlers } from '../../src/workers/analysis';
import { languageStatusText } from '../../src/view/languageStatusText';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import { fromWire } from '../../src/workers/wire';

const handlers = analysisHandlers();
const TF = "import * as tf from '@tensorflow/tfjs';\n";
const dense = (name: string, n1: number, n2: number, d: number, units = 1) =>
  `export function ${name}() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ inputShape: [${d}], units: ${n1}, activation: 'tanh', useBias: false }));\n  m.add(tf.layers.dense({ units: ${n2}, activation: 'tanh', useBias: false }));\n  m.add(tf.layers.dense({ units: ${units}, useBias: false }));\n  return m;\n}\n`;

async function statusOf(text: string, index = 0) {
  const detection = fromWire(
    (await handlers.detect({ text, fileName: 'model.ts', document: 'model.ts', listing: [] })).detection,
  );
  const model = detection.models[index];
  if (!model) return languageStatusText(null, detection.skipped);
  const { outcome } = await handlers.outcome({ model, settings: DEFAULT_SETTINGS, user: { unknowns: {}, whatIf: {} } });
  return languageStatusText({ name: model.name, outcome, count: detection.models.length });
}

test('the item shows the P* the engine gives the model, with its pattern in the detail', async () => {
  // shared/theory §6: d = 64, N1 = 256, N2 = 512, odd activation, no bias: GP → Spec, P* = 2·sqrt(N2·d) ≈ 362.
  const status = await statusOf(`${TF}${dense('buildRegressor', 256, 512, 64)}`);
  const pStar = Number(/^P\* ≈ (\d+)$/.exec(status.text)?.[1]);
  assert.ok(Math.abs(pStar - 2 * Math.sqrt(512 * 64)) / 362 < 0.02, status.text);
  assert.match(status.detail, /^buildRegressor: GP → Spec( · ⚠ .+)?$/);
  // The validity flags' marks (the CodeLens's), when there are any, make it a warning.
  assert.equal(status.severity, status.detail.includes('⚠') ? 'warning' : 'information');
});

test('several models: the detail names the one the number is for; flags raise the severity', async () => {
  const two = `${TF}${dense('narrow', 16, 32, 64)}${dense('wide', 1, 1, 64, 10)}`;
  const second = await statusOf(two, 1);
  assert.match(second.detail, /^wide \(1 of 2 models\): .+ · ⚠ /);
  assert.equal(second.severity, 'warning');
  const first = await statusOf(two, 0);
  assert.notEqual(first.text, second.text);
});

test('a file without a model, and a model that cannot be analysed, say so', async () => {
  assert.deepEqual(await statusOf('export const x = 1;\n'), {
    text: 'P*: no model',
    detail: 'no tfjs model in this file',
    severity: 'information',
  });
  assert.deepEqual(languageStatusText(null, 'binary content'), {
    text: 'P*: file skipped',
    detail: 'binary content',
    severity: 'warning',
  });
  assert.deepEqual(languageStatusText({ name: 'm', outcome: { error: 'the input dimension is open' }, count: 1 }), {
    text: 'P*: not analysed',
    detail: 'm: the input dimension is open',
    severity: 'error',
  });
});
