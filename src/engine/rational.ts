// Exact rationals on safe integers. The engine's exponents are small fractions (sums of a
// few dual weights), so plain numbers suffice; mathjs's BigInt Fraction measured ~2.5 us per
// operation here, too slow for an analysis budget of 1 ms.

export interface Rational {
  readonly n: number;
  readonly d: number;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

export function rat(n: number, d = 1): Rational {
  if (d === 0) throw new Error('internal: zero denominator');
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new Error('internal: rational overflow');
  const g = gcd(n, d) * Math.sign(d);
  return { n: n / g || 0, d: d / g };
}

export const R0 = rat(0);
export const R1 = rat(1);

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mulR = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const divR = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
export const toNumber = (a: Rational): number => a.n / a.d;
export const toText = (a: Rational): string => (a.d === 1 ? String(a.n) : `${a.n}/${a.d}`);
