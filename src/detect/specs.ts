// Turns what the interpreter recorded (models, layer uses, abstract values) into the plain
// ModelSpec data the rest of the extension reads.
import ts from './typescript';
import { defaultActivation, layerInfo, roleOf } from './catalog';
import { containersOf, functionNameOf, classNameOf, isFunctionLike } from './interpreter';
import type { CreatedModel } from './tfjsSemantics';
import { lineOf, rangeOf, unionRange } from './ranges';
import type { DetectedLayer, ModelSpec, SizeExpr, SizeOrigin, SizeValue, SourceRange, UnknownSize } from './types';
import { mergeOrigins, type LayerUse, type Value } from './values';

/** Collects the open symbols of one model, each once, with the first reason found. */
export class UnknownCollector {
  readonly list: UnknownSize[] = [];

  add(u: UnknownSize): void {
    if (!this.list.some((x) => x.symbol === u.symbol)) this.list.push(u);
  }
}

/** A size from an abstract value; `what` names it in reasons ("units of the dense layer at line 4"). */
export function sizeOf(
  v: Value,
  what: string,
  fallbackSymbol: string,
  range: SourceRange | null,
  unknowns: UnknownCollector,
): SizeValue {
  if (v.kind === 'number')
    return v.from ? { kind: 'known', value: v.value, from: v.from } : { kind: 'known', value: v.value };
  if (v.kind === 'unknown' && v.free.length > 0) {
    for (const f of v.free)
      unknowns.add({ symbol: f.symbol, reason: `${what} comes from ${f.origin}`, range: f.range });
    const first = v.free[0]!;
    const size: SizeValue = {
      kind: 'unknown',
      symbol: first.symbol,
      reason: `${what} comes from ${first.origin}`,
      range: first.range,
    };
    if (v.expr && !(v.expr.op === 'sym' && v.expr.name === first.symbol)) size.expr = v.expr;
    return size;
  }
  const reason = v.kind === 'null' ? `${what} is null (set at run time)` : `${what} is not a number the code fixes`;
  unknowns.add({ symbol: fallbackSymbol, reason, range });
  return { kind: 'unknown', symbol: fallbackSymbol, reason, range };
}

function prop(v: Value, key: string): Value {
  if (v.kind === 'layer') return prop(v.layer.config, key);
  if (v.kind === 'object') return v.props.get(key) ?? { kind: 'undefined' };
  if (v.kind === 'unknown') {
    const root = v.free[0];
    if (!root) return v;
    return {
      kind: 'unknown',
      free: [
        { symbol: `${root.symbol}.${key}`, origin: `\`${root.symbol}.${key}\` of ${root.origin}`, range: root.range },
      ],
      expr: { op: 'sym', name: `${root.symbol}.${key}` },
    };
  }
  return { kind: 'undefined' };
}

/** Reads `kernelSize: 3` or `[3, 3]` as one number per spatial axis; null when the code leaves it open. */
function geometry(v: Value, rank: number, fallback: number[] | null): number[] | null | 'open' {
  if (v.kind === 'undefined') return fallback;
  if (v.kind === 'number') return new Array<number>(rank).fill(v.value);
  if (v.kind === 'array' && v.items.every((x) => x.kind === 'number')) {
    const nums = v.items.map((x) => (x.kind === 'number' ? x.value : 0));
    return nums.length === 1 ? new Array<number>(rank).fill(nums[0] ?? 1) : nums;
  }
  return 'open';
}

function describeOpen(v: Value): string {
  if (v.kind === 'unknown' && v.free[0]) return v.free[0].origin;
  return 'a value the code does not fix';
}

