// Cold first detection: a new process loads the bundled detector and engine (bench/coldCore.ts,
// what the analysis worker loads), then reads the three-layer model and analyses it once. Goal:
// the whole first answer within 100 ms. Measured in fresh processes, so nothing is warm.
import { spawnSync } from 'node:child_process';

const GOAL_MS = 100;

const FIRST_FILE = `import * as tf from '@tensorflow/tfjs';
export function buildRegressor() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 256, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 512, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1, useBias: false }));
  return model;
}
`;

/** Runs in the new process (plain JS): argv[1] is the bundle, argv[2] the file's text. */
const CHILD = `
const t0 = performance.now();
const core = require(process.argv[1]);
const t1 = performance.now();
const found = core.detectModels(process.argv[2], 'model.js');
const t2 = performance.now();
const arch = core.toArchitecture(found.models[0], { overrides: {}, defaultInputDim: 784 }).architecture;
const result = core.analyze(arch);
const t3 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, detect: t2 - t1, analyze: t3 - t2, winner: result.reachable ? result.winner.key : null }));
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchCold(corePath: string, runs = 5): Record<string, number> {
  const samples: { load: number; detect: number; analyze: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['-e', CHILD, corePath, FIRST_FILE], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`cold detection failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { load: number; detect: number; analyze: number });
  }
  const load = median(samples.map((s) => s.load));
  const detect = median(samples.map((s) => s.detect));
  const analyze = median(samples.map((s) => s.analyze));
  const total = median(samples.map((s) => s.load + s.detect + s.analyze));
  console.log(`${'cold first detection in a new process, median'.padEnd(52)} ${total.toFixed(1).padStart(10)} ms  (goal ≤ ${GOAL_MS} ms: ${total <= GOAL_MS ? 'met' : 'MISSED'}; `
    + `loading detector and engine ${load.toFixed(1)} ms, first detection ${detect.toFixed(1)} ms, first analysis ${analyze.toFixed(1)} ms)`);
  return { 'cold.total_ms': total, 'cold.load_ms': load, 'cold.detect_ms': detect, 'cold.analyze_ms': analyze };
}
