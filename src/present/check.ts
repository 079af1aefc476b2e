// The check's result in words and tables, for the sidebar and the CLI alike: the onsets per seed,
// every training run's alignment against P / P*, the fit, the specialists and the run summary.
import { ONSET_ALIGNMENT } from '../check/onset';
import type { CheckResult, SeedOnset } from '../check/types';
import { formatDuration, formatExact, formatFixed, formatNumber } from './numbers';
import type { Table } from './table';

const pm = (mean: number, std: number): string => `${formatFixed(mean)} ± ${formatFixed(std)}`;

function onsetCell(o: SeedOnset | undefined): string {
  if (!o) return '—';
  if (o.status === 'converged' && o.p !== null) return `${formatExact(o.p)} (${formatNumber(o.ratio ?? NaN)}×)`;
  if (o.status === 'capped' && o.p !== null) return `${formatExact(o.p)} capped`;
  return o.status;
}

/** Per input dimension: the trained sizes, P*, the pattern, and where each seed started to learn. */
export function onsetTable(result: CheckResult): Table {
  return {
    caption: `Onset: training samples where the alignment crosses ${ONSET_ALIGNMENT} (× P*); capped: a bracketing run hit the step cap`,
    head: ['d', 'widths', 'P*', 'pattern', ...result.seeds.map((s) => `seed ${s}`), 'runs'],
    rows: result.curves.map((c) => [
      c.scale < 1 ? `${c.trainedDim} (of ${c.d})` : String(c.d),
      c.trainedWidths.join(','),
      formatNumber(c.pStar),
      c.pattern,
      ...result.seeds.map((s) => onsetCell(c.onsets.find((o) => o.seed === s))),
      String(c.onsets.reduce((n, o) => n + o.runs.length, 0)),
    ]),
  };
}

/** Every size the onset search trained at, with the alignment, error and specialists over seeds. */
export function trainingTable(result: CheckResult): Table {
  return {
    caption: `Alignment ⟨f, y⟩/⟨y, y⟩ of every run the onset search trained against P / P*, one block per input dimension d; "runs" counts the seeds (of ${result.seeds.length}) that trained at that size, the other columns are their mean ± spread; learning counts as set in at ${ONSET_ALIGNMENT}`,
    head: ['d', 'P', 'P / P*', 'runs', 'alignment', 'test MSE', 'specialists', 'predicted M'],
    rows: result.curves.flatMap((c) =>
      c.points.map((p) => [
        String(c.d),
        formatExact(p.p),
        // Exact, not a scale: the reader divides P by it to get back the P* the run was sized from.
        formatExact(p.ratio),
        String(p.alignments.length),
        pm(p.alignmentMean, p.alignmentStd),
        pm(p.mseMean, p.mseStd),
        formatNumber(p.specialistsMean),
        c.predictedSpecialists === null ? '—' : formatNumber(c.predictedSpecialists),
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
      ? `${formatNumber(last.specialistsMean)} specialist neuron(s) measured at ${formatNumber(last.ratio)} × P*`
      : 'nothing measured';
    const predicted =
      c.predictedSpecialists === null
        ? `the ${c.pattern} prediction has no specialised first layer`
        : `M = ${formatNumber(c.predictedSpecialists)} predicted (${c.pattern})`;
    const onset =
      c.onsetRatio === null
        ? "no seed's onset converged within the range"
        : `learns from ${formatNumber(c.onsetRatio)} × P*`;
    const scaled =
      c.scale < 1
        ? `; trained scaled ×${formatNumber(c.scale)} to d = ${c.trainedDim}, widths ${c.trainedWidths.join(', ')}`
        : '';
    return `d = ${c.d}: ${measured}, ${predicted}; ${onset}${scaled}.`;
  });
}

/** "42 training runs in 5.3 min" under the budget the setting chose, and how many onsets the fit could use. */
export function runSummary(result: CheckResult): string {
  const runs = result.curves.reduce((n, c) => n + c.points.reduce((m, p) => m + p.alignments.length, 0), 0);
  return `${runs} training runs in ${formatDuration(result.elapsedMs)} (${result.backend} backend), at most ${formatExact(result.budget.maxTrainSamples)} samples and ${formatExact(result.budget.maxEpochs)} Adam steps per run; ${result.converged.count} of ${result.converged.total} onsets converged`;
}

/**
 * The fit in lines: each measured exponent with its interval beside the predicted one, the O(1)
 * factor, and which laws the data exclude.
 */
export function fitLines(result: CheckResult): string[] {
  const fit = result.fit;
  const pct = `${Math.round(fit.level * 100)}%`;
  const lines = fit.exponents.map(
    (e) =>
      `exponent of ${e.name}: ${formatFixed(e.value)} (${pct} CI ${formatFixed(e.ci[0])} to ${formatFixed(e.ci[1])}), predicted ${formatFixed(e.predicted)}`,
  );
  if (fit.factor)
    lines.push(
      `O(1) factor P_onset / P*: ${formatNumber(fit.factor.value)} (${pct} CI ${formatNumber(fit.factor.ci[0])} to ${formatNumber(fit.factor.ci[1])})`,
    );
  for (const h of fit.hypotheses) lines.push(`${h.excluded ? 'excluded' : 'not excluded'}: ${h.label}`);
  return lines;
}
