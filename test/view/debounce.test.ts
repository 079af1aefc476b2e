import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalKey, ChangeGate, Debouncer, Memo, type Timers } from '../../src/view/debounce';

/** A manual clock: timers fire only when the test advances time. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pending };
}

test('a burst of edits runs once, with the last edit, one delay after the burst ends', () => {
  const { timers, advance } = fakeTimers();
  const d = new Debouncer(250, timers);
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) {
    d.trigger('a.ts', () => runs.push(i));
    advance(100);
  }
  assert.deepEqual(runs, []);
  advance(149);
  assert.deepEqual(runs, []);
  advance(1);
  assert.deepEqual(runs, [9]);
});

test('documents debounce independently, and cancel and dispose drop pending work', () => {
  const { timers, advance, pending } = fakeTimers();
  const d = new Debouncer(100, timers);
  const runs: string[] = [];
  d.trigger('a', () => runs.push('a'));
  d.trigger('b', () => runs.push('b'));
  d.cancel('a');
  assert.equal(d.isPending('a'), false);
  advance(100);
  assert.deepEqual(runs, ['b']);
  d.trigger('c', () => runs.push('c'));
  d.dispose();
  advance(1000);
  assert.deepEqual(runs, ['b']);
  assert.equal(pending.size, 0);
});

test('setDelay applies to the next trigger', () => {
  const { timers, advance } = fakeTimers();
  const d = new Debouncer(300, timers);
  const runs: number[] = [];
  d.setDelay(50);
  d.trigger('a', () => runs.push(1));
  advance(50);
  assert.deepEqual(runs, [1]);
});

test('Memo computes once per distinct key and evicts the least recently used', () => {
  const m = new Memo<number>(2);
  let calls = 0;
  const f = (k: string) => m.get(k, () => ++calls);
  assert.equal(f('a'), 1);
  assert.equal(f('a'), 1);
  assert.equal(f('b'), 2);
  f('a'); // a is now the most recent
  f('c'); // evicts b
  assert.equal(m.computations, 3);
  assert.equal(f('a'), 1);
  assert.equal(f('b'), 4);
});

test('canonicalKey ignores key order but not values', () => {
  assert.equal(canonicalKey({ a: 1, b: { c: 2, d: [1, 2] } }), canonicalKey({ b: { d: [1, 2], c: 2 }, a: 1 }));
  assert.notEqual(canonicalKey({ a: 1, b: [1, 2] }), canonicalKey({ a: 1, b: [2, 1] }));
});

test('ChangeGate passes a view only when it differs from the last one, and again after reset', () => {
  const g = new ChangeGate();
  assert.equal(g.changed({ view: 1 }), true);
  assert.equal(g.changed({ view: 1 }), false);
  assert.equal(g.changed({ view: 2 }), true);
  g.reset();
  assert.equal(g.changed({ view: 2 }), true);
});
