// Results that cross between threads as JSON text: the same values come out, numbers JSON has no
// words for included, and a channel sends the methods it names that way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { detectModels } from '../../src/detect/index';
import { benchSource } from '../../bench/detect';
import { Channel, type RpcMessage } from '../../src/workers/rpc';
import { fromWire, toWire } from '../../src/workers/wire';

test('a value through the wire comes out equal, NaN and the infinities included', () => {
  const value = {
    a: [1, Number.NaN, Infinity, -Infinity, null],
    b: { c: 'x', d: { e: -0.5 } },
    note: '{"$number":"NaN"}',
  };
  assert.deepEqual(fromWire(toWire(value)), value);
  const detected = detectModels(benchSource(50), 'fifty.ts');
  assert.equal(detected.models.length, 50);
  assert.deepEqual(fromWire(toWire(detected)), JSON.parse(JSON.stringify(detected)));
});

test('a channel sends the results of the methods it names as JSON text, and the caller gets the object', async () => {
  interface Served {
    big: { params: null; result: { n: number; x: number[] } };
    small: { params: null; result: number };
  }
  const { port1, port2 } = new MessageChannel();
  const posted: RpcMessage[] = [];
  const served = new Channel<object, Served>(
    { postMessage: (m) => (posted.push(m as RpcMessage), port1.postMessage(m)), on: (e, l) => port1.on(e, l) },
    { big: () => ({ n: 3, x: [1, Infinity] }), small: () => 7 },
    new Set(['big'] as const),
  );
  const host = new Channel<Served, object>(port2, {});
  try {
    assert.deepEqual(await host.request('big', null), { n: 3, x: [1, Infinity] });
    assert.equal(await host.request('small', null), 7);
    const [big, small] = posted;
    assert.ok(big && 'wire' in big && typeof big.wire === 'string');
    assert.ok(small && 'value' in small && small.value === 7);
    assert.equal(served.waiting, 0);
  } finally {
    port1.close();
  }
});
