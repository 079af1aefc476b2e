// From a detected model to the engine's Architecture: which layers the theory reads, with
// every size the code leaves open filled from the user's values (and said so), or listed as missing.
import { formatExact } from '../present/numbers';
import type { Architecture, ConvLayer, DenseLayer, HiddenLayer, Reading } from '../engine/types';
import { engineActivation, layerInfo } from './catalog';
import { lineOf } from './ranges';
import type { DetectedLayer, ModelSpec, SizeValue, UnknownSize } from './types';
import { own } from '../own';
import { MAX_LAYERS } from './limits';
import { evalSizeExpr, exprSymbols } from './values';

export interface ArchitectureValues {
  /** Values for open symbols, by the symbol detection gave them. */
  overrides: Record<string, number>;
  /** Input dimension to use when the code does not fix it; null (or not a positive number) for none. */
  defaultInputDim: number | null;
  /** The input dimension was given by the user for this run (`--d`), not by a setting: said "supplied". */
  inputDimSupplied?: boolean;
}

export interface ArchitectureResult {
  architecture: Architecture | null;
  /** Every value that did not come from the code, and why it was needed. */
  assumptions: string[];
  /** Open sizes with no value supplied. */
  missing: UnknownSize[];
  /** Why there is no architecture, when there is none. */
  why: string | null;
}

class Resolver {
  readonly assumptions: string[] = [];
  readonly missing: UnknownSize[] = [];
  private readonly used = new Set<string>();

  constructor(
    private readonly model: ModelSpec,
    private readonly overrides: Record<string, number>,
  ) {}

  /** Missing sizes in the order the model lists its unknowns (input first, then layers in order). */
  sortedMissing(): UnknownSize[] {
    const rank = (u: UnknownSize): number => {
      const i = this.model.unknowns.findIndex((x) => x.symbol === u.symbol);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return [...this.missing].sort((a, b) => rank(a) - rank(b));
  }

  /** The size's value, or null after listing the symbols it lacks. */
  resolve(size: SizeValue, into: UnknownSize[] = this.missing): number | null {
    if (size.kind === 'known') return size.value;
    const symbols = size.expr ? exprSymbols(size.expr) : [size.symbol];
    const lacking = symbols.filter((s) => !Number.isFinite(own(this.overrides, s)));
    if (lacking.length > 0) {
      for (const s of lacking) {
        if (into.some((m) => m.symbol === s)) continue;
        const known = this.model.unknowns.find((u) => u.symbol === s);
        into.push(known ?? { symbol: s, reason: size.reason, range: size.range });
      }
      return null;
    }
    for (const s of symbols) {
      if (this.used.has(s)) continue;
      this.used.add(s);
      const why = this.model.unknowns.find((u) => u.symbol === s)?.reason ?? size.reason;
      this.assumptions.push(`\`${s}\` = ${own(this.overrides, s)} (supplied; ${why})`);
    }
    return size.expr
      ? evalSizeExpr(size.expr, (s) => own(this.overrides, s) ?? null)
      : (own(this.overrides, size.symbol) ?? null);
  }
}

function isWhole(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

function outputLength(input: number, kernel: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - kernel) / stride) + 1;
}

function product(xs: number[]): number {
  return xs.reduce((p, x) => p * x, 1);
}

function fail(resolver: Resolver, why: string): ArchitectureResult {
  return { architecture: null, assumptions: resolver.assumptions, missing: resolver.sortedMissing(), why };
}

const at = (l: DetectedLayer): string => `${l.kind} at line ${lineOf(l.range)}`;

