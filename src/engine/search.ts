// The search over chains, without enumerating them. Working down from the readout, the
// least cost of layers l..L given the cost x of the feature layer l receives is, for each
// chain suffix and each choice of bound, a piece A x^e + B valid on an interval of x (every
// 1-D minimum over M, beta or D has that form). A piece that another suffix beats on its
// whole interval can never be part of the best chain, whatever the layers below do, so it
// is dropped. The winner is exact (the tests check it against brute force); the other
// survivors are the chains that are best for some incoming cost: the natural competitors.
import { chainKey, lazyKey, paramName, stepKey, stepOptions, type Chain, type Step } from './chain';
import { evaluate, type Mono } from './monomial';
import type { Network } from './network';

export interface Piece {
  A: number;
  e: number;
  B: number;
  lo: number;
  hi: number;
  /** The values at lo and hi. */
  vLo: number;
  vHi: number;
  /** Key of the chain from this layer up ("" at the readout). */
  suffix: string;
  step: Step | null;
  /** The pattern's parameter at incoming cost x: pK * x^pq. */
  pK: number;
  pq: number;
  next: Piece | null;
  /** Multiplier from this layer's output to the next layer's incoming cost. */
  nextMult: number;
  width: number;
  /** Whether this layer or one after it learns a Gaussian feature: only those can sit at the lazy limit. */
  gflAhead: boolean;
}

export interface FoundChain {
  chain: Chain;
  key: string;
  energy: number;
  /** Parameter values at the optimum, by name (M2, beta1, D3). */
  params: Record<string, number>;
}

export interface SearchResult {
  /** The surviving chains at the network's own input costs, best first (ties by key). */
  chains: FoundChain[];
  /** How many chains the pieces stood for. */
  covered: number;
}

const TOL = 1e-10;

function valueAt(p: Piece, x: number): number {
  return p.A * x ** p.e + p.B;
}

/** Compares Q with P at x, where P's value is vp: -1 Q above P (no dominance), 0 within the tolerance, 1 strictly below. */
function below(q: Piece, vp: number, x: number): -1 | 0 | 1 {
  const vq = valueAt(q, x);
  if (vq > vp * (1 + TOL)) return -1;
  return vq < vp * (1 - TOL) ? 1 : 0;
}

/**
 * 0: Q does not dominate P on P's interval; 1: ties it there; 2: at most P and below it
 * somewhere. Every test must pass and any may make it strict, so the ones without powers go first.
 */
function dominance(q: Piece, p: Piece): 0 | 1 | 2 {
  if (q.lo > p.lo * (1 + TOL) || q.hi < p.hi * (1 - TOL)) return 0;
  let strict = false;
  if (p.lo === 0) {
    // Near 0 the constants decide, then the smaller power (larger value).
    if (q.B > p.B * (1 + TOL) + 1e-300) return 0;
    if (q.B < p.B * (1 - TOL)) strict = true;
    else if (q.e < p.e) return 0;
    else if (q.e > p.e) strict = true;
  }
  if (!Number.isFinite(p.hi)) {
    if (q.e > p.e) return 0;
    if (q.e < p.e) strict = true;
    else if (q.A > p.A * (1 + TOL)) return 0;
    else if (q.A < p.A * (1 - TOL)) strict = true;
  }
  if (p.lo > 0) {
    const c = below(q, p.vLo, p.lo);
    if (c < 0) return 0;
    if (c > 0) strict = true;
  }
  if (Number.isFinite(p.hi)) {
    const c = below(q, p.vHi, p.hi);
    if (c < 0) return 0;
    if (c > 0) strict = true;
  }
  if (p.e !== q.e) {
    const xc = ((q.A * q.e) / (p.A * p.e)) ** (1 / (p.e - q.e));
    if (xc > p.lo && xc < p.hi) {
      const c = below(q, valueAt(p, xc), xc);
      if (c < 0) return 0;
      if (c > 0) strict = true;
    }
  }
  return strict ? 2 : 1;
}

