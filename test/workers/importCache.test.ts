// Sizes from other files in the editor: the analysis worker asks the host for each imported file
// and for the files beside the one it reads (whose calls may fix its sizes), the host answers from
// open editors first, else from the disk (kept), and a change to a file read, or a file created
// beside it, marks the detections that read it for another run. The worker here is the real one
// (from source); the host's file system is a map.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectModels, gatherImports, type DetectionResult } from '../../src/detect/index';
import type { AnalysisMethods, HostMethods } from '../../src/workers/analysis';
import { isGone } from '../../src/workers/keptDetections';
import { fromWire } from '../../src/workers/wire';
import { ImportCache, type FileSource } from '../../src/workers/importCache';
import { folderOf } from '../../src/detect/project';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import type { Supervisor } from '../../src/workers/supervisor';
import { analysisSupervisor } from './analysisSupervisor';

/** A workspace as a map of files, open editors as another; counts the disk reads. */
function workspace(files: Record<string, string>) {
  const disk = new Map(Object.entries(files));
  const buffers = new Map<string, string>();
  const diskReads: string[] = [];
  const listings: string[] = [];
  const source: FileSource = {
    buffer: (path) => buffers.get(path),
    disk: (path) => {
      diskReads.push(path);
      return Promise.resolve(disk.get(path));
    },
    listing: (folder) => {
      listings.push(folder);
      return Promise.resolve([...disk.keys()].filter((p) => folderOf(p) === folder).sort());
    },
  };
  return { disk, buffers, diskReads, listings, source };
}

test('an open editor wins over the disk; disk texts are kept, missing files too, until the file changes', async () => {
  const w = workspace({ 'data.js': 'export const N = 1;' });
  const cache = new ImportCache(w.source);
  assert.equal(await cache.read('data.js'), 'export const N = 1;');
  assert.equal(await cache.read('data.js'), 'export const N = 1;');
  assert.equal(await cache.read('data.ts'), undefined);
  assert.equal(await cache.read('data.ts'), undefined);
  assert.deepEqual(w.diskReads, ['data.js', 'data.ts'], 'each path read from disk once');

  w.buffers.set('data.js', 'export const N = 2; // unsaved');
  assert.equal(await cache.read('data.js'), 'export const N = 2; // unsaved');
  w.buffers.delete('data.js');
  assert.equal(await cache.read('data.js'), 'export const N = 1;', 'closed unsaved: the disk text again');

  w.disk.set('data.js', 'export const N = 3;');
  assert.equal(await cache.read('data.js'), 'export const N = 1;', 'kept until told of the change');
  cache.changed('data.js');
  assert.equal(await cache.read('data.js'), 'export const N = 3;');
  w.disk.set('data.ts', 'export const M = 1;');
  cache.changed('data.ts');
  assert.equal(await cache.read('data.ts'), 'export const M = 1;', 'a file created where a miss was kept');
});

test('a change names the entries that read the file, found or not, and no others; forgetting an entry drops it', () => {
  const cache = new ImportCache(workspace({}).source);
  cache.record('file:///w/index.js', ['data.ts', 'data.tsx', 'data.js']);
  cache.record('file:///w/other.js', ['util.js']);
  cache.record('file:///w/both.js', ['data.js', 'util.js']);
  assert.deepEqual(cache.changed('data.js').sort(), ['file:///w/both.js', 'file:///w/index.js']);
  assert.deepEqual(cache.changed('data.ts'), ['file:///w/index.js'], 'a missing file that appears counts');
  assert.deepEqual(cache.changed('model.js'), []);
  assert.ok(cache.dependsOn('file:///w/other.js', 'util.js'));
  assert.ok(!cache.dependsOn('file:///w/other.js', 'data.js'));
  cache.forget('file:///w/both.js');
  assert.deepEqual(cache.changed('util.js'), ['file:///w/other.js']);
  cache.record('file:///w/other.js', []);
  assert.deepEqual(cache.changed('util.js'), [], 'a detection that read nothing depends on nothing');
});

test('a folder listing is kept until a file is created in it; a change to any file of a listed folder names its listers', async () => {
  const w = workspace({ 'vae/model.js': 'm', 'vae/train.js': 't', 'other/x.js': 'x' });
  const cache = new ImportCache(w.source);
  assert.deepEqual(await cache.list('vae'), ['vae/model.js', 'vae/train.js']);
  assert.deepEqual(await cache.list('vae'), ['vae/model.js', 'vae/train.js']);
  assert.deepEqual(w.listings, ['vae'], 'listed once');
  cache.record('file:///w/vae/model.js', ['vae/train.js'], ['vae']);
  cache.record('file:///w/other/x.js', [], ['other']);
  // train.js was used (it calls the model's function); a sibling it never used still names it, but
  // is not a file it depends on (the sidebar does not keep the model on screen for it).
  assert.deepEqual(cache.changed('vae/train.js'), ['file:///w/vae/model.js']);
  assert.ok(cache.dependsOn('file:///w/vae/model.js', 'vae/train.js'));
  assert.ok(!cache.dependsOn('file:///w/vae/model.js', 'vae/model.js'));
  assert.deepEqual(await cache.list('vae'), ['vae/model.js', 'vae/train.js'], 'an edit keeps the listing');
  assert.deepEqual(w.listings, ['vae']);
  // A file created in vae/: the listing is read again, with it; other/ is not concerned.
  w.disk.set('vae/eval.js', 'e');
  assert.deepEqual(cache.changed('vae/eval.js'), ['file:///w/vae/model.js']);
  assert.deepEqual(await cache.list('vae'), ['vae/eval.js', 'vae/model.js', 'vae/train.js']);
  assert.deepEqual(w.listings, ['vae', 'vae']);
  cache.forget('file:///w/vae/model.js');
  assert.deepEqual(cache.changed('vae/train.js'), []);
});

