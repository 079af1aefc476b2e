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
import { chainText } from '../present/labels';
import { chainKey, chainLabel, chainProblem, lazyKey, paperChains, paperRef, parseChainKey } from './chain';
import { withSize } from './grid';
import { evaluate, type Mono } from './monomial';
import { buildNetwork, type Network } from './network';
import { minimisePosynomial, type Param, type PosySolution } from './posynomial';
import { toNumber } from './rational';
import { atLazyLimit, pieceCovers, pieceRange, pieceValue, searchPieces, type Piece } from './search';
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
  const powers = new DimPowers();
  return {
    arch,
    size,
    degree,
    column: (v) => networkColumn(arch, size, v, degree, powers),
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

/** Energies above the least by more than this factor cannot win: far outside the tie band (tie.ts). */
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
}

function pieceSet(cost: InD, pieces: Piece[], ids: number[]): PieceSet {
  return { cost, pieces, ids };
}

/**
 * Powers of the input dimension, shared by the columns of one source: the regime map asks every
 * column about one row's d in turn, so each power is taken once per row, not once per cell.
 */
class DimPowers {
  private readonly slots = new Map<number, number>();
  private readonly exps: number[] = [];
  private values = new Float64Array(8);
  private d = Number.NaN;

  slot(exp: number): number {
    let i = this.slots.get(exp);
    if (i === undefined) {
      i = this.exps.push(exp) - 1;
      this.slots.set(exp, i);
      if (i >= this.values.length) this.values = new Float64Array(2 * this.values.length);
      this.d = Number.NaN;
    }
    return i;
  }

  at(d: number): Float64Array {
    if (d !== this.d) {
      for (let i = 0; i < this.exps.length; i++) this.values[i] = d ** this.exps[i]!;
      this.d = d;
    }
    return this.values;
  }
}

/**
 * Piece sets in d itself, one after the other in flat arrays: a set's incoming cost x = K d^c,
 * and each piece A x^e + B as A K^e d^(c e) + B, so a cell costs multiplications only.
 */
interface DimTable {
  /** Per set: K, the slot of d^c, and where its pieces end in the arrays below. */
  K: Float64Array;
  cSlot: Int32Array;
  end: Int32Array;
  /** Per piece: itself, its chain's id, where it holds in x (pieceRange), A K^e, the slot of d^(c e), and B. */
  pieces: Piece[];
  ids: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  A: Float64Array;
  qSlot: Int32Array;
  B: Float64Array;
}

function dimTable(sets: PieceSet[], dRef: number, powers: DimPowers): DimTable {
  let n = 0;
  for (const set of sets) n += set.pieces.length;
  const out: DimTable = {
    K: new Float64Array(sets.length),
    cSlot: new Int32Array(sets.length),
    end: new Int32Array(sets.length),
    pieces: [],
    ids: new Int32Array(n),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    A: new Float64Array(n),
    qSlot: new Int32Array(n),
    B: new Float64Array(n),
  };
  // One table per column, not typed arrays per set: a column has dozens of small sets.
  let i = 0;
  sets.forEach((set, s) => {
    const c = set.cost.exp;
    const K = set.cost.at * dRef ** -c;
    out.K[s] = K;
    out.cSlot[s] = powers.slot(c);
    set.pieces.forEach((p, j) => {
      const [lo, hi] = pieceRange(p);
      out.pieces.push(p);
      out.ids[i] = set.ids[j]!;
      out.lo[i] = lo;
      out.hi[i] = hi;
      out.A[i] = p.A * K ** p.e;
      out.qSlot[i] = powers.slot(c * p.e);
      out.B[i] = p.B;
      i++;
    });
    out.end[s] = i;
  });
  return out;
}

/** analyze()'s winner among the chains with these energies (`ranked` in the same order), or null. */
function pick(energy: Float64Array, ranked: Ranked[]): Ranked | null {
  // Only candidates near the least energy can win; analyze()'s comparator decides among them.
  let low = Infinity;
  for (let k = 0; k < energy.length; k++) if (energy[k]! < low) low = energy[k]!;
  if (!Number.isFinite(low)) return null;
  let best: Ranked | null = null;
  for (let k = 0; k < ranked.length; k++) {
    if (!(energy[k]! <= low * NEAR)) continue;
    const r = ranked[k]!;
    r.energy = energy[k]!;
    if (best === null || compareCandidates(r, best) < 0) best = r;
  }
  return best ? { key: best.key, energy: best.energy, source: best.source } : null;
}

/** The incoming cost of set `s`'s pieces at this cell. */
function costAt(table: DimTable, s: number, powers: Float64Array): number {
  return table.K[s]! * powers[table.cSlot[s]!]!;
}

/** The least energy of each chain at one cell, and the piece that gives it (its set and its index in the table). */
interface Least {
  energy: Float64Array;
  set: Int32Array;
  piece: Int32Array;
}

function least(size: number): Least {
  return { energy: new Float64Array(size), set: new Int32Array(size), piece: new Int32Array(size) };
}

