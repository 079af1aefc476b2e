// "Why this pattern": a candidate's energy as the terms each layer pays, in symbols and in
// numbers at the optimum, and the provenance of every rule it rests on (theory section 9).
import type { Chain, TermRole } from './chain';
import { formatExact } from '../present/numbers';
import { evaluate, type Mono } from './monomial';
import type { Network } from './network';
import type { EnergyTerm, RuleNote } from './types';

function factor(name: string, e: number): string {
  return e === 1 ? name : `${name}^${e}`;
}

/**
 * "M1·d", "beta2·N1/M1", "d^3/D1^3", "1": a monomial as a reader writes it; with `values`, the
 * same with every symbol replaced by its value ("3.175·64").
 */
export function monoText(m: Mono, values?: Readonly<Record<string, number>>): string {
  const name = (k: string): string => {
    const v = values?.[k];
    return v === undefined ? k : formatExact(v);
  };
  const up = Object.entries(m.exps)
    .filter(([, e]) => e > 0)
    .map(([k, e]) => factor(name(k), e));
  const down = Object.entries(m.exps)
    .filter(([, e]) => e < 0)
    .map(([k, e]) => factor(name(k), -e));
  const coef = m.coef === 1 ? [] : [String(Number(m.coef.toPrecision(6)))];
  const num = [...coef, ...up].join('·') || '1';
  return down.length === 0 ? num : `${num}/${down.length > 1 ? `(${down.join('·')})` : down[0]}`;
}

export function explainTerms(
  terms: readonly Mono[],
  roles: readonly TermRole[],
  values: Readonly<Record<string, number>>,
): EnergyTerm[] {
  return terms.map((t, i) => ({
    payer: roles[i]?.payer ?? 'readout',
    role: roles[i]?.role ?? '',
    symbolic: monoText(t),
    numeric: monoText(t, values),
    value: evaluate(t, values),
  }));
}

const COEFFICIENT_ONE: RuleNote = {
  rule: 'every term with coefficient 1 (no KL factors of 1/2, no Hermite coefficients)',
  provenance: 'convention',
};
const READOUT: RuleNote = {
  rule: "the readout pays the RKHS norm of the target in the last hidden layer's kernel, a_y = seen_L(m)",
  provenance: 'paper',
};
const LAZY: RuleNote = {
  rule: 'a lazy layer keeps the relative scales of the lazy features it receives; k incoming features of degrees j1..jk make degree j1+..+jk at the product of their costs',
  provenance: 'paper',
};
const RULES: Record<'Spec' | 'Mag' | 'GFL', RuleNote> = {
  Spec: {
    rule: 'specialisation: M neurons cost M·c(j) and give every harmonic k·j their activation generates cost N/M (1 <= M <= N)',
    provenance: 'paper',
  },
  Mag: {
    rule: 'magnetisation: total squared mean beta costs beta·c(j) and gives the same degree cost N/beta, no new harmonics (0 < beta <= N)',
    provenance: 'paper',
  },
  GFL: {
    rule: 'Gaussian feature learning: amplification D costs N·D and divides the cost of the k-th power by D^k (D >= 1)',
    provenance: 'paper',
  },
};
const RELAY: RuleNote = {
  rule: 'relay: what a layer learned is visible to the next layer only; every layer in between carries it with a pattern of its own',
  provenance: 'convention',
};
const CONV: RuleNote = {
  rule: 'convolution: a channel is a neuron shared over n patches; the costs it receives are multiplied by the positions one patch merges, and the readout by the patch count',
  provenance: 'derivation',
};
const ATTENTION: RuleNote = {
  rule: 'attention head: the value vector may specialise (cost d, its feature then costs 1), the query-key rows amplify the score feature (cost d_k·D, dividing its readout cost L·d^2 by D)',
  provenance: 'derivation',
};

/** The rules a chain's energy rests on (the all-lazy network when `chain` is null). */
export function chainRules(net: Network, chain: Chain | null, paperRef: string | null): RuleNote[] {
  const out: RuleNote[] = [];
  if (paperRef) out.push({ rule: `reported result: ${paperRef}`, provenance: 'paper' });
  if (!chain || chain.start > 1) out.push(LAZY);
  const patterns = new Set(chain?.steps.map((s) => s.pattern) ?? []);
  for (const p of ['Spec', 'Mag', 'GFL'] as const) if (patterns.has(p)) out.push(RULES[p]);
  if (chain && chain.steps.length > 1) out.push(RELAY);
  if (net.layers.some((l) => l.kind === 'conv')) out.push(CONV);
  out.push(READOUT, COEFFICIENT_ONE);
  return out;
}

export function attentionRules(paperRef: string | null): RuleNote[] {
  return [
    ...(paperRef ? [{ rule: `reported result: ${paperRef}`, provenance: 'paper' as const }] : []),
    ATTENTION,
    READOUT,
    COEFFICIENT_ONE,
  ];
}
