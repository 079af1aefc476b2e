// Hermite support of each activation (theory section 4): which degrees a layer can
// generate from a feature. Degree 0 is left out: a constant never grows into the target.
import type { Activation } from './types';

/**
 * The shape of an activation's Hermite expansion without a bias. The table was checked by
 * Gauss-Hermite quadrature of the coefficients (test/engine/activation.test.ts computes them).
 */
type Parity =
  /** An odd function: odd degrees only. */
  | 'odd'
  /** A constant plus an odd function (sigmoid, hardSigmoid): for k >= 1, odd degrees only. */
  | 'constant-and-odd'
  /** a·x plus an even function (relu, gelu, swish, softplus, leaky relu): degree 1 and even degrees. */
  | 'linear-and-even'
  | 'all'
  | 'linear-only';

const PARITY: Record<Activation, Parity> = {
  erf: 'odd',
  tanh: 'odd',
  sin: 'odd',
  softsign: 'odd',
  sigmoid: 'constant-and-odd',
  hardSigmoid: 'constant-and-odd',
  // gelu = x·Phi(x), swish = silu = x·sigmoid(x), softplus = x/2 + log(2 cosh(x/2)): each is
  // x/2 (or a·x) plus an even function, so their odd coefficients beyond the first vanish.
  relu: 'linear-and-even',
  gelu: 'linear-and-even',
  swish: 'linear-and-even',
  silu: 'linear-and-even',
  softplus: 'linear-and-even',
  leakyRelu: 'linear-and-even',
  // relu6's odd coefficients are of order 1e-8 (its clip sits six standard deviations out).
  relu6: 'linear-and-even',
  elu: 'all',
  selu: 'all',
  mish: 'all',
  linear: 'linear-only',
};

/** Degrees k >= 1 (up to maxDegree) in the activation's Hermite support; a bias makes every degree reachable. */
export function hermiteSupport(activation: Activation, bias: boolean, maxDegree: number): number[] {
  const parity = bias && activation !== 'linear' ? 'all' : PARITY[activation];
  const out: number[] = [];
  for (let k = 1; k <= maxDegree; k++) {
    if (parity === 'all' || k === 1) out.push(k);
    else if ((parity === 'odd' || parity === 'constant-and-odd') && k % 2 === 1) out.push(k);
    else if (parity === 'linear-and-even' && k % 2 === 0) out.push(k);
  }
  return out;
}

export function describeSupport(activation: Activation, bias: boolean): string {
  if (activation === 'linear') return 'a linear layer passes degree 1 only';
  if (bias) return `${activation} with a bias generates every degree`;
  switch (PARITY[activation]) {
    case 'odd':
      return `${activation} without a bias generates odd degrees only`;
    case 'constant-and-odd':
      return `${activation} without a bias is a constant plus an odd function: odd degrees only`;
    case 'linear-and-even':
      return `${activation} without a bias is a linear term plus an even function: degree 1 and even degrees only`;
    default:
      return `${activation} generates every degree`;
  }
}
