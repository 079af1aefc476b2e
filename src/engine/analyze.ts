// analyze(): the least-energy pattern assignment, its P*, exponents and competitors.
import { attentionCandidates, attentionSizes } from './attention';
import { chainCandidate, compareCandidates, lazyCandidate, solveChain } from './candidate';
import { chainKey, paperChains } from './chain';
import { describeSupport } from './activation';
import { buildNetwork, unreachableReason, type Network } from './network';
import { searchChains } from './search';
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
  return arch.layers.map((l, i) =>
    l.kind === 'attention'
      ? 'Attention head: the value vector may specialise and the query-key rows amplify the bilinear score (cubic target).'
      : `Layer ${i + 1} (${l.kind === 'dense' ? `dense, width ${l.width}` : `convolution, ${l.channels} channels over ${l.patchCount} patches`}): ${describeSupport(l.activation, l.bias)}.`,
  );
}

/**
 * Candidates for a dense/conv network at these sizes: the search's survivors (the winner and
 * the chains that are best for some incoming cost) and the paper's rows, each solved exactly.
 */
export function networkCandidates(net: Network, settings: Settings): { candidates: Candidate[]; covered: number } {
  const found = searchChains(net);
  const candidates: Candidate[] = [];
  for (const f of found.chains.slice(0, settings.maxCandidates)) {
    const sol = solveChain(net, f.chain, f.params);
    if (sol) candidates.push(chainCandidate(net, f.chain, sol, settings.kappa));
  }
  const listed = new Set(candidates.map((c) => c.key));
  for (const chain of paperChains(net)) {
    if (listed.has(chainKey(chain))) continue;
    const sol = solveChain(net, chain);
    if (sol) candidates.push(chainCandidate(net, chain, sol, settings.kappa));
  }
  const lazy = lazyCandidate(net, settings.kappa);
  if (lazy) candidates.push(lazy);
  candidates.sort(compareCandidates);
  return { candidates: candidates.slice(0, settings.maxCandidates), covered: found.covered + (lazy ? 1 : 0) };
}

export function analyze(arch: Architecture, options?: AnalysisOptions): AnalysisResult {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const head = arch.layers[0];
  let sizes: Record<string, number>;
  let candidates: Candidate[];
  let covered: number;
  let warnings: string[] = [];
  let net: Network | null = null;
  if (head?.kind === 'attention') {
    if (settings.degree !== 3) {
      throw new EngineInputError('invalid-degree', 'degree', 'The attention-head analysis covers the cubic target (degree 3) only: a bilinear score times a linear value.');
    }
    sizes = attentionSizes(arch.inputDim, head);
    candidates = attentionCandidates(sizes, settings.kappa).sort(compareCandidates).slice(0, settings.maxCandidates);
    covered = 4;
  } else {
    net = buildNetwork(arch, settings.degree);
    sizes = net.sizes;
    warnings = net.warnings;
    ({ candidates, covered } = networkCandidates(net, settings));
  }
  const assumptions = [...commonAssumptions(settings), ...networkAssumptions(arch)];
  const winner = candidates[0];
  if (!winner) {
    return {
      reachable: false,
      degree: settings.degree,
      kappa: settings.kappa,
      sizes,
      reason: net ? unreachableReason(arch, net) : 'No assignment of patterns expresses the target.',
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
    assumptions,
    warnings,
  };
}
