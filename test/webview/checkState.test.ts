import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckContext, ViewState } from '../../src/protocol';
import { initialState, reduce, restore, shownCheck, type WebviewState } from '../../webview/state';
import { sampleResult } from './checkFixture';

const empty: ViewState = { kind: 'empty', message: 'no model', fileName: null };
const ctx = (key: string | null): CheckContext => ({
  key,
  blocked: key === null ? 'conv layers' : null,
  budget: 'quick',
});
const withView = (s: WebviewState, key: string | null) =>
  reduce(s, { type: 'hostView', view: empty, ack: 0, check: ctx(key) });

test('progress, then the result, for the shown model', () => {
  let s = withView(initialState, 'k1');
  assert.equal(shownCheck(s), null);
  s = reduce(s, { type: 'check', message: { type: 'checkProgress', key: 'k1', done: 3, total: 42, message: 'd = 8' } });
  assert.deepEqual(shownCheck(s), { key: 'k1', phase: 'running', done: 3, total: 42, message: 'd = 8' });
  s = reduce(s, { type: 'check', message: { type: 'checkResult', key: 'k1', result: sampleResult, cached: false } });
  const shown = shownCheck(s);
  assert.equal(shown?.phase, 'done');
  assert.equal(shown?.phase === 'done' ? shown.result.verdict.status : null, 'inconclusive');
});

test('a check for another model is not shown, and comes back with its model', () => {
  let s = withView(initialState, 'k1');
  s = reduce(s, { type: 'check', message: { type: 'checkResult', key: 'k1', result: sampleResult, cached: false } });
  s = withView(s, 'k2');
  assert.equal(shownCheck(s), null);
  s = withView(s, null);
  assert.equal(shownCheck(s), null, 'a model that cannot be checked shows no result');
  s = withView(s, 'k1');
  assert.equal(shownCheck(s)?.phase, 'done');
});

test("progress of a run for another model does not hide the shown model's result", () => {
  let s = withView(initialState, 'k2');
  s = reduce(s, { type: 'check', message: { type: 'checkResult', key: 'k2', result: sampleResult, cached: true } });
  s = reduce(s, { type: 'check', message: { type: 'checkProgress', key: 'k1', done: 9, total: 42, message: 'd = 4' } });
  assert.equal(shownCheck(s)?.key, 'k2');
  assert.equal(shownCheck(s)?.phase, 'done');
});

test('a cancelled re-run keeps the result already shown; other errors replace it', () => {
  let s = withView(initialState, 'k1');
  s = reduce(s, { type: 'check', message: { type: 'checkResult', key: 'k1', result: sampleResult, cached: true } });
  s = reduce(s, { type: 'check', message: { type: 'checkError', key: 'k1', message: 'cancelled', cancelled: true } });
  assert.equal(shownCheck(s)?.phase, 'done');
  s = reduce(s, {
    type: 'check',
    message: { type: 'checkError', key: 'k1', message: 'over budget', cancelled: false },
  });
  assert.deepEqual(shownCheck(s), { key: 'k1', phase: 'error', message: 'over budget', cancelled: false });
});

test('restored state keeps the last result and the context, not a run in progress; junk is dropped', () => {
  let s = withView(initialState, 'k1');
  s = reduce(s, { type: 'check', message: { type: 'checkResult', key: 'k1', result: sampleResult, cached: false } });
  const back = restore(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(back.checkContext, ctx('k1'));
  assert.equal(shownCheck(back)?.phase, 'done');
  assert.deepEqual(
    shownCheck(back)?.phase === 'done' ? (shownCheck(back) as { result: unknown }).result : null,
    sampleResult,
  );

  const running = reduce(s, {
    type: 'check',
    message: { type: 'checkProgress', key: 'k1', done: 1, total: 2, message: 'x' },
  });
  assert.equal(restore(JSON.parse(JSON.stringify(running))).check, null);
  for (const junk of [
    { key: 'k1', phase: 'done', result: { curves: 'x' } },
    { key: 3, phase: 'done', result: sampleResult },
    'done',
  ]) {
    assert.equal(restore({ ...JSON.parse(JSON.stringify(s)), check: junk }).check, null);
  }
  assert.equal(
    restore({ ...JSON.parse(JSON.stringify(s)), checkContext: { key: 5, budget: 'huge' } }).checkContext,
    null,
  );
});
