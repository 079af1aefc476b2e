// The opt-in diagnostics as plain data: an information note where a model sits in the lazy
// regime (every layer GP) or where part of it is outside the theory.
import type { ModelSpec, SourceRange } from '../detect/types';
import { formatNumber } from '../present/numbers';
import { isLazy } from './format';
import type { EngineOutcome } from './session';

export interface Note {
  range: SourceRange;
  message: string;
}

export function diagnosticNotes(models: readonly ModelSpec[], outcomes: readonly (EngineOutcome | null)[]): Note[] {
  const notes: Note[] = [];
  models.forEach((model, i) => {
    const outcome = outcomes[i] ?? null;
    if (outcome && !('error' in outcome) && outcome.reachable && isLazy(outcome.winner)) {
      notes.push({
        range: model.range,
        message: `${model.name} is in the lazy (GP) regime: no layer learns features, P* ≈ ${formatNumber(outcome.energy)}·κ. A narrower network, or more layers, can need fewer samples.`,
      });
    }
    for (const layer of model.layers) {
      if (layer.role === 'outside-theory') {
        notes.push({
          range: layer.range,
          message: `${layer.kind} is outside the scaling theory: ${model.name}'s prediction does not cover it.`,
        });
      }
    }
  });
  return notes;
}