export function toArchitecture(model: ModelSpec, values: ArchitectureValues): ArchitectureResult {
  const resolver = new Resolver(model, values.overrides);
  if (model.error) return fail(resolver, model.error);

  const outside = model.layers.find((l) => l.role === 'outside-theory');
  if (outside) return fail(resolver, `outside the theory: ${at(outside)}`);
  const unreadable = model.layers.find((l) => l.unresolved);
  if (unreadable?.unresolved) return fail(resolver, unreadable.unresolved);

  const shape = inputShape(model, values, resolver);
  const inputDim = shape === null ? null : product(shape);
  const expanded = expandRepeats(model.layers, resolver);
  if (typeof expanded === 'string') return fail(resolver, expanded);

  const walk = new LayerWalk(resolver, shape);
  let readout: DetectedLayer | null = null;
  for (const l of expanded) {
    if (l.role === 'readout') {
      readout = l;
      break;
    }
    const why = walk.read(l);
    if (why !== null) return fail(resolver, why);
  }

  if (resolver.missing.length > 0) {
    return fail(
      resolver,
      `sizes the code does not fix: ${resolver
        .sortedMissing()
        .map((m) => m.symbol)
        .join(', ')}`,
    );
  }
  if (readout === null)
    return fail(resolver, 'no dense layer to read out from: the theory reads the last dense layer as a linear readout');
  // No hidden layer: a linear model, which the engine answers (degree 1 costs d; higher degrees are out of reach).
  if (inputDim === null || !isWhole(inputDim))
    return fail(resolver, `the input dimension is ${inputDim}; it must be a positive whole number`);
  const readings = [...walk.readings, ...readoutReadings(readout)];
  const architecture: Architecture = { inputDim, layers: walk.layers };
  if (readings.length > 0) architecture.readings = readings;
  return { architecture, assumptions: resolver.assumptions, missing: [], why: null };
}

/**
 * The input's shape: per dimension when the shape is written (convolutions need it), else the flat
 * dimension, else the default dimension when no layer needs a shape; null when it stays open.
 */
function inputShape(model: ModelSpec, values: ArchitectureValues, resolver: Resolver): number[] | null {
  const inputMissing: UnknownSize[] = [];
  let shape: number[] | null = null;
  if (model.inputShape) {
    const dims = model.inputShape.map((s) => resolver.resolve(s, inputMissing));
    if (dims.every((d): d is number => d !== null)) shape = dims;
  } else {
    const d = resolver.resolve(model.inputDim, inputMissing);
    if (d !== null) shape = [d];
  }
  const needsShape = model.layers.some((l) => {
    const f = layerInfo(l.kind).family;
    return f === 'conv' || f === 'separableConv' || f === 'depthwiseConv' || f === 'pool';
  });
  const fallback = values.defaultInputDim;
  if (shape === null && !needsShape && fallback !== null && isWhole(fallback)) {
    shape = [fallback];
    resolver.assumptions.push(
      `input dimension d = ${fallback} (${values.inputDimSupplied ? 'supplied' : 'default'}; ${model.inputDim.kind === 'unknown' ? model.inputDim.reason : 'the code does not fix it'})`,
    );
  } else {
    resolver.missing.push(...inputMissing.filter((m) => !resolver.missing.some((x) => x.symbol === m.symbol)));
  }
  return shape;
}

/** Loops whose bound the code leaves open repeat their layers as many times as the user says; why not, when they cannot. */
function expandRepeats(layers: readonly DetectedLayer[], resolver: Resolver): DetectedLayer[] | string {
  const expanded: DetectedLayer[] = [];
  for (const l of layers) {
    const count = l.repeat ? resolver.resolve(l.repeat) : 1;
    if (count === null) continue;
    if (!Number.isInteger(count) || count < 0) {
      return `the loop adding the ${at(l)} repeats ${count} times; it must be a whole number`;
    }
    if (expanded.length + count > MAX_LAYERS) {
      const repeated = l.repeat ? ` (the loop adding the ${at(l)} repeats ${count} times)` : '';
      return `the model has more than ${MAX_LAYERS} layers${repeated}; models of up to ${MAX_LAYERS} layers are read`;
    }
    for (let i = 0; i < count; i++) expanded.push(l);
  }
  return expanded;
}

/** How the readout differs from the theory's single linear output, said as readings. */
function readoutReadings(readout: DetectedLayer): Reading[] {
  const readings: Reading[] = [];
  const units = readout.units?.kind === 'known' ? readout.units.value : null;
  if (units !== null && units !== 1) {
    readings.push({
      kind: 'several-outputs',
      sentence: `the readout's ${units} outputs are read as one scalar output`,
    });
  }
  if (readout.activation !== null && readout.activation !== 'linear') {
    readings.push({
      kind: readout.activation === 'softmax' ? 'softmax-as-linear' : 'other',
      sentence: `the readout's ${readout.activation} is read as linear`,
    });
  }
  return readings;
}

type ConvFamily = 'conv' | 'separableConv' | 'depthwiseConv';

interface ConvGeometry {
  rank: number;
  inChannels: number;
  strides: number[];
  /** Output length along each spatial axis. */
  out: number[];
}

