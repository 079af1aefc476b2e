// The check's training backends: CPU time per full-batch Adam step of the two-layer erf network on
// tfjs's pure-JavaScript CPU backend and on its WebAssembly backend, at the sizes the check trains.
// The check prefers wasm (src/check/backend.ts); this measures by how much.
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { sample, teacher } from '../src/check/data';
import { DEFAULT_TRAIN, trainAndMeasure } from '../src/check/train';

const SIZES: [p: number, d: number, n: number][] = [
  [200, 4, 8],
  [600, 8, 32],
  [1500, 32, 32],
  [3000, 16, 64],
];
const STEPS = 300;

async function msPerStep(p: number, d: number, n: number): Promise<number> {
  const w = teacher(1, d);
  const train = sample('train', 1, w, 3, p);
  const test = sample('test', 1, w, 3, 200);
  const layers = [{ kind: 'dense' as const, width: n, activation: 'erf' as const, bias: false }];
  const settings = { ...DEFAULT_TRAIN, kappa: 1, patience: Infinity };
  await trainAndMeasure(tf, layers, train, test, w, 1, { ...settings, maxEpochs: 50 }, undefined);
  const before = process.cpuUsage();
  await trainAndMeasure(tf, layers, train, test, w, 1, { ...settings, maxEpochs: STEPS }, undefined);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / STEPS;
}

export async function benchCheckBackends(): Promise<Record<string, number>> {
  tf.enableProdMode();
  setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  const figures: Record<string, number> = {};
  for (const [p, d, n] of SIZES) {
    const ms: Record<string, number> = {};
    for (const backend of ['cpu', 'wasm']) {
      if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not start`);
      ms[backend] = await msPerStep(p, d, n);
    }
    const ratio = (ms['cpu'] ?? NaN) / (ms['wasm'] ?? NaN);
    figures[`checkStep_P${p}_d${d}_N${n}_cpuMs`] = ms['cpu'] ?? NaN;
    figures[`checkStep_P${p}_d${d}_N${n}_wasmMs`] = ms['wasm'] ?? NaN;
    figures[`checkStep_P${p}_d${d}_N${n}_cpuOverWasm`] = ratio;
    console.log(
      `${`check: Adam step, P=${p} d=${d} N=${n}: cpu / wasm`.padEnd(52)} ${(ms['cpu'] ?? NaN).toFixed(2).padStart(7)} / ${(ms['wasm'] ?? NaN).toFixed(2)} ms CPU = ${ratio.toFixed(1)}x`,
    );
  }
  return figures;
}
