// The detections the analysis worker keeps by fingerprint, so the host's view requests name one
// instead of carrying its models: kept and found, bounded, dropped when the host forgets the
// document, and, through the real worker, asked again with the models when the worker was replaced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { benchSource } from '../../bench/detect';
import type { ModelSpec } from '../../src/detect/index';
import type { AnalysisMethods, HostMethods, ViewRequest } from '../../src/workers/analysis';
import { isGone, KeptDetections, withModels } from '../../src/workers/keptDetections';
import type { Supervisor } from '../../src/workers/supervisor';
import { analysisSupervisor } from './analysisSupervisor';
import { fromWire } from '../../src/workers/wire';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import { modelIds } from '../../src/view/models';

/** Stand-ins for a detection's models: the store keeps whatever it is given, by identity. */
const models = (name: string): ModelSpec[] => [{ name } as ModelSpec];

test('a kept detection is found by its fingerprint; one never kept, or replaced by the document’s next, is not', () => {
  const kept = new KeptDetections();
  const first = models('first');
  kept.keep('a.ts', 'f1', first, 100);
  assert.equal(kept.models('f1'), first);
  assert.equal(kept.models('nope'), undefined);
  // The document's next detection replaces its previous one: the host only asks for a document's last.
  kept.keep('a.ts', 'f2', models('second'), 100);
  assert.equal(kept.models('f1'), undefined);
  assert.equal(kept.models('f2')?.[0]?.name, 'second');
  assert.deepEqual(kept.size, { entries: 1, chars: 100 });
  // The same detection again (an edit that changed no model) keeps it.
  kept.keep('a.ts', 'f2', models('second again'), 100);
  assert.equal(kept.models('f2')?.[0]?.name, 'second');
});

test('forgetting a document drops its detection, unless another document has the same one', () => {
  const kept = new KeptDetections();
  kept.keep('a.ts', 'same', models('a'), 10);
  kept.keep('copy-of-a.ts', 'same', models('a'), 10);
  kept.keep('b.ts', 'other', models('b'), 10);
  kept.forget('a.ts');
  assert.ok(kept.models('same'), 'copy-of-a.ts still has it');
  kept.forget('copy-of-a.ts');
  assert.equal(kept.models('same'), undefined);
  kept.forget('b.ts');
  assert.deepEqual(kept.size, { entries: 0, chars: 0 });
  kept.forget('never-seen.ts');
});

test('the store is bounded by count and by size, dropping the least recently used first', () => {
  const kept = new KeptDetections({ entries: 3, chars: 1000 });
  for (const d of ['a', 'b', 'c']) kept.keep(d, d, models(d), 100);
  // `a` is used, so `b` is the least recently used when `d` comes.
  assert.ok(kept.models('a'));
  kept.keep('d', 'd', models('d'), 100);
  assert.deepEqual(kept.size, { entries: 3, chars: 300 });
  assert.equal(kept.models('b'), undefined);
  assert.ok(kept.models('a') && kept.models('c') && kept.models('d'));
  // A large one pushes out as many as it needs to fit.
  kept.keep('e', 'e', models('e'), 850);
  assert.deepEqual(kept.size, { entries: 2, chars: 950 });
  assert.ok(kept.models('d') && kept.models('e'));
  // One larger than the whole bound is not kept at all, and drops nothing.
  kept.keep('f', 'f', models('f'), 1001);
  assert.equal(kept.models('f'), undefined);
  assert.deepEqual(kept.size, { entries: 2, chars: 950 });
  // A dropped document's next detection is kept as usual.
  kept.keep('b', 'b2', models('b2'), 100);
  assert.ok(kept.models('b2'));
});

const DOCUMENT = 'file:///w/three.ts';
let worker: Supervisor<AnalysisMethods, HostMethods>;
before(() => {
  worker = analysisSupervisor(() => undefined);
});
after(() => worker.dispose());

const viewRequest = (fingerprint: string, selected: string, sent?: ModelSpec[]): ViewRequest => ({
  subject: {
    origin: 'file',
    fileName: 'three.ts',
    detection: { document: DOCUMENT, fingerprint, ...(sent ? { models: sent } : {}) },
    selected,
  },
  fileName: 'three.ts',
  settings: DEFAULT_SETTINGS,
  user: { unknowns: {}, whatIf: {} },
  chartData: [],
});

/** The id of the model the view shows, or `gone` when the worker did not hold the detection. */
async function shown(request: ViewRequest): Promise<string> {
  const answer = await worker.call('view', request);
  assert.ok(answer.ok, answer.ok ? '' : answer.skipped);
  if (isGone(answer.value)) return 'gone';
  const view = answer.value.computed.view;
  assert.equal(view.kind, 'model');
  return view.kind === 'model' ? view.selected : '';
}

test('through the worker: the view names the detection; after forget or a new thread it is asked again with the models', async () => {
  const detected = await worker.call('detect', {
    text: benchSource(3),
    fileName: 'three.ts',
    document: DOCUMENT,
    listing: [],
  });
  assert.ok(detected.ok, detected.ok ? '' : detected.skipped);
  const { fingerprint } = detected.value;
  const { models: detectedModels } = fromWire(detected.value.detection);
  const ids = modelIds(detectedModels);
  assert.equal(ids.length, 3);

  // Kept: the request carries no model, and the view is of the model selected.
  assert.equal(await shown(viewRequest(fingerprint, ids[1]!)), ids[1]);

  // The host forgets the document: the worker no longer holds its detection.
  const told = await worker.tell('forget', { document: DOCUMENT });
  assert.ok(told.ok, told.ok ? '' : told.skipped);
  assert.equal(await shown(viewRequest(fingerprint, ids[1]!)), 'gone');
  // Sent with its models, it is kept again.
  assert.equal(await shown(viewRequest(fingerprint, ids[1]!, detectedModels)), ids[1]);
  assert.equal(await shown(viewRequest(fingerprint, ids[2]!)), ids[2]);

  // The thread is replaced (as after a deadline): the new one holds nothing, and the host's
  // request goes again with the models, once.
  worker.terminate('replaced by the test');
  const asked: boolean[] = [];
  const answer = await withModels((sent) => {
    asked.push(sent !== undefined);
    return worker.call('view', viewRequest(fingerprint, ids[0]!, sent));
  }, detectedModels);
  assert.deepEqual(asked, [false, true]);
  assert.ok(answer.ok, answer.ok ? '' : answer.skipped);
  const view = answer.value.computed.view;
  assert.equal(view.kind === 'model' && view.selected, ids[0]);
  // And it keeps them for the next request.
  assert.equal(await shown(viewRequest(fingerprint, ids[1]!)), ids[1]);
});

test('telling a worker that is not running does not start one', async () => {
  const idle = analysisSupervisor(() => undefined);
  try {
    const told = await idle.tell('forget', { document: DOCUMENT });
    assert.deepEqual(told, { ok: false, skipped: 'no analysis worker is running' });
    assert.equal(idle.replaced, 0);
  } finally {
    idle.dispose();
  }
});
