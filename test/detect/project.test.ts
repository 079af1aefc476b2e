// Sizes from other files: gathering what a file imports (relative paths, extensions, index files,
// bounds) and detection reading the constants those files export, with where each came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectModels, gatherImports, type ModelSpec, type ReadFile, type SizeValue } from '../../src/detect/index';
import { candidatePaths, normalisePath, relativeImports } from '../../src/detect/project';
import { runPredict } from '../../src/cli/predict';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'project');

const fromDisk: ReadFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

async function detectWithImports(file: string): Promise<{ models: ModelSpec[]; files: string[] }> {
  const path = join(DIR, file);
  const text = await readFile(path, 'utf8');
  const project = await gatherImports(path, text, fromDisk);
  const result = detectModels(text, path, { project });
  assert.equal(result.skipped, null);
  return { models: result.models, files: [...project.files.keys()].map((p) => p.slice(normalisePath(DIR).length + 1)) };
}

const known = (s: SizeValue | null | undefined): number | null => (s?.kind === 'known' ? s.value : null);
const originTexts = (m: ModelSpec | undefined): string[] =>
  (m?.origins ?? []).map((o) => `${o.name}=${o.value} ${o.file.slice(normalisePath(DIR).length + 1)}:${o.line}`);

test('paths: relative specifiers resolve with the usual extensions and index files; TS imports its siblings as .js', () => {
  assert.equal(normalisePath('a/b/../c/./d.js'), 'a/c/d.js');
  assert.equal(normalisePath('C:\\p\\q\\..\\r.ts'), 'C:/p/r.ts');
  const bare = candidatePaths('/w/src/index.js', './data');
  assert.equal(bare[0], '/w/src/data.ts');
  assert.ok(
    bare.includes('/w/src/data.js') && bare.includes('/w/src/data/index.ts') && bare.includes('/w/src/data/index.js'),
  );
  assert.deepEqual(candidatePaths('/w/src/index.ts', '../lib/x.js'), ['/w/lib/x.js', '/w/lib/x.ts']);
  // Relative names (the editor's workspace paths, a file named in the working directory) stay relative.
  assert.equal(candidatePaths('index.js', './data')[0], 'data.ts');
  assert.equal(candidatePaths('mnist/index.js', './data.js')[0], 'mnist/data.js');
  assert.equal(candidatePaths('index.js', '../up.js')[0], '../up.js');
  assert.equal(candidatePaths('/index.js', './data.js')[0], '/data.js');
  assert.deepEqual(
    relativeImports("import a from './a'; export * from '../b'; const c = require('./c'); import x from 'pkg';"),
    ['./a', '../b', './c'],
  );
  // The folder itself, its parent, a dynamic import, a specifier spelled with an escape; and none at all.
  assert.deepEqual(
    relativeImports('import a from ".";\nimport b from "..";\nconst c = import(`./c`);\nimport d from "\\u002e/d";'),
    ['.', '..', './c', './d'],
  );
  // Each alone too: the quick look for a possible relative specifier must not miss one that the scan finds.
  for (const line of ['import a from ".";', "import b from '..';", 'import(`./c`);', 'import d from "\\u002e/d";'])
    assert.equal(relativeImports(line).length, 1, line);
  assert.deepEqual(relativeImports("import * as tf from '@tensorflow/tfjs';\nconst x = 'a./b';"), []);
});

test('a bare file name (the CLI run from the folder of the file) resolves its imports beside it', async () => {
  const read: ReadFile = (path) => fromDisk(join(DIR, 'mnist', path));
  const text = await readFile(join(DIR, 'mnist', 'index.js'), 'utf8');
  const project = await gatherImports('index.js', text, read);
  assert.deepEqual([...project.files.keys()], ['index.js', 'data.js']);
  assert.deepEqual(candidatePaths('index.js', './data').slice(0, 2), ['data.ts', 'data.tsx']);
});

test('an ES named and namespace import: the input shape and the readout from the data file, each with its line', async () => {
  const { models, files } = await detectWithImports('mnist/index.js');
  assert.deepEqual(files, ['mnist/index.js', 'mnist/data.js']);
  const [m] = models;
  assert.equal(known(m?.inputDim), 784);
  assert.deepEqual(
    m?.layers.map((l) => known(l.units)),
    [null, 42, 10],
  );
  assert.deepEqual(originTexts(m), [
    'IMAGE_H=28 mnist/data.js:2',
    'IMAGE_W=28 mnist/data.js:3',
    'NUM_CLASSES=10 mnist/data.js:4',
  ]);
  assert.deepEqual(m?.unknowns, []);
});

