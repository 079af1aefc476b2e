// A candidate assignment as the rules make it matter: lazy layers up to `start`, then a
// contiguous chain of patterns, each acting on the feature the previous one passed on
// (relay rule 4), the last one passing the target degree to the readout. A pattern off
// such a chain only adds cost (its Delta > 0, or -> 0 where it is the lazy layer), so these
// chains, plus the all-lazy network, cover the minimum over every assignment.
import { chainText } from '../present/labels';
import { ONE, div, mono, mul, pow, type Mono } from './monomial';
import type { NetLayer, Network } from './network';
import type { Param } from './posynomial';

export type StepPattern = 'Spec' | 'Mag' | 'GFL';

export interface Step {
  pattern: StepPattern;
  /** Degree of the feature the pattern acts on. */
  degree: number;
  /** Degree it passes on (k x degree, k in the activation's support). */
  produces: number;
}

export interface Chain {
  /** 1-based index of the first layer with a pattern; layers before it are lazy. */
  start: number;
  steps: Step[];
}

/** The options a layer has on an incoming degree, in a fixed order. */
export function stepOptions(layer: NetLayer, degree: number, maxDegree: number): Step[] {
  const out: Step[] = [];
  for (const k of layer.support)
    if (k * degree <= maxDegree) out.push({ pattern: 'Spec', degree, produces: k * degree });
  out.push({ pattern: 'Mag', degree, produces: degree });
  for (const k of layer.support)
    if (k * degree <= maxDegree) out.push({ pattern: 'GFL', degree, produces: k * degree });
  return out;
}

export function stepKey(s: Step): string {
  return s.produces === s.degree ? `${s.pattern}${s.degree}` : `${s.pattern}${s.degree}>${s.produces}`;
}

/** lazyKey's strings by layer count: the searches ask for them at every start. */
const lazyKeys: string[] = [];

export function lazyKey(layers: number): string {
  return (lazyKeys[layers] ??= new Array<string>(layers).fill('GP').join('|'));
}

export function chainKey(chain: Chain): string {
  return [...new Array<string>(chain.start - 1).fill('GP'), ...chain.steps.map(stepKey)].join('|');
}

export function chainLabel(chain: Chain): string {
  return chainText([...new Array<string>(chain.start - 1).fill('GP'), ...chain.steps.map((s) => s.pattern)]);
}

export function paramName(pattern: StepPattern, layer: number): string {
  return `${pattern === 'Spec' ? 'M' : pattern === 'Mag' ? 'beta' : 'D'}${layer}`;
}

/** Who pays a term of the energy, and for what (the "why" view). */
export interface TermRole {
  payer: string;
  role: string;
}

export interface ChainProblem {
  terms: Mono[];
  params: Param[];
  /** roles[i] says who pays terms[i]. */
  roles: TermRole[];
}

/** The chain's energy as a posynomial: one Delta per pattern, then the readout's cost. */
export function chainProblem(net: Network, chain: Chain): ChainProblem {
  const first = chain.steps[0];
  const startCost = first ? net.lazyIn[chain.start - 1]?.[first.degree] : null;
  if (!first || !startCost) throw new Error(`internal: chain ${chainKey(chain)} has no lazy input`);
  const terms: Mono[] = [];
  const params: Param[] = [];
  const roles: TermRole[] = [];
  let out: Mono = ONE;
  chain.steps.forEach((step, i) => {
    const layer = net.layers[chain.start - 1 + i]!;
    const cost = i === 0 ? startCost : mul(layer.mult, out);
    const N = mono(layer.width);
    const p = paramName(step.pattern, layer.index);
    const P = mono(p);
    roles.push({
      payer: `layer ${layer.index}`,
      role: `${step.pattern} on degree ${step.degree}${step.produces !== step.degree ? `, passing on degree ${step.produces}` : ''}`,
    });
    switch (step.pattern) {
      case 'Spec':
        terms.push(mul(P, cost));
        out = div(N, P);
        params.push({
          name: p,
          lower: ONE,
          upper: N,
          lowerIsMode: true,
          lowerLabel: `${p} = 1`,
          upperLabel: `${p} = ${layer.width}`,
        });
        break;
      case 'Mag':
        terms.push(mul(P, cost));
        out = div(N, P);
        params.push({
          name: p,
          lower: null,
          upper: N,
          lowerIsMode: false,
          lowerLabel: '',
          upperLabel: `${p} = ${layer.width}`,
        });
        break;
      case 'GFL':
        terms.push(mul(N, P));
        out = pow(div(cost, P), step.produces / step.degree);
        params.push({ name: p, lower: ONE, upper: null, lowerIsMode: false, lowerLabel: `${p} = 1`, upperLabel: '' });
        break;
    }
  });
  terms.push(mul(net.readoutMult, out));
  roles.push({ payer: 'readout', role: `expresses degree ${net.degree} from layer ${net.layers.length}` });
  return { terms, params, roles };
}

