// What the analysis worker loads: detection (with the TypeScript parser) and the engine, bundled
// on its own by scripts/bench.mjs so that requiring it in a new process is what a new worker pays.
export { detectModels, toArchitecture } from '../src/detect/index';
export { analyze } from '../src/engine/index';
