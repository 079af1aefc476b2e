// Detection (the TypeScript parser) and the engine load on first use, after the first debounce,
// never at activation: activating the extension costs only registering its providers.
import type { detectModels as DetectModels, toArchitecture as ToArchitecture } from '../detect/index';
import type * as Session from './session';

export interface Core {
  session: typeof Session;
  detectModels: typeof DetectModels;
  toArchitecture: typeof ToArchitecture;
}

let core: Promise<Core> | undefined;

export function loadCore(): Promise<Core> {
  core ??= Promise.all([import('./session'), import('../detect/index')]).then(([session, detect]) => ({
    session,
    detectModels: detect.detectModels,
    toArchitecture: detect.toArchitecture,
  }));
  return core;
}
