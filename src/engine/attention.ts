// One softmax attention head, cubic target (theory section 5): the value vector may
// specialise (cost d, after which the value feature costs 1 instead of d), and the
// query-key rows may amplify the bilinear score feature by D (cost d_k D, dividing its
// lazy readout cost L d^2 by D). Four candidates, solved exactly like any chain.
import { ONE, div, mono, mul, type Mono } from './monomial';
import { minimisePosynomial, type Param } from './posynomial';
import { makeCandidate } from './candidate';
import type { Solved } from './robustness';
import type { TermRole } from './chain';
import { attentionRules, explainTerms } from './explain';
import type { AttentionLayer, Candidate, LayerPattern } from './types';

interface Variant {
  key: string;
  label: string;
  valueSpec: boolean;
  scoreGfl: boolean;
}

const VARIANTS: Variant[] = [
  { key: 'GP', label: 'GP', valueSpec: false, scoreGfl: false },
  { key: 'Spec(value)', label: 'value Spec', valueSpec: true, scoreGfl: false },
  { key: 'GFL(query-key)', label: 'query-key GFL', valueSpec: false, scoreGfl: true },
  { key: 'Spec(value)+GFL(query-key)', label: 'value Spec + query-key GFL', valueSpec: true, scoreGfl: true },
];

export function attentionSizes(inputDim: number, head: AttentionLayer): Record<string, number> {
  return { d: inputDim, L: head.contextLength, d_k: head.queryKeyRows };
}

export interface AttentionProblem {
  variant: Variant;
  terms: Mono[];
  params: Param[];
  roles: TermRole[];
  paperRef: string | null;
}

export function attentionProblems(): AttentionProblem[] {
  const d = mono('d');
  const D = mono('D1');
  return VARIANTS.map((v) => {
    const terms: Mono[] = [];
    const params: Param[] = [];
    const roles: TermRole[] = [];
    const valueCost = v.valueSpec ? ONE : d;
    if (v.valueSpec) {
      terms.push(d);
      roles.push({ payer: 'value vector', role: 'Spec on the value feature (degree 1)' });
    }
    let scoreCost = mul(mono('L'), mono('d', 2));
    if (v.scoreGfl) {
      terms.push(mul(mono('d_k'), D));
      roles.push({ payer: 'query-key rows', role: 'GFL on the bilinear score feature (degree 2)' });
      scoreCost = div(scoreCost, D);
      params.push({ name: 'D1', lower: ONE, upper: null, lowerIsMode: false, lowerLabel: 'D = 1', upperLabel: '' });
    }
    terms.push(mul(valueCost, scoreCost));
    roles.push({ payer: 'readout', role: 'expresses the cubic target: score feature times value feature' });
    return {
      variant: v,
      terms,
      params,
      roles,
      paperRef: v.valueSpec && v.scoreGfl ? 'attention head: P* ~ sqrt(L d^3)' : null,
    };
  });
}

/** Each variant solved exactly, with its programme (the robustness box counts its terms). */
export function attentionSolved(sizes: Record<string, number>, kappa: number): Solved[] {
  const out: Solved[] = [];
  for (const { variant: v, terms, params, roles, paperRef } of attentionProblems()) {
    const sol = minimisePosynomial(terms, params, sizes);
    if (!sol) continue;
    const layers: LayerPattern[] = [
      {
        layer: 1,
        part: 'value',
        pattern: v.valueSpec ? 'Spec' : 'GP',
        degree: v.valueSpec ? 1 : null,
        produces: v.valueSpec ? 1 : null,
        param: v.valueSpec ? { name: 'M', value: 1, binds: 'M = 1 (one value vector)' } : null,
      },
      {
        layer: 1,
        part: 'query-key',
        pattern: v.scoreGfl ? 'GFL' : 'GP',
        degree: v.scoreGfl ? 2 : null,
        produces: v.scoreGfl ? 2 : null,
        param: v.scoreGfl ? { name: 'D', value: sol.params['D1'] ?? NaN, binds: null } : null,
      },
    ];
    const why = { terms: explainTerms(terms, roles, { ...sizes, ...sol.params }), rules: attentionRules(paperRef) };
    const candidate = makeCandidate(
      { key: v.key, label: v.label, layers, binds: [], paperRef, why },
      sol,
      sizes,
      kappa,
    );
    out.push({ candidate, terms, params });
  }
  return out;
}

export function attentionCandidates(sizes: Record<string, number>, kappa: number): Candidate[] {
  return attentionSolved(sizes, kappa).map((s) => s.candidate);
}
