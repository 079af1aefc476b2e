// Builds the extension and the integration tests, then runs them in the VS Code at
// VSCODE_EXECUTABLE_PATH through @vscode/test-cli. See docs/testing.md.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!process.env.VSCODE_EXECUTABLE_PATH) {
  console.error('VSCODE_EXECUTABLE_PATH is not set: point it at a VS Code executable (see docs/testing.md).');
  process.exit(2);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('node', ['scripts/build.mjs']);
const tests = readdirSync('test/integration')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/integration/${f}`);
await esbuild.build({
  entryPoints: tests,
  bundle: true,
  outdir: 'out/integration',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
});
run('npx', ['vscode-test', '--config', '.vscode-test.mjs']);
