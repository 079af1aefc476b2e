// Hermite support of each activation (theory section 4): which degrees a layer can
// generate from a feature. Degree 0 is left out: a constant never grows into the target.
import type { Activation } from './types';

type Parity = 'odd' | 'even-and-linear' | 'all' | 'linear-only';

const PARITY: Record<Activation, Parity> = {
  erf: 'odd', tanh: 'odd', sin: 'odd', softsign: 'odd',
  // sigmoid = 1/2 + odd part
  sigmoid: 'odd',
  // relu: its odd Hermite coefficients beyond the first vanish
  relu: 'even-and-linear',
  linear: 'linear-only',
  gelu: 'all', elu: 'all', selu: 'all', softplus: 'all', swish: 'all', silu: 'all',
  leakyRelu: 'all', relu6: 'all', mish: 'all', hardSigmoid: 'all',
};

/** Degrees k >= 1 (up to maxDegree) in the activation's Hermite support; a bias makes every degree reachable. */
export function hermiteSupport(activation: Activation, bias: boolean, maxDegree: number): number[] {
  const parity = bias && activation !== 'linear' ? 'all' : PARITY[activation];
  const out: number[] = [];
  for (let k = 1; k <= maxDegree; k++) {
    if (parity === 'all' || k === 1) out.push(k);
    else if (parity === 'odd' && k % 2 === 1) out.push(k);
    else if (parity === 'even-and-linear' && k % 2 === 0) out.push(k);
  }
  return out;
}

export function describeSupport(activation: Activation, bias: boolean): string {
  if (activation === 'linear') return 'a linear layer passes degree 1 only';
  if (bias) return `${activation} with a bias generates every degree`;
  switch (PARITY[activation]) {
    case 'odd': return `${activation} without a bias generates odd degrees only`;
    case 'even-and-linear': return `${activation} without a bias generates degree 1 and even degrees only`;
    default: return `${activation} generates every degree`;
  }
}
