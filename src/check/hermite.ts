// Probabilists' Hermite polynomials, normalised so that E[He_m(z)^2] = 1 for z ~ N(0, 1).

/** He_m(z) / sqrt(m!), by the three-term recurrence He_{k+1} = z He_k - k He_{k-1}. */
export function normalisedHermite(m: number, z: number): number {
  let prev = 1;
  if (m === 0) return 1;
  let cur = z;
  for (let k = 1; k < m; k++) {
    const next = z * cur - k * prev;
    prev = cur;
    cur = next;
  }
  let factorial = 1;
  for (let k = 2; k <= m; k++) factorial *= k;
  return cur / Math.sqrt(factorial);
}
