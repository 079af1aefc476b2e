// The width sweep: the winner and P* along one size, the energies of the competing patterns,
// and the exact points where the winner changes (the root of two candidates' power sums).
import { networkCandidates } from './analyze';
import { attentionCandidates, attentionSizes } from './attention';
import { compareCandidates } from './candidate';
import { buildNetwork } from './network';
import { columnSource, type Column, type ColumnSource, type PowerSum } from './columns';
import { logGrid, withSize } from './grid';
import { validateArchitecture, validateOptions, type Settings } from './validate';
import type { AnalysisOptions, Architecture, Candidate, Crossover, SweepRange, SweepSeries, WidthSweep } from './types';

export { logGrid, withSize } from './grid';

const SERIES = 8;
/** Relative step either side of a crossover at which the winners are checked (well outside the tie band, tie.ts). */
const SIDE = 1e-6;
/** How many times a crossover's bracket may be split (a third winner inside it, or constraints that change binding). */
const SPLITS = 12;

/** The columns of one size at any value, through the cache when there is one. */
export interface ColumnsAt {
  source: ColumnSource;
  /** The network, swept size and degree the columns belong to (not the size's value, d or kappa). */
  id: string;
  at(value: number): Column;
}

/** The columns of one chart window: a log grid of the swept size, one search each. */
export interface ChartColumns extends ColumnsAt {
  values: number[];
  columns: Column[];
}

/**
 * Columns already computed, for the caller to keep between windows: a column depends on the
 * network, the swept size, the target degree and its value, never on the input dimension or
 * kappa, so a window that moves or a changed kappa or d reuses every column it still has.
 */
export type ColumnCache = Map<string, Column>;

/** Thrown by a chart computation its caller gave up on (`stop` said so): a newer job replaced it. */
export class ChartAbandoned extends Error {
  constructor() {
    super('a newer chart job replaced this one');
  }
}

/**
 * `stop` is asked before each new column (the unit of work, one search): when it says so the
 * computation ends with ChartAbandoned, and the columns done so far stay in the cache.
 */
export function columnsAt(
  arch: Architecture,
  size: string,
  options?: AnalysisOptions,
  cache?: ColumnCache,
  stop?: () => boolean,
): ColumnsAt {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const source = columnSource(arch, size, settings.degree);
  const id = JSON.stringify({ arch: withSize({ ...arch, inputDim: 0 }, size, 0), size, degree: settings.degree });
  const fresh = (v: number): Column => {
    if (stop?.()) throw new ChartAbandoned();
    return source.column(v);
  };
  const at = (v: number): Column => {
    if (!cache) return fresh(v);
    const key = `${id}@${v.toPrecision(12)}`;
    let column = cache.get(key);
    if (column) cache.delete(key);
    else column = fresh(v);
    cache.set(key, column);
    return column;
  };
  return { source, id, at };
}

/** The columns of a chart window: `columnsAt` on the window's log grid. */
export function chartColumns(
  arch: Architecture,
  size: string,
  range: SweepRange,
  options?: AnalysisOptions,
  cache?: ColumnCache,
  stop?: () => boolean,
): ChartColumns {
  const cols = columnsAt(arch, size, options, cache, stop);
  const values = logGrid(range);
  return { ...cols, values, columns: values.map(cols.at) };
}

export function sumAt(f: PowerSum, v: number): number {
  const r = v / f.at;
  let s = 0;
  for (const t of f.terms) s += t.coef * r ** t.exp;
  return s;
}

/** Root of f - g in [lo, hi] by bisection in log v to the last bit, or null when f - g keeps its sign there. */
export function root(f: PowerSum, g: PowerSum, lo: number, hi: number): number | null {
  const diff = (v: number) => sumAt(f, v) - sumAt(g, v);
  let a = Math.log(lo);
  let b = Math.log(hi);
  const fa = diff(lo);
  if (fa === 0) return lo;
  if (Math.sign(fa) === Math.sign(diff(hi))) return null;
  for (let k = 0; k < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); k++) {
    const mid = (a + b) / 2;
    if (Math.sign(diff(Math.exp(mid))) === Math.sign(fa)) a = mid;
    else b = mid;
  }
  return Math.exp((a + b) / 2);
}

/**
 * Where, in (lo, hi), the winner may change from `from` to `to`, most likely first: the root of
 * their power sums (taken afresh at each estimate until it stops moving: there the sums are the
 * candidates' energies, so the root is exact), then the points where either solution's
 * parameters meet a bound (two candidates that tie until one of them stops existing there).
 */
