// Loads the check on demand. Built, it is dist/check.js beside the caller's bundle (the CLI or
// the extension), so tfjs is parsed only when someone runs a check; from source (tests, tsx)
// it is this folder's index.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lazy } from '../lazy';

export type CheckModule = typeof import('./index');

export const loadCheckModule = lazy(async (): Promise<CheckModule> => {
  const bundled = join(__dirname, 'check.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle found at run time, not at build time
  if (existsSync(bundled)) return require(bundled) as CheckModule;
  // A computed specifier keeps esbuild from pulling the module (and tfjs) into the caller's bundle.
  const source = './index';
  return (await import(source)) as CheckModule;
});
