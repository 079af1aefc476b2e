// Skimming (src/detect/skim.ts) must never change what detection finds: every comparison here is
// detection on the skimmed tree against detection on the tree of the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { alignsWith, skim, statementGroups } from '../../src/detect/skim';
import { detectInTree, parseForDetection, parseWhole } from '../../src/detect/source';
import { benchSource } from '../../bench/detect';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');
const SOURCES = readdirSync(DIR)
  .filter((n) => !n.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

const FAR = Number.POSITIVE_INFINITY;

/** Detection through the skimmed tree and through the whole file, as plain data; and which path was taken. */
function bothWays(text: string, name: string): { skimmed: boolean; fast: unknown; whole: unknown } {
  const parsed = parseForDetection(text, name);
  const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
  return {
    skimmed: parsed.skimmed,
    fast: plain(detectInTree(parsed.sf, FAR)),
    whole: plain(detectInTree(parseWhole(text, name), FAR)),
  };
}

function assertSame(text: string, name: string): boolean {
  const r = bothWays(text, name);
  assert.deepEqual(r.fast, r.whole, `skimming changed what was detected in ${name}:\n${text}`);
  return r.skimmed;
}

/** Whether the parser reads the whole text without a syntax error (its own list, not in the typings). */
function parsesCleanly(text: string, name: string): boolean {
  const errors = (parseWhole(text, name) as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  assert.ok(Array.isArray(errors), 'the parser keeps its syntax errors in parseDiagnostics');
  return errors.length === 0;
}

/**
 * Code around models in real files, chosen to trip a lexer: statements that change a model's
 * sizes from far away, regular expressions, templates, comments and strings holding brackets,
 * statements joined without semicolons, decorators, overloads, destructuring.
 */
const NEIGHBOURS = [
  'function unrelated(rows: number[][]) {\n  return rows.map((r) => r.length);\n}',
  'export async function fit(data: { xs: number[] }) {\n  const cut = Math.floor(data.xs.length * 0.8);\n  return cut;\n}',
  'function widen() {\n  WIDTH = 4096;\n}',
  'function bump() { units++; hidden = hidden * 2 }',
  'CONFIG.hidden.push(7);',
  'if (process.env.BIG) {\n  var DEPTH = 9;\n}',
  'const re = /[{(]\\/*"/g;\nconst parts = "a}b".split(/}/);',
  'const msg = `width ${WIDTH} and ${`nested ${"}"}`}`;',
  '/* a comment with { and ( and " */\nconst quote = "it\'s {";',
  'let counter = 0\ncounter += 1\nexport const label = "x"',
  'const half = (WIDTH + 2) / 2\nconst ratio = half / 3 / 4',
  'export const { a: alpha, b: [beta, gamma = 3] } = { a: 1, b: [2] };',
  'function over(x: number): number;\nfunction over(x: string): string;\nfunction over(x: any) { return x; }',
  '@sealed\nclass Decorated {\n  width = 3;\n}',
  'export default function () {\n  return 42;\n}',
  'namespace Util {\n  export const scale = 2;\n}',
  'enum Size { Small = 8, Large = 64 }\nconst enum Flag { On }',
  'type Shape = { units: number };\ninterface Layer { units: number }',
  'declare const injected: number;',
  'const pick = (xs: number[]) => xs\n  .filter((x) => x > 0)\n  .map((x) => x * 2)',
  'for (const k of [1, 2]) {\n  console.log(k);\n}',
  'export { helperAlias as exported };',
  'const helperAlias = (u: number) => u * 2;',
  'label: {\n  break label;\n}',
  'const big = 1_000_000n + 0x1fn; const e = 1e-5 + .5e+3;',
  'module.exports = { fit };',
  'async\nfunction later() { return 1 }',
  'try {\n  JSON.parse("{");\n} catch {\n  console.log("bad");\n} finally {\n  WIDTH;\n}',
  'do {\n  x = y\n} while (false)',
  'let WIDTH2 = 16\nWIDTH2 = WIDTH2 * 4',
  'function shadow() {\n  let WIDTH = 1;\n  WIDTH = 2;\n  return WIDTH;\n}',
];

/** A fixture's text with neighbours put between its top-level lines, where a statement may start. */
const withNeighbours = fc
  .record({
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    inserts: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), code: fc.constantFrom(...NEIGHBOURS) }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ source, inserts }) => {
    const s = SOURCES[source]!;
    const lines = s.text.split('\n');
    // Only before lines that start at column 0: between top-level statements, mostly.
    const starts = lines.map((l, i) => (/^\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    for (const { at, code } of [...inserts].sort((a, b) => b.at - a.at)) {
      const line = starts[Math.floor(at * starts.length)] ?? lines.length;
      lines.splice(line, 0, code);
    }
    return { name: s.name, text: lines.join('\n') };
  });

/**
 * Code no model needs, with names no fixture uses. Most fixtures are all model, so skimming has
 * nothing to leave out and reads them whole; with this after them, each is skimmed.
 */
const UNRELATED = '\nexport function unrelatedHelper(rows) {\n  return rows.flatMap(String);\n}\n';

/** Files the skimmer refuses: JavaScript or TSX whose text holds `</` or `/>` may hold JSX. */
const mayHoldJsx = (s: { name: string; text: string }) => /\.(jsx?|tsx)$/.test(s.name) && /<\/|\/>/.test(s.text);

test('every fixture, with unrelated code after it, is skimmed and detected the same skimmed and whole', () => {
  const wholeOnly: string[] = [];
  for (const s of SOURCES) if (!assertSame(s.text + UNRELATED, s.name)) wholeOnly.push(s.name);
  assert.deepEqual(
    wholeOnly,
    SOURCES.filter(mayHoldJsx).map((s) => s.name),
  );
  assert.ok(SOURCES.length - wholeOnly.length >= 30, `only ${SOURCES.length - wholeOnly.length} fixtures skimmed`);
});

test('the benchmark file is skimmed, mostly blanked, and detected the same', () => {
  const text = benchSource(20);
  const skimmed = skim(text, false);
  assert.ok(skimmed, 'the benchmark file should be skimmed');
  assert.ok(skimmed.blanked > 0.6 * text.length, `only ${skimmed.blanked} of ${text.length} characters blanked`);
  assert.equal(skimmed.text.length, text.length);
  assert.deepEqual(skimmed.text.split('\n').length, text.split('\n').length);
  // A TypeScript upgrade that loses what the check relies on shows here, not as a slow editor.
  assert.equal(assertSame(text, 'bench.ts'), true);
});

test('fixtures with unrelated code between their statements are detected the same', () => {
  let skimmed = 0;
  let runs = 0;
  fc.assert(
    fc.property(withNeighbours, ({ name, text }) => {
      runs += 1;
      if (assertSame(text, name)) skimmed += 1;
    }),
    { numRuns: 600, seed: 20261123 },
  );
  // The comparison means something only if many of these were in fact skimmed.
  assert.ok(skimmed > runs / 3, `only ${skimmed} of ${runs} texts were skimmed`);
});

test('edited texts the parser still reads without errors are detected the same skimmed and whole', () => {
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
    '\n',
    '`',
    '"',
    "'",
    '/',
    '/*',
    '*/',
    '//',
    '${',
    'const ',
    'function ',
    'export ',
    '@',
    '++',
  ];
  const mutated = fc
    .record({
      base: withNeighbours,
      edits: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          token: fc.constantFrom(...TOKENS),
          cut: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ base, edits }) => {
      let text = base.text;
      for (const e of edits) {
        const i = Math.floor(text.length * e.at);
        text = e.cut ? text.slice(0, i) + text.slice(i + e.token.length) : text.slice(0, i) + e.token + text.slice(i);
      }
      return { name: base.name, text };
    });
  let clean = 0;
  fc.assert(
    fc.property(mutated, ({ name, text }) => {
      if (!parsesCleanly(text, name)) return;
      clean += 1;
      assertSame(text, name);
    }),
    { numRuns: 1500, seed: 42 },
  );
  assert.ok(clean > 150, `only ${clean} edited texts parsed cleanly`);
});

