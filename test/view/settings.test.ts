import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, readSettings } from '../../src/view/settings';

test('unset settings give the defaults', () => {
  assert.deepEqual(
    readSettings(() => undefined),
    DEFAULT_SETTINGS,
  );
});

test('values from settings.json are used, clamped into their ranges, and bad ones ignored', () => {
  const raw: Record<string, unknown> = {
    targetDegree: 4.6,
    kappa: -3,
    defaultInputDim: 'many',
    debounceMs: 5000,
    'codeLens.enabled': false,
    'diagnostics.enabled': 'yes',
    filePatterns: ['**/*.ts', 3],
  };
  const s = readSettings((k) => raw[k]);
  assert.equal(s.degree, 5);
  assert.equal(s.kappa, 1e-6);
  assert.equal(s.defaultInputDim, DEFAULT_SETTINGS.defaultInputDim);
  assert.equal(s.debounceMs, 300, 'never slower than the 300 ms the sidebar promises');
  assert.equal(s.codeLens, false);
  assert.equal(s.diagnostics, false);
  assert.deepEqual(s.filePatterns, DEFAULT_SETTINGS.filePatterns);
});

test('the training-set size: a whole number of samples, else none', () => {
  const samples = (v: unknown) => readSettings((k) => (k === 'trainingSamples' ? v : undefined)).trainingSamples;
  assert.equal(samples(60000), 60000);
  for (const bad of [null, 0, -5, 2.5, '60000', 1e12]) assert.equal(samples(bad), null, String(bad));
});

test("the CodeLens template: a text of one's own, or the default for an empty or non-text value", () => {
  assert.equal(
    readSettings((k) => (k === 'codeLens.template' ? '{pattern}: {pStar}' : undefined)).codeLensTemplate,
    '{pattern}: {pStar}',
  );
  for (const bad of ['', '   ', 42, null]) {
    assert.equal(
      readSettings((k) => (k === 'codeLens.template' ? bad : undefined)).codeLensTemplate,
      DEFAULT_SETTINGS.codeLensTemplate,
      String(bad),
    );
  }
});
