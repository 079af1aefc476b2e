// Builds bench/run.ts with esbuild (as the product ships: no tsx helpers in the hot path) and runs it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'tfjs-scaling-bench-')), 'bench.cjs');
await esbuild.build({ entryPoints: ['bench/run.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile: out, logLevel: 'warning', minify: true });
const result = spawnSync(process.execPath, [out], { stdio: 'inherit' });
process.exit(result.status ?? 1);
