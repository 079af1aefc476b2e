import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSeries, ratioRange } from '../../webview/checkData';
import { sampleResult } from './checkFixture';

test('one chart series per input dimension, alignment mean against P / P*', () => {
  const series = checkSeries(sampleResult);
  assert.equal(series.length, 2);
  assert.equal(series[0]?.label, 'd = 8');
  assert.deepEqual(
    series[0]?.points.map((p) => p.x),
    [0.5, 4, 16],
  );
  assert.deepEqual(
    series[0]?.points.map((p) => p.y),
    [0, 0.4, 0.8],
  );
  assert.equal(series[0]?.onset, 5.2);
  assert.match(series[1]?.label ?? '', /d = 16 \(trained at d = 11\)/, 'a scaled curve says what was trained');
  assert.equal(series[1]?.onset, null);
});

test('the x range spans every curve', () => {
  assert.deepEqual(ratioRange(sampleResult), { min: 0.5, max: 16 });
  assert.equal(ratioRange({ ...sampleResult, curves: [] }), null);
});