test('the kept texts are bounded: past the limit the oldest are read again', async () => {
  const w = workspace({ 'a.js': 'a', 'b.js': 'b', 'c.js': 'c' });
  const cache = new ImportCache(w.source, 2);
  for (const p of ['a.js', 'b.js', 'c.js', 'c.js', 'a.js']) await cache.read(p);
  assert.deepEqual(w.diskReads, ['a.js', 'b.js', 'c.js', 'a.js']);
});

const INDEX = `import * as tf from '@tensorflow/tfjs';
import { IMAGE_H, IMAGE_W } from './data';

export function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [IMAGE_H, IMAGE_W, 1] }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 }));
  return model;
}
`;
const DATA = (h: number) => `// data
export const IMAGE_H = ${h};
export const IMAGE_W = 28;
`;

let worker: Supervisor<AnalysisMethods, HostMethods>;
const w = workspace({ 'mnist/data.js': DATA(28) });
const cache = new ImportCache(w.source);
before(() => {
  worker = analysisSupervisor(({ path }) => cache.read(path));
});
after(() => worker.dispose());

type Detected = DetectionResult & { reads: string[]; fingerprint: string };

async function detect(): Promise<Detected> {
  const outcome = await worker.call('detect', {
    text: INDEX,
    fileName: 'mnist/index.js',
    document: 'file:///w/mnist/index.js',
    listing: await cache.list('mnist'),
  });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.skipped);
  cache.record('file:///w/mnist/index.js', outcome.value.reads, outcome.value.folders);
  return { ...fromWire(outcome.value.detection), reads: outcome.value.reads, fingerprint: outcome.value.fingerprint };
}

const inputOf = (a: Detected) => {
  const d = a.models[0]?.inputDim;
  return d?.kind === 'known' ? d.value : null;
};
const originsOf = (a: Detected) =>
  (a.models[0]?.origins ?? []).map((o) => `${o.name} = ${o.value}, from ${o.file}:${o.line}`);

test('the worker follows the import through the host: the size and where it came from, in workspace terms', async () => {
  const first = await detect();
  assert.equal(inputOf(first), 28 * 28);
  assert.deepEqual(originsOf(first), ['IMAGE_H = 28, from mnist/data.js:2', 'IMAGE_W = 28, from mnist/data.js:3']);
  assert.ok(first.reads.includes('mnist/data.js'));
  assert.ok(
    first.reads.every((p) => p.startsWith('mnist/data')),
    `reads: ${first.reads.join(', ')}`,
  );
  // The sidebar's view says where the input size came from, beside a prediction made with it.
  const shown = await worker.call('view', {
    subject: {
      origin: 'file',
      fileName: 'index.js',
      detection: { document: 'file:///w/mnist/index.js', fingerprint: first.fingerprint },
      selected: 'buildModel',
    },
    fileName: 'index.js',
    settings: DEFAULT_SETTINGS,
    user: { unknowns: {}, whatIf: {} },
    chartData: [],
  });
  assert.ok(shown.ok, shown.ok ? '' : shown.skipped);
  assert.ok(!isGone(shown.value), 'the worker keeps the detection it made');
  const v = shown.value.computed.view;
  assert.ok(v.kind === 'model' && v.result.ok, JSON.stringify(v).slice(0, 300));
  assert.deepEqual(v.sizesFrom, ['IMAGE_H = 28, from mnist/data.js:2', 'IMAGE_W = 28, from mnist/data.js:3']);

  // The user edits data.js without saving: the editor's text is what the model is read with.
  w.buffers.set('mnist/data.js', DATA(14));
  assert.deepEqual(cache.changed('mnist/data.js'), ['file:///w/mnist/index.js']);
  const edited = await detect();
  assert.equal(inputOf(edited), 14 * 28);
  assert.deepEqual(originsOf(edited)[0], 'IMAGE_H = 14, from mnist/data.js:2');

  // Closed without saving: the disk's 28 again.
  w.buffers.delete('mnist/data.js');
  cache.changed('mnist/data.js');
  assert.equal(inputOf(await detect()), 28 * 28);
});

