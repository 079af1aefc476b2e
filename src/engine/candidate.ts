// Turns an exactly solved chain into the Candidate the product shows.
import { TIE, ties } from './tie';
import { chainText } from '../present/labels';
import { chainKey, chainLabel, chainProblem, lazyKey, paperRef, paramName, type Chain } from './chain';
import { chainRules, explainTerms } from './explain';
import type { Network } from './network';
import { searchChains } from './search';
import {
  isOptimal,
  minimisePosynomial,
  preferable,
  solveWithModes,
  type Param,
  type ParamMode,
  type PosySolution,
} from './posynomial';
import { evaluate } from './monomial';
import { toText } from './rational';
import type { Candidate, Exponents, Explanation, LayerPattern, ParamName } from './types';

const BOUND_REL = 1e-7;

/** Which bound each parameter sits on, read off the search's numeric optimum. */
function modesFrom(
  params: Param[],
  values: Record<string, number>,
  sizes: Record<string, number>,
): Record<string, ParamMode> {
  const modes: Record<string, ParamMode> = {};
  for (const p of params) {
    const v = values[p.name];
    let mode: ParamMode = 'free';
    if (v !== undefined && p.lower && p.lowerIsMode && Math.abs(v / evaluate(p.lower, sizes) - 1) < BOUND_REL)
      mode = 'lower';
    else if (v !== undefined && p.upper && Math.abs(v / evaluate(p.upper, sizes) - 1) < BOUND_REL) mode = 'upper';
    modes[p.name] = mode;
  }
  return modes;
}

/**
 * Exact minimum of one chain. A numeric optimum (`hint`, or the search restricted to the
 * chain) says which parameters sit on a bound; the symbolic solve of that mode gives exact
 * exponents, and the KKT check confirms it is the chain's minimum and not just a valid point.
 */
export function solveChain(net: Network, chain: Chain, hint?: Record<string, number>): PosySolution | null {
  const { terms, params } = chainProblem(net, chain);
  const attempt = (values: Record<string, number>): PosySolution | null => {
    const modes = modesFrom(params, values, net.sizes);
    let sol = solveWithModes(terms, params, net.sizes, modes);
    if (!sol || !isOptimal(terms, params, sol, net.sizes)) return null;
    // An optimum exactly on a bound is also the free stationary point: report it unbound.
    for (const p of params) {
      if (modes[p.name] === 'free') continue;
      const freed = solveWithModes(terms, params, net.sizes, { ...sol.modes, [p.name]: 'free' });
      if (freed && preferable(freed, sol)) sol = freed;
    }
    return sol;
  };
  const fromHint = hint ? attempt(hint) : null;
  if (fromHint) return fromHint;
  const best = searchChains(net, chain).chains[0];
  return best ? attempt(best.params) : null;
}

/** The reference: every mode enumerated (3^parameters), independent of the search. */
export function solveChainByModes(net: Network, chain: Chain): PosySolution | null {
  const { terms, params } = chainProblem(net, chain);
  return minimisePosynomial(terms, params, net.sizes);
}

function exponentStrings(sol: PosySolution, sizeNames: string[]): Exponents {
  const out: Exponents = {};
  for (const name of sizeNames) {
    const f = sol.dominant.exponents[name];
    out[name] = f ? toText(f) : '0';
  }
  return out;
}

function localExponents(sol: PosySolution, sizeNames: string[]): Record<string, number> {
  return Object.fromEntries(sizeNames.map((n) => [n, sol.localExponents[n] ?? 0]));
}

function bindLabel(params: Param[], sol: PosySolution, name: string): string | null {
  const p = params.find((q) => q.name === name);
  const mode = sol.modes[name];
  if (!p || !mode || mode === 'free') return null;
  return mode === 'lower' ? p.lowerLabel : p.upperLabel;
}

interface CandidateParts {
  key: string;
  label: string;
  layers: LayerPattern[];
  binds: string[];
  paperRef: string | null;
  why: Explanation;
}

/** The one way a solved programme becomes a Candidate. */
export function makeCandidate(
  parts: CandidateParts,
  sol: PosySolution,
  sizes: Record<string, number>,
  kappa: number,
): Candidate {
  const sizeNames = Object.keys(sizes);
  return {
    ...parts,
    energy: sol.energy,
    pStar: kappa * sol.energy,
    exponents: exponentStrings(sol, sizeNames),
    localExponents: localExponents(sol, sizeNames),
    source: parts.paperRef ? 'paper' : 'rules',
  };
}

