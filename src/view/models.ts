// The models of a file as the host tracks them: ids, the one under the cursor, the one to show.
// Plain functions of detection results, cheap and free of the detector and the engine, so the
// host thread uses them without loading either.
import type { ModelSpec } from '../detect/types';
import type { Computed } from './session';

export const EMPTY_MESSAGE = 'No tfjs model in this file — open one, or enter an architecture.';
export const NO_MODEL_TO_CHECK =
  'Open a file with a tfjs model, or enter an architecture, to check its prediction by training.';

/** What the sidebar shows when there is no model to analyse, or its analysis was skipped. */
export function emptyComputed(message: string, fileName: string | null): Computed {
  return {
    view: { kind: 'empty', message, fileName },
    architecture: null,
    outcome: null,
    report: null,
    chartJob: null,
  };
}

/** Ids stable while the file is edited: the model's name, with #2, #3 … for repeated names. */
export function modelIds(models: readonly ModelSpec[]): string[] {
  const seen = new Map<string, number>();
  return models.map((m) => {
    const n = (seen.get(m.name) ?? 0) + 1;
    seen.set(m.name, n);
    return n === 1 ? m.name : `${m.name}#${n}`;
  });
}

/** The model whose source range holds `offset` (the innermost one), or null. */
export function modelAt(models: readonly ModelSpec[], offset: number): string | null {
  const ids = modelIds(models);
  let best: { id: string; size: number } | null = null;
  models.forEach((m, i) => {
    if (offset >= m.range.start && offset <= m.range.end) {
      const size = m.range.end - m.range.start;
      if (best === null || size < best.size) best = { id: ids[i] ?? m.name, size };
    }
  });
  return (best as { id: string } | null)?.id ?? null;
}

/** Which model to show: the one under the cursor, else the one shown before, else the first. */
export function chooseModel(
  models: readonly ModelSpec[],
  cursorOffset: number | null,
  previous: string | null,
): string | null {
  if (models.length === 0) return null;
  const ids = modelIds(models);
  if (cursorOffset !== null) {
    const at = modelAt(models, cursorOffset);
    if (at !== null) return at;
  }
  if (previous !== null && ids.includes(previous)) return previous;
  return ids[0] ?? null;
}
