// Sizes from callers two levels up and from models passed as arguments: a call written in a
// class or function whose own parameters are open there is read with the arguments that class's
// or function's callers give (one level more, files importing the caller gathered for it); a class
// of another file runs there (`new Board({ cols: 7 })`: its fields and getters); a model made by a
// function of the model's file and passed to another (`joined(makeEncoder(opts), …)`) is made by
// the model's own reading, so it can be taken apart there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectModels, gatherImports, toArchitecture, type ModelSpec, type ReadFile } from '../../src/detect/index';
import { normalisePath } from '../../src/detect/project';
import { runPredict } from '../../src/cli/predict';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'project');
const INSTANCES = join(FIXTURES, 'instances');
const PASSED = join(FIXTURES, 'passed');

const fromDisk: ReadFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Detection of `file` with the files of its folder offered as possible callers (as the CLI does). */
async function detect(
  dir: string,
  file: string,
  offered?: string[],
): Promise<{ models: ModelSpec[]; files: string[] }> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  const folder = (offered ?? (await readdir(dir))).map((n) => join(dir, n)).filter((p) => p !== path);
  const project = await gatherImports(path, text, fromDisk, undefined, folder);
  // A generous budget: on a loaded machine the default 500 ms can cut the callers' reading short.
  const result = detectModels(text, path, { project, budgetMs: 5000 });
  assert.equal(result.skipped, null);
  return { models: result.models, files: [...project.files.keys()].map(shown).sort() };
}

const shown = (file: string): string => file.slice(normalisePath(file).lastIndexOf('/') + 1);
const origins = (m: ModelSpec | undefined): string[] =>
  (m?.origins ?? []).map((o) => `${o.name}=${o.value} ${o.call ? 'call ' : ''}${shown(o.file)}:${o.line}`);
const read = (m: ModelSpec | undefined) => (m ? toArchitecture(m, { overrides: {}, defaultInputDim: null }) : null);
const dims = (m: ModelSpec | undefined): (number | null)[] => {
  const a = read(m)?.architecture;
  return a ? [a.inputDim, ...a.layers.map((l) => (l.kind === 'dense' ? l.width : null))] : [];
};

test("a call in a class's constructor is read from the class's own callers: the board's size through its instance", async () => {
  const { models, files } = await detect(INSTANCES, 'net.js');
  // play.js and drill.js import no file of the model's: they are gathered as importers of its importers.
  assert.deepEqual(files, ['board.js', 'coach.js', 'net.js', 'play.js', 'player.js']);
  const fromPlay = models.find((m) => m.name === 'buildPolicy (call at player.js:9 from play.js:7)');
  assert.ok(fromPlay, `models: ${models.map((m) => m.name).join(' | ')}`);
  // rows: the Board's default (its constructor, run in board.js), cols: the 7 play.js gives (the 4 moves are the readout's width).
  assert.deepEqual(dims(fromPlay), [6 * 7, 48]);
  assert.equal(read(fromPlay)?.why ?? null, null);
  assert.deepEqual(origins(fromPlay), [
    'rows=6 call player.js:9',
    'board.rows=6 call play.js:7',
    'Board().rows=6 board.js:5',
    'cols=7 call player.js:9',
    'board.cols=7 call play.js:7',
    'Board().cols=7 board.js:5',
    'moves=4 call player.js:9',
    'MOVES=4 board.js:3',
  ]);
});

test('callers are read two levels up and no further: the board drill.js gives through Coach stays open', async () => {
  const { models, files } = await detect(INSTANCES, 'net.js');
  assert.ok(!files.includes('drill.js'), 'three levels from the model: not gathered');
  const fromCoach = models.find((m) => m.name === 'buildPolicy (call at player.js:9 from coach.js:6)');
  assert.ok(fromCoach, `models: ${models.map((m) => m.name).join(' | ')}`);
  assert.equal(fromCoach.inputDim.kind, 'unknown');
  assert.deepEqual(
    read(fromCoach)
      ?.missing.map((u) => u.symbol)
      .sort(),
    ['board.cols', 'board.rows'],
  );
  assert.ok(!models.some((m) => dims(m)[0] === 11 * 13));
});

test('without the file two levels up, the call in the constructor leaves the board open, as before', async () => {
  const { models } = await detect(INSTANCES, 'net.js', ['player.js', 'board.js']);
  assert.deepEqual(
    models.map((m) => m.name),
    ['buildPolicy (call at player.js:9)'],
  );
  assert.equal(models[0]?.inputDim.kind, 'unknown');
});

test('a class of another file runs there when constructed: its constructor, defaults and getters; a field only a method sets is open', async () => {
  const dir = INSTANCES;
  const path = join(dir, 'play.js');
  const text = `${await readFile(path, 'utf8')}
import * as tf from '@tensorflow/tfjs';
const b = new Board({ rows: 3, cols: 5 });
if (b.last == null) throw new Error('nothing placed yet');
export const probe = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [b.rows * b.cols] })] });
`;
  const project = await gatherImports(path, text, fromDisk);
  const [probe] = detectModels(text, path, { project, budgetMs: 5000 }).models;
  assert.equal(probe?.inputDim.kind === 'known' ? probe.inputDim.value : null, 15);
});

test('models made by functions of the file and passed to another are made by its reading: joined is predicted', async () => {
  const { models } = await detect(PASSED, 'parts.js');
  const joined = models.find((m) => m.name.startsWith('joined'));
  assert.equal(joined?.name, 'joined (call at fit.js:7)');
  // The encoder's layers (64 -> 32 -> 8, from makeEncoder(opts) at fit.js:5), then the head's readout.
  assert.deepEqual(dims(joined), [64, 32, 8]);
  assert.equal(read(joined)?.why ?? null, null);
  assert.ok(origins(joined).includes('opts.inputDim=64 call fit.js:5'));
  // The parts are read from their own calls as before, and the calls made for joined add no model.
  assert.deepEqual(
    models.map((m) => m.name),
    [
      'makeEncoder (calls at fit.js:5, 8)',
      'makeHead (calls at fit.js:6, 8)',
      'joined (call at fit.js:7)',
      'noisy (call at fit.js:8)',
    ],
  );
});

test('a layer class of the code (extends tf.layers.Layer) is outside the theory, named by its class', async () => {
  const { models } = await detect(PASSED, 'parts.js');
  const noisy = models.find((m) => m.name.startsWith('noisy'));
  assert.equal(noisy?.inputDim.kind === 'known' ? noisy.inputDim.value : null, 64);
  assert.match(read(noisy)?.why ?? '', /^outside the theory: Jitter at line 33/);
});

test('predict names the calls two levels up and says where each size came from', async () => {
  let out = '';
  const io = { out: (s: string) => void (out += `${s}\n`), err: () => {} };
  assert.equal(await runPredict([join(INSTANCES, 'net.js'), '--budget', '5000'], io), 0);
  assert.match(out, /^buildPolicy \(call at player\.js:9 from play\.js:7\)/m);
  assert.match(out, /board\.cols = 7, from the call at .*instances\/play\.js:7/);
});
