// The cost of isolation: one detection through the analysis worker (post, detect, its JSON text
// back, parsed here as the host parses it) against the same detection on the calling thread (the
// same function, gathering the file's imports and reading it with them). Target: at most 5 ms
// more. Also the sidebar's view of one model of the 50-model file, as the host asks for it (naming
// the detection the worker keeps) and as it asks after the worker was replaced (with the models).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelSpec } from '../src/detect/index';
import { detectFile, type AnalysisMethods, type HostMethods, type ViewRequest } from '../src/workers/analysis';
import { isGone } from '../src/workers/keptDetections';
import { Supervisor } from '../src/workers/supervisor';
import { fromWire } from '../src/workers/wire';
import { DEFAULT_SETTINGS } from '../src/view/settings';
import { modelIds } from '../src/view/models';
import { benchSource } from './detect';

const TARGET_MS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function line(name: string, ms: number, note = ''): void {
  console.log(`${name.padEnd(52)} ${ms.toFixed(3).padStart(10)} ms${note}`);
}

const noFiles = (): Promise<undefined> => Promise.resolve(undefined);

/** Processor time of the whole process (every thread), in ms: on a loaded machine, wall time also counts waiting for a core. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function benchWorker(workerPath: string): Promise<Record<string, number>> {
  const worker = new Supervisor<AnalysisMethods, HostMethods>({
    path: workerPath,
    name: 'analysis',
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    deadlineMs: 10_000,
    handlers: { read: () => undefined },
  });
  const files = {
    small: {
      fileName: 'one-model.js',
      text: readFileSync(join(process.cwd(), 'test', 'fixtures', 'e2e', 'one-model.js'), 'utf8'),
    },
    fifty: { fileName: 'fifty-models.ts', text: benchSource(50) },
  };
  const started = performance.now();
  await worker.call('detect', { text: 'const x = 1;', fileName: 'warm.ts', document: 'warm', listing: [] });
  const startMs = performance.now() - started;
  line('analysis worker: start (loads the detector)', startMs);
  const figures: Record<string, number> = { workerStartMs: startMs };
  try {
    let fifty: { models: ModelSpec[]; fingerprint: string } | null = null;
    for (const [name, { fileName, text }] of Object.entries(files)) {
      const request = { text, fileName, document: fileName, listing: [] };
      const inThread: number[] = [];
      const roundTrip: number[] = [];
      const inThreadCpu: number[] = [];
      const roundTripCpu: number[] = [];
      // Both warm (the JIT, the worker's heap) before anything is measured.
      for (let i = 0; i < 20; i++) {
        await detectFile(request, noFiles);
        await worker.call('detect', request);
      }
      for (let i = 0; i < 41; i++) {
        // Alternate, so both see the same machine load; the overhead is the median of the pairs' differences.
        let [t, c] = [performance.now(), cpuMs()];
        await detectFile(request, noFiles);
        inThread.push(performance.now() - t);
        inThreadCpu.push(cpuMs() - c);
        [t, c] = [performance.now(), cpuMs()];
        const r = await worker.call('detect', request);
        if (!r.ok) throw new Error(`worker: ${r.skipped}`);
        const { models } = fromWire(r.value.detection);
        roundTrip.push(performance.now() - t);
        roundTripCpu.push(cpuMs() - c);
        if (name === 'fifty') fifty = { models, fingerprint: r.value.fingerprint };
      }
      const a = median(inThread);
      const b = median(roundTrip);
      const overhead = median(roundTrip.map((r, i) => r - inThread[i]!));
      const overheadCpu = median(roundTripCpu.map((r, i) => r - inThreadCpu[i]!));
      const lines = text.split('\n').length;
      line(`detect in thread, ${lines}-line file, median`, a);
      line(`detect through the worker, ${lines}-line file, median`, b);
      line(
        '  worker round trip over in-thread',
        overhead,
        `  (target ≤ ${TARGET_MS} ms: ${overhead <= TARGET_MS ? 'met' : 'MISSED'})`,
      );
      line('  the same in processor time (all threads)', overheadCpu);
      figures[`workerDetect_${name}_inThreadMs`] = a;
      figures[`workerDetect_${name}_roundTripMs`] = b;
      figures[`workerDetect_${name}_overheadMs`] = overhead;
      figures[`workerDetect_${name}_overheadCpuMs`] = overheadCpu;
    }
    if (fifty) Object.assign(figures, await benchView(worker, fifty.models, fifty.fingerprint));
  } finally {
    worker.dispose();
  }
  return figures;
}

/** The sidebar's view of model 30 of the 50-model file: naming the detection the worker keeps, and carrying the models. */
async function benchView(
  worker: Supervisor<AnalysisMethods, HostMethods>,
  models: ModelSpec[],
  fingerprint: string,
): Promise<Record<string, number>> {
  const request = (withModels: boolean): ViewRequest => ({
    subject: {
      origin: 'file',
      fileName: 'fifty-models.ts',
      detection: { document: 'fifty-models.ts', fingerprint, ...(withModels ? { models } : {}) },
      selected: modelIds(models)[30]!,
    },
    fileName: 'fifty-models.ts',
    settings: DEFAULT_SETTINGS,
    user: { unknowns: {}, whatIf: {} },
    chartData: [],
  });
  const named: number[] = [];
  const carried: number[] = [];
  const view = async (withModels: boolean): Promise<number> => {
    const t = performance.now();
    const r = await worker.call('view', request(withModels));
    if (!r.ok || isGone(r.value)) throw new Error(`worker: ${r.ok ? 'the detection is not kept' : r.skipped}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) {
    await view(false);
    await view(true);
  }
  for (let i = 0; i < 21; i++) {
    named.push(await view(false));
    carried.push(await view(true));
  }
  const a = median(named);
  const b = median(carried);
  line('view, 50-model file, naming its detection, median', a);
  line('view, 50-model file, carrying its 50 models, median', b);
  return { workerView_fifty_namedMs: a, workerView_fifty_carriedMs: b };
}
