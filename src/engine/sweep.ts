// The width sweep: the winner and P* along one size, the energies of the competing patterns,
// and the exact points where the winner changes (the root of two candidates' power sums).
import { analyze } from './analyze';
import { columnSource, type Column, type ColumnSource, type PowerSum } from './columns';
import { logGrid } from './grid';
import { validateArchitecture, validateOptions } from './validate';
import type { AnalysisOptions, Architecture, Crossover, SweepRange, SweepSeries, WidthSweep } from './types';

export { logGrid, withSize } from './grid';

const SERIES = 8;
/** Relative step either side of a crossover at which the winners are checked (well outside analyze()'s 1e-9 tie band). */
const SIDE = 1e-6;
/** How many times a crossover's bracket may be split (a third winner inside it, or constraints that change binding). */
const SPLITS = 12;

/** The columns of one chart window: a log grid of the swept size, one search each. */
export interface ChartColumns {
  source: ColumnSource;
  values: number[];
  columns: Column[];
}

export function chartColumns(arch: Architecture, size: string, range: SweepRange, options?: AnalysisOptions): ChartColumns {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const values = logGrid(range);
  const source = columnSource(arch, size, settings.degree);
  return { source, values, columns: values.map((v) => source.column(v)) };
}

function sumAt(f: PowerSum, v: number): number {
  const r = v / f.at;
  let s = 0;
  for (const t of f.terms) s += t.coef * r ** t.exp;
  return s;
}

/** Root of f - g in [lo, hi] by bisection in log v to the last bit, or null when f - g keeps its sign there. */
function root(f: PowerSum, g: PowerSum, lo: number, hi: number): number | null {
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
 * Where the winner changes from `from` (at column `lo`) to `to` (at column `hi`). The root of the
 * two power sums is exact while neither candidate's binding constraints change in between; it
 * is accepted only where the winners either side of it are `from` and `to`. Otherwise the
 * bracket is split at the root (or its middle): a third winner there gets its own crossovers.
 */
function crossovers(source: ColumnSource, d: number, from: string, lo: Column, to: string, hi: Column, splits = SPLITS): Crossover[] {
  const f = lo.powerSum(from, d);
  const g = hi.powerSum(to, d);
  const r = f && g ? root(f, g, lo.value, hi.value) : null;
  if (r !== null && r > lo.value && r < hi.value) {
    const below = source.column(r * (1 - SIDE)).winner(d)?.key;
    const above = source.column(r * (1 + SIDE)).winner(d)?.key;
    if (below === from && above === to) return [{ at: r, from, to }];
  }
  const cut = r !== null && r > lo.value * (1 + SIDE) && r < hi.value * (1 - SIDE) ? r : Math.sqrt(lo.value * hi.value);
  if (splits === 0 || hi.value / lo.value < 1 + 4 * SIDE) return [{ at: cut, from, to }];
  const mid = source.column(cut);
  const w = mid.winner(d)?.key;
  if (w === undefined) return [];
  return [
    ...(w === from ? [] : crossovers(source, d, from, lo, w, mid, splits - 1)),
    ...(w === to ? [] : crossovers(source, d, w, mid, to, hi, splits - 1)),
  ];
}

/** The sweep along the columns' size at the architecture's own input dimension. */
export function sweepOf(cols: ChartColumns, options?: AnalysisOptions): WidthSweep {
  const settings = validateOptions(options);
  const { source, values, columns } = cols;
  const d = source.arch.inputDim;
  const winners = columns.map((c) => c.winner(d));
  const base = analyze(source.arch, options);
  const labels = new Map<string, string>();
  if (base.reachable) for (const c of base.candidates.slice(0, SERIES)) labels.set(c.key, c.label);
  winners.forEach((w, i) => {
    if (w && !labels.has(w.key)) labels.set(w.key, columns[i]!.label(w.key));
  });
  const keys = [...labels.keys()];
  const energies = columns.map((c) => c.energies(keys, d));
  const series: SweepSeries[] = keys.map((key, k) => ({ key, label: labels.get(key)!, energy: energies.map((e) => e[k]!) }));
  const found: Crossover[] = [];
  for (let i = 1; i < values.length; i++) {
    const from = winners[i - 1]?.key;
    const to = winners[i]?.key;
    if (from === to || from === undefined || to === undefined) continue;
    found.push(...crossovers(source, d, from, columns[i - 1]!, to, columns[i]!));
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
