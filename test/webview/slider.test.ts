import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromPosition, STEPS, toPosition } from '../../webview/slider';

test('log sliders put each doubling the same distance apart', () => {
  const a = toPosition(256, 4, 16384, 'log');
  const b = toPosition(512, 4, 16384, 'log');
  const c = toPosition(1024, 4, 16384, 'log');
  assert.ok(Math.abs(b - a - (c - b)) <= 1);
  assert.equal(toPosition(4, 4, 16384, 'log'), 0);
  assert.equal(toPosition(16384, 4, 16384, 'log'), STEPS);
});

test('ends of the track give the ends of the range; values outside clamp', () => {
  assert.equal(fromPosition(0, 4, 16384, 'log'), 4);
  assert.equal(fromPosition(STEPS, 4, 16384, 'log'), 16384);
  assert.equal(fromPosition(-5, 1, 5, 'linear'), 1);
  assert.equal(toPosition(99, 1, 5, 'linear'), STEPS);
});

test('a value survives the round trip to a position and back within one slider step', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 2, max: 4096 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (min, span, t) => {
        const max = min * span;
        const v = Math.round(min * span ** t);
        const back = fromPosition(toPosition(v, min, max, 'log'), min, max, 'log');
        const step = span ** (1 / STEPS);
        assert.ok(back / v <= step * 1.001 + 1 / v && v / back <= step * 1.001 + 1 / back, `${v} came back as ${back}`);
      },
    ),
  );
});
