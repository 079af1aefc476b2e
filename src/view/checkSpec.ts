// What the editor's "Check prediction by training" runs for the selected model: which input
// dimensions, seeds, grid and budget, and the engine's prediction at each d. Free of `vscode`
// and of tfjs (only the check's plain-data modules), so extension.js stays small and this is
// tested under node.
import { checkKey } from '../check/key';
import { DEFAULT_BUDGET, QUICK_BUDGET } from '../check/plan';
import { predictionFromAnalysis } from '../check/predict';
import type { CheckPrediction, CheckSpec } from '../check/types';
import type { AnalysisResult, Architecture } from '../engine/types';

export type CheckBudgetSetting = 'quick' | 'full';

/**
 * The range the onset search may use (only its ends count): both reach 32 P*, since measured
 * onsets of two-layer networks lie at 12–50 × P* (docs/check.md); below half of P* no run has
 * learned anything.
 */
export const EDITOR_GRIDS: Record<CheckBudgetSetting, number[]> = {
  quick: Array.from({ length: 7 }, (_, k) => 2 ** (k - 1)),
  full: Array.from({ length: 13 }, (_, k) => 2 ** ((k - 2) / 2)),
};

/** Three seeds at least: the exponent's interval needs the seed-to-seed scatter at every d. */
export const EDITOR_SEEDS: Record<CheckBudgetSetting, number[]> = { quick: [1, 2, 3], full: [1, 2, 3, 4, 5] };

/** The search starts at 8 P*, near where the reference network's onsets lie, and bisects twice (a bracket of a factor 1.19). */
export const EDITOR_SEARCH = { start: 8, bisections: 2 };

/** The user's d, half and twice it: a factor 4 in d, so the scalings P* could be confused with separate. */
export function editorDims(d: number): number[] {
  return [...new Set([Math.max(1, Math.round(d / 2)), d, d * 2])].sort((a, b) => a - b);
}

/** Why the check cannot train this architecture, in words; null when it can. */
export function checkBlocker(arch: Architecture | null): string | null {
  if (arch === null) return 'The model cannot be analysed yet, so there is no prediction to check.';
  const other = arch.layers.findIndex((l) => l.kind !== 'dense');
  if (other >= 0) {
    const kind = arch.layers[other]?.kind === 'conv' ? 'a convolution' : 'an attention head';
    return `The check trains dense networks only, and hidden layer ${other + 1} is ${kind}: training it on the synthetic single-index task would need the theory's patch and token structure, which the check does not build. The prediction above still holds as scale analysis.`;
  }
  if (arch.layers.length === 0) return 'The model has no hidden layer to train.';
  return null;
}

export type EngineAt = (arch: Architecture) => AnalysisResult | { error: string };

export interface EditorCheck {
  spec: CheckSpec;
  key: string;
  budget: CheckBudgetSetting;
}

export function buildEditorCheck(
  arch: Architecture | null,
  params: { degree: number; kappa: number },
  budget: CheckBudgetSetting,
  engineAt: EngineAt,
): { ok: true; check: EditorCheck } | { ok: false; reason: string } {
  const blocked = checkBlocker(arch);
  if (blocked !== null || arch === null) return { ok: false, reason: blocked ?? 'Nothing to check.' };
  const dims = editorDims(arch.inputDim);
  const predictions: CheckPrediction[] = [];
  for (const d of dims) {
    const outcome = engineAt({ ...arch, inputDim: d });
    if ('error' in outcome) return { ok: false, reason: `The engine has no prediction at d = ${d}: ${outcome.error}` };
    if (!outcome.reachable)
      return { ok: false, reason: `The engine predicts no sample scale at d = ${d}: ${outcome.reason}` };
    predictions.push(predictionFromAnalysis(outcome));
  }
  const spec: CheckSpec = {
    architecture: arch,
    degree: params.degree,
    kappa: params.kappa,
    dims,
    predictions,
    seeds: EDITOR_SEEDS[budget],
    pMultiples: EDITOR_GRIDS[budget],
    search: EDITOR_SEARCH,
    budget: budget === 'quick' ? QUICK_BUDGET : DEFAULT_BUDGET,
  };
  return { ok: true, check: { spec, key: checkKey(spec), budget } };
}
