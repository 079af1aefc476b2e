// Detection and the engine load on first use, after the first debounce, never at activation:
// they live in dist/core.js, a separate bundle, so activating costs only registering providers.
import { join } from 'node:path';
import type * as CoreModule from './core';

export type Core = typeof CoreModule;

let core: Promise<Core> | undefined;

export function loadCore(): Promise<Core> {
  core ??= new Promise<Core>((resolve, reject) => {
    setImmediate(() => {
      try {
        // A runtime path, so esbuild leaves the require alone and the core stays out of extension.js.
        const path = join(__dirname, 'core.js');
        resolve(require(path) as Core);
      } catch (e) {
        core = undefined;
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
  return core;
}
