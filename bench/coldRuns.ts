// Cold start: the first detection in a new process, loading the detector bundle (the bundled
// TypeScript parser is most of it) and detecting a one-model file. The first process of a fresh
// cache directory compiles everything and writes V8's code cache; the later ones read it, as every
// editor session after the first does. Target: a start from the cache within 100 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGET_MS = 100;

interface ColdRun {
  loadMs: number;
  totalMs: number;
  models: number;
  fromCache: boolean;
}

function run(cold: string, detector: string, cacheDir: string): ColdRun {
  const fixture = join(process.cwd(), 'test', 'fixtures', 'e2e', 'one-model.js');
  const r = spawnSync(process.execPath, [cold, detector, fixture, cacheDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold detection failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as ColdRun;
  if (out.models !== 1) throw new Error(`cold detection found ${out.models} models, expected 1`);
  return out;
}

export function benchCold(cold: string, detector: string): Record<string, number> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tfjs-scaling-code-cache-'));
  const first = run(cold, detector, cacheDir);
  const cached = Array.from({ length: 7 }, () => run(cold, detector, cacheDir));
  if (first.fromCache || cached.some((r) => !r.fromCache)) throw new Error('the code cache was not used as expected');
  const median = [...cached].sort((a, b) => a.totalMs - b.totalMs)[3]!;
  const line = (name: string, ms: number, extra = '') =>
    console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(10)} ms${extra}`);
  line('cold first detection, new process, no code cache', first.totalMs, `  (loading ${first.loadMs.toFixed(1)} ms)`);
  line(
    'cold first detection, new process, code cache, median',
    median.totalMs,
    `  (loading ${median.loadMs.toFixed(1)} ms; target ≤ ${TARGET_MS} ms: ${median.totalMs <= TARGET_MS ? 'met' : 'MISSED'})`,
  );
  return {
    coldDetectNoCacheMs: first.totalMs,
    coldDetectNoCacheLoadMs: first.loadMs,
    coldDetectMs: median.totalMs,
    coldDetectLoadMs: median.loadMs,
  };
}