test('a host that cannot read leaves the size open, named by its import', async () => {
  const blind = analysisSupervisor(() => {
    throw new Error('no file system');
  });
  try {
    const outcome = await blind.call('detect', {
      text: INDEX,
      fileName: 'mnist/index.js',
      document: 'file:///w/mnist/index.js',
      listing: [],
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.skipped);
    const { models } = fromWire(outcome.value.detection);
    assert.equal(models[0]?.inputDim.kind, 'unknown');
    assert.deepEqual(models[0]?.origins ?? [], []);
  } finally {
    blind.dispose();
  }
});

const MODEL = `import * as tf from '@tensorflow/tfjs';

export function buildModel(units) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 256, inputShape: [64], activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`;
const TRAIN = (units: number) => `import { buildModel } from './model';

const model = buildModel(${units});
`;

test('a file beside the model that calls its function fixes the open width, through the host, and a new caller is seen', async () => {
  const v = workspace({
    'calls/model.js': MODEL,
    'calls/train.js': TRAIN(512),
    'calls/notes.js': 'export const unrelated = 1;\n',
  });
  const host = new ImportCache(v.source);
  const callsWorker = analysisSupervisor(({ path }) => host.read(path));
  const key = 'file:///w/calls/model.js';
  const detectModel = async () => {
    const outcome = await callsWorker.call('detect', {
      text: MODEL,
      fileName: 'calls/model.js',
      document: key,
      listing: await host.list('calls'),
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.skipped);
    host.record(key, outcome.value.reads, outcome.value.folders);
    return { ...fromWire(outcome.value.detection), reads: outcome.value.reads, folders: outcome.value.folders };
  };
  try {
    const first = await detectModel();
    assert.deepEqual(
      first.models.map((m) => m.name),
      ['buildModel (call at train.js:3)'],
    );
    assert.deepEqual(
      (first.models[0]?.origins ?? []).map((o) => `${o.name} = ${o.value}, from ${o.file}:${o.line}`),
      ['units = 512, from calls/train.js:3'],
    );
    assert.deepEqual(first.folders, ['calls']);
    assert.ok(first.reads.includes('calls/train.js'), `reads: ${first.reads.join(', ')}`);
    assert.ok(!first.reads.includes('calls/notes.js'), 'a file beside it that does not import it is not a dependency');

    // A second caller created beside it: its call gives a second reading.
    v.disk.set('calls/eval.js', TRAIN(64));
    assert.deepEqual(host.changed('calls/eval.js'), [key]);
    const second = await detectModel();
    assert.deepEqual(second.models.map((m) => m.name).sort(), [
      'buildModel (call at eval.js:3)',
      'buildModel (call at train.js:3)',
    ]);
  } finally {
    callsWorker.dispose();
  }
});

test('through the host, sizes two levels up and a class of another file give what the CLI gives', async () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'project', 'instances');
  const files: Record<string, string> = {};
  for (const name of await readdir(dir)) files[`instances/${name}`] = await readFile(join(dir, name), 'utf8');
  const v = workspace(files);
  const host = new ImportCache(v.source);
  const levelsWorker = analysisSupervisor(({ path }) => host.read(path));
  try {
    const text = files['instances/net.js']!;
    const outcome = await levelsWorker.call('detect', {
      text,
      fileName: 'instances/net.js',
      document: 'file:///w/instances/net.js',
      listing: await host.list('instances'),
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.skipped);
    const editor = fromWire(outcome.value.detection).models;
    // The editor's reading budget, so that a loaded machine cuts neither reading short.
    const cli = detectModels(text, join(dir, 'net.js'), {
      budgetMs: 3000,
      project: await gatherImports(
        join(dir, 'net.js'),
        text,
        (p) => readFile(p, 'utf8').catch(() => undefined),
        undefined,
        Object.keys(files).map((p) => join(dir, p.slice('instances/'.length))),
      ),
    }).models;
    const summary = (models: typeof editor) =>
      models.map((m) => ({
        name: m.name,
        inputDim: m.inputDim.kind === 'known' ? m.inputDim.value : m.inputDim.symbol,
        origins: (m.origins ?? []).map(
          (o) => `${o.name} = ${o.value}, from ${o.file.slice(o.file.lastIndexOf('/') + 1)}:${o.line}`,
        ),
      }));
    assert.deepEqual(summary(editor), summary(cli));
    assert.ok(
      editor.some((m) => m.name === 'buildPolicy (call at player.js:9 from play.js:7)' && m.inputDim.kind === 'known'),
    );
    // The files two levels up are dependencies: a change to play.js re-reads the model.
    for (const p of ['instances/play.js', 'instances/board.js', 'instances/player.js'])
      assert.ok(outcome.value.reads.includes(p), `reads: ${outcome.value.reads.join(', ')}`);
    assert.ok(!outcome.value.reads.includes('instances/drill.js'));
  } finally {
    levelsWorker.dispose();
  }
});
