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

/**
 * The pieces of one layer and incoming degree before pruning, as numbers in typed arrays: most
 * are pruned, and as objects (a boxed number per field) they were most of the charts' garbage.
 * The survivors become Piece objects.
 */
class RawPieces {
  n = 0;
  A = new Float64Array(64);
  e = new Float64Array(64);
  B = new Float64Array(64);
  lo = new Float64Array(64);
  hi = new Float64Array(64);
  /** The values at lo and hi. */
  vLo = new Float64Array(64);
  vHi = new Float64Array(64);
  pK = new Float64Array(64);
  pq = new Float64Array(64);
  readonly suffix: string[] = [];
  readonly step: Step[] = [];
  readonly next: Piece[] = [];

  push(
    A: number,
    e: number,
    B: number,
    lo: number,
    hi: number,
    pK: number,
    pq: number,
    suffix: string,
    step: Step,
    next: Piece,
  ): void {
    if (this.n === this.A.length) this.grow();
    const i = this.n++;
    this.A[i] = A;
    this.e[i] = e;
    this.B[i] = B;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.vLo[i] = A * lo ** e + B;
    this.vHi[i] = A * hi ** e + B;
    this.pK[i] = pK;
    this.pq[i] = pq;
    this.suffix[i] = suffix;
    this.step[i] = step;
    this.next[i] = next;
  }

  value(i: number, x: number): number {
    return this.A[i]! * x ** this.e[i]! + this.B[i]!;
  }

  piece(i: number, nextMult: number, width: number): Piece {
    const step = this.step[i]!;
    const next = this.next[i]!;
    return {
      A: this.A[i]!,
      e: this.e[i]!,
      B: this.B[i]!,
      lo: this.lo[i]!,
      hi: this.hi[i]!,
      suffix: this.suffix[i]!,
      step,
      pK: this.pK[i]!,
      pq: this.pq[i]!,
      next,
      nextMult,
      width,
      gflAhead: step.pattern === 'GFL' || next.gflAhead,
    };
  }

  private grow(): void {
    const size = 2 * this.A.length;
    const wider = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.A = wider(this.A);
    this.e = wider(this.e);
    this.B = wider(this.B);
    this.lo = wider(this.lo);
    this.hi = wider(this.hi);
    this.vLo = wider(this.vLo);
    this.vHi = wider(this.vHi);
    this.pK = wider(this.pK);
    this.pq = wider(this.pq);
  }
}

/** Buffers not in use (a search's energy bound runs searches of its own). */
const spareRaw: RawPieces[] = [];

/** Compares Q with P at x, where P's value is vp: -1 Q above P (no dominance), 0 within the tolerance, 1 strictly below. */
function below(r: RawPieces, q: number, vp: number, x: number): -1 | 0 | 1 {
  const vq = r.value(q, x);
  if (vq > vp * (1 + TOL)) return -1;
  return vq < vp * (1 - TOL) ? 1 : 0;
}

/**
 * 0: Q does not dominate P on P's interval; 1: ties it there; 2: at most P and below it
 * somewhere. Every test must pass and any may make it strict, so the ones without powers go first.
 */
function dominance(r: RawPieces, q: number, p: number): 0 | 1 | 2 {
  const { A, e, B, lo, hi } = r;
  const pLo = lo[p]!;
  const pHi = hi[p]!;
  if (lo[q]! > pLo * (1 + TOL) || hi[q]! < pHi * (1 - TOL)) return 0;
  let strict = false;
  if (pLo === 0) {
    // Near 0 the constants decide, then the smaller power (larger value).
    if (B[q]! > B[p]! * (1 + TOL) + 1e-300) return 0;
    if (B[q]! < B[p]! * (1 - TOL)) strict = true;
    else if (e[q]! < e[p]!) return 0;
    else if (e[q]! > e[p]!) strict = true;
  }
  if (!Number.isFinite(pHi)) {
    if (e[q]! > e[p]!) return 0;
    if (e[q]! < e[p]!) strict = true;
    else if (A[q]! > A[p]! * (1 + TOL)) return 0;
    else if (A[q]! < A[p]! * (1 - TOL)) strict = true;
  }
  if (pLo > 0) {
    const c = below(r, q, r.vLo[p]!, pLo);
    if (c < 0) return 0;
    if (c > 0) strict = true;
  }
  if (Number.isFinite(pHi)) {
    const c = below(r, q, r.vHi[p]!, pHi);
    if (c < 0) return 0;
    if (c > 0) strict = true;
  }
  if (e[p]! !== e[q]!) {
    const xc = ((A[q]! * e[q]!) / (A[p]! * e[p]!)) ** (1 / (e[p]! - e[q]!));
    if (xc > pLo && xc < pHi) {
      const c = below(r, q, r.value(p, xc), xc);
      if (c < 0) return 0;
      if (c > 0) strict = true;
    }
  }
  return strict ? 2 : 1;
}

/** Pieces clamped to the incoming costs where they stay under `bound` (values grow with x). */
function underBound(r: RawPieces, list: number[], bound: number): number[] {
  const out: number[] = [];
  for (const p of list) {
    if (r.vLo[p]! > bound) continue;
    if (r.vHi[p]! > bound) {
      r.hi[p] = Math.min(r.hi[p]!, ((bound - r.B[p]!) / r.A[p]!) ** (1 / r.e[p]!));
      r.vHi[p] = r.value(p, r.hi[p]!);
    }
    out.push(p);
  }
  return out;
}

