// Exact minimisation of a posynomial energy over its pattern parameters (a geometric
// programme). For a choice of which parameters sit on a bound (a "mode"), the remaining
// terms split into blocks with zero degrees of difficulty: the dual weights w solve a
// square rational system, the block's minimum is prod (C_i / w_i)^w_i, and its exponent in
// each size is sum_i w_i a_i -- an exact fraction. The optimum is the best valid mode.
import { ties } from './tie';
import { R0, R1, add, divR, mulR, rat, sub, toNumber, type Rational } from './rational';
import { evaluate, mul, pow, type Mono } from './monomial';

export interface Param {
  name: string;
  /** Lower bound as a monomial in the sizes; null means 0 (never reached). */
  lower: Mono | null;
  /** Upper bound as a monomial in the sizes; null means unbounded. */
  upper: Mono | null;
  /** May the optimum sit on the lower bound? False where sitting there is the lazy layer (GFL's D = 1). */
  lowerIsMode: boolean;
  lowerLabel: string;
  upperLabel: string;
}

export type ParamMode = 'free' | 'lower' | 'upper';

export interface Block {
  value: number;
  exponents: Record<string, Rational>;
}

export interface PosySolution {
  energy: number;
  params: Record<string, number>;
  /** d log p / d log v of each parameter at the optimum of this mode (exact for the mode). */
  paramExponents: Record<string, Record<string, number>>;
  modes: Record<string, ParamMode>;
  blocks: Block[];
  dominant: Block;
  /** d log E / d log v at these sizes (envelope theorem: energy-weighted block exponents). */
  localExponents: Record<string, number>;
}

/** Solves the square system M w = rhs exactly; null when singular. */
function solveRational(matrix: Rational[][], rhs: Rational[]): Rational[] | null {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as Rational]);
  for (let col = 0; col < n; col++) {
    let pivot = -1;
    for (let r = col; r < n; r++)
      if ((a[r]![col] as Rational).n !== 0) {
        pivot = r;
        break;
      }
    if (pivot < 0) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    const inv = divR(R1, p[col] as Rational);
    for (let c = col; c <= n; c++) p[c] = mulR(p[c] as Rational, inv);
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col] as Rational;
      if (f.n === 0) continue;
      for (let c = col; c <= n; c++) row[c] = sub(row[c] as Rational, mulR(f, p[c] as Rational));
    }
  }
  return a.map((row) => row[n] as Rational);
}

/** Least-squares solve of the (consistent) log-linear system for the parameters, for several right-hand sides. */
function solveFloat(rows: number[][], rhs: number[][], n: number): number[][] {
  const k = rhs.length;
  const ata = Array.from({ length: n }, () => new Array<number>(n + k).fill(0));
  rows.forEach((row, r) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) ata[i]![j]! += row[i]! * row[j]!;
      for (let c = 0; c < k; c++) ata[i]![n + c]! += row[i]! * rhs[c]![r]!;
    }
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(ata[r]![col]!) > Math.abs(ata[pivot]![col]!)) pivot = r;
    [ata[col], ata[pivot]] = [ata[pivot]!, ata[col]!];
    const p = ata[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = ata[r]![col]! / p[col]!;
      for (let c = col; c < n + k; c++) ata[r]![c]! -= f * p[c]!;
    }
  }
  return rhs.map((_, c) => ata.map((row, i) => row[n + c]! / row[i]!));
}

function splitTerm(term: Mono, free: Set<string>): { sizePart: Mono; paramExps: Record<string, number> } {
  const sizeExps: Record<string, number> = {};
  const paramExps: Record<string, number> = {};
  for (const [k, v] of Object.entries(term.exps)) (free.has(k) ? paramExps : sizeExps)[k] = v;
  return { sizePart: { coef: term.coef, exps: sizeExps }, paramExps };
}

const REL = 1e-9;

type SplitTerm = ReturnType<typeof splitTerm>;

