import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CheckContext, ViewState } from '../../src/protocol';
import { draftKey, initialState, reduce, restore, shown, type WebviewState } from '../../webview/state';

const empty: ViewState = { kind: 'empty', message: 'no model', fileName: 'a.ts' };
const check: CheckContext = { key: null, blocked: 'no model', budget: 'quick' };

test('each edit gets the next sequence number and becomes a draft of its control', () => {
  let s = reduce(initialState, { type: 'edit', edit: { field: 'whatIf', size: 'N1', value: 300 } });
  s = reduce(s, { type: 'edit', edit: { field: 'kappa', text: '2' } });
  assert.equal(s.seq, 2);
  assert.deepEqual(s.drafts, { 'whatIf:N1': { value: 300, seq: 1 }, kappa: { value: '2', seq: 2 } });
});

test('a host view settles the drafts it acknowledges and keeps the newer ones', () => {
  let s = initialState;
  for (const value of [300, 310, 320]) s = reduce(s, { type: 'edit', edit: { field: 'whatIf', size: 'N1', value } });
  s = reduce(s, { type: 'edit', edit: { field: 'degree', text: '4' } });
  // The host answers the first slider step while the user is still dragging.
  s = reduce(s, { type: 'hostView', view: empty, ack: 1, check });
  assert.equal(shown(s, 'whatIf:N1', 300), 320, 'the slider stays where the hand is');
  assert.equal(s.drafts.degree?.value, '4', 'typed text stays a draft until the host answers');
  s = reduce(s, { type: 'hostView', view: empty, ack: 4, check });
  assert.deepEqual(s.drafts, {});
  assert.equal(shown(s, 'whatIf:N1', 320), 320);
});

test('an out-of-order older acknowledgement never un-settles drafts', () => {
  let s = reduce(initialState, { type: 'edit', edit: { field: 'kappa', text: '2' } });
  s = reduce(s, { type: 'hostView', view: empty, ack: 1, check });
  s = reduce(s, { type: 'hostView', view: empty, ack: 0, check });
  assert.equal(s.ack, 1);
});

test('selecting a model or resetting drops the other drafts', () => {
  let s = reduce(initialState, { type: 'edit', edit: { field: 'kappa', text: '2' } });
  s = reduce(s, { type: 'selectModel', id: 'model#2' });
  assert.deepEqual(Object.keys(s.drafts), ['model']);
  assert.equal(shown(s, 'model', 'model'), 'model#2');
  s = reduce(s, { type: 'reset' });
  assert.deepEqual(s.drafts, {});
  assert.equal(s.seq, 3);
});

test('draft keys distinguish unknown symbols and what-if sizes', () => {
  assert.equal(draftKey({ field: 'unknown', symbol: 'hidden', text: '3' }), 'unknown:hidden');
  assert.equal(draftKey({ field: 'whatIf', size: 'N2', value: 3 }), 'whatIf:N2');
  assert.equal(draftKey({ field: 'sweepSize', size: 'N2' }), 'sweepSize');
});

test('data-table toggles are remembered', () => {
  let s = reduce(initialState, { type: 'toggleTable', chart: 'regime', open: true });
  s = reduce(s, { type: 'toggleTable', chart: 'pstar', open: true });
  s = reduce(s, { type: 'toggleTable', chart: 'regime', open: false });
  assert.deepEqual(s.openTables, ['pstar']);
});

test('restored state keeps the last view and table toggles but no drafts; junk restores to the initial state', () => {
  let s: WebviewState = reduce(initialState, { type: 'hostView', view: empty, ack: 0, check });
  s = reduce(s, { type: 'edit', edit: { field: 'kappa', text: '2' } });
  s = reduce(s, { type: 'toggleTable', chart: 'energy', open: true });
  const back = restore(JSON.parse(JSON.stringify(s)));
  assert.deepEqual(back.view, empty);
  assert.deepEqual(back.openTables, ['energy']);
  assert.deepEqual(back.drafts, {});
  assert.equal(back.seq, 1, 'sequence numbers keep increasing across a reload');
  for (const junk of [
    undefined,
    null,
    3,
    'x',
    { version: 2 },
    { version: 1, view: { kind: 'evil' }, openTables: ['pie'], seq: -4 },
  ]) {
    const r = restore(junk);
    assert.equal(r.view, null);
    assert.deepEqual(r.openTables, []);
    assert.equal(r.seq, 0);
  }
});

test('seq strictly increases over any sequence of user actions', () => {
  const action = fc.oneof(
    fc.record({
      type: fc.constant('edit' as const),
      edit: fc.record({ field: fc.constant('kappa' as const), text: fc.string() }),
    }),
    fc.record({ type: fc.constant('reset' as const) }),
    fc.record({ type: fc.constant('selectModel' as const), id: fc.string({ minLength: 1 }) }),
  );
  fc.assert(
    fc.property(fc.array(action), (actions) => {
      let s = initialState;
      for (const a of actions) {
        const before = s.seq;
        s = reduce(s, a);
        assert.equal(s.seq, before + 1);
      }
    }),
  );
});

test('a refused value drops its draft and says why; an accepted expression keeps its echo', () => {
  let s = reduce(initialState, { type: 'edit', edit: { field: 'degree', text: '2.5' } });
  s = reduce(s, {
    type: 'inputResult',
    result: {
      type: 'inputResult',
      control: 'degree',
      seq: 1,
      ok: false,
      message: 'the target degree must be a whole number, got 2.5',
    },
  });
  assert.equal(s.drafts.degree, undefined, 'the field returns to the value in use');
  assert.equal(shown(s, 'degree', 3), 3);
  assert.deepEqual(s.feedback.degree, { ok: false, message: 'the target degree must be a whole number, got 2.5' });
  s = reduce(s, { type: 'edit', edit: { field: 'unknown', symbol: 'units', text: '28*28*3' } });
  s = reduce(s, {
    type: 'inputResult',
    result: { type: 'inputResult', control: 'unknown:units', seq: 2, ok: true, message: '= 2352' },
  });
  assert.deepEqual(s.feedback['unknown:units'], { ok: true, message: '= 2352' });
  assert.equal(s.drafts['unknown:units']?.value, '28*28*3', 'settled by the next view, not by the answer');
});

test('an answer to an older edit of a field does not touch the newer text', () => {
  let s = reduce(initialState, { type: 'edit', edit: { field: 'kappa', text: '-1' } });
  s = reduce(s, { type: 'edit', edit: { field: 'kappa', text: '2' } });
  s = reduce(s, {
    type: 'inputResult',
    result: {
      type: 'inputResult',
      control: 'kappa',
      seq: 1,
      ok: false,
      message: 'κ must be from 0.000001 to 1000000, got -1',
    },
  });
  assert.equal(s.drafts.kappa?.value, '2');
  assert.equal(s.feedback.kappa, undefined);
});