test('without the imported files the same sizes stay open, named by their import', async () => {
  const text = await readFile(join(DIR, 'mnist/index.js'), 'utf8');
  const [m] = detectModels(text, join(DIR, 'mnist/index.js')).models;
  assert.deepEqual(
    m?.unknowns.map((u) => u.symbol),
    ['IMAGE_H', 'IMAGE_W', 'data.NUM_CLASSES'],
  );
  assert.equal(m?.origins, undefined);
});

test('re-exports through an index file, a renamed re-export and a default export imported as ./x.js from TypeScript', async () => {
  const { models, files } = await detectWithImports('reexported.ts');
  assert.deepEqual(files.sort(), ['config/defaults.ts', 'config/index.ts', 'config/sizes.ts', 'reexported.ts']);
  const [m] = models;
  assert.equal(known(m?.inputDim), 12);
  // defaults.depth = 2 hidden layers of WIDTH = HIDDEN = 2 * FEATURES, tanh from the default export.
  assert.deepEqual(
    m?.layers.map((l) => [known(l.units), l.activation]),
    [
      [24, 'tanh'],
      [24, 'tanh'],
      [1, null],
    ],
  );
  assert.deepEqual(originTexts(m), ['FEATURES=12 config/sizes.ts:1', 'HIDDEN=24 config/sizes.ts:3']);
});

test('CommonJS: require with destructuring and a required namespace, module.exports and module.exports.x', async () => {
  const [m] = (await detectWithImports('required.js')).models;
  assert.equal(known(m?.inputDim), 8);
  assert.deepEqual(
    m?.layers.map((l) => known(l.units)),
    [16, 1],
  );
  assert.deepEqual(originTexts(m), ['FEATURES=8 consts.js:1', 'HIDDEN=16 consts.js:2']);
});

test('an import cycle back to the file being read ends; what the cycle leaves undefined stays open', async () => {
  const [m] = (await detectWithImports('cycle/a.js')).models;
  assert.equal(known(m?.inputDim), 5);
  assert.deepEqual(
    m?.layers.map((l) => known(l.units)),
    [7, 1],
  );
});

test('an import that names no file leaves its size open, as before', async () => {
  const { models, files } = await detectWithImports('unread.js');
  assert.deepEqual(files, ['unread.js']);
  assert.deepEqual(
    models[0]?.unknowns.map((u) => u.symbol),
    ['INPUTS'],
  );
});

test('gathering is bounded: a chain of 200 imports stops at the file limit, a large file is not read, reads that throw are missing files', async () => {
  const files = new Map<string, string>();
  for (let i = 0; i < 200; i++) files.set(`/p/m${i}.js`, `import { x } from './m${i + 1}';\nexport const v${i} = 1;`);
  files.set('/p/big.js', `export const A = 1;\n${'// padding\n'.repeat(50_000)}`);
  files.set('/p/entry.js', "import './m0'; import './big'; import './throws';");
  let reads = 0;
  const read: ReadFile = async (path) => {
    reads++;
    if (path.includes('throws')) throw new Error('EACCES');
    return files.get(path);
  };
  const project = await gatherImports('/p/entry.js', files.get('/p/entry.js')!, read, {
    maxFiles: 10,
    maxChars: 1_000_000,
    maxFileChars: 100_000,
    timeMs: 5000,
  });
  assert.ok(project.files.size <= 11, `${project.files.size} files`);
  assert.ok(!project.files.has('/p/big.js'));
  assert.ok(reads < 200);
});

test('predict --json says where each size came from', async () => {
  let out = '';
  const code = await runPredict([join(DIR, 'mnist/index.js'), '--json'], {
    out: (t) => {
      out += t;
    },
    err: () => {},
  });
  assert.equal(code, 0);
  const [m] = (JSON.parse(out) as { models: { inputDim: number; analysis: unknown; sizesFrom: { text: string }[] }[] })
    .models;
  assert.equal(m?.inputDim, 784);
  assert.notEqual(m?.analysis, null);
  assert.match(m?.sizesFrom[0]?.text ?? '', /^IMAGE_H = 28, from .*mnist\/data\.js:2$/);
});