/** The minimum for one mode, or null when that mode has no valid stationary point. */
export function solveWithModes(
  terms: Mono[],
  params: Param[],
  sizes: Readonly<Record<string, number>>,
  modes: Record<string, ParamMode>,
): PosySolution | null {
  const values: Record<string, number> = {};
  const paramExponents: Record<string, Record<string, number>> = {};
  const fixed = onBounds(terms, params, sizes, modes, values, paramExponents);
  if (!fixed) return null;
  const freeParams = params.filter((p) => (modes[p.name] ?? 'free') === 'free');
  const free = new Set(freeParams.map((p) => p.name));
  const split = fixed.map((t) => splitTerm(t, free));

  const blocks: Block[] = [];
  for (const members of connectedBlocks(split)) {
    const block = solveBlock(members, split, sizes, values, paramExponents);
    if (!block) return null;
    blocks.push(block);
  }
  if (!withinBounds(freeParams, values, sizes)) return null;
  const energy = blocks.reduce((s, b) => s + b.value, 0);
  if (!Number.isFinite(energy)) return null;
  let dominant = blocks[0]!;
  for (const b of blocks) if (b.value > dominant.value) dominant = b;
  const localExponents: Record<string, number> = {};
  for (const b of blocks) {
    for (const [k, e] of Object.entries(b.exponents)) {
      localExponents[k] = (localExponents[k] ?? 0) + (b.value / energy) * toNumber(e);
    }
  }
  return {
    energy,
    params: values,
    paramExponents,
    modes: Object.fromEntries(params.map((p) => [p.name, modes[p.name] ?? 'free'])),
    blocks,
    dominant,
    localExponents,
  };
}

/**
 * The terms with each parameter the mode puts on a bound replaced by that bound, its value and
 * exponents recorded; null when the mode puts a parameter on a bound it does not have.
 */
function onBounds(
  terms: Mono[],
  params: Param[],
  sizes: Readonly<Record<string, number>>,
  modes: Record<string, ParamMode>,
  values: Record<string, number>,
  paramExponents: Record<string, Record<string, number>>,
): Mono[] | null {
  let fixed = terms;
  for (const p of params) {
    const mode = modes[p.name] ?? 'free';
    if (mode === 'free') continue;
    const bound = mode === 'lower' ? p.lower : p.upper;
    if (!bound) return null;
    values[p.name] = evaluate(bound, sizes);
    paramExponents[p.name] = { ...bound.exps };
    fixed = fixed.map((t) => {
      const a = t.exps[p.name] ?? 0;
      if (a === 0) return t;
      const rest = { ...t.exps };
      delete rest[p.name];
      return mul({ coef: t.coef, exps: rest }, pow(bound, a));
    });
  }
  return fixed;
}

