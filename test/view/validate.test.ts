import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { WEBVIEW_MESSAGE_TYPES, type WebviewMessage } from '../../src/protocol';
import { validateWebviewMessage } from '../../src/view/validate';

const accepted = (raw: unknown) => {
  const r = validateWebviewMessage(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to be accepted, got ${r.ok ? '' : r.reason}`);
  return r.message;
};
const rejected = (raw: unknown) => {
  const r = validateWebviewMessage(raw);
  assert.equal(r.ok, false, `expected ${JSON.stringify(raw).slice(0, 80)} to be rejected`);
  return r.ok ? '' : r.reason;
};

const png = 'data:image/png;base64,iVBORw0KGgo=';
/** Well-formed messages of every type the protocol declares (a type without samples does not compile). */
const SAMPLES: { [K in WebviewMessage['type']]: Extract<WebviewMessage, { type: K }>[] } = {
  ready: [{ type: 'ready' }],
  selectModel: [{ type: 'selectModel', id: 'model#2', seq: 3 }],
  edit: [
    // Typed fields pass their text on as typed: the analysis worker reads it and the user gets the answer (a refused 2.5 included).
    { type: 'edit', seq: 1, field: 'degree', text: '2.5' },
    { type: 'edit', seq: 2, field: 'kappa', text: '1/2' },
    { type: 'edit', seq: 2, field: 'unknown', symbol: 'data.shape[1]', text: '28*28' },
    { type: 'edit', seq: 5, field: 'whatIf', size: 'N2', value: 1024 },
    { type: 'edit', seq: 6, field: 'samples', text: '6*10^4' },
    { type: 'edit', seq: 5, field: 'sweepSize', size: 'd_k' },
  ],
  reset: [{ type: 'reset', seq: 9 }],
  revealLine: [{ type: 'revealLine', line: 12 }],
  enterArchitecture: [{ type: 'enterArchitecture' }],
  chartImage: [{ type: 'chartImage', requestId: 'export-1', chart: 'regime', dataUrl: png }],
  chartImageFailed: [{ type: 'chartImageFailed', requestId: 'export-1', reason: 'no canvas' }],
  runCheck: [{ type: 'runCheck' }],
};

test('well-formed messages of every type the protocol declares pass through unchanged', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), [...WEBVIEW_MESSAGE_TYPES].sort());
  for (const type of WEBVIEW_MESSAGE_TYPES)
    for (const message of SAMPLES[type]) assert.deepEqual(accepted(message), message);
});

test('extra fields from the webview are dropped, not forwarded', () => {
  const m = accepted({ type: 'revealLine', line: 1, path: '/etc/passwd' });
  assert.deepEqual(Object.keys(m).sort(), ['line', 'type']);
});

test('wrong shapes are rejected with a reason', () => {
  assert.match(rejected(null), /not an object/);
  assert.match(rejected([]), /not an object/);
  assert.match(rejected({}), /no type/);
  assert.match(rejected({ type: 'launchMissiles' }), /unknown message type/);
  rejected({ type: 'selectModel', id: '', seq: 1 });
  rejected({ type: 'selectModel', id: 'm' });
  rejected({ type: 'edit', seq: 1, field: 'degree', value: 3 });
  rejected({ type: 'edit', seq: 1, field: 'degree', text: 3 });
  rejected({ type: 'edit', seq: 1, field: 'kappa', text: '1'.repeat(201) });
  rejected({ type: 'edit', seq: 1, field: 'unknown', symbol: 'units', value: 64 });
  rejected({ type: 'edit', seq: 1, field: 'whatIf', size: 'N1', value: Number.POSITIVE_INFINITY });
  rejected({ type: 'edit', seq: 1, field: 'whatIf', size: '../N1', value: 4 });
  rejected({ type: 'edit', seq: 1, field: 'whatIf', size: 'N1', value: 0 });
  rejected({ type: 'edit', seq: -1, field: 'kappa', text: '1' });
  // The training-set size is typed text too (read by the worker: 60e3, 6*10^4); a number is a wrong shape.
  rejected({ type: 'edit', seq: 1, field: 'samples', value: 600 });
  rejected({ type: 'edit', seq: 1, field: 'samples', text: 'x'.repeat(201) });
  rejected({ type: 'edit', seq: 1, field: 'colour', value: 1 });
  rejected({ type: 'revealLine', line: -1 });
  rejected({ type: 'revealLine', line: 1.5 });
});

test('chart images must be PNG data URLs of base64 for a known chart', () => {
  rejected({ type: 'chartImage', requestId: 'r', chart: 'pstar', dataUrl: 'data:text/html;base64,PGgxPg==' });
  rejected({ type: 'chartImage', requestId: 'r', chart: 'pstar', dataUrl: 'data:image/png;base64,<script>' });
  rejected({ type: 'chartImage', requestId: 'r', chart: 'pie', dataUrl: 'data:image/png;base64,AAAA' });
  rejected({
    type: 'chartImage',
    requestId: 'r',
    chart: 'pstar',
    dataUrl: `data:image/png;base64,${'A'.repeat(20_000_001)}`,
  });
});

test('no input makes the validator throw, and whatever it accepts has a known type', () => {
  const types = new Set<string>(WEBVIEW_MESSAGE_TYPES);
  fc.assert(
    fc.property(
      fc.anything(),
      fc.constantFrom(...types, 'other'),
      fc.dictionary(fc.string(), fc.anything()),
      (anything, type, fields) => {
        for (const raw of [anything, { ...fields, type }]) {
          const r = validateWebviewMessage(raw);
          if (r.ok) assert.ok(types.has(r.message.type));
          else assert.ok(r.reason.length > 0);
        }
      },
    ),
  );
});

test('validator id length: ids and symbols of real code longer than 200 characters are accepted', async () => {
  const { detectModels } = await import('../../src/detect/index');
  const { modelIds } = await import('../../src/view/session');
  const fn = `build${'VeryLongDescriptiveName'.repeat(12)}`;
  const param = `hidden${'Units'.repeat(50)}`;
  const text = `import * as tf from '@tensorflow/tfjs';\nfunction ${fn}(${param}) { const m = tf.sequential(); m.add(tf.layers.dense({units: ${param}, inputShape: [4]})); m.add(tf.layers.dense({units: 1})); return m; }`;
  const models = detectModels(text, 'long.ts').models;
  const id = modelIds(models)[0] ?? '';
  const symbol = models[0]?.unknowns[0]?.symbol ?? '';
  assert.ok(id.length > 200 && symbol.length > 200, `${id.length}, ${symbol.length}`);
  assert.equal(accepted({ type: 'selectModel', id, seq: 1 }).type, 'selectModel');
  assert.equal(accepted({ type: 'edit', seq: 2, field: 'unknown', symbol, text: '64' }).type, 'edit');
  rejected({ type: 'selectModel', id: 'x'.repeat(20_000), seq: 1 });
});
