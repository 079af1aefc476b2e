// The data behind the sidebar's charts: which sizes to sweep, over what ranges, and the engine
// sweeps themselves. Engine-only (no detection), so the chart worker thread stays small.
import { dataBudget, type DataBudget } from '../engine/budget';
import { validateOptions } from '../engine/validate';
import { along, fitIntervals, type FitInterval, type WinnerCache } from '../engine/fits';
import {
  analyze,
  ChartAbandoned,
  chartColumns,
  mapOf,
  sweepOf,
  type ChartColumns,
  type ColumnCache,
} from '../engine/index';
import {
  EngineInputError,
  type AnalysisOptions,
  type Architecture,
  type RegimeMap,
  type WidthSweep,
} from '../engine/types';
import { hiddenSizeName, layerWidth } from './architecture';

/**
 * Grid sizes of the charts. The sweep and the regime map share their widths: one search per
 * width serves both (the map's rows are the same columns at other input dimensions), and the
 * crossovers are exact whatever the grid.
 */
export const SWEEP_POINTS = 64;
export const REGIME_POINTS = 64;

/** What the charts need from the engine for one architecture, swept size and target. */
export interface ChartJob {
  key: string;
  arch: Architecture;
  size: string;
  options: AnalysisOptions;
  /** The user's training-set size: the width advisor runs with the charts (one column search per width it looks at). */
  samples: number | null;
}

export interface ChartData {
  sweep: WidthSweep | { error: string };
  regime: RegimeMap | { error: string };
  /** With `samples`: P against P* and each hidden width's range with P* ≤ P; null without, or when nothing is predicted. */
  budget: DataBudget | null;
  /** With `samples`: the stretches of the swept size, over the chart's window, where the P* curve is at or under P. */
  bands: FitInterval[] | null;
}

/** Columns kept between jobs (by the chart worker, which runs them all): four windows' worth. */
const CACHED_COLUMNS = 4 * SWEEP_POINTS;
const kept: ColumnCache = new Map();
/** The width advisor's winners, kept between jobs: a new P or kappa needs no search. */
const advised: WinnerCache = new Map();

/**
 * The data behind the three charts: one search per swept width, then closed forms. The host
 * runs this in a worker thread (src/workers/chartWorker.ts) so the editor never waits for it.
 * Columns are kept across jobs, so a slider drag recomputes only what changed: kappa and the
 * input dimension reuse every column, a moved window the columns it shares with the last one.
 * `stop` is asked before each new column: when a newer job replaced this one it says so, and the
 * computation ends with ChartAbandoned (the columns done so far stay kept).
 */
export function computeChartData(
  job: Pick<ChartJob, 'arch' | 'size' | 'options'> & { samples?: number | null },
  cache: ColumnCache = kept,
  stop?: () => boolean,
  winners: WinnerCache = advised,
): ChartData {
  const { arch, size, options } = job;
  const samples = job.samples ?? null;
  const budget = samples ? budgetOf(arch, samples, options, winners, stop) : null;
  const value = sizeValue(arch, size) ?? 1;
  let columns: ChartColumns;
  try {
    columns = chartColumns(arch, size, sweepRange(value), options, cache, stop);
  } catch (e) {
    return { sweep: engineError(e), regime: engineError(e), budget, bands: null };
  } finally {
    for (const key of cache.keys()) if (cache.size > CACHED_COLUMNS) cache.delete(key);
  }
  let sweep: ChartData['sweep'];
  let regime: ChartData['regime'];
  let bands: FitInterval[] | null = null;
  try {
    sweep = sweepOf(columns, options);
    // The band is read off the chart's own columns: whichever size it sweeps, it shades where the curve drawn is under P.
    if (samples)
      bands = fitIntervals(along(columns, arch.inputDim), columns.values, validateOptions(options).kappa, samples);
  } catch (e) {
    sweep = engineError(e);
  }
  try {
    regime = mapOf(columns, { ...dimRange(arch.inputDim), points: REGIME_POINTS });
  } catch (e) {
    regime = engineError(e);
  }
  return { sweep, regime, budget, bands };
}

function budgetOf(
  arch: Architecture,
  samples: number,
  options: AnalysisOptions,
  winners: WinnerCache,
  stop?: () => boolean,
): DataBudget | null {
  try {
    const a = analyze(arch, options);
    return a.reachable ? dataBudget(arch, a.pStar, samples, options, winners, stop) : null;
  } catch (e) {
    if (e instanceof ChartAbandoned) throw e;
    // The charts say why the engine refused the architecture.
    return null;
  }
}

/** Log step of the sweep's grid: five decades in SWEEP_POINTS - 1 steps. */
const GRID_STEP = Math.log(300 * 300) / (SWEEP_POINTS - 1);

/**
 * Two and a half decades either side of the user's value, wide enough to show the crossovers,
 * on a grid of fixed log step anchored at 1: moving the value moves the window by whole steps,
 * so the columns it keeps are the same widths and come from the cache.
 */
export function sweepRange(value: number): { from: number; to: number; points: number } {
  const k = Math.max(0, Math.floor(Math.log(value / 300) / GRID_STEP));
  return { from: Math.exp(k * GRID_STEP), to: Math.exp((k + SWEEP_POINTS - 1) * GRID_STEP), points: SWEEP_POINTS };
}

export function dimRange(d: number): { from: number; to: number } {
  return { from: Math.max(1, d / 30), to: d * 30 };
}

/** The value of an engine size name in an architecture ("N2", "d", "L", "d_k"), or null. */
export function sizeValue(arch: Architecture, size: string): number | null {
  if (size === 'd') return arch.inputDim;
  const attention = arch.layers.find((l) => l.kind === 'attention');
  if (size === 'L') return attention?.kind === 'attention' ? attention.contextLength : null;
  if (size === 'd_k') return attention?.kind === 'attention' ? attention.queryKeyRows : null;
  const m = /^N(\d+)$/.exec(size);
  const layer = m ? arch.layers[Number(m[1]) - 1] : undefined;
  return layer ? layerWidth(layer) : null;
}

/** Sizes a width chart can sweep: every hidden width (and L for an attention head). */
export function sweepableSizes(arch: Architecture): string[] {
  const out = arch.layers.map((_, i) => hiddenSizeName(arch, i));
  if (arch.layers.some((l) => l.kind === 'attention')) out.push('L');
  return out;
}

function engineError(e: unknown): { error: string } {
  // An abandoned job has no charts to show: it ends the whole computation.
  if (e instanceof ChartAbandoned) throw e;
  if (e instanceof EngineInputError) return { error: e.message };
  return { error: `internal error in the engine: ${e instanceof Error ? e.message : String(e)}` };
}
