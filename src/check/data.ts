// Synthetic single-index data: x ~ N(0, I_d), y = He_m(w* . x) / sqrt(m!) with a random unit w*.
import { normalisedHermite } from './hermite';
import { deriveSeed, gaussianArray } from './rng';

export interface Dataset {
  /** Row-major samples x rows of length d. */
  x: Float32Array;
  y: Float32Array;
  count: number;
  dim: number;
}

/** The teacher direction for one seed and dimension: a uniformly random unit vector. */
export function teacher(seed: number, dim: number): Float32Array {
  const w = gaussianArray(dim, deriveSeed('teacher', seed, dim));
  let norm = 0;
  for (const v of w) norm += v * v;
  norm = Math.sqrt(norm);
  for (let i = 0; i < dim; i++) w[i] = (w[i] ?? 0) / norm;
  return w;
}

/**
 * `count` samples from the stream named `split` ("train" or "test"). Training sets of one seed
 * are prefixes of each other, so a larger P adds samples rather than redrawing them: the
 * curve against P then varies only through P, not through a new draw at every point.
 */
export function sample(split: string, seed: number, w: Float32Array, degree: number, count: number): Dataset {
  const dim = w.length;
  const x = gaussianArray(count * dim, deriveSeed(split, seed, dim));
  const y = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    let z = 0;
    for (let i = 0; i < dim; i++) z += (x[n * dim + i] ?? 0) * (w[i] ?? 0);
    y[n] = normalisedHermite(degree, z);
  }
  return { x, y, count, dim };
}
