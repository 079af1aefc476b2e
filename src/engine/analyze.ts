// analyze(): the least-energy pattern assignment, its P*, exponents and competitors, with the
// validity flags and the robustness box of theory section 9.
import { attentionSizes, attentionSolved } from './attention';
import { chainCandidate, compareCandidates, learnsCheaper, lazyCandidate, solveChain } from './candidate';
import { chainKey, chainProblem, paperChains, type Chain } from './chain';
import { describeSupport } from './activation';
import { buildNetwork, noLearningReason, unreachableReason, type Network } from './network';
import { robustnessBox, type Solved } from './robustness';
import { searchChains } from './search';
import { architectureFlags, solutionFlags } from './validity';
import { validateArchitecture, validateOptions, type Settings } from './validate';
import { EngineInputError } from './types';
import type { AnalysisOptions, AnalysisResult, Architecture, Candidate, CandidateGroup } from './types';

function groupsOf(candidates: Candidate[]): CandidateGroup[] {
  const groups = new Map<string, CandidateGroup>();
  for (const c of candidates) {
    const sig = JSON.stringify(c.exponents);
    const g = groups.get(sig);
    if (g) g.keys.push(c.key);
    else groups.set(sig, { exponents: c.exponents, keys: [c.key] });
  }
  return [...groups.values()].filter((g) => g.keys.length > 1);
}

function commonAssumptions(s: Settings): string[] {
  return [
    `Target y = He_${s.degree}(w*.x), a single-index Hermite polynomial of degree ${s.degree}, on isotropic Gaussian inputs x ~ N(0, I_d).`,
    `P* = kappa * E with kappa = ${s.kappa}: a scale, up to an O(1) factor set by the data; compare models and read exponents rather than the count.`,
    'Networks at equilibrium (Bayesian posterior with a weight-decay prior), not training dynamics; every term with coefficient 1.',
  ];
}

function networkAssumptions(arch: Architecture): string[] {
  if (arch.layers.length === 0)
    return ['No hidden layer: the readout reads the input linearly, whose kernel holds the linear feature only.'];
  return arch.layers.map((l, i) =>
    l.kind === 'attention'
      ? 'Attention head: the value vector may specialise and the query-key rows amplify the bilinear score (cubic target).'
      : `Layer ${i + 1} (${l.kind === 'dense' ? `dense, width ${l.width}` : `convolution, ${l.channels} channels over ${l.positions ?? l.patchCount} positions`}): ${describeSupport(l.activation, l.bias)}.`,
  );
}

interface NetworkCandidates {
  solved: Solved[];
  /** Assignments the search covered. */
  covered: number;
  /** Feature-learning chains the network admits at all (0: only the lazy network, if that). */
  chains: number;
  notLearning: number;
}

/**
 * Candidates for a dense/conv network at these sizes: the search's survivors (the winner and
 * the chains that are best for some incoming cost) and the paper's rows, each solved exactly;
 * chains whose learned features cost no less than the lazy ones they replace are dropped.
 */
export function networkCandidates(net: Network, settings: Settings): NetworkCandidates {
  const found = net.layers.length > 0 ? searchChains(net) : { chains: [], covered: 0 };
  const solved: Solved[] = [];
  let notLearning = 0;
  const add = (chain: Chain, hint?: Record<string, number>): void => {
    const sol = solveChain(net, chain, hint);
    if (!sol) return;
    if (!learnsCheaper(net, chain, sol.params)) {
      notLearning++;
      return;
    }
    const { terms, params } = chainProblem(net, chain);
    solved.push({ candidate: chainCandidate(net, chain, sol, settings.kappa), terms, params });
  };
  for (const f of found.chains.slice(0, settings.maxCandidates)) add(f.chain, f.params);
  const listed = new Set(found.chains.slice(0, settings.maxCandidates).map((f) => f.key));
  for (const chain of paperChains(net)) if (!listed.has(chainKey(chain))) add(chain);
  const lazy = lazyCandidate(net, settings.kappa);
  const lazyCost = net.lazyReadout[net.degree];
  if (lazy && lazyCost) solved.push({ candidate: lazy, terms: [lazyCost], params: [] });
  solved.sort((a, b) => compareCandidates(a.candidate, b.candidate));
  return {
    solved: solved.slice(0, settings.maxCandidates),
    covered: found.covered + (lazy ? 1 : 0),
    chains: found.covered,
    notLearning,
  };
}

export function analyze(arch: Architecture, options?: AnalysisOptions): AnalysisResult {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const head = arch.layers[0];
  let sizes: Record<string, number>;
  let solved: Solved[];
  let covered: number;
  let notLearning = 0;
  let noLearning: string | null = null;
  let warnings: string[] = [];
  let net: Network | null = null;
  if (head?.kind === 'attention') {
    if (settings.degree !== 3) {
      throw new EngineInputError(
        'invalid-degree',
        'degree',
        'The attention-head analysis covers the cubic target (degree 3) only: a bilinear score times a linear value.',
      );
    }
    sizes = attentionSizes(arch.inputDim, head);
    solved = attentionSolved(sizes, settings.kappa)
      .sort((a, b) => compareCandidates(a.candidate, b.candidate))
      .slice(0, settings.maxCandidates);
    covered = 4;
  } else {
    net = buildNetwork(arch, settings.degree);
    sizes = net.sizes;
    warnings = net.warnings;
    const found = networkCandidates(net, settings);
    ({ solved, covered, notLearning } = found);
    if (found.chains === 0) noLearning = noLearningReason(arch, net);
  }
  const assumptions = [...commonAssumptions(settings), ...networkAssumptions(arch)];
  const candidates = solved.map((s) => s.candidate);
  const winner = candidates[0];
  if (!winner) {
    return {
      reachable: false,
      degree: settings.degree,
      kappa: settings.kappa,
      sizes,
      reason: net ? unreachableReason(arch, net) : 'No assignment of patterns expresses the target.',
      flags: architectureFlags(arch),
      assumptions,
      warnings,
    };
  }
  return {
    reachable: true,
    degree: settings.degree,
    kappa: settings.kappa,
    sizes,
    energy: winner.energy,
    pStar: winner.pStar,
    winner,
    candidates,
    groups: groupsOf(candidates),
    assignmentsCovered: covered,
    notLearning,
    noLearning,
    flags: [...solutionFlags(arch, candidates, settings.kappa), ...architectureFlags(arch)],
    robustness: robustnessBox(solved, settings.kappa),
    assumptions,
    warnings,
  };
}
