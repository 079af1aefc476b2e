// Any text (half-typed code, syntax errors, junk) gets a result or a skip reason, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { detectModels, toArchitecture, type DetectionResult } from '../../src/detect/index';
import { benchSource } from '../../bench/detect';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');
const FIXTURES = readdirSync(DIR)
  .sort()
  .map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

function checkResult(result: DetectionResult, text: string): void {
  assert.ok(Array.isArray(result.models));
  assert.ok(result.skipped === null || (typeof result.skipped === 'string' && result.skipped.length > 0));
  if (result.skipped !== null) assert.equal(result.models.length, 0);
  for (const m of result.models) {
    assert.equal(typeof m.name, 'string');
    for (const r of [m.range, ...m.layers.map((l) => l.range)]) {
      assert.ok(
        r.start >= 0 && r.start <= r.end && r.end <= text.length,
        `range ${r.start}-${r.end} inside ${text.length}`,
      );
    }
    // The result crosses the webview boundary: it must survive JSON.
    assert.doesNotThrow(() => JSON.stringify(m));
    const arch = toArchitecture(m, { overrides: { inputShape: 8 }, defaultInputDim: 16 });
    assert.ok(arch.architecture !== null || typeof arch.why === 'string');
  }
}

const TOKENS = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  '=',
  '=>',
  '.',
  '...',
  'for (',
  'while (true)',
  'if (',
  '`${',
  '"',
  "'",
  '/*',
  '//',
  '\n',
  'model.add(',
  'tf.layers.dense({units: ',
  'tf.sequential(',
  'tf.model({',
  'tf.input({shape: [',
  'Array.from({length: ',
  '1e309',
  '-1',
  'NaN',
  'function f(',
  'class C {',
  'return ',
  'const x = ',
  'let y',
  'y = y * 2',
  '<div>',
  '</',
  'import * as tf from "@tensorflow/tfjs"',
  '\u0000',
  '\uFFFF',
];

/** A fixture cut at one point and edited at a few others: what an editor holds while someone types. */
const mutated = fc
  .record({
    fixture: fc.integer({ min: 0, max: FIXTURES.length - 1 }),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    edits: fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        kind: fc.constantFrom('insert', 'delete', 'duplicate'),
        token: fc.constantFrom(...TOKENS),
        length: fc.integer({ min: 1, max: 40 }),
      }),
      { maxLength: 6 },
    ),
  })
  .map(({ fixture, cut, edits }) => {
    const f = FIXTURES[fixture]!;
    let text = f.text.slice(0, Math.floor(f.text.length * (cut < 0.3 ? cut / 0.3 : 1)));
    for (const e of edits) {
      const i = Math.floor(text.length * e.at);
      if (e.kind === 'insert') text = text.slice(0, i) + e.token + text.slice(i);
      else if (e.kind === 'delete') text = text.slice(0, i) + text.slice(i + e.length);
      else text = text.slice(0, i) + text.slice(i, i + e.length) + text.slice(i);
    }
    return { name: f.name, text };
  });

test('truncated and mutated fixtures never throw', () => {
  fc.assert(
    fc.property(mutated, ({ name, text }) => {
      checkResult(detectModels(text, name), text);
    }),
    { numRuns: 3000, seed: 20260501 },
  );
});

test('random token soup and random strings never throw', () => {
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((ts) => ts.join(' '));
  fc.assert(
    fc.property(
      fc.oneof(soup, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })),
      fc.constantFrom('a.ts', 'b.js', 'c.tsx', 'model.json'),
      (text, name) => {
        checkResult(detectModels(text, name), text);
      },
    ),
    { numRuns: 2000, seed: 7 },
  );
});

test('pathological inputs come back skipped or empty, with a reason when skipped', () => {
  const deep = `import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: ${'('.repeat(20000)}1${')'.repeat(20000)}}));`;
  const big = `// tf.sequential(\n${'const a = 1;\n'.repeat(200_000)}`;
  const binary = 'PK\u0003\u0004\u0000\u0000' + 'x'.repeat(100);
  const spin =
    "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nlet i = 0; while (true) { i++; }\nfor (;;) {}\nfunction r(n) { return r(n + 1); }\nr(0);\nm.add(tf.layers.dense({units: 3}));";
  for (const [text, name] of [
    [deep, 'deep.ts'],
    [big, 'big.ts'],
    [binary, 'x.ts'],
    [spin, 'spin.js'],
    ['{"class_name": [', 'model.json'],
  ] as const) {
    const r = detectModels(text, name);
    checkResult(r, text);
  }
  assert.match(detectModels(big, 'big.ts').skipped ?? '', /MB/);
  assert.equal(detectModels(binary, 'x.ts').skipped, 'binary content');
  // Endless loops and recursion are cut short, and the model after them is still read.
  assert.equal(detectModels(spin, 'spin.js').models[0]?.layers.length, 1);
});

test('reading code that outlasts its budget comes back skipped with the reason, never half a result', () => {
  const text = benchSource(50);
  const r = detectModels(text, 'big.ts', { budgetMs: 0 });
  assert.deepEqual(r.models, []);
  assert.match(r.skipped ?? '', /longer than 0 ms/);
  // The same file with the default budget is read in full.
  assert.equal(detectModels(text, 'big.ts').models.length, 50);
});
