// Data for the charts: energies of the competing patterns across one size, where the winner
// changes, and which pattern wins over a (width, input dimension) grid.
import { analyze } from './analyze';
import { attentionCandidates, attentionSizes } from './attention';
import { solveChain } from './candidate';
import { lazyKey, parseChainKey } from './chain';
import { evaluate } from './monomial';
import { buildNetwork } from './network';
import { validateArchitecture, validateOptions } from './validate';
import { EngineInputError } from './types';
import type { AnalysisOptions, Architecture, Crossover, SweepRange, SweepSeries, WidthSweep } from './types';

const SERIES = 8;
const BISECTIONS = 40;

export function logGrid(range: SweepRange, field = 'range'): number[] {
  const { from, to, points } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from < 1 || to < from) {
    throw new EngineInputError('invalid-size', field, `A sweep runs from a size of at least 1 up to a larger one, got ${from} to ${to}.`);
  }
  if (!Number.isInteger(points) || points < 2 || points > 2000) {
    throw new EngineInputError('invalid-size', `${field}.points`, `A sweep has from 2 to 2000 points, got ${points}.`);
  }
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: points }, (_, i) => Math.exp(a + ((b - a) * i) / (points - 1)));
}

/** The architecture with one named size replaced: d, N<l>, n<l>, L or d_k. */
export function withSize(arch: Architecture, name: string, value: number): Architecture {
  if (name === 'd') return { ...arch, inputDim: value };
  const match = /^(N|n)(\d+)$/.exec(name);
  const layers = arch.layers.map((l) => ({ ...l }));
  if (match) {
    const layer = layers[Number(match[2]) - 1];
    if (layer?.kind === 'dense' && match[1] === 'N') layer.width = value;
    else if (layer?.kind === 'conv' && match[1] === 'N') layer.channels = value;
    else if (layer?.kind === 'conv' && match[1] === 'n') layer.patchCount = value;
    else throw new EngineInputError('invalid-size', 'size', `This network has no size named ${name}.`);
    return { ...arch, layers };
  }
  const head = layers[0];
  if (head?.kind === 'attention' && name === 'L') head.contextLength = value;
  else if (head?.kind === 'attention' && name === 'd_k') head.queryKeyRows = value;
  else throw new EngineInputError('invalid-size', 'size', `This network has no size named ${name}.`);
  return { ...arch, layers };
}

function winnerKey(arch: Architecture, options: AnalysisOptions | undefined): string | null {
  const r = analyze(arch, options);
  return r.reachable ? r.winner.key : null;
}

/** Energy of the candidate `key` for this architecture, or null where it has no valid optimum. */
function candidateEnergy(arch: Architecture, key: string, degree: number): number | null {
  const head = arch.layers[0];
  if (head?.kind === 'attention') {
    return attentionCandidates(attentionSizes(arch.inputDim, head), 1).find((c) => c.key === key)?.energy ?? null;
  }
  const net = buildNetwork(arch, degree);
  if (key === lazyKey(net.layers.length)) {
    const lazy = net.lazyReadout[degree];
    return lazy ? evaluate(lazy, net.sizes) : null;
  }
  const chain = parseChainKey(net, key);
  return chain ? solveChain(net, chain)?.energy ?? null : null;
}

export function sweepWidth(arch: Architecture, size: string, range: SweepRange, options?: AnalysisOptions): WidthSweep {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const values = logGrid(range);
  const base = analyze(arch, options);
  const points = values.map((v) => analyze(withSize(arch, size, v), options));
  const winners = points.map((p) => (p.reachable ? p.winner.key : null));
  const labels = new Map<string, string>();
  if (base.reachable) for (const c of base.candidates.slice(0, SERIES)) labels.set(c.key, c.label);
  points.forEach((p) => { if (p.reachable) labels.set(p.winner.key, p.winner.label); });
  const series: SweepSeries[] = [...labels].map(([key, label]) => ({
    key,
    label,
    energy: values.map((v, i) => {
      const p = points[i];
      const listed = p?.reachable ? p.candidates.find((c) => c.key === key) : undefined;
      return listed ? listed.energy : candidateEnergy(withSize(arch, size, v), key, settings.degree);
    }),
  }));
  const crossovers: Crossover[] = [];
  for (let i = 1; i < values.length; i++) {
    const from = winners[i - 1];
    const to = winners[i];
    if (from === to || from == null || to == null) continue;
    let lo = Math.log(values[i - 1]!);
    let hi = Math.log(values[i]!);
    for (let k = 0; k < BISECTIONS; k++) {
      const mid = (lo + hi) / 2;
      if (winnerKey(withSize(arch, size, Math.exp(mid)), options) === from) lo = mid;
      else hi = mid;
    }
    crossovers.push({ at: Math.exp((lo + hi) / 2), from, to });
  }
  return { size, values, series, winners, pStar: points.map((p) => (p.reachable ? p.pStar : null)), crossovers };
}