export function readLayer(
  use: LayerUse,
  sf: ts.SourceFile,
  unknowns: UnknownCollector,
  notes: string[],
): DetectedLayer {
  const { kind, config } = use.layer;
  const info = layerInfo(kind);
  const range = rangeOf(use.layer.node, sf);
  const line = lineOf(range);
  const at = `the ${kind} layer at line ${line}`;
  const layer: DetectedLayer = { kind, role: roleOf(info.family), units: null, activation: null, useBias: true, range };
  const open: string[] = [];

  const unitsKey =
    info.family === 'dense' || info.family === 'recurrent'
      ? 'units'
      : info.family === 'conv' || info.family === 'separableConv'
        ? 'filters'
        : info.family === 'embedding'
          ? 'outputDim'
          : null;
  if (unitsKey) {
    const v = kind === 'bidirectional' ? prop(prop(config, 'layer'), 'units') : prop(config, unitsKey);
    if (v.kind === 'undefined') {
      const reason = `${at} sets no ${unitsKey}`;
      unknowns.add({ symbol: `line${line}.${unitsKey}`, reason, range });
      layer.units = { kind: 'unknown', symbol: `line${line}.${unitsKey}`, reason, range };
    } else {
      layer.units = sizeOf(v, `${unitsKey} of ${at}`, `line${line}.${unitsKey}`, range, unknowns);
    }
  }

  const act = prop(config, 'activation');
  if (act.kind === 'string') layer.activation = act.value === 'linear' ? null : act.value;
  else if (act.kind === 'undefined') layer.activation = info.activation ?? defaultActivation(info.family);
  else open.push(`the activation of ${at} comes from ${describeOpen(act)}`);

  const bias = prop(config, 'useBias');
  if (bias.kind === 'boolean') layer.useBias = bias.value;
  else if (bias.kind !== 'undefined')
    notes.push(`useBias of ${at} is not fixed by the code; read as true (the tfjs default)`);

  const rank = info.rank ?? 1;
  if (info.family === 'conv' || info.family === 'separableConv' || info.family === 'depthwiseConv') {
    const k = geometry(prop(config, 'kernelSize'), rank, null);
    const s = geometry(prop(config, 'strides'), rank, new Array<number>(rank).fill(1));
    if (k === 'open' || k === null)
      open.push(
        `the kernelSize of ${at} ${k === null ? 'is not set' : `comes from ${describeOpen(prop(config, 'kernelSize'))}`}`,
      );
    else layer.kernelSize = k;
    if (s === 'open' || s === null)
      open.push(`the strides of ${at} come from ${describeOpen(prop(config, 'strides'))}`);
    else layer.strides = s;
    if (info.family === 'depthwiseConv') {
      const m = prop(config, 'depthMultiplier');
      if (m.kind === 'number') layer.depthMultiplier = m.value;
      else if (m.kind === 'undefined') layer.depthMultiplier = 1;
      else open.push(`the depthMultiplier of ${at} comes from ${describeOpen(m)}`);
    }
  }
  if (info.family === 'pool') {
    const p = geometry(prop(config, 'poolSize'), rank, new Array<number>(rank).fill(2));
    if (p === 'open' || p === null)
      open.push(`the poolSize of ${at} comes from ${describeOpen(prop(config, 'poolSize'))}`);
    else {
      layer.poolSize = p;
      const s = geometry(prop(config, 'strides'), rank, p);
      if (s === 'open' || s === null)
        open.push(`the strides of ${at} come from ${describeOpen(prop(config, 'strides'))}`);
      else layer.strides = s;
    }
  }
  if (
    info.family === 'conv' ||
    info.family === 'separableConv' ||
    info.family === 'depthwiseConv' ||
    info.family === 'pool'
  ) {
    const pad = prop(config, 'padding');
    if (pad.kind === 'string' && (pad.value === 'same' || pad.value === 'valid')) layer.padding = pad.value;
    else if (pad.kind === 'undefined') layer.padding = 'valid';
    else
      open.push(
        `the padding of ${at} is ${pad.kind === 'string' ? `'${pad.value}', which the theory does not read` : 'not fixed by the code'}`,
      );
    const format = prop(config, 'dataFormat');
    if (format.kind === 'string' && format.value === 'channelsFirst')
      open.push(`${at} uses channelsFirst, which detection does not read`);
  }
  if (info.family === 'reshape') {
    const t = prop(config, 'targetShape');
    if (t.kind === 'array')
      layer.targetShape = t.items.map((x, i) =>
        sizeOf(x, `dimension ${i + 1} of the target shape of ${at}`, `line${line}.targetShape[${i}]`, range, unknowns),
      );
    else open.push(`the targetShape of ${at} comes from ${describeOpen(t)}`);
  }
  if (use.repeat) {
    layer.repeat = sizeOf(use.repeat, `the number of times a loop adds ${at}`, `line${line}.repeat`, range, unknowns);
  }
  if (use.condition) notes.push(`${at} is added only when ${use.condition} holds; read as added`);
  if (layer.role === 'outside-theory') {
    notes.push(
      info.family === 'other' ? `${at} (${kind}) is not a layer the theory covers` : `${at} is outside the theory`,
    );
  }
  if (open.length > 0) layer.unresolved = open.join('; ');
  return layer;
}

