// Sizes from command-line defaults: a script that reads its sizes with the `argparse` package runs
// with each argument's default unless told otherwise, so the default is the size, labelled with
// where it was declared; an argument without a default stays open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectModels, toArchitecture, type ModelSpec } from '../../src/detect/index';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'project', 'argparse');

async function detect(file: string): Promise<ModelSpec[]> {
  const path = join(DIR, file);
  const result = detectModels(await readFile(path, 'utf8'), path);
  assert.equal(result.skipped, null);
  return result.models;
}

const origins = (m: ModelSpec | undefined): string[] =>
  (m?.origins ?? []).map((o) => `${o.name}=${o.value} ${o.file.slice(o.file.lastIndexOf('/') + 1)}:${o.line}`);
const widths = (m: ModelSpec | undefined): (number | null)[] => {
  const a = m ? toArchitecture(m, { overrides: {}, defaultInputDim: null }).architecture : null;
  return a ? [a.inputDim, ...a.layers.map((l) => (l.kind === 'dense' ? l.width : null))] : [];
};

test('argparse 1: the defaults of parseArgs() reach the model; a numeric string default is read as a number', async () => {
  const [m, ...rest] = await detect('train.js');
  assert.equal(rest.length, 0);
  assert.equal(m?.name, 'buildModel');
  assert.deepEqual(widths(m), [10000, 64, 64]);
  assert.deepEqual(origins(m), ['--numWords default=10000 train.js:16', '--hidden-units default=64 train.js:17']);
  // The positional argument has no default: the branch it decides stays undecided, as before.
  assert.ok(m?.notes.some((n) => n.includes("kind === 'deep'")));
});

test('argparse 2: add_argument with separate option strings and `default`; no default leaves the size open', async () => {
  const [fixed, open] = await detect('train2.js');
  assert.deepEqual(widths(fixed), [32, 8]);
  assert.deepEqual(origins(fixed), ['--input-dim default=32 train2.js:6']);
  assert.deepEqual(
    open?.unknowns.map((u) => u.symbol),
    ['width'],
  );
  assert.match(open?.unknowns[0]?.reason ?? '', /--width .*no default/);
});