/** Lowers each chain's least energy to that of the table's pieces that hold at this cell. */
function lowerInto(table: DimTable, powers: Float64Array, out: Least): void {
  const { end, ids, lo, hi, A, qSlot, B } = table;
  for (let s = 0, i = 0; s < end.length; s++) {
    const x = costAt(table, s, powers);
    for (; i < end[s]!; i++) {
      if (!(x >= lo[i]! && x <= hi[i]!)) continue;
      const v = A[i]! * powers[qSlot[i]!]! + B[i]!;
      const k = ids[i]!;
      if (v < out.energy[k]!) {
        out.energy[k] = v;
        out.set[k] = s;
        out.piece[k] = i;
      }
    }
  }
}

/** Numbers each chain key in the order first met: the columns' arrays are indexed by these ids. */
function keyIds(): { keys: string[]; id: (key: string) => number } {
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
  return { keys, id };
}

function checkDimOnlyFirst(net: Network): void {
  // The pieces hold for every d only if no multiplier past the first layer's input involves d.
  if ([...net.layers.slice(1).map((l) => l.mult), net.readoutMult].some((m) => m.exps['d'])) {
    throw new Error('internal: a layer past the first scales with d; the chart columns assume it does not');
  }
}

/** Each chain's own minimum: the search restricted to the chains asked for. */
function searchAlone(net: Network, wanted: string[]): Map<string, PieceSet[]> {
  const found = new Map<string, PieceSet[]>();
  const chains = wanted.map((k) => parseChainKey(net, k)).filter((c) => c !== null);
  for (const s of chains.length > 0 ? searchPieces(net, chains).starts : []) {
    const cost = inD(s.cost, net);
    s.keys.forEach((k, i) => {
      const list = found.get(k) ?? [];
      list.push(pieceSet(cost, [s.pieces[i]!], [0]));
      found.set(k, list);
    });
  }
  return found;
}

function costAtDim(c: InD, d: number, dRef: number): number {
  return c.exp === 0 ? c.at : c.at * (d / dRef) ** c.exp;
}