/** The input shape one layer's config declares (`inputShape`, `batchInputShape`, `inputDim`, `inputLength`), or that of the layer a wrapper holds. */
export function declaredShape(use: LayerUse): Value | null {
  const config = use.layer.config;
  const shape = prop(config, 'inputShape');
  if (shape.kind !== 'undefined') return shape;
  const batch = prop(config, 'batchInputShape');
  if (batch.kind === 'array') return { kind: 'array', items: batch.items.slice(1) };
  if (batch.kind === 'unknown') return batch;
  const dim = prop(config, 'inputDim');
  if (dim.kind !== 'undefined' && use.layer.kind !== 'embedding') return { kind: 'array', items: [dim] };
  const length = prop(config, 'inputLength');
  if (length.kind !== 'undefined') return { kind: 'array', items: [length] };
  const inner = prop(config, 'layer');
  if (inner.kind === 'layer') return declaredShape({ layer: inner.layer, repeat: null, condition: null });
  return null;
}

/**
 * The input shape a sequential model's code gives: tfjs takes it from the first layer, whatever
 * that layer is (a leading batchNormalization, dropout or reshape carries it as well as a dense
 * one). Layers that change nothing the theory sees are looked through, up to the first one that
 * does, so a shape written one layer late is still read.
 */
export function firstLayerShape(uses: readonly LayerUse[]): Value | null {
  for (const use of uses) {
    const shape = declaredShape(use);
    if (shape !== null) return shape;
    const family = layerInfo(use.layer.kind).family;
    if (family !== 'neutral' && family !== 'input') return null;
  }
  return null;
}

export function inputSizes(
  shape: Value | null,
  range: SourceRange | null,
  unknowns: UnknownCollector,
): { inputShape: SizeValue[] | null; inputDim: SizeValue } {
  if (shape === null) {
    const reason =
      'the input dimension is not set: the first layer has no inputShape, batchInputShape or inputDim (tfjs takes it from the data)';
    unknowns.add({ symbol: 'inputDim', reason, range });
    return { inputShape: null, inputDim: { kind: 'unknown', symbol: 'inputDim', reason, range } };
  }
  if (shape.kind !== 'array') {
    return { inputShape: null, inputDim: sizeOf(shape, 'the input dimension', 'inputDim', range, unknowns) };
  }
  const what = (i: number): string =>
    shape.items.length === 1 ? 'the input dimension' : `dimension ${i + 1} of the input shape`;
  const dims = shape.items.map((v, i) => sizeOf(v, what(i), `inputShape[${i}]`, range, unknowns));
  return { inputShape: dims, inputDim: productSize(dims) };
}

export function productSize(dims: SizeValue[]): SizeValue {
  if (dims.every((d) => d.kind === 'known')) {
    const value = dims.reduce((p, d) => p * (d.kind === 'known' ? d.value : 1), 1);
    const from = mergeOrigins(dims.map((d) => (d.kind === 'known' ? d.from : undefined)));
    return from ? { kind: 'known', value, from } : { kind: 'known', value };
  }
  const firstOpen = dims.find((d) => d.kind === 'unknown');
  if (!firstOpen || firstOpen.kind !== 'unknown') return { kind: 'known', value: 1 };
  const exprs: SizeExpr[] = dims.map((d) =>
    d.kind === 'known' ? { op: 'num', value: d.value } : (d.expr ?? { op: 'sym', name: d.symbol }),
  );
  const expr = exprs.slice(1).reduce<SizeExpr>((acc, e) => ({ op: '*', left: acc, right: e }), exprs[0]!);
  const size: SizeValue = {
    kind: 'unknown',
    symbol: firstOpen.symbol,
    reason: firstOpen.reason,
    range: firstOpen.range,
  };
  if (!(expr.op === 'sym' && expr.name === firstOpen.symbol)) size.expr = expr;
  return size;
}

