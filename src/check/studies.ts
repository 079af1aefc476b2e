// The paper's claims as check specs: which network, which sizes and how many seeds each study
// trains. Plain data and the engine only (no tfjs), so the CLI and the editor build them cheaply.
import { analyze } from '../engine/index';
import type { DenseLayer } from '../engine/types';
import { predictionFromAnalysis } from './predict';
import type { CheckSpec } from './types';

/** Studies of onsets (a CheckSpec); `three-layer` counts specialists instead (src/check/specialists.ts). */
export const STUDY_NAMES = ['two-layer', 'quick-two-layer', 'three-layer'] as const;
export type OnsetStudyName = Exclude<StudyName, 'three-layer'>;
export type StudyName = (typeof STUDY_NAMES)[number];

interface Design {
  title: string;
  activation: DenseLayer['activation'];
  /** (d, hidden widths) points. */
  points: { d: number; widths: number[] }[];
  seeds: number;
  /** Search range in multiples of P*, and where it starts. */
  multiples: number[];
  start: number;
  budget: CheckSpec['budget'];
}

/**
 * two-layer: P* ∝ sqrt(N d) for a two-layer erf network and a cubic target. d runs over a factor
 * 8 at N = 32 and N over a factor 8 at d = 4, always with N ≥ d, where the engine's winner is the
 * Spec pattern with M = sqrt(N/d) ≥ 1 specialists (below that M is held at 1 and P* is d + N);
 * N starts at 8 because a width-4 erf network barely reaches alignment 0.5 on a cubic at all.
 * quick-two-layer: the same question at a quarter of the cost (factor 4 in each, 3 seeds), for a
 * first look and the test suite's control.
 */
const DESIGNS: Record<OnsetStudyName, Design> = {
  'two-layer': {
    title: 'two-layer erf network, cubic target: P* ∝ sqrt(N d)',
    activation: 'erf',
    points: [
      { d: 4, widths: [32] },
      { d: 8, widths: [32] },
      { d: 16, widths: [32] },
      { d: 32, widths: [32] },
      { d: 4, widths: [8] },
      { d: 4, widths: [16] },
      { d: 4, widths: [64] },
    ],
    seeds: 3,
    multiples: [1, 64],
    start: 8,
    budget: { maxTrainSamples: 4096, maxParams: 50_000, maxEpochs: 3000, testSamples: 1000 },
  },
  'quick-two-layer': {
    title: 'two-layer erf network, cubic target (quick): P* ∝ sqrt(N d)',
    activation: 'erf',
    points: [
      { d: 2, widths: [8] },
      { d: 4, widths: [8] },
      { d: 8, widths: [8] },
      { d: 2, widths: [2] },
      { d: 2, widths: [4] },
    ],
    seeds: 3,
    multiples: [1, 64],
    start: 8,
    budget: { maxTrainSamples: 2048, maxParams: 10_000, maxEpochs: 2000, testSamples: 1000 },
  },
};

export interface SpecialistSpec {
  d: number;
  n2: number;
  n1s: number[];
  seeds: number[];
  /** Training samples of every run. */
  p: number;
  degree: number;
  kappa: number;
  maxEpochs: number;
  testSamples: number;
  parallel?: number;
}

/** d = 8, N2 = 128: N2·d = 1024, so N1 = 4 … 32 spans N1² from 16 to 1024, up to the transition. */
export const THREE_LAYER: Omit<SpecialistSpec, 'seeds'> & { seeds: number } = {
  d: 8,
  n2: 128,
  n1s: [4, 8, 16, 32],
  seeds: 3,
  p: 1024,
  degree: 3,
  kappa: 1,
  maxEpochs: 2000,
  testSamples: 1000,
};

export function studySpec(
  name: OnsetStudyName,
  overrides: { seeds?: number[]; maxEpochs?: number } = {},
): { spec: CheckSpec; title: string } {
  const design = DESIGNS[name];
  const layersAt = (widths: number[]): DenseLayer[] =>
    widths.map((width) => ({ kind: 'dense', width, activation: design.activation, bias: false }));
  const degree = 3;
  const kappa = 1;
  const spec: CheckSpec = {
    architecture: { inputDim: design.points[0]?.d ?? 1, layers: layersAt(design.points[0]?.widths ?? [1]) },
    degree,
    kappa,
    dims: design.points.map((p) => p.d),
    widths: design.points.map((p) => p.widths),
    predictions: design.points.map((p) =>
      predictionFromAnalysis(analyze({ inputDim: p.d, layers: layersAt(p.widths) }, { degree, kappa })),
    ),
    seeds: overrides.seeds ?? Array.from({ length: design.seeds }, (_, k) => k + 1),
    pMultiples: design.multiples,
    search: { start: design.start, bisections: 2 },
    budget: { ...design.budget, ...(overrides.maxEpochs ? { maxEpochs: overrides.maxEpochs } : {}) },
  };
  return { spec, title: design.title };
}
