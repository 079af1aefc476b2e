// The reference the search must equal: every chain enumerated and solved by the
// active-set solver, independently of the search's pieces. Used by tests and the benchmark.
import { chainCandidate, compareCandidates, lazyCandidate, solveChainByModes } from './candidate';
import { enumerateChains } from './chain';
import { buildNetwork } from './network';
import { validateArchitecture, validateOptions } from './validate';
import type { AnalysisOptions, Architecture, Candidate } from './types';

export function bruteForceCandidates(
  arch: Architecture,
  options?: AnalysisOptions,
): { candidates: Candidate[]; chains: number } {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const net = buildNetwork(arch, settings.degree);
  const chains = enumerateChains(net);
  const out: Candidate[] = [];
  for (const chain of chains) {
    const sol = solveChainByModes(net, chain);
    if (sol) out.push(chainCandidate(net, chain, sol, settings.kappa));
  }
  const lazy = lazyCandidate(net, settings.kappa);
  if (lazy) out.push(lazy);
  out.sort(compareCandidates);
  return { candidates: out.slice(0, settings.maxCandidates), chains: chains.length + 1 };
}
