// The sidebar's state without vscode: which model's inputs an edit goes to, what reset forgets,
// the acknowledged sequence, and that an edit copies the inputs instead of changing them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditField } from '../../src/protocol';
import { edited, SidebarState, type ParamsEdit } from '../../src/view/sidebarState';
import type { UserParams } from '../../src/view/session';

const A = 'file:///a.ts';
const B = 'file:///b.ts';
const edit = (e: EditField): ParamsEdit => ({ type: 'edit', seq: 1, ...e });

test('edits go to the model shown, each model of each file keeping its own inputs', () => {
  const s = new SidebarState();
  assert.equal(s.paramsKey(), null, 'nothing shown: no model to edit');
  s.select(A, 'buildA');
  s.show({ kind: 'file', uri: A });
  const keyA = s.paramsKey();
  assert.ok(keyA);
  s.edit(keyA, edit({ field: 'kappa', text: '2' }), 2);
  s.selectInShown('other');
  assert.notEqual(s.paramsKey(), keyA, 'picking another model changes whose inputs are edited');
  assert.equal(s.paramsFor(s.paramsKey()).kappa, undefined);
  assert.equal(s.paramsOf(A, 'buildA').kappa, 2);
  s.select(B, 'buildA');
  s.show({ kind: 'file', uri: B });
  assert.equal(s.paramsFor(s.paramsKey()).kappa, undefined, 'the same model name in another file is another model');
  assert.equal(s.selectedIn(A), 'other');
  assert.equal(s.selectedIn('file:///never.ts'), null);
});

test('reset forgets the inputs of the model shown only', () => {
  const s = new SidebarState();
  s.select(A, 'm1');
  s.show({ kind: 'file', uri: A });
  s.edit(s.paramsKey()!, edit({ field: 'degree', text: '4' }), 4);
  s.select(A, 'm2');
  s.edit(s.paramsKey()!, edit({ field: 'degree', text: '5' }), 5);
  assert.equal(s.reset(), true);
  assert.equal(s.paramsOf(A, 'm2').degree, undefined);
  assert.equal(s.paramsOf(A, 'm1').degree, 4);
  s.show({ kind: 'none', fileName: 'x.txt' });
  assert.equal(s.reset(), false, 'no model shown: nothing to reset');
});

test('a hand-entered architecture starts from the settings each time it is shown', () => {
  const s = new SidebarState();
  const architecture = { inputDim: 4, layers: [] };
  s.show({ kind: 'manual', name: 'mine', architecture });
  assert.equal(s.paramsKey(), 'manual');
  s.edit('manual', edit({ field: 'kappa', text: '3' }), 3);
  assert.equal(s.paramsFor('manual').kappa, 3);
  s.show({ kind: 'manual', name: 'again', architecture });
  assert.equal(s.paramsFor('manual').kappa, undefined);
});

test('the acknowledged sequence only grows', () => {
  const s = new SidebarState();
  s.acknowledge(5);
  s.acknowledge(3);
  assert.equal(s.ack, 5);
  s.acknowledge(9);
  assert.equal(s.ack, 9);
});

test('an edit sets its one field on a copy', () => {
  const p: UserParams = { unknowns: { n: 1 }, whatIf: { N1: 8 } };
  const cases: [ParamsEdit, (q: UserParams) => unknown, unknown][] = [
    [edit({ field: 'degree', text: '3' }), (q) => q.degree, 3],
    [edit({ field: 'kappa', text: '3' }), (q) => q.kappa, 3],
    [edit({ field: 'unknown', symbol: 'hidden', text: '3' }), (q) => q.unknowns.hidden, 3],
    [edit({ field: 'whatIf', size: 'N2', value: 3 }), (q) => q.whatIf.N2, 3],
    [edit({ field: 'samples', text: '3' }), (q) => q.samples, 3],
    [edit({ field: 'sweepSize', size: 'd' }), (q) => q.sweepSize, 'd'],
  ];
  for (const [e, read, want] of cases) {
    const q = edited(p, e, 3);
    assert.equal(read(q), want, e.field);
    assert.equal(q.unknowns.n, 1, 'other inputs kept');
    assert.equal(q.whatIf.N1, 8);
  }
  assert.deepEqual(p, { unknowns: { n: 1 }, whatIf: { N1: 8 } }, 'the inputs given are not changed');
  // A symbol named like an Object.prototype member is stored as the user's value, not looked up.
  const proto = edited(p, edit({ field: 'unknown', symbol: '__proto__', text: '7' }), 7);
  assert.equal(Object.getOwnPropertyDescriptor(proto.unknowns, '__proto__')?.value, 7);
});