/** Pieces clamped to the incoming costs where they stay under `bound` (values grow with x). */
function underBound(list: Piece[], bound: number): Piece[] {
  const out: Piece[] = [];
  for (const p of list) {
    if (p.vLo > bound) continue;
    if (p.vHi > bound) {
      p.hi = Math.min(p.hi, ((bound - p.B) / p.A) ** (1 / p.e));
      p.vHi = valueAt(p, p.hi);
    }
    out.push(p);
  }
  return out;
}

/** Q beats P on P's interval, or ties it and comes first (same suffix: the earlier one stays). */
function beats(q: Piece, p: Piece, qFirst: boolean): boolean {
  const d = dominance(q, p);
  if (d === 0) return false;
  if (d === 2) return true;
  return q.suffix === p.suffix ? qFirst : q.suffix < p.suffix;
}

/**
 * Drops every piece another one beats on its whole interval. Beating is transitive, so each
 * piece is checked against the survivors only: once against those kept before it, then
 * against those kept after it.
 */
function prune(list: Piece[]): Piece[] {
  const live: Piece[] = [];
  const at: number[] = [];
  for (const p of list) {
    if (!(p.lo <= p.hi * (1 + TOL) && Number.isFinite(p.A) && Number.isFinite(p.B))) continue;
    // In order of their value at the left end (a stable insertion sort: these lists are short,
    // and a sort with a callback cost more than the pruning).
    const v = p.lo > 0 ? p.vLo : Number.isFinite(p.hi) ? p.vHi : valueAt(p, 1);
    let i = live.length;
    live.push(p);
    at.push(v);
    for (; i > 0 && at[i - 1]! > v; i--) {
      live[i] = live[i - 1]!;
      at[i] = at[i - 1]!;
    }
    live[i] = p;
    at[i] = v;
  }
  const kept: Piece[] = [];
  for (const p of live) {
    // Latest kept first: a piece is most often beaten by one kept just before it.
    let beaten = false;
    for (let j = kept.length - 1; j >= 0 && !beaten; j--) beaten = beats(kept[j]!, p, true);
    if (!beaten) kept.push(p);
  }
  // The first pass checked each survivor against every one kept before it.
  const out: Piece[] = [];
  for (let i = 0; i < kept.length; i++) {
    const p = kept[i]!;
    let beaten = false;
    for (let j = i + 1; j < kept.length && !beaten; j++) if (beats(kept[j]!, p, false)) beaten = true;
    if (!beaten) out.push(p);
  }
  return out;
}

function makePiece(
  A: number,
  e: number,
  B: number,
  lo: number,
  hi: number,
  suffix: string,
  step: Step,
  pK: number,
  pq: number,
  next: Piece,
  nextMult: number,
  width: number,
): Piece {
  const gflAhead = step.pattern === 'GFL' || next.gflAhead;
  const piece = { A, e, B, lo, hi, vLo: 0, vHi: 0, suffix, step, pK, pq, next, nextMult, width, gflAhead };
  piece.vLo = valueAt(piece, lo);
  piece.vHi = valueAt(piece, hi);
  return piece;
}