/** Where a convolution's windows land on its input, or why they cannot. */
function convGeometry(l: DetectedLayer, shape: number[]): ConvGeometry | string {
  const kernel = l.kernelSize ?? [];
  const rank = kernel.length;
  if (shape.length !== rank + 1)
    return `the ${at(l)} needs an input of rank ${rank + 1} (${rank} spatial axes and channels); it gets [${shape.join(', ')}]`;
  const strides = l.strides ?? new Array<number>(rank).fill(1);
  const out = kernel.map((k, i) => outputLength(shape[i] ?? 0, k, strides[i] ?? 1, l.padding ?? 'valid'));
  if (out.some((o) => o <= 0)) return `the kernel of the ${at(l)} is larger than its input [${shape.join(', ')}]`;
  return { rank, inChannels: shape[rank] ?? 1, strides, out };
}

/** The one-line assumption a convolution other than the plain one is read under. */
function convAssumption(l: DetectedLayer, family: ConvFamily, channels: number): string | null {
  if (family === 'separableConv')
    return `the ${at(l)} is read as one convolution with its window (depthwise and pointwise steps together)`;
  if (family === 'depthwiseConv')
    return `the ${at(l)} is read as ${channels} channels each seeing one input channel (patch = kernel area)`;
  return null;
}

/**
 * The hidden layers read in order, with the shape flowing through them: each layer kind a method
 * that returns why the model is outside what the engine reads, or null. A size left open makes
 * the shape unknown (null) from there on; the sizes it lacks are listed by the resolver.
 */
class LayerWalk {
  readonly layers: HiddenLayer[] = [];
  readonly readings: Reading[] = [];
  /** How many positions of the last hidden layer's output (or of the input) one position now stands for: pooling merges them. */
  private merged = 1;
  /** Pooling read since the last hidden layer: a reading only when a convolution follows (a dense layer merges every position anyway). */
  private pooled: Reading[] = [];

  constructor(
    private readonly resolver: Resolver,
    private shape: number[] | null,
  ) {}

  read(l: DetectedLayer): string | null {
    const family = layerInfo(l.kind).family;
    if (family === 'dense') return this.dense(l);
    if (family === 'conv' || family === 'separableConv' || family === 'depthwiseConv') return this.conv(l, family);
    const shape = this.shape;
    if (shape === null) return null;
    if (family === 'pool') return this.pool(l, shape);
    if (family === 'globalPool') {
      const before = product(shape.slice(0, -1));
      this.merged *= before;
      this.pooled.push({
        kind: 'pooling',
        sentence: `the ${at(l)} is read as a merge of all ${before} positions without parameters`,
      });
      this.shape = [shape.at(-1) ?? 1];
    } else if (family === 'flatten') {
      this.shape = [product(shape)];
    } else if (family === 'reshape' && l.targetShape) {
      const dims = l.targetShape.map((s) => this.resolver.resolve(s));
      if (dims.some((d) => d === null)) {
        this.shape = null;
        return null;
      }
      const total = product(shape);
      const fixed = product(dims.map((d) => (d === -1 ? 1 : (d ?? 1))));
      this.shape = dims.map((d) => (d === -1 ? total / fixed : (d ?? 1)));
    } else if (family === 'activation' && l.activation !== null) {
      return this.activation(l, l.activation);
    }
    return null;
  }

  private dense(l: DetectedLayer): string | null {
    const width = l.units ? this.resolver.resolve(l.units) : null;
    const activation = engineActivation(l.activation);
    if (activation === null) return `outside the theory: activation '${l.activation}' of the ${at(l)}`;
    if (width === null) {
      this.shape = null;
      return null;
    }
    if (!isWhole(width)) return `the ${at(l)} has ${width} units; a width must be a positive whole number`;
    const shape = this.shape;
    if (shape && shape.length > 1)
      this.resolver.assumptions.push(`the ${at(l)} gets a rank-${shape.length} input; read on its last axis`);
    const dense: DenseLayer = { kind: 'dense', width, activation, bias: l.useBias };
    this.pooled = [];
    this.merged = 1;
    this.layers.push(dense);
    this.shape = shape ? [...shape.slice(0, -1), width] : null;
    return null;
  }