/** Blocks: the terms (by index) connected through shared free parameters. */
function connectedBlocks(split: readonly SplitTerm[]): Iterable<number[]> {
  const parent = split.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  split.forEach((s, i) => {
    for (const name of Object.keys(s.paramExps)) {
      const o = owner.get(name);
      if (o === undefined) owner.set(name, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  split.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return groups.values();
}

/**
 * One block's minimum from its dual weights, and its free parameters' values and exponents at
 * it (into `values`, `paramExponents`); null when the block is not square or a weight is not positive.
 */
function solveBlock(
  members: readonly number[],
  split: readonly SplitTerm[],
  sizes: Readonly<Record<string, number>>,
  values: Record<string, number>,
  paramExponents: Record<string, Record<string, number>>,
): Block | null {
  const names = [...new Set(members.flatMap((i) => Object.keys(split[i]!.paramExps)))].sort();
  if (members.length !== names.length + 1) return null;
  const matrix: Rational[][] = [members.map(() => R1)];
  for (const name of names) matrix.push(members.map((i) => rat(split[i]!.paramExps[name] ?? 0)));
  const rhs = [R1, ...names.map(() => R0)];
  const w = solveRational(matrix, rhs);
  if (!w || w.some((x) => x.n <= 0)) return null;
  let logValue = 0;
  const exponents: Record<string, Rational> = {};
  members.forEach((i, idx) => {
    const wi = w[idx]!;
    const wf = toNumber(wi);
    const c = evaluate(split[i]!.sizePart, sizes);
    logValue += wf * (Math.log(c) - Math.log(wf));
    for (const [k, a] of Object.entries(split[i]!.sizePart.exps)) {
      exponents[k] = add(exponents[k] ?? R0, mulR(wi, rat(a)));
    }
  });
  const value = Math.exp(logValue);
  if (names.length > 0) {
    // At the optimum each term equals w_i * value: solve for the log-parameters.
    const rows = members.map((i) => names.map((n) => split[i]!.paramExps[n] ?? 0));
    const rhsLog = members.map(
      (i, idx) => Math.log(toNumber(w[idx]!) * value) - Math.log(evaluate(split[i]!.sizePart, sizes)),
    );
    const sizeNames = Object.keys(sizes);
    const rhsExps = sizeNames.map((v) =>
      members.map((i) => toNumber(exponents[v] ?? R0) - (split[i]!.sizePart.exps[v] ?? 0)),
    );
    const [logs, ...exps] = solveFloat(rows, [rhsLog, ...rhsExps], names.length);
    names.forEach((n, idx) => {
      values[n] = Math.exp(logs![idx]!);
      paramExponents[n] = Object.fromEntries(sizeNames.map((v, k) => [v, exps[k]![idx]!]));
    });
  }
  return { value, exponents };
}

/** Whether every free parameter's value is finite and inside its bounds (a lower bound that is not a mode, strictly). */
function withinBounds(
  freeParams: readonly Param[],
  values: Record<string, number>,
  sizes: Readonly<Record<string, number>>,
): boolean {
  for (const p of freeParams) {
    const v = values[p.name]!;
    if (!Number.isFinite(v)) return false;
    if (p.lower) {
      const lo = evaluate(p.lower, sizes);
      if (p.lowerIsMode ? v < lo * (1 - REL) : v <= lo * (1 + REL)) return false;
    }
    if (p.upper && v > evaluate(p.upper, sizes) * (1 + REL)) return false;
  }
  return true;
}

function bindCount(s: PosySolution): number {
  return Object.values(s.modes).filter((m) => m !== 'free').length;
}

/** Lower energy wins; at a tie (an optimum exactly on a bound) the solution with fewer binding constraints. */
export function preferable(a: PosySolution, b: PosySolution): boolean {
  if (!ties(a.energy, b.energy)) return a.energy < b.energy;
  return bindCount(a) < bindCount(b);
}

/**
 * Karush-Kuhn-Tucker check in log-space (where the programme is convex, so a KKT point is the
 * global minimum): a parameter on its lower bound must not gain by growing, one on its upper
 * bound must not gain by shrinking.
 */
export function isOptimal(
  terms: Mono[],
  params: Param[],
  sol: PosySolution,
  sizes: Readonly<Record<string, number>>,
): boolean {
  const values = { ...sizes, ...sol.params };
  const termValues = terms.map((t) => evaluate(t, values));
  for (const p of params) {
    const mode = sol.modes[p.name];
    if (mode === 'free') continue;
    const slope = terms.reduce((acc, t, i) => acc + (t.exps[p.name] ?? 0) * termValues[i]!, 0);
    const scale = REL * sol.energy;
    if (mode === 'lower' && slope < -scale) return false;
    if (mode === 'upper' && slope > scale) return false;
  }
  return true;
}

/** Every choice of free / on a bound for each parameter (3^parameters of them at most). */
export function allModes(params: Param[]): Record<string, ParamMode>[] {
  let out: Record<string, ParamMode>[] = [{}];
  for (const p of params) {
    const options: ParamMode[] = ['free'];
    if (p.lower && p.lowerIsMode) options.push('lower');
    if (p.upper) options.push('upper');
    out = out.flatMap((m) => options.map((o) => ({ ...m, [p.name]: o })));
  }
  return out;
}

/** Exact minimum over every mode: the reference solver (brute force over active sets). */
export function minimisePosynomial(
  terms: Mono[],
  params: Param[],
  sizes: Readonly<Record<string, number>>,
): PosySolution | null {
  let best: PosySolution | null = null;
  for (const modes of allModes(params)) {
    const s = solveWithModes(terms, params, sizes, modes);
    if (s && (!best || preferable(s, best))) best = s;
  }
  return best;
}
