// Turns the engine's analysis of one architecture into what the check compares against.
import type { AnalysisResult } from '../engine/types';
import { CheckInputError, type CheckPrediction } from './types';

export function predictionFromAnalysis(result: AnalysisResult): CheckPrediction {
  if (!result.reachable) {
    throw new CheckInputError(
      'invalid-spec',
      `The engine predicts no sample scale for d = ${result.sizes.d ?? '?'}: ${result.reason}`,
    );
  }
  const first = result.winner.layers.find((l) => l.layer === 1);
  const specialists = first?.pattern === 'Spec' && first.param?.name === 'M' ? first.param.value : null;
  return {
    pStar: result.pStar,
    pattern: result.winner.label,
    specialists,
    exponents: { ...result.winner.localExponents },
  };
}
