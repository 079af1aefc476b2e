// Loads TensorFlow.js for training: the WebAssembly backend (SIMD) when it starts, else the
// pure-JavaScript CPU one. Measured on the check's sizes, wasm takes 1.7–4× less CPU per Adam
// step from a few hundred samples on (docs/check.md); both ship inside their npm packages, so
// nothing is downloaded. Imported only when a check trains.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lazy } from '../lazy';

export type Tf = typeof import('@tensorflow/tfjs');
export type BackendName = 'wasm' | 'cpu';

/** The first caller's preference decides: tfjs has one backend per process. */
let preferred: BackendName | null = null;

const load = lazy(async (): Promise<{ tf: Tf; backend: BackendName }> => {
  const tf = await import('@tensorflow/tfjs');
  // Prod mode silences tfjs's console advice to install tfjs-node and skips debug checks.
  tf.enableProdMode();
  if (preferred === 'wasm') {
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Bundled, the .wasm files sit beside this file in dist/; from source the package finds its own.
      if (existsSync(join(__dirname, 'tfjs-backend-wasm-simd.wasm'))) wasm.setWasmPaths(`${__dirname}/`);
      if (await tf.setBackend('wasm')) return { tf, backend: 'wasm' as const };
    } catch {
      // fall through to the CPU backend
    }
  }
  await tf.setBackend('cpu');
  return { tf, backend: 'cpu' as const };
});

export function loadTf(prefer: BackendName = 'wasm'): Promise<{ tf: Tf; backend: BackendName }> {
  preferred ??= prefer;
  return load();
}
