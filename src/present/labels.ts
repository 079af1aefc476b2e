// Names of patterns and scaling laws as every surface prints them.
import type { Exponents } from '../engine/types';

/** One pattern per hidden layer, input side first: "GP → Spec" (the arrow is the data's direction). */
export function chainText(patterns: readonly string[]): string {
  return patterns.join(' → ');
}

/** Sizes in reading order: hidden widths first, then patch counts, then input, context and key sizes. */
export function sizeOrder(a: string, b: string): number {
  const rank = (s: string): [number, number] => {
    const m = /^(N|n)(\d+)$/.exec(s);
    if (m) return [m[1] === 'N' ? 0 : 1, Number(m[2])];
    return [{ d: 2, L: 3, d_k: 4 }[s] ?? 5, 0];
  };
  const [ra, ia] = rank(a);
  const [rb, ib] = rank(b);
  return ra - rb || ia - ib || a.localeCompare(b);
}

/** The sizes a law grows with and their exact exponents, in reading order: [["N2", "1/2"], ["d", "1/2"]]. */
export function scalingTerms(exponents: Exponents): [string, string][] {
  return Object.entries(exponents)
    .filter(([, e]) => e !== '0' && e !== '-0')
    .sort(([a], [b]) => sizeOrder(a, b));
}

/** "N2^1/2 · d^1/2"; "constant" when the law grows with no size. */
export function scalingText(exponents: Exponents): string {
  const parts = scalingTerms(exponents).map(([size, e]) => (e === '1' ? size : `${size}^${e}`));
  return parts.length === 0 ? 'constant' : parts.join(' · ');
}
