// Architecture-level helpers for the host: the engine's size names per layer, what-if edits
// (a width or the depth changed without touching the code) and the hand-entered architecture.
import { ACTIVATIONS, type Activation, type Architecture, type HiddenLayer } from '../engine/types';
import { own } from '../own';
import { LIMITS, type WhatIfControl } from '../protocol';

/** The size name the engine gives hidden layer i (0-based): "N1", "N2", … or "d_k" for attention. */
export function hiddenSizeName(arch: Architecture, i: number): string {
  return arch.layers[i]?.kind === 'attention' ? 'd_k' : `N${i + 1}`;
}

export function layerWidth(layer: HiddenLayer): number {
  switch (layer.kind) {
    case 'dense':
      return layer.width;
    case 'conv':
      return layer.channels;
    case 'attention':
      return layer.queryKeyRows;
  }
}

function withWidth(layer: HiddenLayer, value: number): HiddenLayer {
  switch (layer.kind) {
    case 'dense':
      return { ...layer, width: value };
    case 'conv':
      return { ...layer, channels: value };
    case 'attention':
      return { ...layer, queryKeyRows: value };
  }
}

/** Depth edits only make sense for a stack of dense layers: extra layers repeat the last one. */
export function depthEditable(arch: Architecture): boolean {
  return arch.layers.length > 0 && arch.layers.every((l) => l.kind === 'dense');
}

/**
 * The architecture with the user's what-if values applied. Keys are size names ("N2", "d_k",
 * "L") or "depth"; a key that names no size of this architecture is ignored.
 */
export function applyWhatIf(arch: Architecture, whatIf: Readonly<Record<string, number>>): Architecture {
  let layers = [...arch.layers];
  const depth = whatIf.depth;
  if (depth !== undefined && depthEditable(arch)) {
    const last = layers[layers.length - 1];
    if (depth < layers.length) layers = layers.slice(0, Math.max(1, depth));
    else if (last) while (layers.length < depth) layers.push({ ...last });
  }
  const next: Architecture = { inputDim: arch.inputDim, layers };
  // How the code was read (softmax readout, pooling, overlap) does not change with a what-if width.
  if (arch.readings) next.readings = arch.readings;
  next.layers = layers.map((layer, i) => {
    let out = layer;
    const w = own(whatIf, hiddenSizeName(next, i));
    if (w !== undefined) out = withWidth(out, w);
    const L = whatIf.L;
    if (out.kind === 'attention' && L !== undefined) out = { ...out, contextLength: L };
    return out;
  });
  return next;
}

function logRange(base: number): { min: number; max: number } {
  return {
    min: Math.max(LIMITS.size.min, Math.floor(base / 64)),
    max: Math.min(LIMITS.size.max, Math.max(base * 64, 64)),
  };
}

/** One slider per width (and the context length of an attention head), and one for depth. */
export function whatIfControls(base: Architecture, whatIf: Readonly<Record<string, number>>): WhatIfControl[] {
  const controls: WhatIfControl[] = [];
  const shown = applyWhatIf(base, whatIf);
  shown.layers.forEach((layer, i) => {
    const size = hiddenSizeName(shown, i);
    const baseLayer = base.layers[i] ?? base.layers[base.layers.length - 1];
    const b = baseLayer ? layerWidth(baseLayer) : layerWidth(layer);
    const noun = layer.kind === 'conv' ? 'channels' : layer.kind === 'attention' ? 'query-key rows' : 'width';
    controls.push({
      size,
      label: `${size} (layer ${i + 1} ${noun})`,
      base: b,
      value: layerWidth(layer),
      ...logRange(b),
      scale: 'log',
    });
    if (layer.kind === 'attention') {
      const baseL = baseLayer?.kind === 'attention' ? baseLayer.contextLength : layer.contextLength;
      controls.push({
        size: 'L',
        label: 'L (context length)',
        base: baseL,
        value: layer.contextLength,
        ...logRange(baseL),
        scale: 'log',
      });
    }
  });
  if (depthEditable(base)) {
    controls.push({
      size: 'depth',
      label: 'depth (hidden layers)',
      base: base.layers.length,
      value: shown.layers.length,
      min: LIMITS.depth.min,
      max: Math.max(LIMITS.depth.min, Math.min(LIMITS.depth.max, base.layers.length + 3)),
      scale: 'linear',
    });
  }
  return controls;
}