/** Pieces of pattern `step` at a layer of width N, continued by the next layer's piece (their chain suffix `suffix`). */
function compose(step: Step, suffix: string, N: number, next: Piece, nextMult: number, out: Piece[]): void {
  const A1 = next.A * nextMult ** next.e;
  const lo1 = next.lo / nextMult;
  const hi1 = next.hi / nextMult;
  const e = next.e;
  const B = next.B;
  const piece = (A: number, pe: number, pB: number, lo: number, hi: number, pK: number, pq: number): Piece =>
    makePiece(A, pe, pB, lo, hi, suffix, step, pK, pq, next, nextMult, N);
  if (step.pattern === 'GFL') {
    const k = step.produces / step.degree;
    const E = k * e;
    // interior: D* = K x^q, valid where D* > 1 and the output stays in the next piece's range
    const K = ((E * A1) / N) ** (1 / (1 + E));
    const q = E / (1 + E);
    let lo = (1 / K) ** (1 / q);
    let hi = Infinity;
    if (Number.isFinite(hi1)) hi = Math.min(hi, (hi1 ** (-1 / k) / K) ** (1 / (q - 1)));
    if (lo1 > 0) lo = Math.max(lo, (lo1 ** (-1 / k) / K) ** (1 / (q - 1)));
    out.push(piece((1 + 1 / E) * N * K, q, B, lo, hi, K, q));
    // D pinned where the output meets an end of the next piece's range
    if (Number.isFinite(hi1)) {
      const c = hi1 ** (-1 / k);
      out.push(piece(N * c, 1, A1 * hi1 ** e + B, hi1 ** (1 / k), Infinity, c, 1));
    }
    if (lo1 > 0) {
      const c = lo1 ** (-1 / k);
      out.push(piece(N * c, 1, A1 * lo1 ** e + B, lo1 ** (1 / k), Infinity, c, 1));
    }
    return;
  }
  // Spec and Mag: Delta = p x, output N / p; p on [plo, phi].
  const beta = A1 * N ** e;
  const plo = step.pattern === 'Spec' ? Math.max(1, N / hi1) : Number.isFinite(hi1) ? N / hi1 : 0;
  const phi = lo1 > 0 ? Math.min(N, N / lo1) : N;
  if (plo > phi * (1 + TOL)) return;
  const K = (e * beta) ** (1 / (1 + e));
  const q = -1 / (1 + e);
  out.push(
    piece((1 + 1 / e) * K, e / (1 + e), B, (phi / K) ** (1 / q), plo > 0 ? (plo / K) ** (1 / q) : Infinity, K, q),
  );
  if (plo > 0) out.push(piece(plo, 1, beta * plo ** -e + B, 0, Infinity, plo, 0));
  out.push(piece(phi, 1, beta * phi ** -e + B, 0, Infinity, phi, 0));
}

function walk(first: Piece, x0: number, start: number): { steps: Step[]; params: Record<string, number> } {
  const steps: Step[] = [];
  const params: Record<string, number> = {};
  let p: Piece | null = first;
  let x = x0;
  let layer = start;
  while (p && p.step) {
    const value = p.pK * x ** p.pq;
    params[paramName(p.step.pattern, layer)] = value;
    steps.push(p.step);
    const out = p.step.pattern === 'GFL' ? (x / value) ** (p.step.produces / p.step.degree) : p.width / value;
    x = p.nextMult * out;
    p = p.next;
    layer++;
  }
  return { steps, params };
}

/** How far above the best one-pattern chain the search still keeps competitors. */
const BOUND_SLACK = 3;

/**
 * An upper bound on the least energy: the best chain with a single pattern on the last layer
 * (or the all-lazy network), times a slack so that close competitors survive too.
 */
function energyBound(net: Network): number {
  const L = net.layers.length;
  const lazyAll = net.lazyReadout[net.degree];
  let best = lazyAll ? evaluate(lazyAll, net.sizes) : Infinity;
  const lazy = net.lazyIn[L - 1]!;
  for (let j = 1; j <= net.degree; j++) {
    if (!lazy[j]) continue;
    for (const step of stepOptions(net.layers[L - 1]!, j, net.degree)) {
      if (step.produces !== net.degree) continue;
      const found = searchChains(net, { start: L, steps: [step] }).chains[0];
      if (found) best = Math.min(best, found.energy);
    }
  }
  return best * BOUND_SLACK;
}

/** The pieces that survive at one start: layers before `start` lazy, the degree-`degree` lazy feature entering it. */
export interface StartPieces {
  start: number;
  degree: number;
  /** The lazy feature's cost as layer `start` receives it: the point the pieces are evaluated at. */
  cost: Mono;
  pieces: Piece[];
  /** Chain key of each piece. */
  keys: string[];
}

