// The check's result as the sidebar shows it: one alignment curve per input dimension against
// P / P*, the same numbers as a table, and the measured specialists beside the predicted M.
// Pure (no DOM, no chart.js), tested under node.
import { ONSET_ALIGNMENT, type CheckCurve, type CheckResult } from '../src/protocol';
import { num, type Table } from './tables';

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

// Alignment and MSE are fractions of E[y²] = 1: two decimals read better than significant digits.
const fixed = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
const pm = (mean: number, std: number): string => `${fixed(mean)} ± ${fixed(std)}`;
/** A count averaged over seeds: whole when it is, else one decimal. */
const count = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function checkTable(result: CheckResult): Table {
  return {
    caption: `Alignment ⟨f, y⟩/⟨y, y⟩ of every run the onset search trained against P / P*, one block per input dimension d; "runs" counts the seeds (of ${result.seeds.length}) that trained at that size, the other columns are their mean ± spread; learning counts as set in at ${ONSET_LINE}`,
    head: ['d', 'P', 'P / P*', 'runs', 'alignment', 'test MSE', 'specialists', 'predicted M'],
    rows: result.curves.flatMap((c) =>
      c.points.map((p) => [
        String(c.d),
        String(p.p),
        num(p.ratio),
        String(p.alignments.length),
        pm(p.alignmentMean, p.alignmentStd),
        pm(p.mseMean, p.mseStd),
        count(p.specialistsMean),
        c.predictedSpecialists === null ? '—' : num(c.predictedSpecialists),
      ]),
    ),
  };
}

/**
 * One line per d: the specialists measured at the largest training set (where the most have
 * formed; the table has every size) next to the engine's M, and the onset.
 */
export function specialistLines(result: CheckResult): string[] {
  return result.curves.map((c) => {
    const last = c.points[c.points.length - 1];
    const measured = last
      ? `${count(last.specialistsMean)} specialist neuron(s) measured at ${num(last.ratio)} × P*`
      : 'nothing measured';
    const predicted =
      c.predictedSpecialists === null
        ? `the ${c.pattern} prediction has no specialised first layer`
        : `M = ${num(c.predictedSpecialists)} predicted (${c.pattern})`;
    const onset =
      c.onsetRatio === null ? "no seed's onset converged within the range" : `learns from ${num(c.onsetRatio)} × P*`;
    const scaled =
      c.scale < 1
        ? `; trained scaled ×${num(c.scale)} to d = ${c.trainedDim}, widths ${c.trainedWidths.join(', ')}`
        : '';
    return `d = ${c.d}: ${measured}, ${predicted}; ${onset}${scaled}.`;
  });
}

/** "42 runs in 5.3 min" under the budget the setting chose, and how many onsets the fit could use. */
export function runSummary(result: CheckResult): string {
  const runs = result.curves.reduce((n, c) => n + c.points.reduce((m, p) => m + p.alignments.length, 0), 0);
  const s = result.elapsedMs / 1000;
  return `${runs} training runs in ${s < 90 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`} (${result.backend} backend), at most ${result.budget.maxTrainSamples} samples and ${result.budget.maxEpochs} Adam steps per run; ${result.converged.count} of ${result.converged.total} onsets converged`;
}

const two = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');

/**
 * The fit in lines: each measured exponent with its interval beside the predicted one, the O(1)
 * factor, and which laws the data exclude.
 */
export function fitLines(result: CheckResult): string[] {
  const fit = result.fit;
  const pct = `${Math.round(fit.level * 100)}%`;
  const lines = fit.exponents.map(
    (e) =>
      `exponent of ${e.name}: ${two(e.value)} (${pct} CI ${two(e.ci[0])} to ${two(e.ci[1])}), predicted ${two(e.predicted)}`,
  );
  if (fit.factor)
    lines.push(
      `O(1) factor P_onset / P*: ${num(fit.factor.value)} (${pct} CI ${num(fit.factor.ci[0])} to ${num(fit.factor.ci[1])})`,
    );
  for (const h of fit.hypotheses) lines.push(`${h.excluded ? 'excluded' : 'not excluded'}: ${h.label}`);
  return lines;
}
