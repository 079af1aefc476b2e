// Results that cross between threads as JSON text: the same values come out, numbers JSON has no
// words for included; the worker's detection crosses that way with a fingerprint of its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectModels } from '../../src/detect/index';
import { benchSource } from '../../bench/detect';
import { analysisHandlers } from '../../src/workers/analysis';
import { DEFAULT_SETTINGS } from '../../src/view/settings';
import { isGone } from '../../src/workers/keptDetections';
import { fromWire, toWire } from '../../src/workers/wire';

test('a value through the wire comes out equal, NaN and the infinities included', () => {
  const value = {
    a: [1, Number.NaN, Infinity, -Infinity, null],
    b: { c: 'x', d: { e: -0.5 } },
    note: '{"$number":"NaN"}',
  };
  assert.deepEqual(fromWire(toWire(value)), value);
  const detected = detectModels(benchSource(50), 'fifty.ts');
  assert.equal(detected.models.length, 50);
  assert.deepEqual(fromWire(toWire(detected)), JSON.parse(JSON.stringify(detected)));
});

test('the worker’s detection comes as JSON text with a fingerprint that changes exactly when the detection does', async () => {
  const handlers = analysisHandlers();
  const text = benchSource(3);
  const detect = (t: string) => handlers.detect({ text: t, fileName: 'three.ts', document: 'three.ts', listing: [] });
  const first = await detect(text);
  assert.deepEqual(fromWire(first.detection), JSON.parse(JSON.stringify(detectModels(text, 'three.ts'))));
  assert.equal(fromWire(first.detection).models.length, 3);
  // Read again, and with a comment after the last model (no model's text or range moves): the same.
  assert.equal((await detect(text)).fingerprint, first.fingerprint);
  const commented = await detect(`${text}\n// a note\n`);
  assert.equal(commented.detection, first.detection);
  assert.equal(commented.fingerprint, first.fingerprint);
  // A width changed, or a line inserted above the models (every range moves): a new detection, a new fingerprint.
  const widened = text.replace(/units: (\d+)/, (_m, n: string) => `units: ${Number(n) + 1}`);
  assert.notEqual(widened, text);
  const changed = [await detect(widened), await detect(`\n${text}`)];
  for (const c of changed) {
    assert.notDeepEqual(fromWire(c.detection), fromWire(first.detection));
    assert.notEqual(c.fingerprint, first.fingerprint);
  }
});

test('the worker’s view comes with a key that is equal for equal views and differs when the view does', async () => {
  const handlers = analysisHandlers();
  const detected = await handlers.detect({ text: benchSource(2), fileName: 'two.ts', document: 'two.ts', listing: [] });
  const [first, second] = fromWire(detected.detection).models;
  assert.ok(first && second);
  const view = async (selected: string, whatIf: Record<string, number> = {}) => {
    const answer = await handlers.view({
      subject: {
        origin: 'file',
        fileName: 'two.ts',
        detection: { document: 'two.ts', fingerprint: detected.fingerprint },
        selected,
      },
      fileName: 'two.ts',
      settings: DEFAULT_SETTINGS,
      user: { unknowns: {}, whatIf },
      chartData: [],
    });
    assert.ok(!isGone(answer), 'the worker keeps the detection it made');
    return answer;
  };
  const a = await view(first.name);
  assert.equal(a.computed.view.kind, 'model');
  const again = await view(first.name);
  assert.equal(again.viewKey, a.viewKey);
  const other = await view(second.name);
  assert.notDeepEqual(other.computed.view, a.computed.view);
  assert.notEqual(other.viewKey, a.viewKey);
});