/** Marks the last dense layer as the readout. */
export function assignReadout(layers: DetectedLayer[]): void {
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    if (l && l.kind === 'dense') {
      l.role = 'readout';
      return;
    }
  }
}

export function specFromRecord(created: CreatedModel, sf: ts.SourceFile, warnings: string[]): Omit<ModelSpec, 'name'> {
  const { record } = created;
  const unknowns = new UnknownCollector();
  const notes: string[] = [...record.notes];
  const layers = record.layers.map((u) => readLayer(u, sf, unknowns, notes));
  assignReadout(layers);
  let range = rangeOf(record.node, sf);
  // The model's range spans the statements that build it where it is built, not helpers elsewhere.
  const home = innermostFunction(record.node);
  for (const n of record.touched) if (innermostFunction(n) === home) range = unionRange(range, rangeOf(n, sf));
  const shapeValue =
    record.style === 'functional'
      ? (record.inputShape ?? firstLayerShape(record.layers))
      : firstLayerShape(record.layers);
  const shapeRange = record.inputNode ? rangeOf(record.inputNode, sf) : (layers[0]?.range ?? range);
  const inputUnknowns = new UnknownCollector();
  const input = inputSizes(shapeValue, shapeRange, inputUnknowns);
  // Input symbols first: the UI asks for the input dimension before widths.
  const all = new UnknownCollector();
  for (const u of [...inputUnknowns.list, ...unknowns.list]) all.add(u);
  return {
    style: record.style,
    range,
    inputShape: input.inputShape,
    inputDim: input.inputDim,
    layers,
    unknowns: all.list,
    notes: [...new Set([...notes, ...warnings])],
    ...(record.error === null ? {} : { error: record.error }),
    ...originsOf(input.inputShape ?? [input.inputDim], layers),
    ...(created.calls ? { calls: created.calls.map((c) => ({ file: c.file, line: c.line })) } : {}),
  };
}

/** The sizes of a model fixed outside its own code (another file, a call), each once; nothing when there are none. */
function originsOf(input: readonly SizeValue[], layers: readonly DetectedLayer[]): { origins?: SizeOrigin[] } {
  const sizes = [...input, ...layers.flatMap((l) => [l.units, l.repeat ?? null, ...(l.targetShape ?? [])])];
  const origins = mergeOrigins(sizes.map((s) => (s?.kind === 'known' ? s.from : undefined)));
  return origins ? { origins } : {};
}

function innermostFunction(node: ts.Node): ts.Node | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return null;
}

/** The function or class a model is built in, for its name. */
export function ownerName(node: ts.Node): string | null {
  const containers = containersOf(node);
  for (let i = containers.length - 1; i >= 0; i--) {
    const c = containers[i]!;
    if (ts.isClassLike(c)) return classNameOf(c);
    if (isFunctionLike(c)) {
      const name = functionNameOf(c);
      if (name) return name;
    }
  }
  return null;
}

/** Names every model after its function, class or variable; models that would share a name get their variable added. */
export function nameModels(created: CreatedModel[]): string[] {
  const bySite = new Map<ts.Node, number>();
  for (const c of created) bySite.set(c.record.node, (bySite.get(c.record.node) ?? 0) + 1);
  const base = created.map((c) => {
    const owner = ownerName(c.record.node);
    const outer = c.names.at(-1) ?? null;
    if ((bySite.get(c.record.node) ?? 0) > 1) return outer ?? owner ?? 'model';
    return owner ?? c.names[0] ?? 'model';
  });
  const withVar = base.map((name, i) => {
    const dup = base.filter((n) => n === name).length > 1;
    const v = created[i]?.names[0];
    return dup && v && v !== name ? `${name}.${v}` : name;
  });
  const seen = new Map<string, number>();
  return withVar.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const total = withVar.filter((n) => n === name).length;
    return total > 1 ? `${name} #${count}` : name;
  });
}
