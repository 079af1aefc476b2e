// Constant folding: what the interpreter computes from the code's constants, and what it keeps open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectModels, type SizeValue } from '../../src/detect/index';
import { evalSizeExpr, foldNumeric, foldUnary, num, unknownSymbol } from '../../src/detect/values';

/** The units of the first dense layer of a model whose units are given by `expr`, with `prelude` before it. */
function unitsOf(prelude: string, expr: string): SizeValue | null | undefined {
  const text = `import * as tf from '@tensorflow/tfjs';\n${prelude}\nexport function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape: [4], units: ${expr} }));\n  model.add(tf.layers.dense({ units: 1 }));\n  return model;\n}\n`;
  return detectModels(text, 'fold.ts').models[0]?.layers[0]?.units;
}

const known = (value: number): SizeValue => ({ kind: 'known', value });

test('arithmetic on literals and constants', () => {
  assert.deepEqual(unitsOf('', '2 ** 6 + 3 * 4 - 12 / 4'), known(73));
  assert.deepEqual(unitsOf('const A = 10; const B = A * 3;', 'B % 7 + A'), known(12));
  assert.deepEqual(unitsOf('const W = 100;', 'Math.max(W / 2, 64) + Math.floor(7.9) + Math.pow(2, 3)'), known(79));
  assert.deepEqual(unitsOf('const S = "32";', 'parseInt(S) + Number("8")'), known(40));
  assert.deepEqual(unitsOf('const big = true;', 'big ? 512 : 64'), known(512));
  assert.deepEqual(unitsOf('const n = undefined;', 'n ?? 48'), known(48));
});

test('object properties, array elements, destructuring, spreads and template keys', () => {
  assert.deepEqual(unitsOf('const C = { a: { b: [16, 32] } };', 'C.a.b[1]'), known(32));
  assert.deepEqual(unitsOf('const base = { u: 5 }; const cfg = { ...base, v: 7 };', 'cfg.u * cfg.v'), known(35));
  assert.deepEqual(unitsOf('const [, second, ...rest] = [1, 2, 3, 4];', 'second + rest.length'), known(4));
  assert.deepEqual(unitsOf('const { x: { y = 9 } } = { x: {} };', 'y'), known(9));
  assert.deepEqual(unitsOf('const K = "wide"; const T = { wide: 300 };', 'T[`${K}`]'), known(300));
  assert.deepEqual(unitsOf('const dims = [2, 3, 4];', 'dims.reduce((a, b) => a * b, 1)'), known(24));
  assert.deepEqual(
    unitsOf('const xs = [1, 2, 3].map((v) => v * 10).filter((v) => v > 10);', 'xs[0] + xs.length'),
    known(22),
  );
});

test('sequential code: let updated in order, loops accumulating', () => {
  assert.deepEqual(unitsOf('let u = 8; u *= 4; u += 1;', 'u'), known(33));
  assert.deepEqual(unitsOf('let total = 0; for (let i = 1; i <= 4; i++) { total += i; }', 'total'), known(10));
  assert.deepEqual(unitsOf('let t = 0; for (const v of [3, 4]) t += v;', 't'), known(7));
  assert.deepEqual(unitsOf('function half(n: number) { return n / 2; }', 'half(half(400))'), known(100));
});

test('values the code does not fix stay open, with the arithmetic kept', () => {
  const u = unitsOf("import { H } from './cfg';", 'H * 2 + 1');
  assert.equal(u?.kind, 'unknown');
  if (u?.kind !== 'unknown') return;
  assert.equal(u.symbol, 'H');
  assert.match(u.reason, /imported from '\.\/cfg'/);
  assert.ok(u.expr);
  assert.equal(
    evalSizeExpr(u.expr, (s) => (s === 'H' ? 10 : null)),
    21,
  );
  const env = unitsOf('', 'Number(process.env.UNITS)');
  assert.equal(env?.kind === 'unknown' && env.symbol, 'process.env.UNITS');
  const undeclared = unitsOf('', 'mystery');
  assert.match(undeclared?.kind === 'unknown' ? undeclared.reason : '', /`mystery`, which this file does not define/);
});

test('foldNumeric keeps open operands as an expression and drops identities', () => {
  const h = unknownSymbol('h', 'parameter `h` of `f`', null);
  assert.deepEqual(foldNumeric('*', num(3), num(4)), num(12));
  const sum = foldNumeric('-', h, num(0));
  assert.deepEqual(sum.kind === 'unknown' && sum.expr, { op: 'sym', name: 'h' });
  const g = unknownSymbol('g', 'parameter `g` of `f`', null);
  const both = foldNumeric('+', foldUnary('floor', h), g);
  assert.equal(both.kind === 'unknown' && both.free.map((f) => f.symbol).join(','), 'h,g');
  assert.equal(
    both.kind === 'unknown' && both.expr && evalSizeExpr(both.expr, (s) => ({ h: 2.5, g: 1 })[s] ?? null),
    3,
  );
  assert.equal(both.kind === 'unknown' && both.expr && evalSizeExpr(both.expr, () => null), null);
});

test('layers under an undecidable condition are read as added, with a note; open-length Array.from repeats', () => {
  const text = [
    "import * as tf from '@tensorflow/tfjs';",
    'export function build(useNorm: boolean, depth: number) {',
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }));",
    '  if (useNorm) {',
    '    model.add(tf.layers.dense({ units: 16 }));',
    '  }',
    '  Array.from({ length: depth }).forEach(() => model.add(tf.layers.dense({ units: 4 })));',
    '  model.add(tf.layers.dense({ units: 1 }));',
    '  return model;',
    '}',
  ].join('\n');
  const [m] = detectModels(text, 'cond.ts').models;
  assert.ok(m);
  assert.deepEqual(
    m.layers.map((l) => (l.units?.kind === 'known' ? l.units.value : null)),
    [32, 16, 4, 1],
  );
  assert.ok(
    m.notes.some((n) => n.includes('line 6 is added only when useNorm (line 5)')),
    JSON.stringify(m.notes),
  );
  assert.equal(m.layers[2]?.repeat?.kind === 'unknown' && m.layers[2].repeat.symbol, 'depth');
  assert.deepEqual(
    m.unknowns.map((u) => u.symbol),
    ['depth'],
  );
});
