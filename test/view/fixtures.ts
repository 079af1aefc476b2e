// Hand-built engine results for formatting tests: the numbers are the theory's Table 1 values
// for d = 64, N1 = 256, N2 = 512 (shared/theory/scaling-engine.md section 6), not engine output.
import type { Analysis, Candidate, LayerPattern } from '../../src/engine/types';
import { chainText } from '../../src/present/labels';

function fraction(v: string): number {
  const [n, d] = v.split('/');
  return Number(n) / Number(d ?? 1);
}

export function candidate(
  key: string,
  layers: LayerPattern[],
  energy: number,
  exponents: Record<string, string>,
  kappa = 1,
): Candidate {
  return {
    key,
    label: chainText(layers.map((l) => l.pattern)),
    layers,
    energy,
    pStar: kappa * energy,
    exponents,
    localExponents: Object.fromEntries(Object.entries(exponents).map(([k, v]) => [k, fraction(v)])),
    binds: [],
    source: 'paper',
    paperRef: null,
    why: { terms: [], rules: [] },
  };
}

export const gpSpec = candidate(
  'GP|Spec1>3',
  [
    { layer: 1, pattern: 'GP', degree: null, produces: null, param: null },
    { layer: 2, pattern: 'Spec', degree: 1, produces: 3, param: { name: 'M', value: 2.83, binds: null } },
  ],
  362.04,
  { N1: '0', N2: '1/2', d: '1/2' },
);

export const specMag = candidate(
  'Spec1>3|Mag3',
  [
    { layer: 1, pattern: 'Spec', degree: 1, produces: 3, param: { name: 'M', value: 3.17, binds: null } },
    { layer: 2, pattern: 'Mag', degree: 3, produces: 3, param: { name: 'beta', value: 2.52, binds: null } },
  ],
  609.56,
  { N1: '1/3', N2: '1/3', d: '1/3' },
);

export const gflSpec = candidate(
  'GFL1|Spec1>3',
  [
    { layer: 1, pattern: 'GFL', degree: 1, produces: 3, param: { name: 'D', value: 4, binds: null } },
    { layer: 2, pattern: 'Spec', degree: 1, produces: 3, param: { name: 'M', value: 2, binds: null } },
  ],
  609.56,
  { N1: '1/3', N2: '1/3', d: '1/3' },
);

export const gpgp = candidate(
  'GP|GP',
  [
    { layer: 1, pattern: 'GP', degree: null, produces: null, param: null },
    { layer: 2, pattern: 'GP', degree: null, produces: null, param: null },
  ],
  262144,
  { d: '3' },
);

export function analysis(winner: Candidate, others: Candidate[], kappa = 1): Analysis {
  const candidates = [winner, ...others];
  return {
    reachable: true,
    degree: 3,
    kappa,
    sizes: { d: 64, N1: 256, N2: 512 },
    energy: winner.energy,
    pStar: kappa * winner.energy,
    winner,
    candidates,
    groups: [{ exponents: specMag.exponents, keys: [specMag.key, gflSpec.key] }],
    assignmentsCovered: candidates.length,
    notLearning: 0,
    noLearning: null,
    flags: [],
    robustness: {
      pStarLow: (kappa * winner.energy) / 3,
      pStarHigh: kappa * winner.energy,
      alternatives: [],
      perturbations: 0,
      sentence: 'P* between a third of it and it; the winner is stable',
    },
    assumptions: [],
    warnings: [],
  };
}
