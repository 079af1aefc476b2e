// The check's alignment curves as the sidebar charts them: one per input dimension against P / P*.
// Its tables and sentences are src/present/check.ts, shared with the CLI. Pure (no DOM, no
// chart.js), tested under node.
import { ONSET_ALIGNMENT, type CheckCurve, type CheckResult } from '../src/protocol';

export const ONSET_LINE = ONSET_ALIGNMENT;

export interface CheckSeries {
  label: string;
  /** x = P / P*, y = mean alignment over seeds. */
  points: { x: number; y: number }[];
  /** Geometric mean of the converged seeds' onset P / P*, null when none converged. */
  onset: number | null;
}

function dLabel(c: CheckCurve): string {
  return c.scale < 1 ? `d = ${c.d} (trained at d = ${c.trainedDim})` : `d = ${c.d}`;
}

export function checkSeries(result: CheckResult): CheckSeries[] {
  return result.curves.map((c) => ({
    label: dLabel(c),
    points: c.points.map((p) => ({ x: p.ratio, y: p.alignmentMean })),
    onset: c.onsetRatio,
  }));
}

/** Smallest and largest P / P* over all curves, for the chart's x axis. */
export function ratioRange(result: CheckResult): { min: number; max: number } | null {
  const xs = result.curves.flatMap((c) => c.points.map((p) => p.ratio)).filter((x) => x > 0 && Number.isFinite(x));
  return xs.length > 0 ? { min: Math.min(...xs), max: Math.max(...xs) } : null;
}