export interface SearchPieces {
  starts: StartPieces[];
  /** How many chains the pieces stood for. */
  covered: number;
}

/**
 * The surviving pieces at every start, or only those of the chains in `restrict` when given:
 * pruning then drops only pieces of the same chain suffix, so what remains for each chain is
 * its exact minimum (chains that share a suffix share its pieces). With `bounded`, the layers
 * below a piece only add cost, so a piece is kept only where its value stays under the bound
 * on the optimum at these sizes. Unbounded, the pieces hold for any incoming cost, so the
 * charts evaluate one search at every input dimension (the lazy costs are the only place d enters).
 */
export function searchPieces(net: Network, restrict?: Chain | Chain[], bounded = true): SearchPieces {
  const L = net.layers.length;
  const m = net.degree;
  const sizes = net.sizes;
  const only = restrict === undefined ? null : Array.isArray(restrict) ? restrict : [restrict];
  // The steps the restricted chains take at each layer, by the suffix they continue ('' at the
  // last layer): looked up by the next piece's suffix, so no suffix is built only to be refused.
  const allowed: Map<string, Set<string>>[] = only ? Array.from({ length: L + 2 }, () => new Map()) : [];
  const wanted = new Set<string>();
  if (only) {
    for (const c of only) {
      let suffix = '';
      for (let i = c.steps.length - 1; i >= 0; i--) {
        const key = stepKey(c.steps[i]!);
        const steps = allowed[c.start + i]!.get(suffix);
        if (steps) steps.add(key);
        else allowed[c.start + i]!.set(suffix, new Set([key]));
        suffix = suffix === '' ? key : `${key}|${suffix}`;
      }
      wanted.add(chainKey(c));
    }
  }
  const readout: Piece = {
    A: 1,
    e: 1,
    B: 0,
    lo: 0,
    hi: Infinity,
    vLo: 0,
    vHi: Infinity,
    suffix: '',
    step: null,
    pK: 0,
    pq: 0,
    next: null,
    nextMult: 1,
    width: 0,
    gflAhead: false,
  };
  // pieces[l][j], l = 1..L+1
  const pieces: Piece[][][] = Array.from({ length: L + 2 }, () => Array.from({ length: m + 1 }, () => []));
  const counts: number[][] = Array.from({ length: L + 2 }, () => new Array<number>(m + 1).fill(0));
  pieces[L + 1]![m] = [readout];
  counts[L + 1]![m] = 1;
  const bound = only || !bounded ? Infinity : energyBound(net);
  // One string per chain suffix: pieces continuing the same suffix with the same step share it,
  // so grouping and looking suffixes up hashes each once.
  const suffixes = new Map<string, Map<string, string>>();
  const suffixOf = (key: string, next: string): string => {
    let byKey = suffixes.get(next);
    if (byKey === undefined) suffixes.set(next, (byKey = new Map()));
    let suffix = byKey.get(key);
    if (suffix === undefined) byKey.set(key, (suffix = next === '' ? key : `${key}|${next}`));
    return suffix;
  };
  for (let l = L; l >= 1; l--) {
    if (only && allowed[l]!.size === 0) break;
    const layer = net.layers[l - 1]!;
    const N = sizes[layer.width]!;
    const nextMult = evaluate(l < L ? net.layers[l]!.mult : net.readoutMult, sizes);
    for (let j = 1; j <= m; j++) {
      const options = only ? restrictedSteps(only, l, j) : stepOptions(layer, j, m);
      if (options.length === 0) continue;
      const raw: Piece[] = [];
      let count = 0;
      for (const step of options) {
        count += counts[l + 1]![step.produces]!;
        const key = stepKey(step);
        for (const next of pieces[l + 1]![step.produces]!) {
          if (only && !allowed[l]!.get(next.suffix)?.has(key)) continue;
          compose(step, suffixOf(key, next.suffix), N, next, nextMult, raw);
        }
      }
      counts[l]![j] = count;
      if (only) {
        const groups = new Map<string, Piece[]>();
        for (const p of raw) {
          const group = groups.get(p.suffix);
          if (group) group.push(p);
          else groups.set(p.suffix, [p]);
        }
        pieces[l]![j] = [...groups.values()].flatMap(prune);
      } else {
        pieces[l]![j] = prune(Number.isFinite(bound) ? underBound(raw, bound) : raw);
      }
    }
  }

  const starts: StartPieces[] = [];
  let covered = 0;
  for (let s = 1; s <= L; s++) {
    if (only && !only.some((c) => c.start === s)) continue;
    const lazy = net.lazyIn[s - 1]!;
    for (let j = 1; j <= m; j++) {
      const cost = lazy[j];
      if (!cost) continue;
      covered += counts[s]![j]!;
      let list = pieces[s]![j]!;
      const prefix = s > 1 ? `${lazyKey(s - 1)}|` : '';
      let keys = list.map((p) => prefix + p.suffix);
      if (only) {
        list = list.filter((_, i) => wanted.has(keys[i]!));
        keys = keys.filter((k) => wanted.has(k));
      }
      starts.push({ start: s, degree: j, cost, pieces: list, keys });
    }
  }
  return { starts, covered };
}

