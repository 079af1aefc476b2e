// Everything that does real work — detection (the TypeScript parser) and the engine — in one
// bundle of its own (dist/core.js), loaded by src/host/lazy.ts on first use. Activation only
// loads dist/extension.js, which stays small.
export * as session from './session';
export { detectModels, toArchitecture } from '../detect/index';
