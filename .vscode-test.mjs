// @vscode/test-cli configuration for the integration tests. They run inside a VS Code that is
// already on this machine (VSCODE_EXECUTABLE_PATH): nothing is downloaded at test time.
import { defineConfig } from '@vscode/test-cli';
import { fileURLToPath } from 'node:url';

const executable = process.env.VSCODE_EXECUTABLE_PATH;
if (!executable) {
  throw new Error(
    'VSCODE_EXECUTABLE_PATH is not set: point it at a VS Code (or VS Code Insiders) executable; see docs/testing.md',
  );
}
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  label: 'integration',
  files: `${root}out/integration/**/*.test.js`,
  extensionDevelopmentPath: root,
  workspaceFolder: `${root}test/integration/workspace`,
  useInstallation: { fromPath: executable },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 60_000 },
});
