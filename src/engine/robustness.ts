// The robustness box of theory section 9, the honest error bar of a scale argument: every
// term of every candidate's energy (one at a time), and every candidate as a whole, is
// multiplied by 1/3 and by 3 and re-minimised exactly; the box reports the range of P* and
// every candidate that wins somewhere in it.
import type { Mono } from './monomial';
import { isOptimal, minimisePosynomial, solveWithModes, type Param, type ParamMode } from './posynomial';
import type { Candidate, Robustness } from './types';

/** A listed candidate with the programme it was solved from. */
export interface Solved {
  candidate: Candidate;
  terms: Mono[];
  params: Param[];
  /** Which bound each parameter sat on at the optimum: the first guess when re-minimising. */
  modes: Record<string, ParamMode>;
}

export const BOX_FACTORS = [1 / 3, 3] as const;
const TIE = 1e-9;

/** Exact minimum of the programme with term `index` multiplied by `factor`. */
function reminimise(s: Solved, index: number, factor: number, sizes: Readonly<Record<string, number>>): number | null {
  const terms = s.terms.map((t, j) => (j === index ? { coef: t.coef * factor, exps: t.exps } : t));
  // The bounds that held usually still hold: solve that mode and confirm it by KKT before enumerating every mode.
  const guess = solveWithModes(terms, s.params, sizes, s.modes);
  if (guess && isOptimal(terms, s.params, guess, sizes)) return guess.energy;
  return minimisePosynomial(terms, s.params, sizes)?.energy ?? null;
}

const short = (x: number): string =>
  Math.abs(x) >= 1e5 || Math.abs(x) < 1e-2 ? x.toExponential(1) : String(Number(x.toPrecision(2)));
export const arrowLabel = (label: string): string => label.split(' / ').join(' → ');

/** `solved` best first, as the analysis lists its candidates. */
export function robustnessBox(
  solved: readonly Solved[],
  sizes: Readonly<Record<string, number>>,
  kappa: number,
): Robustness {
  const winner = solved[0]!.candidate;
  const second = solved[1]?.candidate ?? null;
  let low = winner.energy;
  let high = winner.energy;
  let perturbations = 0;
  const alternatives = new Map<string, number>();
  solved.forEach((s, i) => {
    const rival = i === 0 ? second : winner;
    const energies: number[] = BOX_FACTORS.map((f) => f * s.candidate.energy);
    s.terms.forEach((_, t) => {
      for (const f of BOX_FACTORS) {
        const e = reminimise(s, t, f, sizes);
        if (e !== null) energies.push(e);
      }
    });
    for (const e of energies) {
      perturbations++;
      const rivalEnergy = rival?.energy ?? Infinity;
      // A tie is a change of winner too: the name would then come from a tie-break.
      const perturbedWins = i === 0 ? e <= rivalEnergy * (1 + TIE) : e < rivalEnergy * (1 + TIE);
      const best = perturbedWins ? e : rivalEnergy;
      const key = perturbedWins ? s.candidate.key : rival!.key;
      low = Math.min(low, best);
      high = Math.max(high, best);
      if (key !== winner.key) alternatives.set(key, Math.min(alternatives.get(key) ?? Infinity, best));
      if (i === 0 && perturbedWins && rival && e >= rivalEnergy * (1 - TIE))
        alternatives.set(rival.key, Math.min(alternatives.get(rival.key) ?? Infinity, e));
    }
  });
  const order = [...alternatives.keys()].sort(
    (a, b) => alternatives.get(a)! - alternatives.get(b)! || (a < b ? -1 : 1),
  );
  const labels = order.map((k) => arrowLabel(solved.find((s) => s.candidate.key === k)?.candidate.label ?? k));
  const range = `P* between ${short(kappa * low)} and ${short(kappa * high)}`;
  const verdict =
    labels.length === 0 ? 'the winner is stable' : `the winner may become ${[...new Set(labels)].join(', ')}`;
  return {
    pStarLow: kappa * low,
    pStarHigh: kappa * high,
    alternatives: order,
    perturbations,
    sentence: `${range}; ${verdict} (each term ×1/3 and ×3)`,
  };
}