  private conv(l: DetectedLayer, family: ConvFamily): string | null {
    const activation = engineActivation(l.activation);
    if (activation === null) return `outside the theory: activation '${l.activation}' of the ${at(l)}`;
    const filters = l.units ? this.resolver.resolve(l.units) : null;
    const shape = this.shape;
    if (shape === null) return null;
    const geometry = convGeometry(l, shape);
    if (typeof geometry === 'string') return geometry;
    const channels = family === 'depthwiseConv' ? geometry.inChannels * (l.depthMultiplier ?? 1) : filters;
    if (channels === null) {
      this.shape = null;
      return null;
    }
    if (!isWhole(channels)) return `the ${at(l)} has ${channels} filters; it must be a positive whole number`;
    this.readings.push(...this.pooled);
    this.pooled = [];
    this.layers.push(this.receptiveField(l, family, shape, geometry, { channels, activation }));
    const assumption = convAssumption(l, family, channels);
    if (assumption !== null) this.resolver.assumptions.push(assumption);
    this.merged = 1;
    this.shape = [...geometry.out, channels];
    return null;
  }

  /**
   * The patches of a convolution in the positions coming in (docs/theory.md, "Convolutions and
   * pooling"): on the raw input its channels are positions; after a hidden layer they are that
   * layer's neurons. Windows that do not tile the input are read as overlapping, and say so.
   */
  private receptiveField(
    l: DetectedLayer,
    family: ConvFamily,
    shape: number[],
    { out, strides, rank, inChannels }: ConvGeometry,
    head: Pick<ConvLayer, 'channels' | 'activation'>,
  ): ConvLayer {
    const kernel = l.kernelSize ?? [];
    const raw = this.layers.length === 0;
    const patchSize = product(kernel) * (raw && family !== 'depthwiseConv' ? inChannels : 1) * this.merged;
    const positionsIn = product(raw ? shape : shape.slice(0, rank)) * this.merged;
    const positionsOut = product(out);
    const tiles = Math.abs(patchSize * positionsOut - positionsIn) <= 1e-9 * positionsIn;
    const conv: ConvLayer = {
      kind: 'conv',
      channels: head.channels,
      patchSize,
      patchCount: tiles ? positionsOut : positionsIn / patchSize,
      activation: head.activation,
      bias: l.useBias,
    };
    if (!tiles) {
      conv.positions = positionsOut;
      conv.overlapping = true;
      const windows = `${kernel.join('x')} windows at stride ${strides.join('x')}${l.padding === 'same' ? ', same padding' : ''}`;
      this.readings.push({
        kind: 'overlapping-conv',
        sentence: `the ${at(l)} (${windows}) is read as ${positionsOut} positions out, each merging ${formatExact(patchSize)} of the ${formatExact(positionsIn)} coming in`,
      });
    }
    return conv;
  }

  private pool(l: DetectedLayer, shape: number[]): string | null {
    const pool = l.poolSize ?? [];
    const strides = l.strides ?? pool;
    if (shape.length !== pool.length + 1)
      return `the ${at(l)} needs an input of rank ${pool.length + 1}; it gets [${shape.join(', ')}]`;
    const out = pool.map((k, i) => outputLength(shape[i] ?? 0, k, strides[i] ?? k, l.padding ?? 'valid'));
    if (out.some((o) => o <= 0)) return `the pool of the ${at(l)} is larger than its input [${shape.join(', ')}]`;
    const before = product(shape.slice(0, -1));
    this.merged *= before / product(out);
    this.pooled.push({
      kind: 'pooling',
      sentence: `the ${at(l)} is read as a merge of positions without parameters (${before} → ${product(out)})`,
    });
    this.shape = [...out, shape[pool.length] ?? 1];
    return null;
  }

  /** A separate activation layer: the activation of the linear hidden layer before it. */
  private activation(l: DetectedLayer, name: string): string | null {
    const last = this.layers.at(-1);
    const activation = engineActivation(name);
    if (last && last.kind !== 'attention' && last.activation === 'linear' && activation !== null) {
      last.activation = activation;
      this.resolver.assumptions.push(`the ${at(l)} is read as the activation (${activation}) of the layer before it`);
    } else if (activation === null) {
      return `outside the theory: activation '${name}' of the ${at(l)}`;
    } else {
      this.resolver.assumptions.push(`the ${at(l)} is ignored: it follows no linear hidden layer`);
    }
    return null;
  }
}
