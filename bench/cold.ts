// Cold first detection: a new process loads the bundled benchmark (detector, engine and the
// rest; a superset of what the analysis worker loads), then reads the three-layer model and
// analyses it once. Goal: the first answer within 100 ms of the process starting. Measured in
// fresh processes, so nothing is warm: `bench.cjs --cold` runs `coldChild` and nothing else.
import { spawnSync } from 'node:child_process';
import { detectModels, toArchitecture } from '../src/detect/index';
import { analyze } from '../src/engine/index';

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

/** In the new process: the time since it started (node, then loading the bundle), the first detection and the first analysis. */
export function coldChild(): void {
  const loaded = performance.now();
  const found = detectModels(FIRST_FILE, 'model.js');
  const detected = performance.now();
  const model = found.models[0];
  const arch = model ? toArchitecture(model, { overrides: {}, defaultInputDim: 784 }).architecture : null;
  const result = arch ? analyze(arch) : null;
  const analysed = performance.now();
  console.log(JSON.stringify({ load: loaded, detect: detected - loaded, analyze: analysed - detected, winner: result?.reachable ? result.winner.key : null }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchCold(runs = 5): Record<string, number> {
  const samples: { load: number; detect: number; analyze: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [process.argv[1]!, '--cold'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`cold detection failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { load: number; detect: number; analyze: number });
  }
  const load = median(samples.map((s) => s.load));
  const detect = median(samples.map((s) => s.detect));
  const analyze = median(samples.map((s) => s.analyze));
  const total = median(samples.map((s) => s.load + s.detect + s.analyze));
  console.log(`${'cold first detection in a new process, median'.padEnd(52)} ${total.toFixed(1).padStart(10)} ms  (goal ≤ ${GOAL_MS} ms: ${total <= GOAL_MS ? 'met' : 'MISSED'}; `
    + `node started and the bundle loaded ${load.toFixed(1)} ms, first detection ${detect.toFixed(1)} ms, first analysis ${analyze.toFixed(1)} ms)`);
  return { 'cold.total_ms': total, 'cold.load_ms': load, 'cold.detect_ms': detect, 'cold.analyze_ms': analyze };
}