function switchPoints(source: ColumnSource, d: number, from: string, to: string, lo: number, hi: number): number[] {
  const inside = (v: number) => v > lo && v < hi;
  const ends = [source.powerSum(from, lo, d), source.powerSum(to, hi, d)];
  const out: number[] = [];
  let [f, g] = ends;
  let r: number | null = null;
  for (let k = 0; k < 4 && f && g; k++) {
    const next = root(f, g, lo, hi);
    if (next === null || (r !== null && Math.abs(next / r - 1) < 1e-12)) break;
    r = next;
    f = source.powerSum(from, r, d);
    g = source.powerSum(to, r, d);
  }
  if (r !== null) out.push(r);
  for (const e of ends) for (const v of e?.limits ?? []) if (inside(v)) out.push(v);
  return out;
}

/**
 * Where the winner changes from `from` (at column `lo`) to `to` (at column `hi`). A switch point
 * is accepted where the winners either side of it are `from` and `to`; otherwise the bracket is
 * split (at the first switch point inside it, or in its middle): a third winner gets its own crossovers.
 */
function crossovers(
  cols: ChartColumns,
  d: number,
  from: string,
  lo: Column,
  to: string,
  hi: Column,
  splits = SPLITS,
): Crossover[] {
  const points = switchPoints(cols.source, d, from, to, lo.value, hi.value);
  for (const r of points) {
    const below = cols.at(r * (1 - SIDE)).winner(d)?.key;
    const above = cols.at(r * (1 + SIDE)).winner(d)?.key;
    if (below === from && above === to) return [{ at: r, from, to }];
  }
  const first = points.find((r) => r > lo.value * (1 + SIDE) && r < hi.value * (1 - SIDE));
  const cut = first ?? Math.sqrt(lo.value * hi.value);
  if (splits === 0 || hi.value / lo.value < 1 + 4 * SIDE) return [{ at: cut, from, to }];
  const mid = cols.at(cut);
  const w = mid.winner(d)?.key;
  if (w === undefined) return [];
  return [
    ...(w === from ? [] : crossovers(cols, d, from, lo, w, mid, splits - 1)),
    ...(w === to ? [] : crossovers(cols, d, w, mid, to, hi, splits - 1)),
  ];
}

/**
 * The candidates analyze() lists first at the architecture's own sizes (its candidate list,
 * without the validity flags and robustness box the charts do not show).
 */
function competitors(arch: Architecture, settings: Settings): Candidate[] {
  const head = arch.layers[0];
  if (head?.kind === 'attention')
    return attentionCandidates(attentionSizes(arch.inputDim, head), settings.kappa)
      .sort(compareCandidates)
      .slice(0, SERIES);
  return networkCandidates(buildNetwork(arch, settings.degree), { ...settings, maxCandidates: SERIES }).solved.map(
    (s) => s.candidate,
  );
}

/** The sweep along the columns' size at the architecture's own input dimension. */
export function sweepOf(cols: ChartColumns, options?: AnalysisOptions): WidthSweep {
  const settings = validateOptions(options);
  const { source, values, columns } = cols;
  const d = source.arch.inputDim;
  const winners = columns.map((c) => c.winner(d));
  const labels = new Map<string, string>();
  for (const c of competitors(source.arch, settings)) labels.set(c.key, c.label);
  winners.forEach((w, i) => {
    if (w && !labels.has(w.key)) labels.set(w.key, columns[i]!.label(w.key));
  });
  const keys = [...labels.keys()];
  const energies = columns.map((c) => c.energies(keys, d));
  const series: SweepSeries[] = keys.map((key, k) => ({
    key,
    label: labels.get(key)!,
    energy: energies.map((e) => e[k]!),
  }));
  const found: Crossover[] = [];
  for (let i = 1; i < values.length; i++) {
    const from = winners[i - 1]?.key;
    const to = winners[i]?.key;
    if (from === to || from === undefined || to === undefined) continue;
    found.push(...crossovers(cols, d, from, columns[i - 1]!, to, columns[i]!));
  }
  return {
    size: source.size,
    values,
    series,
    winners: winners.map((w) => w?.key ?? null),
    pStar: winners.map((w) => (w ? settings.kappa * w.energy : null)),
    crossovers: found,
  };
}

export function sweepWidth(arch: Architecture, size: string, range: SweepRange, options?: AnalysisOptions): WidthSweep {
  return sweepOf(chartColumns(arch, size, range, options), options);
}
