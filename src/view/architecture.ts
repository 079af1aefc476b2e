// Architecture-level helpers for the host: the engine's size names per layer, what-if edits
// (a width or the depth changed without touching the code). (The hand-entered architecture is read in manualArchitecture.ts.)
import type { Architecture, HiddenLayer } from '../engine/types';
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
