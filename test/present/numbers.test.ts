import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  formatDuration,
  formatExact,
  formatFixed,
  formatNumber,
  latexNumber,
  scientific,
} from '../../src/present/numbers';

test('a scale has two significant figures, plain between 0.001 and a million, thousands grouped', () => {
  assert.equal(formatNumber(609.56), '610');
  assert.equal(formatNumber(362.04), '360');
  assert.equal(formatNumber(3.175), '3.2');
  assert.equal(formatNumber(0.00123), '0.0012');
  assert.equal(formatNumber(0.001), '0.001');
  assert.equal(formatNumber(12_345), '12,000');
  assert.equal(formatNumber(999_000), '1e6');
  assert.equal(formatNumber(123_456), '120,000');
});

test('outside the plain range a mantissa and a power of ten, trailing zeros dropped', () => {
  assert.equal(formatNumber(1e6), '1e6');
  assert.equal(formatNumber(2_500_000), '2.5e6');
  assert.equal(formatNumber(0.000123), '1.2e-4');
  assert.equal(formatNumber(1e-7), '1e-7');
  assert.equal(formatNumber(6.02e23), '6e23');
  // Rounding decides the form: 999 999 is 1.0e6 at two figures.
  assert.equal(formatNumber(999_999), '1e6');
  assert.equal(formatNumber(0.00099996), '0.001');
});

test('negative numbers keep their sign and the same rule; zero is 0', () => {
  assert.equal(formatNumber(-609.56), '-610');
  assert.equal(formatNumber(-12_345), '-12,000');
  assert.equal(formatNumber(-0.000123), '-1.2e-4');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
});

test('NaN and the infinities', () => {
  assert.equal(formatNumber(NaN), '—');
  assert.equal(formatNumber(Infinity), '∞');
  assert.equal(formatNumber(-Infinity), '-∞');
  assert.equal(formatExact(NaN), '—');
  assert.equal(formatFixed(NaN), '—');
  assert.equal(formatFixed(Infinity), '∞');
  assert.equal(latexNumber(Infinity), '\\infty');
  assert.equal(latexNumber(NaN), '\\text{n/a}');
});

test('integers: a scale rounds them, the exact form prints them whole', () => {
  assert.equal(formatNumber(784), '780');
  assert.equal(formatNumber(64), '64');
  assert.equal(formatExact(784), '784');
  assert.equal(formatExact(262_144), '262,144');
  assert.equal(formatExact(60_000), '60,000');
  assert.equal(formatExact(-4096), '-4,096');
  // Past the plain range even a whole number takes the exponent form, four figures.
  assert.equal(formatExact(481_890_304), '4.819e8');
});

test('the exact form has four significant figures for fractions', () => {
  assert.equal(formatExact(609.56), '609.6');
  assert.equal(formatExact(3.14159), '3.142');
  assert.equal(formatExact(0.000123456), '1.235e-4');
  assert.equal(formatExact(0.5), '0.5');
  assert.equal(formatNumber(609.56, 3), '610');
  assert.equal(formatNumber(1234.5, 4), '1,235');
});

test('fixed decimals for fractions of order one, without a negative zero', () => {
  assert.equal(formatFixed(0.8312), '0.83');
  assert.equal(formatFixed(1), '1.00');
  assert.equal(formatFixed(0), '0.00');
  assert.equal(formatFixed(-0.001), '0.00');
  assert.equal(formatFixed(-0.512), '-0.51');
});

test('LaTeX follows the same rule, typeset', () => {
  assert.equal(latexNumber(609.56), '610');
  assert.equal(latexNumber(60_000), '60{,}000');
  assert.equal(latexNumber(2_500_000), '2.5 \\times 10^{6}');
  assert.equal(latexNumber(0.000123), '1.2 \\times 10^{-4}');
  assert.deepEqual(scientific(609.56), { mantissa: '6.1', exponent: 2 });
  assert.deepEqual(scientific(1e6, 4), { mantissa: '1', exponent: 6 });
});

test('durations in seconds, then minutes', () => {
  assert.equal(formatDuration(12_345), '12 s');
  assert.equal(formatDuration(89_000), '89 s');
  assert.equal(formatDuration(318_000), '5.3 min');
});

test('a printed scale reads back within 5% of the value, whatever its size', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
      const printed = Number(formatNumber(x).replace(/,/g, ''));
      assert.ok(Math.abs(printed - x) <= 0.05 * Math.abs(x) + 1e-300, `${x} printed as ${formatNumber(x)}`);
    }),
  );
  fc.assert(
    fc.property(fc.double({ min: 1e-9, max: 1e12, noNaN: true }), (x) => {
      const printed = Number(formatExact(x).replace(/,/g, ''));
      assert.ok(Math.abs(printed - x) <= 5e-4 * x, `${x} printed as ${formatExact(x)}`);
    }),
  );
});
