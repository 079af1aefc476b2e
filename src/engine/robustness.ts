// The robustness box of theory section 9, the honest error bar of a scale argument: every term
// of every candidate's energy (one at a time), and every candidate as a whole, multiplied by 1/3
// and by 3 and re-minimised; the box reports the range of P* and every candidate that wins
// somewhere in it.
//
// Only the whole-candidate factors need solving. A term ×3 raises the programme's value at every
// point by at most the whole ×3 does and by no less than nothing, so its minimum lies in [E, 3E];
// a term ×1/3 likewise lands in [E/3, E]. What the box takes from a perturbed energy e (the
// energy that wins, min(e, rival), and who that is) moves monotonically with e, so over all of a
// candidate's perturbations its extremes are those of E/3 and 3E. test/engine/validity.test.ts
// re-minimises every term and checks both facts.
import { formatNumber } from '../present/numbers';
import { TIE } from './tie';
import type { Mono } from './monomial';
import type { Param } from './posynomial';
import type { Candidate, Robustness } from './types';

/** A listed candidate with the programme it was solved from. */
export interface Solved {
  candidate: Candidate;
  terms: Mono[];
  params: Param[];
}

export const BOX_FACTORS = [1 / 3, 3] as const;

/**
 * The box from each candidate's perturbed energies (`solved` best first, as the analysis lists
 * them). `perturbed(s)` lists the energies of `s`'s perturbed programmes.
 */
export function boxOf(
  solved: readonly Solved[],
  kappa: number,
  perturbed: (s: Solved) => readonly number[],
  perturbations: number,
): Robustness {
  const winner = solved[0]!.candidate;
  const second = solved[1]?.candidate ?? null;
  let low = winner.energy;
  let high = winner.energy;
  const alternatives = new Map<string, number>();
  const note = (key: string, energy: number): void => {
    if (key !== winner.key) alternatives.set(key, Math.min(alternatives.get(key) ?? Infinity, energy));
  };
  solved.forEach((s, i) => {
    const rival = i === 0 ? second : winner;
    const rivalEnergy = rival?.energy ?? Infinity;
    for (const e of perturbed(s)) {
      // The least energy in the box here: the perturbed one or its rival's. A tie is a change of
      // winner too (the name would then come from a tie-break), at the rival's own energy.
      const best = Math.min(e, rivalEnergy);
      low = Math.min(low, best);
      high = Math.max(high, best);
      if (i === 0) {
        if (rival && e >= rivalEnergy * (1 - TIE)) note(rival.key, rivalEnergy);
      } else if (e < rivalEnergy * (1 + TIE)) note(s.candidate.key, best);
    }
  });
  const order = [...alternatives.keys()].sort(
    (a, b) => alternatives.get(a)! - alternatives.get(b)! || (a < b ? -1 : 1),
  );
  const labels = order.map((k) => solved.find((s) => s.candidate.key === k)?.candidate.label ?? k);
  const range = `P* between ${formatNumber(kappa * low)} and ${formatNumber(kappa * high)}`;
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

/** The box over every candidate ×1/3 and ×3 and every term of it ×1/3 and ×3 (see the head of this file). */
export function robustnessBox(solved: readonly Solved[], kappa: number): Robustness {
  const covered = solved.reduce((n, s) => n + BOX_FACTORS.length * (1 + s.terms.length), 0);
  return boxOf(solved, kappa, (s) => BOX_FACTORS.map((f) => f * s.candidate.energy), covered);
}
