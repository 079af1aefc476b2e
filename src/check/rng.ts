// Seeded pseudo-random numbers, so a check gives the same numbers on every machine.
// tfjs's own initialisers are not used: their seeding differs between backends and versions.

/** mulberry32: tiny, fast, and good enough for Gaussian inputs and initial weights. */
export function uniformStream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller, both halves used). */
export function gaussianStream(seed: number): () => number {
  const u = uniformStream(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const theta = 2 * Math.PI * u();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/**
 * Derives independent stream seeds from a user seed and a purpose, so that the teacher,
 * the training inputs, the test inputs and the initial weights never share draws.
 */
export function deriveSeed(...parts: (number | string)[]): number {
  // FNV-1a over the parts' text, then one avalanche round.
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export function gaussianArray(length: number, seed: number, scale = 1): Float32Array {
  const g = gaussianStream(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = g() * scale;
  return out;
}
