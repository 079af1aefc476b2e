// The supervised worker threads the editor computes in: a request that overruns its deadline, a
// thread that runs out of memory or exits, ends that thread and answers "skipped" with the
// reason; the next request runs on a fresh thread. The worker may ask the host (the `read` the
// detector will use to follow imports).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Supervisor } from '../../src/workers/supervisor';
import type { MisbehaveHost, MisbehaveMethods } from '../fixtures/workers/misbehave';

const PATH = join(import.meta.dirname, '..', 'fixtures', 'workers', 'misbehave.cjs');

function supervisor(deadlineMs = 2000) {
  const logged: string[] = [];
  const s = new Supervisor<MisbehaveMethods, MisbehaveHost>({
    path: PATH,
    name: 'test',
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    deadlineMs,
    handlers: { read: ({ path }) => (path === 'a.ts' ? 'export const n = 1;' : undefined) },
    log: (m) => logged.push(m),
  });
  return { s, logged };
}

test('a request past its deadline ends the thread with the reason, and the next request runs on a new one', async () => {
  const { s, logged } = supervisor(500);
  try {
    assert.deepEqual(await s.call('echo', 'hi'), { ok: true, value: 'hi' });
    const started = performance.now();
    const spun = await s.call('spin', null);
    const ms = performance.now() - started;
    assert.deepEqual(spun, { ok: false, skipped: 'took longer than 500 ms', overran: true });
    assert.ok(ms < 3000, `ended after ${ms.toFixed(0)} ms`);
    assert.deepEqual(await s.call('echo', 'again'), { ok: true, value: 'again' });
    assert.equal(s.replaced, 1);
    assert.deepEqual(logged, ['test worker ended: took longer than 500 ms']);
  } finally {
    s.dispose();
  }
});

test('a thread out of memory is ended and reported as such; requests queued behind it still run', async () => {
  const { s } = supervisor(20_000);
  try {
    const [hog, after] = await Promise.all([s.call('hog', null), s.call('echo', 'queued')]);
    assert.deepEqual(hog, { ok: false, skipped: 'ran out of memory (the limit is 64 MB)' });
    assert.deepEqual(after, { ok: true, value: 'queued' });
  } finally {
    s.dispose();
  }
});

test('a thread that exits is reported with its exit code and replaced', async () => {
  const { s } = supervisor();
  try {
    assert.deepEqual(await s.call('exit', null), { ok: false, skipped: 'stopped unexpectedly (exit code 3)' });
    assert.deepEqual(await s.call('echo', 'back'), { ok: true, value: 'back' });
  } finally {
    s.dispose();
  }
});

test('the worker can ask the host, and terminate() ends a request at once', async () => {
  const { s } = supervisor(60_000);
  try {
    assert.deepEqual(await s.call('ask', 'a.ts'), { ok: true, value: 'export const n = 1;' });
    assert.deepEqual(await s.call('ask', 'elsewhere.ts'), { ok: true, value: undefined });
    const spinning = s.call('spin', null);
    setTimeout(() => s.terminate('cancelled'), 200);
    const started = performance.now();
    assert.deepEqual(await spinning, { ok: false, skipped: 'cancelled' });
    assert.ok(performance.now() - started < 2000);
  } finally {
    s.dispose();
  }
});

test('warm() starts the thread before the first request, once; the requests run on it', async () => {
  const { s } = supervisor();
  try {
    s.warm();
    s.warm();
    await new Promise((r) => setTimeout(r, 200));
    const asked = performance.timeOrigin + performance.now();
    const born = await s.call('born', null);
    assert.ok(born.ok && born.value < asked, `thread born ${born.ok ? born.value - asked : '?'} ms after the request`);
    const first = await s.call('thread', null);
    assert.ok(first.ok);
    assert.deepEqual(await s.call('thread', null), first);
    assert.equal(s.replaced, 0);
  } finally {
    s.dispose();
  }
  // A disposed supervisor starts nothing.
  s.warm();
  assert.deepEqual(await s.call('echo', 'late'), { ok: false, skipped: 'test stopped' });
});
