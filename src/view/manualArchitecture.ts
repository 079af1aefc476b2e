// "Enter architecture…": the typed answers read into an Architecture. Sizes may be expressions
// (`28*28`, `2^10`, `[28, 28, 1]`, `2*d`), read with mathjs, so this module runs only in the
// analysis worker (src/workers/analysis.ts): mathjs stays out of extension.js and the chart worker.
import { ACTIVATIONS, type Activation, type Architecture, type HiddenLayer } from '../engine/types';
import { evaluateExpression, SIZE_RULE, type Evaluated } from '../input/sizeExpression';
import { LIMITS } from '../protocol';

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

/** A size as a user types it ("784", "1_000", "28*28", "[28, 28, 1]"; "2*d" once d is known), or why it is not one. */
export function readSize(text: string | undefined, known: Readonly<Record<string, number>> = {}): Evaluated {
  return evaluateExpression(text ?? '', SIZE_RULE, known);
}

/** The widths of "256, 2*256, [4, 4]": commas outside brackets separate them. */
export function splitWidths(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function parseWidths(text: string | undefined, known: Readonly<Record<string, number>> = {}): Parsed<number[]> {
  const parts = splitWidths(text ?? '');
  if (parts.length === 0) return { ok: false, error: 'Enter at least one width, e.g. "256, 512".' };
  if (parts.length > LIMITS.depth.max) return { ok: false, error: `At most ${LIMITS.depth.max} hidden layers.` };
  const widths: number[] = [];
  for (const p of parts) {
    const v = readSize(p, known);
    if (!v.ok) return { ok: false, error: `"${p.slice(0, 20)}": ${v.reason}.` };
    widths.push(v.value);
  }
  return { ok: true, value: widths };
}

export function parseActivation(text: string | undefined): Activation | null {
  const t = (text ?? '').trim();
  const found = ACTIVATIONS.find((a) => a.toLowerCase() === t.toLowerCase());
  return found ?? null;
}

/** A size field, or the error that names it ("The input dimension: …"). */
function field(what: string, text: string | undefined, known: Readonly<Record<string, number>> = {}): Parsed<number> {
  const r = readSize(text, known);
  return r.ok ? { ok: true, value: r.value } : { ok: false, error: `${what}: ${r.reason}.` };
}

export function buildManualArchitecture(input: ManualInput): Parsed<Architecture> {
  const d = field('The input dimension', input.inputDim);
  if (!d.ok) return d;
  // Later answers may name the input dimension ("2*d").
  const known = { d: d.value };
  if (input.kind === 'attention') {
    const L = field('The context length L', input.contextLength, known);
    if (!L.ok) return L;
    const dk = field('The query-key rows d_k', input.queryKeyRows ?? input.inputDim, known);
    if (!dk.ok) return dk;
    return {
      ok: true,
      value: { inputDim: d.value, layers: [{ kind: 'attention', contextLength: L.value, queryKeyRows: dk.value }] },
    };
  }
  const widths = parseWidths(input.widths, known);
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
      value: { inputDim: d.value, layers: widths.value.map((width) => ({ kind: 'dense', width, activation, bias })) },
    };
  }
  const S = field('The patch size', input.patchSize, known);
  if (!S.ok) return S;
  if (d.value % S.value !== 0)
    return { ok: false, error: `The input dimension ${d.value} is not a whole number of patches of ${S.value}.` };
  const n = d.value / S.value;
  // Later conv layers keep the n positions the first one made, one position per patch (1x1 kernels).
  const layers: HiddenLayer[] = widths.value.map((channels, i) => ({
    kind: 'conv',
    channels,
    patchSize: i === 0 ? S.value : 1,
    patchCount: n,
    activation,
    bias,
  }));
  return { ok: true, value: { inputDim: d.value, layers } };
}