/** The distinct steps the restricted chains take at layer l on an incoming degree j. */
function restrictedSteps(chains: Chain[], l: number, j: number): Step[] {
  const out = new Map<string, Step>();
  for (const c of chains) {
    const step = c.steps[l - c.start];
    if (l >= c.start && step && step.degree === j) out.set(stepKey(step), step);
  }
  return [...out.values()];
}

/** Where `x` lies in a piece's interval (with the search's tolerance). */
/** The incoming costs a piece holds for, with the search's tolerance at either end. */
export function pieceRange(p: Piece): [number, number] {
  return [p.lo * (1 - TOL), p.hi * (1 + TOL)];
}

export function pieceCovers(p: Piece, x: number): boolean {
  const [lo, hi] = pieceRange(p);
  return x >= lo && x <= hi;
}

export function pieceValue(p: Piece, x: number): number {
  return valueAt(p, x);
}

/**
 * Whether a piece, at incoming cost x, has a Gaussian feature learning step at D = 1: the lazy
 * layer, which is no candidate (docs/theory.md, "The lazy limits"). The search keeps such pieces
 * (pinned where the next layer's D meets 1); analyze() drops their chains when it solves them.
 */
export function atLazyLimit(first: Piece, x0: number): boolean {
  // walk()'s steps without its records: the charts ask this at every cell.
  let x = x0;
  for (let p: Piece | null = first; p && p.step && p.gflAhead; p = p.next) {
    const value = p.pK * x ** p.pq;
    if (p.step.pattern === 'GFL' && value <= 1 + 1e-9) return true;
    x = p.nextMult * (p.step.pattern === 'GFL' ? (x / value) ** (p.step.produces / p.step.degree) : p.width / value);
  }
  return false;
}

/** The surviving chains at the network's own input costs, or only `restrict`'s (see searchPieces). */
export function searchChains(net: Network, restrict?: Chain): SearchResult {
  const { starts, covered } = searchPieces(net, restrict);
  const best = new Map<string, FoundChain>();
  for (const { start: s, cost, pieces, keys } of starts) {
    const x0 = evaluate(cost, net.sizes);
    pieces.forEach((p, i) => {
      if (!pieceCovers(p, x0)) return;
      const energy = valueAt(p, x0);
      const key = keys[i]!;
      const found = best.get(key);
      if (found && found.energy <= energy) return;
      const { steps, params } = walk(p, x0, s);
      best.set(key, { chain: { start: s, steps }, key, energy, params });
    });
  }
  const chains = [...best.values()].sort((a, b) => a.energy - b.energy || (a.key < b.key ? -1 : 1));
  return { chains, covered };
}