/** Every chain, one by one: the brute-force reference the search is tested against. */
export function enumerateChains(net: Network): Chain[] {
  const L = net.layers.length;
  const m = net.degree;
  const out: Chain[] = [];
  const extend = (start: number, steps: Step[], degree: number): void => {
    const index = start + steps.length;
    if (index > L) {
      if (degree === m) out.push({ start, steps: steps.slice() });
      return;
    }
    for (const s of stepOptions(net.layers[index - 1]!, degree, m)) {
      steps.push(s);
      extend(start, steps, s.produces);
      steps.pop();
    }
  };
  for (let start = 1; start <= L; start++) {
    const lazy = net.lazyIn[start - 1]!;
    for (let j = 1; j <= m; j++) if (lazy[j]) extend(start, [], j);
  }
  return out;
}

/** A reported result: which row, and the law it states where no bound binds. */
interface PaperRow {
  row: string;
  law: string;
}

const PAPER: Record<string, Record<string, PaperRow>> = {
  dense: {
    GP: { row: 'two-layer network: GP', law: 'E = d^3' },
    'Spec1>3': { row: 'two-layer network: specialisation', law: 'E = 2 sqrt(N d)' },
  },
  'dense,dense': {
    'GP|GP': { row: 'Table 1: GP / GP', law: 'E = d^3' },
    'GP|Spec1>3': { row: 'Table 1: GP / Specialization', law: 'E = 2 sqrt(N2 d)' },
    'Spec1>3|Mag3': { row: 'Table 1: Specialization / Magnetization', law: 'E = 3 (N1 N2 d)^(1/3)' },
  },
  conv: { 'GFL1>3': { row: 'CNN example: the GFL reading', law: 'P* ~ d^(3/4)' } },
};

/** The layer kinds, the key of PAPER; kept per network, as the charts ask for every chain of a column. */
const shapes = new WeakMap<Network, string>();

function shapeOf(net: Network): string {
  let shape = shapes.get(net);
  if (shape === undefined) shapes.set(net, (shape = net.layers.map((l) => l.kind).join(',')));
  return shape;
}

/**
 * The paper's reported result (m = 3) for this chain, by key and architecture shape. Its law
 * holds where no bound binds; with `binds`, the label says the row is the paper's but the
 * number is not its law (M = 1 binding turns 2 sqrt(N d) into d + N).
 */
export function paperRef(net: Network, key: string, binds: readonly string[] = []): string | null {
  if (net.degree !== 3) return null;
  const row = PAPER[shapeOf(net)]?.[key];
  if (!row) return null;
  return binds.length === 0
    ? `${row.row}, ${row.law}`
    : `${row.row}; its law ${row.law} needs an interior optimum, here ${binds.join(', ')} binds`;
}

/** The paper's rows that this network can express, as chains (the all-lazy row excluded). */
export function paperChains(net: Network): Chain[] {
  if (net.degree !== 3) return [];
  const rows = Object.keys(PAPER[shapeOf(net)] ?? {});
  return rows.map((key) => parseChainKey(net, key)).filter((c): c is Chain => c !== null);
}

/** The chain a key names, when this network can carry it (null for the all-lazy key or a misfit). */
export function parseChainKey(net: Network, key: string): Chain | null {
  const parts = key.split('|');
  if (parts.length !== net.layers.length) return null;
  const start = parts.lastIndexOf('GP') + 2;
  const steps: Step[] = [];
  for (const part of parts.slice(start - 1)) {
    const match = /^(Spec|Mag|GFL)(\d+)(?:>(\d+))?$/.exec(part);
    if (!match) return null;
    const degree = Number(match[2]);
    steps.push({ pattern: match[1] as StepPattern, degree, produces: match[3] ? Number(match[3]) : degree });
  }
  const first = steps[0];
  if (!first || steps[steps.length - 1]!.produces !== net.degree || !net.lazyIn[start - 1]?.[first.degree]) return null;
  const fits = steps.every((s, i) => {
    const layer = net.layers[start - 1 + i];
    return (
      layer !== undefined &&
      layer.support.includes(s.produces / s.degree) &&
      (i === 0 || steps[i - 1]!.produces === s.degree)
    );
  });
  return fits ? { start, steps } : null;
}
