// The network as the rules see it: named sizes, the multiplier each layer applies to the
// costs it receives (how many positions it merges), Hermite supports, and the lazy tables.
import { describeSupport, hermiteSupport } from './activation';
import { ONE, evaluate, mono, mul, type Mono } from './monomial';
import { EngineInputError, type Architecture, type ConvLayer, type DenseLayer } from './types';

export interface NetLayer {
  /** 1-based hidden layer index. */
  index: number;
  kind: 'dense' | 'conv';
  /** Name of the width (neurons or channels), e.g. "N2". */
  width: string;
  /** Incoming costs are multiplied by this: the positions one neuron merges. */
  mult: Mono;
  support: number[];
}

export interface Network {
  degree: number;
  sizes: Record<string, number>;
  layers: NetLayer[];
  readoutMult: Mono;
  /** lazyIn[l - 1][j]: cost of the lazy degree-j feature as layer l receives it (null: absent). */
  lazyIn: (Mono | null)[][];
  /** readoutMult x lazy_L(j): what the readout pays for degree j when every layer is lazy. */
  lazyReadout: (Mono | null)[];
  warnings: string[];
}

function cheaper(a: Mono | null, b: Mono | null, sizes: Record<string, number>): Mono | null {
  if (a === null) return b;
  if (b === null) return a;
  return evaluate(b, sizes) < evaluate(a, sizes) ? b : a;
}

/** lazy_l(J): min over k in the support of products of k incoming lazy features summing to J. */
function lazyProducts(
  incoming: (Mono | null)[],
  support: number[],
  degree: number,
  sizes: Record<string, number>,
): (Mono | null)[] {
  const out: (Mono | null)[] = new Array(degree + 1).fill(null);
  let power: (Mono | null)[] = incoming.slice();
  for (let k = 1; k <= degree; k++) {
    if (k > 1) {
      const next: (Mono | null)[] = new Array(degree + 1).fill(null);
      for (let J = k; J <= degree; J++) {
        for (let j = 1; j < J; j++) {
          const a = incoming[j];
          const b = power[J - j];
          if (a && b) next[J] = cheaper(next[J] ?? null, mul(a, b), sizes);
        }
      }
      power = next;
    }
    if (support.includes(k)) {
      for (let J = 1; J <= degree; J++) out[J] = cheaper(out[J] ?? null, power[J] ?? null, sizes);
    }
  }
  return out;
}

export function buildNetwork(arch: Architecture, degree: number): Network {
  const sizes: Record<string, number> = { d: arch.inputDim };
  const warnings: string[] = [];
  const layers: NetLayer[] = [];
  // Positions not yet merged: the input has d positions, each of cost 1 per linear feature.
  let positions: Mono = mono('d');
  arch.layers.forEach((layer, i) => {
    const index = i + 1;
    const width = `N${index}`;
    if (layer.kind === 'attention') throw new Error('internal: attention is analysed separately');
    const l = layer as DenseLayer | ConvLayer;
    sizes[width] = l.kind === 'dense' ? l.width : l.channels;
    let mult: Mono;
    if (l.kind === 'conv') {
      // n patches divide the positions coming in; each patch merges positions / n of them. The
      // layer hands on n positions (the paper's tiling) or, when the code's windows do not tile
      // its input, the positions of its output, a size of their own (docs/theory.md).
      const count = `n${index}`;
      sizes[count] = l.patchCount;
      mult = mul(positions, mono(count, -1));
      const available = evaluate(positions, sizes);
      if (evaluate(mult, sizes) < 1) {
        throw new EngineInputError(
          'invalid-architecture',
          `layers[${i}].patchCount`,
          `Convolution layer ${index} has ${l.patchCount} patches but only ${available} positions reach it; a patch must cover at least one position.`,
        );
      }
      if (l.positions === undefined) {
        positions = mono(count);
      } else {
        const out = `p${index}`;
        sizes[out] = l.positions;
        positions = mono(out);
      }
    } else {
      mult = positions;
      positions = ONE;
    }
    layers.push({ index, kind: l.kind, width, mult, support: hermiteSupport(l.activation, l.bias, degree) });
  });

  const lazyIn: (Mono | null)[][] = [];
  let lazy: (Mono | null)[] = new Array(degree + 1).fill(null);
  lazy[1] = ONE;
  for (const layer of layers) {
    const incoming = lazy.map((m) => (m ? mul(layer.mult, m) : null));
    lazyIn.push(incoming);
    lazy = lazyProducts(incoming, layer.support, degree, sizes);
  }
  const readoutMult = positions;
  const lazyReadout = lazy.map((m) => (m ? mul(readoutMult, m) : null));
  return { degree, sizes, layers, readoutMult, lazyIn, lazyReadout, warnings };
}

function supportsText(arch: Architecture): string {
  return arch.layers
    .map((l, i) => (l.kind === 'attention' ? null : `layer ${i + 1}: ${describeSupport(l.activation, l.bias)}`))
    .filter((s): s is string => s !== null)
    .join('; ');
}

/** Why no assignment can express the target, in words a user can act on (theory section 10). */
export function unreachableReason(arch: Architecture, net: Network): string {
  if (arch.layers.length === 0) {
    return `A linear model (no hidden layer): its readout reads the input, whose kernel holds the linear feature only, so degree 1 costs d = ${net.sizes['d']} and degree ${net.degree} is out of reach. Add a hidden layer with a non-linear activation.`;
  }
  const reached = net.lazyReadout.map((m, j) => (m ? j : 0)).filter((j) => j > 0);
  const reachedText = reached.length ? `degrees ${reached.join(', ')}` : 'no degree';
  return `Target degree ${net.degree} cannot be formed: the network reaches ${reachedText} (${supportsText(arch)}). Use a non-linear activation with that degree, a bias, or another layer.`;
}

/**
 * Why only the lazy network expresses the target (theory section 10): patterns pass one degree
 * at a time, so a degree the lazy network forms by multiplying different degrees is out of
 * reach of every chain.
 */
export function noLearningReason(arch: Architecture, net: Network): string {
  if (arch.layers.length === 0) {
    return `No hidden layer: nothing can learn a feature, and the readout pays the lazy cost d = ${net.sizes['d']} of the linear feature.`;
  }
  return `No feature-learning pattern exists: patterns carry one degree at a time (a learned degree-1 and a learned degree-2 feature are never multiplied by a later layer), and no layer here turns a single degree into degree ${net.degree} (${supportsText(arch)}). Only the lazy network reaches degree ${net.degree}, by multiplying features of different degrees; a bias or an odd activation would open a learning pattern.`;
}