/** Q beats P on P's interval, or ties it and comes first (same suffix: the earlier one stays). */
function beats(r: RawPieces, q: number, p: number, qFirst: boolean): boolean {
  const d = dominance(r, q, p);
  if (d === 0) return false;
  if (d === 2) return true;
  const qs = r.suffix[q]!;
  const ps = r.suffix[p]!;
  return qs === ps ? qFirst : qs < ps;
}

/** prune()'s sort, reused: prune never runs inside another prune. */
function scratch(size: number): { live: Int32Array; at: Float64Array } {
  return { live: new Int32Array(size), at: new Float64Array(size) };
}
let sortScratch = scratch(128);

/**
 * Drops every piece another one beats on its whole interval. Beating is transitive, so each
 * piece is checked against the survivors only: once against those kept before it, then
 * against those kept after it.
 */
function prune(r: RawPieces, list: number[]): number[] {
  if (sortScratch.live.length < list.length) sortScratch = scratch(2 * list.length);
  const { live, at } = sortScratch;
  let n = 0;
  for (const p of list) {
    if (!(r.lo[p]! <= r.hi[p]! * (1 + TOL) && Number.isFinite(r.A[p]!) && Number.isFinite(r.B[p]!))) continue;
    // In order of their value at the left end (a stable insertion sort: these lists are short,
    // and a sort with a callback cost more than the pruning).
    const v = r.lo[p]! > 0 ? r.vLo[p]! : Number.isFinite(r.hi[p]!) ? r.vHi[p]! : r.value(p, 1);
    let i = n++;
    for (; i > 0 && at[i - 1]! > v; i--) {
      live[i] = live[i - 1]!;
      at[i] = at[i - 1]!;
    }
    live[i] = p;
    at[i] = v;
  }
  const kept: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = live[k]!;
    // Latest kept first: a piece is most often beaten by one kept just before it.
    let beaten = false;
    for (let j = kept.length - 1; j >= 0 && !beaten; j--) beaten = beats(r, kept[j]!, p, true);
    if (!beaten) kept.push(p);
  }
  // The first pass checked each survivor against every one kept before it.
  const out: number[] = [];
  for (let i = 0; i < kept.length; i++) {
    const p = kept[i]!;
    let beaten = false;
    for (let j = i + 1; j < kept.length && !beaten; j++) if (beats(r, kept[j]!, p, false)) beaten = true;
    if (!beaten) out.push(p);
  }
  return out;
}

/** Pieces of pattern `step` at a layer of width N, continued by the next layer's piece (their chain suffix `suffix`). */
function compose(step: Step, suffix: string, N: number, next: Piece, nextMult: number, out: RawPieces): void {
  const A1 = next.A * nextMult ** next.e;
  const lo1 = next.lo / nextMult;
  const hi1 = next.hi / nextMult;
  const e = next.e;
  const B = next.B;
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
    out.push((1 + 1 / E) * N * K, q, B, lo, hi, K, q, suffix, step, next);
    // D pinned where the output meets an end of the next piece's range
    if (Number.isFinite(hi1)) {
      const c = hi1 ** (-1 / k);
      out.push(N * c, 1, A1 * hi1 ** e + B, hi1 ** (1 / k), Infinity, c, 1, suffix, step, next);
    }
    if (lo1 > 0) {
      const c = lo1 ** (-1 / k);
      out.push(N * c, 1, A1 * lo1 ** e + B, lo1 ** (1 / k), Infinity, c, 1, suffix, step, next);
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
  const pieceHi = plo > 0 ? (plo / K) ** (1 / q) : Infinity;
  out.push((1 + 1 / e) * K, e / (1 + e), B, (phi / K) ** (1 / q), pieceHi, K, q, suffix, step, next);
  if (plo > 0) out.push(plo, 1, beta * plo ** -e + B, 0, Infinity, plo, 0, suffix, step, next);
  out.push(phi, 1, beta * phi ** -e + B, 0, Infinity, phi, 0, suffix, step, next);
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
  const raw = spareRaw.pop() ?? new RawPieces();
  for (let l = L; l >= 1; l--) {
    if (only && allowed[l]!.size === 0) break;
    const layer = net.layers[l - 1]!;
    const N = sizes[layer.width]!;
    const nextMult = evaluate(l < L ? net.layers[l]!.mult : net.readoutMult, sizes);
    for (let j = 1; j <= m; j++) {
      const options = only ? restrictedSteps(only, l, j) : stepOptions(layer, j, m);
      if (options.length === 0) continue;
      raw.n = 0;
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
      let kept: number[];
      if (only) {
        const groups = new Map<string, number[]>();
        for (let i = 0; i < raw.n; i++) {
          const group = groups.get(raw.suffix[i]!);
          if (group) group.push(i);
          else groups.set(raw.suffix[i]!, [i]);
        }
        kept = [...groups.values()].flatMap((group) => prune(raw, group));
      } else {
        const all: number[] = [];
        for (let i = 0; i < raw.n; i++) all.push(i);
        kept = prune(raw, Number.isFinite(bound) ? underBound(raw, all, bound) : all);
      }
      pieces[l]![j] = kept.map((i) => raw.piece(i, nextMult, N));
    }
  }

  spareRaw.push(raw);

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
