// The validity flags of theory section 9: where the engine's number is not to be trusted,
// each said in one sentence. Computed from the architecture and the solved candidates only.
import { ties } from './tie';
import { formatExact, formatNumber } from '../present/numbers';
import type { Architecture, Candidate, ValidityFlag } from './types';

/** The rules assume N >> 1; below this a width is flagged. */
export const SMALL_WIDTH = 8;
/** A runner-up within this factor of the winner is decided by O(1) constants. */
export const CROSSOVER_FACTOR = 2;

/** Flags that hold whatever the energies: narrow layers and readings the rules were not written for. */
export function architectureFlags(arch: Architecture): ValidityFlag[] {
  const flags: ValidityFlag[] = [];
  arch.layers.forEach((l, i) => {
    const [n, noun] =
      l.kind === 'dense'
        ? [l.width, 'neuron']
        : l.kind === 'conv'
          ? [l.channels, 'channel']
          : [l.queryKeyRows, 'query-key row'];
    const what = n === 1 ? noun : `${noun}s`;
    if (n < SMALL_WIDTH) {
      flags.push({
        kind: 'small-width',
        sentence: `Layer ${i + 1} has ${n} ${what}, fewer than ${SMALL_WIDTH}: the rules assume wide layers (N ≫ 1), so its costs are not to be trusted.`,
      });
    }
  });
  const sentences = new Set<string>();
  for (const r of arch.readings ?? []) sentences.add(r.sentence);
  arch.layers.forEach((l, i) => {
    if (l.kind === 'conv' && l.overlapping && !(arch.readings ?? []).some((r) => r.kind === 'overlapping-conv')) {
      sentences.add(
        `Layer ${i + 1} is a convolution whose windows do not tile its input, read by its receptive field.`,
      );
    }
  });
  for (const s of sentences)
    flags.push({
      kind: 'rough',
      sentence: `${s.charAt(0).toUpperCase()}${s.slice(1).replace(/\.$/, '')}; the rules were not written for this reading.`,
    });
  return flags;
}

/** Flags that depend on the solution: the information floor, bounds at the optimum, a near crossover. */
export function solutionFlags(arch: Architecture, candidates: readonly Candidate[], kappa: number): ValidityFlag[] {
  const flags: ValidityFlag[] = [];
  const winner = candidates[0];
  if (!winner) return flags;
  const d = arch.inputDim;
  const pStar = kappa * winner.energy;
  if (pStar < d) {
    const where =
      arch.layers[0]?.kind === 'conv'
        ? ' (for a convolution, d is the whole input the target is spread over)'
        : arch.layers[0]?.kind === 'attention'
          ? ' (for an attention head, d is the token dimension)'
          : '';
    flags.push({
      kind: 'information-floor',
      sentence: `P* ≈ ${formatNumber(pStar)} is below the ~d = ${formatExact(d)} samples any learner needs to find one direction in ${formatExact(d)} dimensions${where}: read it as "about d", not as a sample count.`,
    });
  }
  for (const lp of winner.layers) {
    if (lp.part === 'value' || !lp.param) continue;
    const p = lp.param;
    if (lp.pattern === 'Spec' && p.binds && /= 1$/.test(p.binds)) {
      flags.push({
        kind: 'small-width',
        sentence: `Layer ${lp.layer} wants fewer than one specialised neuron: the bound ${p.binds} binds, so E is the bound's value, not the interior law.`,
      });
    } else if (lp.pattern === 'Mag' && p.value < 1) {
      flags.push({
        kind: 'small-width',
        sentence: `Layer ${lp.layer}'s total magnetisation β = ${formatNumber(p.value)} is below one neuron's worth: the rules' reading of it is rough.`,
      });
    }
  }
  const runnerUp = candidates[1];
  if (runnerUp && runnerUp.energy <= CROSSOVER_FACTOR * winner.energy) {
    const ratio = runnerUp.energy / winner.energy;
    const tie = ties(runnerUp.energy, winner.energy);
    const how = tie
      ? 'tie exactly, so the name shown comes from a tie-break'
      : `are within a factor ${CROSSOVER_FACTOR} (×${formatExact(ratio)})`;
    flags.push({
      kind: 'near-crossover',
      sentence: `${winner.label} (E = ${formatExact(winner.energy)}) and ${runnerUp.label} (E = ${formatExact(runnerUp.energy)}) ${how}; O(1) constants the heuristic does not fix decide between them.`,
    });
  }
  return flags;
}
