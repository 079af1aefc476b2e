import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoopMonitor } from '../../src/workers/loopMonitor';

/** Keeps the thread busy for `ms` from a timer, then lets a few ticks pass. */
const block = (ms: number) =>
  new Promise<void>((resolve) =>
    setTimeout(() => {
      const t = performance.now();
      while (performance.now() - t < ms) {
        /* block the thread */
      }
      setTimeout(resolve, 40);
    }, 20),
  );

test('the main-thread monitor reports a busy stretch, within one tick of its length', async () => {
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
    await block(150);
    monitor.report();
    // CPU time of the stretch: at most its wall time plus a tick; at least most of it on any
    // machine that gives this thread a core for most of 150 ms (the margin is for a loaded one).
    assert.ok(monitor.longest >= 75 && monitor.longest < 150 + 200, `longest ${monitor.longest} ms (idle ${idle} ms)`);
    assert.ok(idle < monitor.longest);
    const kind = monitor.measuresCpu ? 'of CPU time' : 'of wall time (no thread CPU clock in this Node)';
    assert.equal(
      lines.filter((l) => l.startsWith('info') && l.includes('longest')).at(-1),
      `info main thread: longest busy stretch so far ${monitor.longest.toFixed(1)} ms ${kind}`,
    );
    assert.ok(
      lines.some((l) =>
        /^info main thread: busy up to \d+\.\d ms of .*, timers late up to \d+\.\d ms in the last period$/.test(l),
      ),
      lines.join('\n'),
    );
  } finally {
    monitor.dispose();
  }
});

test('blocks before the extension first works are reported as start-up, apart from the rest', async () => {
  const lines: string[] = [];
  const monitor = new LoopMonitor({ debug: () => undefined, info: (m) => lines.push(m) }, 60_000);
  try {
    await block(120);
    monitor.endStartup();
    assert.ok(monitor.longestAtStartup >= 60, `start-up ${monitor.longestAtStartup} ms`);
    assert.equal(monitor.longest, 0);
    await block(60);
    monitor.report();
    assert.ok(monitor.longest >= 30 && monitor.longest < 120, `after start-up ${monitor.longest} ms`);
    assert.ok(
      lines.some((l) => /^main thread: longest busy stretch during start-up \d+\.\d ms/.test(l)),
      lines.join('\n'),
    );
  } finally {
    monitor.dispose();
  }
});
