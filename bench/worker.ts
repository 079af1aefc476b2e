// The cost of isolation: one detection through the analysis worker (post, detect, its JSON text
// back, parsed here as the host parses it) against the same detection on the calling thread.
// Target: at most 5 ms more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectModels } from '../src/detect/index';
import type { AnalysisMethods, HostMethods } from '../src/workers/analysis';
import { Supervisor } from '../src/workers/supervisor';
import { fromWire } from '../src/workers/wire';
import { benchSource } from './detect';

const TARGET_MS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchWorker(workerPath: string): Promise<Record<string, number>> {
  const worker = new Supervisor<AnalysisMethods, HostMethods>({
    path: workerPath,
    name: 'analysis',
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    deadlineMs: 10_000,
    handlers: { read: () => undefined, list: () => [] },
  });
  const files = {
    small: readFileSync(join(process.cwd(), 'test', 'fixtures', 'e2e', 'one-model.js'), 'utf8'),
    fifty: benchSource(50),
  };
  const started = performance.now();
  await worker.call('detect', { text: 'const x = 1;', fileName: 'warm.ts' });
  const startMs = performance.now() - started;
  console.log(`${'analysis worker: start (loads the detector)'.padEnd(52)} ${startMs.toFixed(1).padStart(10)} ms`);
  const figures: Record<string, number> = { workerStartMs: startMs };
  try {
    for (const [name, text] of Object.entries(files)) {
      const fileName = name === 'small' ? 'one-model.js' : 'fifty-models.ts';
      const inThread: number[] = [];
      const roundTrip: number[] = [];
      // Both warm (the JIT, the worker's heap) before anything is measured.
      for (let i = 0; i < 20; i++) {
        detectModels(text, fileName);
        await worker.call('detect', { text, fileName });
      }
      for (let i = 0; i < 21; i++) {
        // Alternate, so both see the same machine load.
        let t = performance.now();
        detectModels(text, fileName);
        inThread.push(performance.now() - t);
        t = performance.now();
        const r = await worker.call('detect', { text, fileName });
        if (!r.ok) throw new Error(`worker: ${r.skipped}`);
        fromWire(r.value.detection);
        roundTrip.push(performance.now() - t);
      }
      const a = median(inThread);
      const b = median(roundTrip);
      const overhead = b - a;
      const lines = text.split('\n').length;
      console.log(`${`detect in thread, ${lines}-line file, median`.padEnd(52)} ${a.toFixed(3).padStart(10)} ms`);
      console.log(
        `${`detect through the worker, ${lines}-line file, median`.padEnd(52)} ${b.toFixed(3).padStart(10)} ms`,
      );
      console.log(
        `${'  worker round trip over in-thread'.padEnd(52)} ${overhead.toFixed(3).padStart(10)} ms  (target ≤ ${TARGET_MS} ms: ${overhead <= TARGET_MS ? 'met' : 'MISSED'})`,
      );
      figures[`workerDetect_${name}_inThreadMs`] = a;
      figures[`workerDetect_${name}_roundTripMs`] = b;
      figures[`workerDetect_${name}_overheadMs`] = overhead;
    }
  } finally {
    worker.dispose();
  }
  return figures;
}
