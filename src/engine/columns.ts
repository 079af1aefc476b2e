// The charts' columns: at one value of the swept size, every candidate's least energy as an
// exact function of the input dimension. In a dense or convolutional network d enters only
// through the cost of the lazy feature a chain starts from (the first layer's fan-in); the
// search's pieces, A x^e + B in that cost, do not depend on it. So one search per column, run
// without the bound that holds only at one d, gives analyze()'s winner at every input
// dimension: the regime map costs one search per width, not one analysis per cell. Near a
// column, a candidate's energy is a sum of powers of the swept size (its blocks, while the
// same constraints bind): the crossovers are the roots of two such sums.
import { attentionCandidates, attentionProblems, attentionSizes } from './attention';
import { compareCandidates, solveChain, type Ranked } from './candidate';
import { chainKey, chainLabel, chainProblem, lazyKey, paperChains, paperRef, parseChainKey } from './chain';
import { withSize } from './grid';
import { evaluate, type Mono } from './monomial';
import { buildNetwork, type Network } from './network';
import { minimisePosynomial, type Param, type PosySolution } from './posynomial';
import { toNumber } from './rational';
import { atLazyLimit, pieceCovers, pieceValue, searchPieces, type Piece } from './search';
import { EngineInputError, type Architecture } from './types';

/** E(v) = sum of coef * (v / at)^exp: a candidate's energy near `at` in the swept size v. */
export interface PowerSum {
  at: number;
  terms: { coef: number; exp: number }[];
  /** Values of v where a parameter of this solution meets one of its bounds: there it stops being the candidate's optimum. */
  limits: number[];
}

export interface Column {
  /** The swept size's value. */
  value: number;
  /** analyze()'s winner at input dimension d (energy and tie rule alike); null when no pattern expresses the target. */
  winner(d: number): Ranked | null;
  /** Each candidate's least energy at d; null where it has no valid optimum. */
  energies(keys: string[], d: number): (number | null)[];
  label(key: string): string;
}

export interface ColumnSource {
  arch: Architecture;
  size: string;
  degree: number;
  column(value: number): Column;
  /** Candidate `key`'s energy near (value, d) as a sum of powers of the swept size, exact while the same constraints bind. */
  powerSum(key: string, value: number, d: number): PowerSum | null;
  /** Whether the network is valid at input dimension d (a convolution needs as many inputs as patches). */
  validDim(d: number): boolean;
}

export function columnSource(arch: Architecture, size: string, degree: number): ColumnSource {
  const head = arch.layers[0];
  if (head?.kind === 'attention') {
    return {
      arch,
      size,
      degree,
      column: (v) => attentionColumn(arch, size, v),
      powerSum(key, value, d) {
        const at = withSize(withSize(arch, size, value), 'd', d);
        const problem = attentionProblems().find((p) => p.variant.key === key);
        const head = at.layers[0];
        if (!problem || head?.kind !== 'attention') return null;
        const sizes = attentionSizes(d, head);
        const sol = minimisePosynomial(problem.terms, problem.params, sizes);
        return sol ? powerSumOf(sol, problem.params, sizes, size, value) : null;
      },
      validDim: () => true,
    };
  }
  return {
    arch,
    size,
    degree,
    column: (v) => networkColumn(arch, size, v, degree),
    powerSum(key, value, d) {
      const net = buildNetwork(withSize(withSize(arch, size, value), 'd', d), degree);
      const lazy = net.lazyReadout[degree];
      if (lazy && key === lazyKey(net.layers.length))
        return { at: value, terms: [{ coef: evaluate(lazy, net.sizes), exp: lazy.exps[size] ?? 0 }], limits: [] };
      const chain = parseChainKey(net, key);
      const sol = chain ? solveChain(net, chain) : null;
      return chain && sol ? powerSumOf(sol, chainProblem(net, chain).params, net.sizes, size, value) : null;
    },
    validDim: (d) => {
      // Only a convolution can be invalid at some d (more patches than inputs reaching it).
      if (!arch.layers.some((l) => l.kind === 'conv')) return true;
      try {
        buildNetwork(withSize(arch, 'd', d), degree);
        return true;
      } catch (error) {
        if (error instanceof EngineInputError) return false;
        throw error;
      }
    },
  };
}

/** Energies above the least by more than this factor cannot win: far outside analyze()'s tie band (1e-9). */
const NEAR = 1 + 1e-6;