// ---- the hand-entered architecture ----

export type ManualKind = 'mlp' | 'cnn' | 'attention';

export interface ManualInput {
  kind: ManualKind;
  /** "256, 512" (MLP widths or CNN channels per layer). */
  widths?: string;
  inputDim?: string;
  activation?: string;
  bias?: boolean;
  /** CNN: inputs per patch of the first layer. */
  patchSize?: string;
  /** Attention: context length L and query-key rows d_k. */
  contextLength?: string;
  queryKeyRows?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A positive whole number as a user types it ("784", "1e3", "1_000"); null when it is not one. */
export function parseSize(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim().replace(/_/g, '');
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isInteger(v) && v >= LIMITS.size.min && v <= LIMITS.size.max ? v : null;
}

export function parseWidths(text: string | undefined): Parsed<number[]> {
  const parts = (text ?? '').split(/[\s,;x×]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return { ok: false, error: 'Enter at least one width, e.g. "256, 512".' };
  if (parts.length > LIMITS.depth.max) return { ok: false, error: `At most ${LIMITS.depth.max} hidden layers.` };
  const widths: number[] = [];
  for (const p of parts) {
    const v = parseSize(p);
    if (v === null)
      return { ok: false, error: `"${p.slice(0, 20)}" is not a whole number from 1 to ${LIMITS.size.max}.` };
    widths.push(v);
  }
  return { ok: true, value: widths };
}

export function parseActivation(text: string | undefined): Activation | null {
  const t = (text ?? '').trim();
  const found = ACTIVATIONS.find((a) => a.toLowerCase() === t.toLowerCase());
  return found ?? null;
}

export function buildManualArchitecture(input: ManualInput): Parsed<Architecture> {
  const d = parseSize(input.inputDim);
  if (d === null)
    return { ok: false, error: `The input dimension must be a whole number from 1 to ${LIMITS.size.max}.` };
  if (input.kind === 'attention') {
    const L = parseSize(input.contextLength);
    const dk = parseSize(input.queryKeyRows ?? input.inputDim);
    if (L === null) return { ok: false, error: 'The context length L must be a whole number ≥ 1.' };
    if (dk === null) return { ok: false, error: 'The query-key rows d_k must be a whole number ≥ 1.' };
    return { ok: true, value: { inputDim: d, layers: [{ kind: 'attention', contextLength: L, queryKeyRows: dk }] } };
  }
  const widths = parseWidths(input.widths);
  if (!widths.ok) return widths;
  const activation = parseActivation(input.activation ?? 'relu');
  if (activation === null)
    return {
      ok: false,
      error: `Unknown activation "${(input.activation ?? '').slice(0, 20)}"; one of: ${ACTIVATIONS.join(', ')}.`,
    };
  const bias = input.bias ?? true;
  if (input.kind === 'mlp') {
    return {
      ok: true,
      value: { inputDim: d, layers: widths.value.map((width) => ({ kind: 'dense', width, activation, bias })) },
    };
  }
  const S = parseSize(input.patchSize);
  if (S === null) return { ok: false, error: 'The patch size (inputs per patch) must be a whole number ≥ 1.' };
  if (d % S !== 0) return { ok: false, error: `The input dimension ${d} is not a whole number of patches of ${S}.` };
  const n = d / S;
  // Later conv layers keep the n positions the first one made, one position per patch (1x1 kernels).
  const layers: HiddenLayer[] = widths.value.map((channels, i) => ({
    kind: 'conv',
    channels,
    patchSize: i === 0 ? S : 1,
    patchCount: n,
    activation,
    bias,
  }));
  return { ok: true, value: { inputDim: d, layers } };
}
