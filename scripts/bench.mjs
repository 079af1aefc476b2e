// Builds bench/run.ts with esbuild (as the product ships: no tsx helpers in the hot path) and runs it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'tfjs-scaling-bench-'));
const out = join(dir, 'bench.cjs');
const worker = join(dir, 'analysisWorker.js');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', minify: true };
await esbuild.build({ ...common, entryPoints: ['bench/run.ts'], outfile: out });
// The analysis worker as the extension ships it (the loader and its body), for the worker round trip.
await esbuild.build({ ...common, entryPoints: ['src/workers/analysisWorker.ts'], outfile: worker });
await esbuild.build({ ...common, entryPoints: ['src/workers/analysisCore.ts'], outfile: join(dir, 'analysisCore.js') });
// A cold first detection in a new process: a bundle of the detector alone, loaded through the
// code cache as the analysis worker loads its body (bench/cold.ts).
const cold = join(dir, 'cold.cjs');
await esbuild.build({ ...common, entryPoints: ['bench/cold.ts'], outfile: cold });
await esbuild.build({ ...common, entryPoints: ['src/detect/index.ts'], outfile: join(dir, 'detector.js') });
const result = spawnSync(process.execPath, [out], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_ANALYSIS_WORKER: worker, BENCH_COLD: cold, BENCH_DETECTOR: join(dir, 'detector.js') },
});
process.exit(result.status ?? 1);
