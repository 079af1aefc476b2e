import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LIMITS } from '../../src/protocol';
import {
  DEBOUNCE_LIMITS,
  DEFAULT_SETTINGS,
  readSettings,
  SETTINGS_SECTION,
  TEMPLATE_MAX_LENGTH,
  type Settings,
} from '../../src/view/settings';

interface SchemaEntry {
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  enum?: unknown[];
}
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SchemaEntry> } };
};
const SCHEMA = manifest.contributes.configuration.properties;

/** Every setting package.json declares, and the field readSettings gives it in. */
const FIELDS: Record<string, keyof Settings> = {
  targetDegree: 'degree',
  kappa: 'kappa',
  defaultInputDim: 'defaultInputDim',
  debounceMs: 'debounceMs',
  'codeLens.enabled': 'codeLens',
  'codeLens.template': 'codeLensTemplate',
  'diagnostics.enabled': 'diagnostics',
  filePatterns: 'filePatterns',
  trainingSamples: 'trainingSamples',
  'check.budget': 'checkBudget',
};

function schema(key: string): SchemaEntry {
  const entry = SCHEMA[`${SETTINGS_SECTION}.${key}`];
  assert.ok(entry, `package.json declares no setting ${SETTINGS_SECTION}.${key}`);
  return entry;
}

test('every setting package.json declares is read, and unset it gives the default package.json states', () => {
  assert.deepEqual(
    Object.keys(SCHEMA).sort(),
    Object.keys(FIELDS)
      .map((k) => `${SETTINGS_SECTION}.${k}`)
      .sort(),
  );
  const unset = readSettings(() => undefined);
  for (const [key, field] of Object.entries(FIELDS)) assert.deepEqual(unset[field], schema(key).default, key);
  assert.deepEqual(unset, DEFAULT_SETTINGS);
});

test("package.json's ranges are the ones the host enforces (declared once, in LIMITS)", () => {
  const ranges: [string, { min: number; max: number }][] = [
    ['targetDegree', LIMITS.degree],
    ['kappa', LIMITS.kappa],
    ['defaultInputDim', LIMITS.size],
    ['debounceMs', DEBOUNCE_LIMITS],
  ];
  for (const [key, range] of ranges) {
    assert.deepEqual([schema(key).minimum, schema(key).maximum], [range.min, range.max], key);
    // Out-of-range values in a hand-edited settings.json land on package.json's bounds.
    const field = FIELDS[key]!;
    assert.equal(readSettings((k) => (k === key ? range.max * 10 : undefined))[field], schema(key).maximum, key);
    assert.equal(readSettings((k) => (k === key ? range.min / 10 : undefined))[field], schema(key).minimum, key);
  }
  // The training-set size is refused (unset), not clamped, outside package.json's range.
  const samples = schema('trainingSamples');
  assert.deepEqual([samples.minimum, samples.maximum], [LIMITS.size.min, LIMITS.size.max]);
  for (const [v, read] of [
    [LIMITS.size.max, LIMITS.size.max],
    [LIMITS.size.max + 1, null],
    [LIMITS.size.min - 1, null],
  ] as const)
    assert.equal(readSettings((k) => (k === 'trainingSamples' ? v : undefined)).trainingSamples, read);
  assert.equal(schema('codeLens.template').maxLength, TEMPLATE_MAX_LENGTH);
  assert.equal(
    readSettings((k) => (k === 'codeLens.template' ? 'x'.repeat(500) : undefined)).codeLensTemplate.length,
    schema('codeLens.template').maxLength,
  );
  for (const budget of schema('check.budget').enum ?? [])
    assert.equal(readSettings((k) => (k === 'check.budget' ? budget : undefined)).checkBudget, budget);
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
