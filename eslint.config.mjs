// Lint rules that catch what the compiler cannot: an unhandled message or command type slipping
// through a switch, a promise nobody awaits (an unhandled rejection lands in VS Code's log), and
// `vscode` imported outside the host (the per-layer tsconfigs catch node and DOM, not this).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'test/fixtures/**',
      'test/integration/workspace/**',
      'examples/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'before', 'after'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/host/**', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'Only src/host/ and src/extension.ts may import vscode.' },
            {
              // The bundler copies the compiler's 2,000-odd exports for every module that imports it.
              name: 'typescript',
              message: 'Import the compiler from src/detect/typescript.ts (one import in the bundle).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/detect/typescript.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/host/ and src/extension.ts may import vscode.' }] },
      ],
    },
  },
  {
    // The webview is another bundle in another process: it shares with the host only the protocol,
    // and src/present/ (how numbers, labels and tables read), which is pure for that reason.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/host/ and src/extension.ts may import vscode.' }],
          patterns: [
            {
              regex: '^\\.\\./src/(?!protocol$|present/)',
              message: 'The webview imports from src/ only protocol.ts and src/present/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
  },
);
