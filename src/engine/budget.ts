// The user's question is "I have P samples": P against the predicted P*, and for each hidden
// width (the others fixed) the range of widths whose P* fits in P.
import { formatExact, formatNumber } from '../present/numbers';
import { along, exactCrossing, fitsAt, type WinnerCache } from './fits';
import { logGrid } from './grid';
import { columnsAt } from './sweep';
import type { AnalysisOptions, Architecture } from './types';
import { validateOptions } from './validate';

/** Widths the advisor looks at: 1 to this many times the largest width of the network (log grid). */
const SPAN = 64;
const POINTS = 49;

export interface WidthRange {
  /** The size's name in the engine's analysis: N1, N2, ... */
  size: string;
  layer: number;
  current: number;
  /** Smallest and largest whole width on the grid with P* <= P; null when none fits. */
  range: [number, number] | null;
  /** Whether the range reaches the edge of the widths looked at (the band may go on). */
  openBelow: boolean;
  openAbove: boolean;
  sentence: string;
}

export interface DataBudget {
  samples: number;
  pStar: number;
  /** samples / pStar. */
  ratio: number;
  enough: boolean;
  sentence: string;
  widths: WidthRange[];
}

/** "P = 60,000 is ≈ 80× P*: feature learning expected" / "P = 500 is short of P* ≈ 2,000 by ≈ 4×". */
export function budgetSentence(samples: number, pStar: number): string {
  const ratio = samples / pStar;
  return ratio >= 1
    ? `P = ${formatExact(samples)} is ≈ ${formatNumber(ratio)}× P* ≈ ${formatNumber(pStar)}: feature learning expected (P* is a scale, up to an O(1) factor)`
    : `P = ${formatExact(samples)} is short of P* ≈ ${formatNumber(pStar)} by ≈ ${formatNumber(1 / ratio)}×: the network is expected to stay lazy on this data`;
}

/**
 * P against P*, and the advisor's width ranges. `pStar` is the analysis's at the architecture as
 * given. Each width's P* comes from a chart column (one search per width; its winner kept in
 * `kept` across calls, so a new P or kappa needs no search), and each range's edges from the
 * crossing of P*(width) with P, checked at the whole widths either side. `stop` as for the charts'
 * columns (src/engine/sweep.ts).
 */
export function dataBudget(
  arch: Architecture,
  pStar: number,
  samples: number,
  options: AnalysisOptions = {},
  kept: WinnerCache = new Map(),
  stop?: () => boolean,
): DataBudget {
  const ratio = samples / pStar;
  const { kappa } = validateOptions(options);
  const d = arch.inputDim;
  const widths: WidthRange[] = [];
  arch.layers.forEach((l, i) => {
    if (l.kind === 'attention') return;
    const current = l.kind === 'dense' ? l.width : l.channels;
    const size = `N${i + 1}`;
    const top = Math.max(current, 1) * SPAN;
    const grid = [...new Set(logGrid({ from: 1, to: top, points: POINTS }).map((v) => Math.round(v)))];
    const line = along(columnsAt(arch, size, options, undefined, stop), d, kept);
    const fits = (w: number): boolean => fitsAt(line, w, kappa, samples);
    const fit = grid.map(fits);
    const first = fit.indexOf(true);
    const last = fit.lastIndexOf(true);
    // The grid finds the band; each edge is the whole width next to the crossing inside the band.
    const edge = (inside: number, outside: number): number => {
      const toward = outside > inside ? 1 : -1;
      const r = exactCrossing(line, kappa, samples, inside, outside);
      if (r !== null) {
        const w = toward > 0 ? Math.floor(r) : Math.ceil(r);
        if ((w - inside) * toward >= 0 && (outside - w) * toward > 0 && fits(w) && !fits(w + toward)) return w;
      }
      // The winner changes between the two (or P* crosses P more than once): bisection.
      let a = inside;
      let b = outside;
      while (Math.abs(b - a) > 1) {
        const mid = Math.round((a + b) / 2);
        if (fits(mid)) a = mid;
        else b = mid;
      }
      return a;
    };
    const range: [number, number] | null =
      first < 0
        ? null
        : [
            first > 0 ? edge(grid[first]!, grid[first - 1]!) : grid[first]!,
            last < grid.length - 1 ? edge(grid[last]!, grid[last + 1]!) : grid[last]!,
          ];
    const openBelow = range !== null && range[0] === grid[0];
    const openAbove = range !== null && range[1] === grid.at(-1);
    const what = l.kind === 'dense' ? 'width' : 'channel count';
    let sentence: string;
    if (range === null)
      sentence = `layer ${i + 1} (${what} ${current}): no ${what} from 1 to ${formatExact(top)} brings P* within P, the others fixed`;
    else if (openBelow && openAbove)
      sentence = `layer ${i + 1} (${what} ${current}): any ${what} from 1 to ${formatExact(top)} keeps P* within P`;
    else if (range[0] === range[1])
      sentence = `layer ${i + 1} (${what} ${current}): P* ≤ P only at ${what} ${formatExact(range[0])}, the others fixed`;
    else {
      const lo = openBelow ? 'up to' : `from ${formatExact(range[0])}`;
      const hi = openBelow ? formatExact(range[1]) : openAbove ? 'up' : `to ${formatExact(range[1])}`;
      sentence = `layer ${i + 1} (${what} ${current}): P* ≤ P for ${what}s ${lo} ${hi}, the others fixed`;
    }
    widths.push({ size, layer: i + 1, current, range, openBelow, openAbove, sentence });
  });
  return { samples, pStar, ratio, enough: ratio >= 1, sentence: budgetSentence(samples, pStar), widths };
}
