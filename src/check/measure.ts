// What the check measures on fresh test data and in the trained weights.

/** A_f = <f, y> / <y, y>: 1 when f is y, 0 when f is orthogonal to it. */
export function alignment(f: ArrayLike<number>, y: ArrayLike<number>): number {
  let fy = 0;
  let yy = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] ?? 0;
    fy += (f[i] ?? 0) * yi;
    yy += yi * yi;
  }
  return yy > 0 ? fy / yy : 0;
}

export function meanSquaredError(f: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const e = (f[i] ?? 0) - (y[i] ?? 0);
    s += e * e;
  }
  return y.length > 0 ? s / y.length : 0;
}

/**
 * First-layer neurons whose weight direction overlaps the teacher: |cos(w_i, w*)| > threshold
 * (odd activations make -w* as good as w*). Only neurons whose incoming weight vector kept at
 * least `minNorm` are counted; the prior puts a row's norm near 1. Weight decay shrinks unused
 * neurons towards zero, and a shrunken neuron's direction is whatever the linear part of the
 * data pulled it to (at small P all of them lean the same way), or its random start, which in
 * small d passes 0.5 by chance about one time in five (d = 8). Neither is a specialist.
 *
 * @param weights first-layer kernel, row-major [dim, width] as tfjs stores it
 */
export function countSpecialists(
  weights: ArrayLike<number>,
  dim: number,
  width: number,
  w: ArrayLike<number>,
  threshold = 0.5,
  minNorm = 0.5,
): number {
  let count = 0;
  for (let j = 0; j < width; j++) {
    let nn = 0;
    let dot = 0;
    for (let i = 0; i < dim; i++) {
      const v = weights[i * width + j] ?? 0;
      nn += v * v;
      dot += v * (w[i] ?? 0);
    }
    const norm = Math.sqrt(nn);
    if (norm >= minNorm && Math.abs(dot) / norm > threshold) count++;
  }
  return count;
}

export function meanAndStd(values: number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(v) };
}