// A chain whose optimum puts a layer at D = 1 is the lazy layer, not a candidate: analyze()
// drops it when it solves the chain, so the columns drop it where its least piece does that.
function leastOf(set: PieceSet[], d: number, dRef: number): number | null {
  let best = Infinity;
  let lazyAt = false;
  for (const s of set) {
    const x = costAtDim(s.cost, d, dRef);
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
}

/** The paper's rows: analyze() adds them, solved alone, so at a tie their precedence holds. */
interface PaperRows {
  ids: number[];
  keys: string[];
  isPaper: Uint8Array;
  /** Their own pieces, by their ids: searched on the first cell that needs them (most cells never do). */
  table: DimTable | null;
}

function paperRows(net: Network, keys: string[], id: (key: string) => number): PaperRows {
  const ids = paperChains(net).map((c) => id(chainKey(c)));
  const isPaper = new Uint8Array(keys.length + 1);
  for (const i of ids) isPaper[i] = 1;
  return { ids, keys: ids.map((i) => keys[i]!), isPaper, table: null };
}

/** The lazy readout's row: no search, its energy is its incoming cost K d^c. */
interface LazyRow {
  id: number;
  cost: InD;
  K: number;
  slot: number;
}

function lazyRow(
  net: Network,
  degree: number,
  id: (key: string) => number,
  dRef: number,
  dimPowers: DimPowers,
): LazyRow | null {
  const lazyMono = net.lazyReadout[degree] ?? null;
  if (!lazyMono) return null;
  const lazyId = id(lazyKey(net.layers.length));
  const cost = inD(lazyMono, net);
  return { id: lazyId, cost, K: cost.at * dRef ** -cost.exp, slot: dimPowers.slot(cost.exp) };
}

/** One network column: its search done once, then read at each d (the least arrays are reused, not reallocated). */
interface NetColumn {
  net: Network;
  dRef: number;
  dimPowers: DimPowers;
  keys: string[];
  table: DimTable;
  /**
   * The last energies asked for, by keys and d: the sweep asks each column once per job, with the
   * same keys while the model stays. The values are kept, not the pieces of their search (those
   * were most of what a column held, and the garbage collector copied them).
   */
  energies: { memo: string; values: (number | null)[] } | null;
  paper: PaperRows;
  lazy: LazyRow | null;
  ranked: Ranked[];
  /** The cell each candidate was last looked at for the lazy limit. */
  looked: Int32Array;
  cell: number;
  mainLeast: Least;
  paperLeast: Least;
}

function netColumn(net: Network, degree: number, dimPowers: DimPowers): NetColumn {
  const dRef = net.sizes['d']!;
  // The ids are handed out in this order (search, paper, lazy): keep it, as ties are broken by key order.
  const { keys, id } = keyIds();
  const sets = searchPieces(net, undefined, false).starts.map((s) =>
    pieceSet(inD(s.cost, net), s.pieces, s.keys.map(id)),
  );
  const table = dimTable(sets, dRef, dimPowers);
  const paper = paperRows(net, keys, id);
  const lazy = lazyRow(net, degree, id, dRef, dimPowers);
  const ranked: Ranked[] = keys.map((key) => ({
    key,
    energy: Infinity,
    source: paperRef(net, key) ? 'paper' : 'rules',
  }));
  return {
    net,
    dRef,
    dimPowers,
    keys,
    table,
    energies: null,
    paper,
    lazy,
    ranked,
    looked: new Int32Array(keys.length + 1),
    cell: 0,
    mainLeast: least(keys.length),
    paperLeast: least(keys.length),
  };
}

/** Each chain's least energy over the full search's pieces. */
function mainEnergies(col: NetColumn, powers: Float64Array): Float64Array {
  const energy = col.mainLeast.energy;
  for (let k = 0; k < energy.length; k++) energy[k] = Infinity;
  lowerInto(col.table, powers, col.mainLeast);
  return energy;
}

function paperTableOf(col: NetColumn): DimTable {
  const { paper, keys, dRef, dimPowers } = col;
  if (paper.table === null) {
    const found = searchAlone(col.net, paper.keys);
    const sets = paper.ids.flatMap((i) => (found.get(keys[i]!) ?? []).map((set) => ({ ...set, ids: [i] })));
    paper.table = dimTable(sets, dRef, dimPowers);
  }
  return paper.table;
}

/** Replaces the paper rows' energies with those of their own search. */
function paperEnergies(col: NetColumn, powers: Float64Array, energy: Float64Array): void {
  const { paper, paperLeast } = col;
  const table = paperTableOf(col);
  for (const i of paper.ids) paperLeast.energy[i] = Infinity;
  lowerInto(table, powers, paperLeast);
  for (const i of paper.ids) energy[i] = paperLeast.energy[i]!;
}

// Only candidates near the least energy can win. A near one whose least piece sits at the
// lazy limit is dropped (see leastOf()), and the least energy found again; each candidate
// is looked at once per cell (walking its piece is the costly part).
function dropLazyLimits(col: NetColumn, powers: Float64Array, energy: Float64Array): void {
  const { keys, lazy, looked, paper } = col;
  col.cell += 1;
  for (let dropped = true; dropped;) {
    dropped = false;
    let low = Infinity;
    for (let k = 0; k < energy.length; k++) if (energy[k]! < low) low = energy[k]!;
    for (let k = 0; k < keys.length && Number.isFinite(low); k++) {
      if (!(energy[k]! <= low * NEAR) || (lazy && k === lazy.id) || looked[k] === col.cell) continue;
      looked[k] = col.cell;
      const paperRow = paper.isPaper[k] === 1;
      const at = paperRow ? col.paperLeast : col.mainLeast;
      const table = paperRow ? paper.table! : col.table;
      if (atLazyLimit(table.pieces[at.piece[k]!]!, costAt(table, at.set[k]!, powers))) {
        energy[k] = Infinity;
        dropped = true;
      }
    }
  }
}

function winnerAt(col: NetColumn, d: number): Ranked | null {
  const { lazy } = col;
  // The paper rows' pieces first: they may add powers of d the search's pieces lack, and the
  // powers read before that would miss them on this cell.
  if (col.paper.ids.length > 0) paperTableOf(col);
  const powers = col.dimPowers.at(d);
  const energy = mainEnergies(col, powers);
  if (col.paper.ids.length > 0) paperEnergies(col, powers, energy);
  if (lazy) energy[lazy.id] = lazy.K * powers[lazy.slot]!;
  dropLazyLimits(col, powers, energy);
  // analyze()'s comparator decides among the near ones.
  return pick(energy, col.ranked);
}

function energiesAt(col: NetColumn, wanted: string[], d: number): (number | null)[] {
  const { lazy, keys, dRef } = col;
  const memo = `${wanted.join(',')}@${d}`;
  if (col.energies?.memo !== memo) {
    const own = searchAlone(col.net, wanted);
    const values = wanted.map((key) =>
      lazy && key === keys[lazy.id] ? costAtDim(lazy.cost, d, dRef) : leastOf(own.get(key) ?? [], d, dRef),
    );
    col.energies = { memo, values };
  }
  return [...col.energies.values];
}

function labelOf(col: NetColumn, key: string): string {
  const { lazy, net } = col;
  if (lazy && key === col.keys[lazy.id]) return chainText(net.layers.map(() => 'GP'));
  const chain = parseChainKey(net, key);
  return chain ? chainLabel(chain) : key;
}

function networkColumn(arch: Architecture, size: string, value: number, degree: number, dimPowers: DimPowers): Column {
  const net = buildNetwork(withSize(arch, size, value), degree);
  checkDimOnlyFirst(net);
  const col = netColumn(net, degree, dimPowers);
  return {
    value,
    winner: (d) => winnerAt(col, d),
    energies: (wanted, d) => energiesAt(col, wanted, d),
    label: (key) => labelOf(col, key),
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
