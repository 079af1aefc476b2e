// Bundles every entry point with esbuild. Each bundle is self-contained: the .vsix ships
// dist/ and media/ only, never node_modules.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// Another output folder (tests build into a temporary one); dist/ by default.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 ? process.argv[outdirFlag + 1] : 'dist';

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    // The command-line tool: `tfjs-scaling analyze | predict | check`.
    entryPoints: { cli: 'src/cli/main.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The empirical check with TensorFlow.js inside: loaded on demand by the CLI and the extension;
    // its worker threads each load checkWorker.js (and the WebAssembly backend copied beside it).
    entryPoints: { check: 'src/check/index.ts', checkWorker: 'src/check/worker.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  {
    // The VS Code extension host (`vscode` is provided by the editor at run time), and the worker
    // threads it runs everything computed from a file in: detection, architectures and the
    // engine (analysisWorker), chart sweeps (chartWorker), the check by training (editorCheckWorker:
    // it loads dist/check.js, which trains in checkWorker.js threads of its own). extension.js
    // holds neither the detector nor the engine, so activation stays cheap and the host thread
    // never runs them.
    entryPoints: {
      extension: 'src/extension.ts',
      analysisWorker: 'src/workers/analysisWorker.ts',
      analysisCore: 'src/workers/analysisCore.ts',
      chartWorker: 'src/workers/chartWorker.ts',
      editorCheckWorker: 'src/workers/editorCheckWorker.ts',
    },
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    // The sidebar webview (its stylesheet is media/webview.css, loaded as is).
    entryPoints: { webview: 'webview/main.ts' },
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  outdir,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};
if (watch) {
  // The lines the esbuild problem matchers (.vscode/tasks.json) wait for before F5 launches: one
  // pair per rebuild of all bundles, so the launch waits for the last of them.
  let running = 0;
  const announce = {
    name: 'announce',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) console.log('[watch] build started');
      });
      build.onEnd((r) => {
        for (const e of r.errors) {
          console.error(`✘ [ERROR] ${e.text}\n    ${e.location?.file}:${e.location?.line}:${e.location?.column}:`);
        }
        if (--running === 0) console.log('[watch] build finished');
      });
    },
  };
  for (const b of bundles) await (await esbuild.context({ ...common, ...b, plugins: [announce] })).watch();
} else {
  const results = await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b, metafile: true })));
  // `bin` in package.json points here: the file runs as a command only with its execute bit.
  chmodSync(join(outdir, 'cli.js'), 0o755);
  // Typed sizes are read with mathjs in the analysis worker only: the extension host's own bundle
  // (loaded at activation) and the chart worker must not carry it.
  for (const name of ['extension.js', 'chartWorker.js']) {
    const output = results
      .flatMap((r) => Object.entries(r.metafile.outputs))
      .find(([path]) => path.endsWith(`/${name}`));
    const mathjs = Object.keys(output?.[1].inputs ?? {}).filter((input) => input.includes('node_modules/mathjs/'));
    if (mathjs.length > 0) {
      console.error(`build: ${name} holds mathjs (${mathjs[0]}, …): it belongs in analysisWorker.js only`);
      process.exit(1);
    }
  }
}
// The check's WebAssembly backend loads its binary from beside the bundle (setWasmPaths in
// src/check/backend.ts). Only the SIMD build: every Node the editor runs on has SIMD, and where
// wasm does not start the check trains on the CPU backend instead.
mkdirSync(outdir, { recursive: true });
for (const file of ['tfjs-backend-wasm-simd.wasm']) {
  copyFileSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${file}`, join(outdir, file));
}
