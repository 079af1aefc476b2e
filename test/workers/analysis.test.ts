// What the analysis worker answers about values typed in the editor (sidebar fields and the
// "Enter architecture…" boxes): the handlers the worker serves, called directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisHandlers } from '../../src/workers/analysis';

const handlers = analysisHandlers();

test('a typed value is read under its field’s rule: echoed when it was an expression, refused with the reason otherwise', async () => {
  assert.deepEqual(await handlers.readInput({ text: '28*28*3', rule: 'size', known: {} }), {
    ok: true,
    value: 2352,
    echo: '= 2352',
  });
  assert.deepEqual(await handlers.readInput({ text: '[28, 28, 1]', rule: 'count', known: {} }), {
    ok: true,
    value: 784,
    echo: '= 784',
  });
  assert.deepEqual(await handlers.readInput({ text: '2*N1', rule: 'count', known: { N1: 64 } }), {
    ok: true,
    value: 128,
    echo: '= 128',
  });
  // An open size may be a loop's count, so 0 is a value; a width never is.
  assert.equal((await handlers.readInput({ text: '0', rule: 'count', known: {} })).ok, true);
  assert.equal((await handlers.readInput({ text: '0', rule: 'size', known: {} })).ok, false);
  const degree = await handlers.readInput({ text: '2.5', rule: 'degree', known: {} });
  assert.deepEqual(degree, { ok: false, reason: 'the target degree must be a whole number, got 2.5' });
  const kappa = await handlers.readInput({ text: '-1', rule: 'kappa', known: {} });
  assert.match(kappa.ok ? '' : kappa.reason, /^κ must be from 0\.000001 to 1000000, got -1$/);
  assert.deepEqual(await handlers.readInput({ text: '1/2', rule: 'kappa', known: {} }), {
    ok: true,
    value: 0.5,
    echo: '= 0.5',
  });
});

test('"Enter architecture…" answers: widths as expressions, and the architecture built from the typed boxes', async () => {
  assert.deepEqual(await handlers.readWidths({ text: '2^8, 8*d', known: { d: 64 } }), { ok: true, value: [256, 512] });
  const refused = await handlers.readWidths({ text: '256, 2.5', known: {} });
  assert.deepEqual(refused, { ok: false, error: '"2.5": a size must be a whole number, got 2.5.' });
  const built = await handlers.manualArchitecture({
    kind: 'cnn',
    widths: '32',
    inputDim: '[28, 28, 1]',
    patchSize: '4*4',
    activation: 'relu',
  });
  assert.ok(built.ok, built.ok ? '' : built.error);
  assert.equal(built.value.inputDim, 784);
  assert.deepEqual(built.value.layers[0], {
    kind: 'conv',
    channels: 32,
    patchSize: 16,
    patchCount: 49,
    activation: 'relu',
    bias: true,
  });
});