/** A monomial in the sizes as a function of d alone: value at the reference sizes times (d / dRef)^exponent. */
interface InD {
  at: number;
  exp: number;
}

function inD(m: Mono, net: Network): InD {
  return { at: evaluate(m, net.sizes), exp: m.exps['d'] ?? 0 };
}

function powerSumOf(
  sol: PosySolution,
  params: Param[],
  sizes: Record<string, number>,
  size: string,
  at: number,
): PowerSum {
  const limits: number[] = [];
  for (const p of params) {
    const value = sol.params[p.name];
    if (sol.modes[p.name] !== 'free' || value === undefined) continue;
    const a = sol.paramExponents[p.name]?.[size] ?? 0;
    for (const bound of [p.lower, p.upper]) {
      if (!bound) continue;
      const c = bound.exps[size] ?? 0;
      if (a !== c) limits.push(at * (evaluate(bound, sizes) / value) ** (1 / (a - c)));
    }
  }
  return {
    at,
    terms: sol.blocks.map((b) => ({ coef: b.value, exp: b.exponents[size] ? toNumber(b.exponents[size]) : 0 })),
    limits,
  };
}

interface PieceSet {
  cost: InD;
  pieces: Piece[];
  /** Index of each piece's chain key. */
  ids: number[];
  /** The pieces' distinct powers of the incoming cost, and which one each piece has (one power per cell, not per piece). */
  exps: number[];
  expOf: number[];
}

function pieceSet(cost: InD, pieces: Piece[], ids: number[]): PieceSet {
  const exps = [...new Set(pieces.map((p) => p.e))];
  return { cost, pieces, ids, exps, expOf: pieces.map((p) => exps.indexOf(p.e)) };
}