test('a syntax error in a statement no model needs does not hide the model after it', () => {
  // A half-typed `function` keyword above the model: the parser's recovery from it swallows the
  // constants below, so the whole-file reading loses WIDTH; skimming leaves the broken statement out.
  const text = [
    'unction unrelated(rows: number[][]) {',
    '  return rows.map((r) => r.length);',
    '}',
    "import * as tf from '@tensorflow/tfjs';",
    'const WIDTH = 128;',
    'export function build() {',
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({ inputShape: [100], units: WIDTH, activation: 'relu' }));",
    '  return model;',
    '}',
  ].join('\n');
  assert.equal(parsesCleanly(text, 'e.ts'), false);
  const r = bothWays(text, 'e.ts');
  assert.equal(r.skimmed, true);
  const units = (r.fast as Array<{ layers: Array<{ units: unknown }> }>)[0]?.layers[0]?.units;
  assert.deepEqual(units, { kind: 'known', value: 128 });
});

test('a name reassigned in an unrelated-looking function is still seen as reassigned', () => {
  const text = [
    "import * as tf from '@tensorflow/tfjs';",
    'let width = 64;',
    'function tune() {',
    '  width = 128;',
    '}',
    'function other() {',
    '  return 1;',
    '}',
    'export function build() {',
    '  const model = tf.sequential();',
    '  model.add(tf.layers.dense({ inputShape: [4], units: width }));',
    '  return model;',
    '}',
  ].join('\n');
  const skimmed = skim(text, false);
  assert.ok(skimmed);
  assert.ok(skimmed.text.includes('width = 128'), 'the reassignment is kept');
  assert.ok(!skimmed.text.includes('return 1'), 'the unrelated function is blanked');
  assertSame(text, 'r.ts');
  const units = detectInTree(parseForDetection(text, 'r.ts').sf, FAR)[0]?.layers[0]?.units;
  assert.equal(units?.kind, 'unknown');
});

