// The Hermite support table (theory section 4) against the coefficients themselves: for every
// activation tfjs offers, c_k = E[phi(z) He_k(z)] / k! with z ~ N(0, 1) is computed here by
// Gauss-Hermite quadrature, and degree k must be in the engine's support exactly when |c_k|
// stands above the quadrature's noise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationIdentifier } from '@tensorflow/tfjs-layers/dist/keras_format/activation_config';
import { hermiteSupport } from '../../src/engine/activation';
import { ACTIVATIONS, type Activation } from '../../src/engine/types';
import { engineActivation } from '../../src/detect/catalog';

/** Nodes and weights of n-point Gauss-Hermite quadrature for the weight e^(-x^2) (Newton on the normalised recurrence). */
function gaussHermite(n: number): { x: number[]; w: number[] } {
  const x = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** (-1 / 6);
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = Math.PI ** -0.25;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  return { x, w };
}

/** Probabilists' Hermite coefficients c_0..c_K of f under z ~ N(0, 1). */
function hermiteCoefficients(f: (z: number) => number, K: number, n = 160): number[] {
  const { x, w } = gaussHermite(n);
  const c = new Array<number>(K + 1).fill(0);
  x.forEach((xi, i) => {
    const z = Math.SQRT2 * xi;
    const fz = f(z) * (w[i]! / Math.sqrt(Math.PI));
    let prev = 1;
    let he = z;
    c[0]! += fz;
    for (let k = 1; k <= K; k++) {
      c[k]! += fz * he;
      const next = z * he - k * prev;
      prev = he;
      he = next;
    }
  });
  let fact = 1;
  return c.map((v, k) => {
    if (k > 0) fact *= k;
    return v / fact;
  });
}

/** erf to double precision: its Taylor series near 0, a continued fraction for erfc beyond. */
function erf(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let cf = 0;
    for (let k = 60; k >= 1; k--) cf = k / 2 / (a + cf);
    r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + cf);
  }
  return x < 0 ? -r : r;
}

const Phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const elu = (x: number): number => (x > 0 ? x : Math.expm1(x));

/** tfjs's elementwise activations (every ActivationIdentifier but softmax), as tfjs-layers defines them. */
const TFJS: Record<Exclude<ActivationIdentifier, 'softmax'>, (x: number) => number> = {
  elu,
  hardSigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)),
  linear: (x) => x,
  relu: (x) => Math.max(0, x),
  relu6: (x) => Math.min(6, Math.max(0, x)),
  selu: (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x)),
  sigmoid,
  softplus,
  softsign: (x) => x / (1 + Math.abs(x)),
  tanh: Math.tanh,
  swish: (x) => x * sigmoid(x),
  mish: (x) => x * Math.tanh(softplus(x)),
  gelu: (x) => x * Phi(x),
  gelu_new: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
};

/** The engine's other names: the layers (leakyReLU, prelu at its default slope) and activations outside tfjs's list. */
const OTHERS: Record<string, (x: number) => number> = {
  erf,
  sin: Math.sin,
  silu: (x) => x * sigmoid(x),
  leakyRelu: (x) => (x > 0 ? x : 0.3 * x),
};

const K = 8;
/** Exact zeros come out at 1e-16; relu6's odd coefficients (~1e-8) are read as zero; genuine ones are 1e-4 and up. */
const TOL = 1e-6;

function engineName(name: string): Activation {
  const a = engineActivation(name) ?? (ACTIVATIONS as readonly string[]).find((x) => x === name);
  assert.ok(a, `the engine has no activation for tfjs's '${name}'`);
  return a as Activation;
}

test('every activation tfjs offers: degree k is in the engine support without a bias exactly when |c_k| > 1e-6 (k = 1..8)', () => {
  const seen = new Set<Activation>();
  for (const [name, f] of [...Object.entries(TFJS), ...Object.entries(OTHERS)]) {
    const act = engineName(name);
    seen.add(act);
    const c = hermiteCoefficients(f, K);
    const support = hermiteSupport(act, false, K);
    for (let k = 1; k <= K; k++) {
      assert.equal(
        support.includes(k),
        Math.abs(c[k]!) > TOL,
        `${name} (engine: ${act}): c_${k} = ${c[k]!.toExponential(3)}, support ${support.join(',')}`,
      );
    }
  }
  assert.deepEqual(
    [...ACTIVATIONS].filter((a) => !seen.has(a)),
    [],
    'every engine activation is checked',
  );
});

test('the quadrature itself: coefficients of known functions', () => {
  // He_3 has c_3 = 1 and nothing else; exp(z) has c_k = e^(1/2) / k!.
  const he3 = hermiteCoefficients((z) => z ** 3 - 3 * z, 6);
  he3.forEach((v, k) => assert.ok(Math.abs(v - (k === 3 ? 1 : 0)) < 1e-12, `He_3: c_${k} = ${v}`));
  const ex = hermiteCoefficients(Math.exp, 6);
  let fact = 1;
  ex.forEach((v, k) => {
    if (k > 0) fact *= k;
    assert.ok(Math.abs(v - Math.exp(0.5) / fact) < 1e-10, `exp: c_${k} = ${v}`);
  });
  // relu: c_1 = 1/2 and c_2 = 1/(2 sqrt(2 pi)) in closed form; its kink limits the quadrature's accuracy.
  const relu = hermiteCoefficients((z) => Math.max(0, z), 2);
  assert.ok(Math.abs(relu[1]! - 0.5) < 1e-12, `relu c_1 = ${relu[1]}`);
  assert.ok(Math.abs(relu[2]! - 1 / (2 * Math.sqrt(2 * Math.PI))) < 1e-3, `relu c_2 = ${relu[2]}`);
});

test('relu6 reads as relu and hardSigmoid as sigmoid: the small coefficients are the clip six deviations out', () => {
  const c = hermiteCoefficients(TFJS.relu6, 5);
  assert.ok(Math.abs(c[3]!) > 1e-10 && Math.abs(c[3]!) < 1e-6, `relu6 c_3 = ${c[3]}`);
  assert.deepEqual(hermiteSupport('relu6', false, 6), hermiteSupport('relu', false, 6));
  assert.deepEqual(hermiteSupport('hardSigmoid', false, 6), hermiteSupport('sigmoid', false, 6));
  // A bias makes every degree reachable, except through a linear layer.
  assert.deepEqual(hermiteSupport('gelu', true, 4), [1, 2, 3, 4]);
  assert.deepEqual(hermiteSupport('linear', true, 4), [1]);
});
