import type { Activation, Analysis, AnalysisResult, Architecture } from '../../src/engine/types';

export function mlp(d: number, widths: number[], activation: Activation = 'erf', bias = false): Architecture {
  return { inputDim: d, layers: widths.map((width) => ({ kind: 'dense', width, activation, bias })) };
}

export function reachable(r: AnalysisResult): Analysis {
  if (!r.reachable) throw new Error(`expected a reachable target, got: ${r.reason}`);
  return r;
}

export function candidate(r: Analysis, key: string) {
  const c = r.candidates.find((x) => x.key === key);
  if (!c) throw new Error(`candidate ${key} not listed; have ${r.candidates.map((x) => x.key).join(', ')}`);
  return c;
}

export function close(actual: number, expected: number, rel = 1e-9): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected);
}