test('an assignment to the same name in any function is kept, as detection reads names file-wide', () => {
  // `width` is a local of build(), read from a closure: detection treats it as open when any
  // function assigns a `width`, so the function that does must survive skimming.
  const text = [
    "import * as tf from '@tensorflow/tfjs';",
    'export function build() {',
    '  let width = 64;',
    '  const layer = () => tf.layers.dense({ inputShape: [4], units: width });',
    '  const model = tf.sequential();',
    '  model.add(layer());',
    '  return model;',
    '}',
    'function resize(el: { width: number }) {',
    '  let width = el.width;',
    '  width = width * 2;',
    '  return width;',
    '}',
    'function other() {',
    '  return 1;',
    '}',
  ].join('\n');
  const skimmed = skim(text, false);
  assert.ok(skimmed);
  assert.ok(skimmed.text.includes('width = width * 2'), 'the assignment is kept');
  assert.ok(!skimmed.text.includes('return 1'), 'the unrelated function is blanked');
  assertSame(text, 'closure.ts');
});

test('text the lexer cannot split with certainty is parsed whole', () => {
  const model = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\n";
  const filler = 'function f() { return 1; }\n';
  assert.ok(skim(model + filler, false), 'the plain file is skimmed');
  for (const [what, extra] of [
    ['JSX', 'const el = <div>{1}</div>;\n'],
    ['an unterminated string', 'const s = "abc\n'],
    ['an unterminated comment', '/* never closed\n'],
    ['an unclosed bracket', 'function g() {\n'],
    ['a stray closing bracket', '}\n'],
    ['a non-ASCII name', 'const größe = 3;\n'],
    ['an escaped name', 'const w\\u0069dth = 3;\n'],
  ] as const) {
    assert.equal(skim(model + filler + extra, true), null, what);
  }
  // Non-ASCII in strings and comments is fine.
  assert.ok(skim(model + filler + '// größe\nconst s = "größe";\n', false));
});

test('blanking keeps every line break, of every kind, where it was', () => {
  const text =
    "import * as tf from '@tensorflow/tfjs';\r\nfunction f() {\r\n  return 'a\u2028';\r\n}\r\nconst m = tf.sequential();\n";
  const skimmed = skim(text, false);
  assert.ok(skimmed);
  assert.equal(skimmed.text.length, text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\r' || c === '\u2028') assert.equal(skimmed.text[i], c, `line break at ${i}`);
  }
  assert.ok(!skimmed.text.includes('return'));
});

/** Every .ts file under `dir`, skipping test fixtures. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${join('test', 'fixtures')}`));
}

test('the lexer splits real code where the parser does: every file of this repository', () => {
  // This repository is ~140 files of real TypeScript: regular expressions, templates, non-null
  // assertions, overloads, generics. Each group the lexer finds must be a run of whole statements.
  const root = join(import.meta.dirname, '..', '..');
  const files = ['src', 'test', 'bench', 'webview'].flatMap((d) => sourcesUnder(join(root, d)));
  assert.ok(files.length > 100);
  let groups = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = statementGroups(text);
    if (!found) continue;
    groups += found.length;
    assert.ok(
      alignsWith(parseWhole(text, file), found),
      `the lexer split ${relative(root, file)} where the parser does not`,
    );
  }
  assert.ok(groups > 1000, `only ${groups} groups checked`);
});

test('a non-null assertion before a slash divides; a negation before one starts a regular expression', () => {
  const text = 'const xs = [4];\nconst half = xs[0]! / 2;\nconst ok = !/^[{]$/.test("{");\nconst next = 1;\n';
  const groups = statementGroups(text);
  assert.ok(groups, 'the lexer reads both');
  assert.equal(groups.length, 4);
  assert.ok(alignsWith(parseWhole(text, 'a.ts'), groups));
});