function networkColumn(arch: Architecture, size: string, value: number, degree: number): Column {
  const at = withSize(arch, size, value);
  const net = buildNetwork(at, degree);
  const dRef = net.sizes['d']!;
  // The pieces hold for every d only if no multiplier past the first layer's input involves d.
  if ([...net.layers.slice(1).map((l) => l.mult), net.readoutMult].some((m) => m.exps['d'])) {
    throw new Error('internal: a layer past the first scales with d; the chart columns assume it does not');
  }
  const keys: string[] = [];
  const idOf = new Map<string, number>();
  const id = (key: string): number => {
    let i = idOf.get(key);
    if (i === undefined) {
      i = keys.push(key) - 1;
      idOf.set(key, i);
    }
    return i;
  };
  const sets: PieceSet[] = searchPieces(net, undefined, false).starts.map((s) =>
    pieceSet(inD(s.cost, net), s.pieces, s.keys.map(id)),
  );
  const powers = new Float64Array(Math.max(1, ...sets.map((s) => s.exps.length)));
  // Each chain's own minimum: the search restricted to the chains asked for, once per set of keys.
  const restricted = new Map<string, Map<string, PieceSet[]>>();
  const alone = (wanted: string[]): Map<string, PieceSet[]> => {
    const memo = wanted.join(',');
    let found = restricted.get(memo);
    if (found === undefined) {
      found = new Map();
      const chains = wanted.map((k) => parseChainKey(net, k)).filter((c) => c !== null);
      for (const s of chains.length > 0 ? searchPieces(net, chains).starts : []) {
        s.keys.forEach((k, i) => {
          const list = found!.get(k) ?? [];
          list.push(pieceSet(inD(s.cost, net), [s.pieces[i]!], [0]));
          found!.set(k, list);
        });
      }
      restricted.set(memo, found);
    }
    return found;
  };
  // analyze() adds the paper's rows, solved alone, so at a tie their precedence holds.
  const paper = paperChains(net).map((c) => id(chainKey(c)));
  const paperKeys = paper.map((i) => keys[i]!);
  const paperIds = new Set(paper);
  const lazyMono = net.lazyReadout[degree] ?? null;
  const lazy = lazyMono ? { id: id(lazyKey(net.layers.length)), cost: inD(lazyMono, net) } : null;
  const ranked: Ranked[] = keys.map((key) => ({
    key,
    energy: Infinity,
    source: paperRef(net, key) ? 'paper' : 'rules',
  }));
  const mins = new Float64Array(keys.length);
  // The piece that gives each candidate its least energy at the current cell: its set and index.
  const argSet = new Int32Array(keys.length);
  const argPiece = new Int32Array(keys.length);
  const cost = (c: InD, d: number): number => (c.exp === 0 ? c.at : c.at * (d / dRef) ** c.exp);
  // A chain whose optimum puts a layer at D = 1 is the lazy layer, not a candidate: analyze()
  // drops it when it solves the chain, so the columns drop it where its least piece does that.
  const least = (set: PieceSet[], d: number): number | null => {
    let best = Infinity;
    let lazyAt = false;
    for (const s of set) {
      const x = cost(s.cost, d);
      for (const p of s.pieces) {
        if (!pieceCovers(p, x)) continue;
        const v = pieceValue(p, x);
        if (v < best) {
          best = v;
          lazyAt = atLazyLimit(p, x);
        }
      }
    }
    return Number.isFinite(best) && !lazyAt ? best : null;
  };

  return {
    value,
    winner(d) {
      const energy = mins;
      energy.fill(Infinity);
      for (let setIndex = 0; setIndex < sets.length; setIndex++) {
        const s = sets[setIndex]!;
        const x = cost(s.cost, d);
        for (let k = 0; k < s.exps.length; k++) powers[k] = x ** s.exps[k]!;
        for (let i = 0; i < s.pieces.length; i++) {
          const p = s.pieces[i]!;
          if (!pieceCovers(p, x)) continue;
          // pieceValue(p, x), with the power shared by the pieces that have it.
          const v = p.A * powers[s.expOf[i]!]! + p.B;
          const k = s.ids[i]!;
          if (v < energy[k]!) {
            energy[k] = v;
            argSet[k] = setIndex;
            argPiece[k] = i;
          }
        }
      }
      if (paper.length > 0) {
        const own = alone(paperKeys);
        for (const i of paper) energy[i] = least(own.get(keys[i]!) ?? [], d) ?? Infinity;
      }
      if (lazy) energy[lazy.id] = cost(lazy.cost, d);
      // Only candidates near the least energy can win; analyze()'s comparator decides among them.
      // A near one whose least piece sits at the lazy limit is dropped (see least()), and the least
      // energy found again.
      let low = Infinity;
      for (let dropped = true; dropped;) {
        dropped = false;
        low = Infinity;
        for (const e of energy) if (e < low) low = e;
        for (let k = 0; k < keys.length && Number.isFinite(low); k++) {
          if (!(energy[k]! <= low * NEAR) || paperIds.has(k) || (lazy && k === lazy.id)) continue;
          const s = sets[argSet[k]!]!;
          if (atLazyLimit(s.pieces[argPiece[k]!]!, cost(s.cost, d))) {
            energy[k] = Infinity;
            dropped = true;
          }
        }
      }
      if (!Number.isFinite(low)) return null;
      let best: Ranked | null = null;
      for (let k = 0; k < keys.length; k++) {
        if (!(energy[k]! <= low * NEAR)) continue;
        const r = ranked[k]!;
        r.energy = energy[k]!;
        if (best === null || compareCandidates(r, best) < 0) best = r;
      }
      return best ? { ...best } : null;
    },
    energies(wanted, d) {
      const own = alone(wanted);
      return wanted.map((key) => (lazy && key === keys[lazy.id] ? cost(lazy.cost, d) : least(own.get(key) ?? [], d)));
    },
    label(key) {
      if (lazy && key === keys[lazy.id]) return net.layers.map(() => 'GP').join(' / ');
      const chain = parseChainKey(net, key);
      return chain ? chainLabel(chain) : key;
    },
  };
}

/** An attention head has four candidates, each solved exactly at every cell. */
function attentionColumn(arch: Architecture, size: string, value: number): Column {
  const at = withSize(arch, size, value);
  const head = at.layers[0];
  if (head?.kind !== 'attention') throw new Error('internal: not an attention head');
  const sizesAt = (d: number) => attentionSizes(d, head);
  const candidates = (d: number) => attentionCandidates(sizesAt(d), 1);
  return {
    value,
    winner(d) {
      const best = candidates(d).sort(compareCandidates)[0];
      return best ? { key: best.key, energy: best.energy, source: best.source } : null;
    },
    energies(keys, d) {
      const all = candidates(d);
      return keys.map((key) => all.find((c) => c.key === key)?.energy ?? null);
    },
    label(key) {
      return attentionProblems().find((p) => p.variant.key === key)?.variant.label ?? key;
    },
  };
}
