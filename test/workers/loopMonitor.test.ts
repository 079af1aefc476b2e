import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoopMonitor } from '../../src/workers/loopMonitor';

test('the event-loop monitor reports a main-thread block, as an upper bound within one tick', async () => {
  const lines: string[] = [];
  const monitor = new LoopMonitor(
    { debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`) },
    60_000,
    0,
  );
  try {
    await new Promise((r) => setTimeout(r, 50));
    monitor.report();
    const idle = monitor.longest;
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < 150) {
          /* block the thread */
        }
        resolve();
      }, 20),
    );
    await new Promise((r) => setTimeout(r, 30));
    monitor.report();
    assert.ok(monitor.longest >= 150 && monitor.longest < 150 + 200, `longest ${monitor.longest} ms (idle ${idle} ms)`);
    const last = lines.filter((l) => l.startsWith('info')).at(-1);
    assert.equal(last, `info main thread: longest block so far ${monitor.longest.toFixed(1)} ms`);
  } finally {
    monitor.dispose();
  }
});

test('blocks before the extension first works are reported as start-up, apart from the rest', async () => {
  const lines: string[] = [];
  const monitor = new LoopMonitor({ debug: () => undefined, info: (m) => lines.push(m) }, 60_000);
  const block = (ms: number) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < ms) {
          /* block the thread */
        }
        setTimeout(resolve, 30);
      }, 20),
    );
  try {
    await block(120);
    monitor.endStartup();
    assert.ok(monitor.longestAtStartup >= 120, `start-up ${monitor.longestAtStartup} ms`);
    assert.equal(monitor.longest, 0);
    await block(60);
    monitor.report();
    assert.ok(monitor.longest >= 60 && monitor.longest < 120, `after start-up ${monitor.longest} ms`);
    assert.ok(
      lines.some((l) => /^main thread: longest block during start-up \d+\.\d ms/.test(l)),
      lines.join('\n'),
    );
    assert.match(
      lines.filter((l) => l.includes('longest')).at(-1) ?? '',
      /^main thread: longest block so far \d+\.\d ms$/,
    );
    assert.ok(
      lines.some((l) => /^main thread: blocked up to \d+\.\d ms in the last period$/.test(l)),
      lines.join('\n'),
    );
  } finally {
    monitor.dispose();
  }
});