export function chainCandidate(net: Network, chain: Chain, sol: PosySolution, kappa: number): Candidate {
  const { params } = chainProblem(net, chain);
  const layers: LayerPattern[] = net.layers.map((layer) => {
    const step = chain.steps[layer.index - chain.start];
    if (layer.index < chain.start || !step)
      return { layer: layer.index, pattern: 'GP', degree: null, produces: null, param: null };
    const name = paramName(step.pattern, layer.index);
    const short: ParamName = step.pattern === 'Spec' ? 'M' : step.pattern === 'Mag' ? 'beta' : 'D';
    return {
      layer: layer.index,
      pattern: step.pattern,
      degree: step.degree,
      produces: step.produces,
      param: { name: short, value: sol.params[name] ?? NaN, binds: bindLabel(params, sol, name) },
    };
  });
  const key = chainKey(chain);
  const binds = params.map((p) => bindLabel(params, sol, p.name)).filter((b): b is string => b !== null);
  const ref = paperRef(net, key, binds);
  const { terms, roles } = chainProblem(net, chain);
  const why = {
    terms: explainTerms(terms, roles, { ...net.sizes, ...sol.params }),
    rules: chainRules(net, chain, ref),
  };
  return makeCandidate({ key, label: chainLabel(chain), layers, binds, paperRef: ref, why }, sol, net.sizes, kappa);
}

/**
 * Whether every pattern of the chain learns: the feature it passes on costs less than the lazy
 * one it replaces (theory section 3: a layer's seen cost is the cheaper of the two). A chain
 * that fails is the lazy network below that layer with a cost added, never a competitor.
 */
export function learnsCheaper(net: Network, chain: Chain, params: Readonly<Record<string, number>>): boolean {
  const sizes = net.sizes;
  const L = net.layers.length;
  const start = net.lazyIn[chain.start - 1]?.[chain.steps[0]?.degree ?? 0];
  if (!start) return false;
  let x = evaluate(start, sizes);
  for (const [i, step] of chain.steps.entries()) {
    const layer = net.layers[chain.start - 1 + i]!;
    const value = params[paramName(step.pattern, layer.index)] ?? NaN;
    const out = step.pattern === 'GFL' ? (x / value) ** (step.produces / step.degree) : sizes[layer.width]! / value;
    const nextMult = layer.index < L ? net.layers[layer.index]!.mult : net.readoutMult;
    const learned = evaluate(nextMult, sizes) * out;
    const lazy = layer.index < L ? net.lazyIn[layer.index]?.[step.produces] : net.lazyReadout[step.produces];
    if (lazy && !(learned < evaluate(lazy, sizes) * (1 - TIE))) return false;
    x = learned;
  }
  return true;
}

/** The all-lazy network: the readout pays for the lazy target feature. */
export function lazyCandidate(net: Network, kappa: number): Candidate | null {
  const cost = net.lazyReadout[net.degree];
  if (!cost) return null;
  const sol = solveWithModes([cost], [], net.sizes, {});
  if (!sol) return null;
  const key = lazyKey(net.layers.length);
  const layers: LayerPattern[] = net.layers.map((l) => ({
    layer: l.index,
    pattern: 'GP',
    degree: null,
    produces: null,
    param: null,
  }));
  const ref = paperRef(net, key);
  const L = net.layers.length;
  const roles = [
    {
      payer: 'readout',
      role:
        L > 0
          ? `expresses degree ${net.degree} from the lazy layer ${L}`
          : `expresses degree ${net.degree} from the input`,
    },
  ];
  const why = { terms: explainTerms([cost], roles, net.sizes), rules: chainRules(net, null, ref) };
  const label = L > 0 ? chainText(net.layers.map(() => 'GP')) : 'linear readout';
  return makeCandidate({ key, label, layers, binds: [], paperRef: ref, why }, sol, net.sizes, kappa);
}

/** What decides between two candidates: the energy, then at a tie the paper's row, then the key. */
export type Ranked = Pick<Candidate, 'key' | 'energy' | 'source'>;

/** Best first. Tied energies (see tie.ts) are decided by the paper's row, then the key. */
export function compareCandidates(a: Ranked, b: Ranked): number {
  if (!ties(a.energy, b.energy)) return a.energy - b.energy;
  if (a.source !== b.source) return a.source === 'paper' ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
