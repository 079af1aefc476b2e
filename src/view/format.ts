// Words and numbers for every surface (sidebar, CodeLens, hover, notifications, Markdown and
// LaTeX copies), so they all say the same thing. Pure: engine types in, strings out.
import type {
  Analysis,
  AnalysisResult,
  Candidate,
  Exponents,
  FlagKind,
  LayerPattern,
  ValidityFlag,
} from '../engine/types';
import type { FlagView, WhyView } from '../protocol';
import { scalingTerms } from '../present/labels';
import { formatExact, formatNumber } from '../present/numbers';

/** "P* ∝ N2^1/2 · d^1/2"; exact fractions as the engine reports them. */
export function exponentText(exponents: Exponents): string {
  const parts = scalingTerms(exponents).map(([size, e]) => (e === '1' ? size : `${size}^${e}`));
  return parts.length === 0 ? 'P* does not grow with any size' : `P* ∝ ${parts.join(' · ')}`;
}

export function isLazy(candidate: Candidate): boolean {
  return candidate.layers.every((l) => l.pattern === 'GP');
}

/** "P* ≈ 6.1e2 · κ" when κ = 1 is the default reading, with the O(1) caveat stated once. */
export function pStarText(analysis: Pick<Analysis, 'energy' | 'kappa' | 'pStar'>): string {
  return `P* ≈ ${formatNumber(analysis.pStar)} samples (κ·E, κ = ${formatNumber(analysis.kappa)}; a scale up to an unknown O(1) factor)`;
}

function featureWords(degree: number | null): string {
  if (degree === null || degree === 1) return 'the target direction';
  return `the degree-${degree} feature of the target direction (He${degree})`;
}

export type LayerUnitKind = 'dense' | 'conv' | 'attention';

function unitNoun(kind: LayerUnitKind, plural: boolean): string {
  if (kind === 'conv') return plural ? 'channels' : 'channel';
  if (kind === 'attention') return plural ? 'query-key rows' : 'query-key row';
  return plural ? 'neurons' : 'neuron';
}

const approx = (x: number): string => formatNumber(x);

/**
 * What one hidden layer does under the winning pattern, in a practitioner's words:
 * "layer 2: ~3 neurons specialise on the target direction".
 * `width` is the layer's N (neurons, channels or rows), used when a constraint binds at N.
 */
export function layerVerdict(lp: LayerPattern, kind: LayerUnitKind, width: number | null): string {
  const head = `layer ${lp.layer}`;
  const value = lp.param?.value ?? null;
  const feature = featureWords(lp.degree);
  switch (lp.pattern) {
    case 'GP':
      return `${head}: stays lazy (GP) — no feature learning; its kernel is the untrained one`;
    case 'Spec': {
      const m = value ?? 1;
      const all = width !== null && m >= width;
      const count = all
        ? `all ${width} ${unitNoun(kind, true)}`
        : m < 1.5
          ? `~1 ${unitNoun(kind, false)}`
          : `~${approx(m)} ${unitNoun(kind, true)}`;
      const verb = !all && m < 1.5 ? 'specialises' : 'specialise';
      const passes = lp.produces !== null && lp.produces !== lp.degree ? `, passing on degree ${lp.produces}` : '';
      return `${head}: ${count} ${verb} on ${feature}${passes}`;
    }
    case 'Mag':
      return `${head}: the ${unitNoun(kind, true)} carry a small shared mean along ${feature} (total β ≈ ${approx(value ?? 0)}), relaying what the layer below learned`;
    case 'GFL':
      return `${head}: Gaussian feature learning — ${feature} is amplified ×${approx(value ?? 1)} in the kernel, without any ${unitNoun(kind, false)} locking on`;
  }
}

/** The pattern of one layer in a few words, for the sidebar's narrow layer table: "Spec, ~2.8 neurons". */
export function layerShort(lp: LayerPattern, kind: LayerUnitKind): string {
  const v = lp.param?.value ?? null;
  switch (lp.pattern) {
    case 'GP':
      return 'GP (lazy)';
    case 'Spec':
      return `Spec, ~${approx(v ?? 1)} ${unitNoun(kind, (v ?? 1) >= 1.5)}`;
    case 'Mag':
      return `Mag, β ≈ ${approx(v ?? 0)}`;
    case 'GFL':
      return `GFL, ×${approx(v ?? 1)}`;
  }
}

/** Labels of the candidates that scale like the winner (Analysis.groups), winner excluded. */
export function competingLabels(analysis: Analysis): string[] {
  const group = analysis.groups.find((g) => g.keys.includes(analysis.winner.key));
  if (!group) return [];
  const byKey = new Map(analysis.candidates.map((c) => [c.key, c]));
  return group.keys
    .filter((k) => k !== analysis.winner.key)
    .map((k) => byKey.get(k))
    .filter((c): c is Candidate => c !== undefined)
    .map((c) => c.label);
}

const MARKS: Record<FlagKind, string> = {
  'information-floor': 'below ~d',
  'small-width': 'narrow',
  'near-crossover': 'near a crossover',
  rough: 'rough',
};

/** The flag's short mark ("below ~d", "rough") for the CodeLens and the sidebar's badges. */
export function flagMark(kind: FlagKind): string {
  return MARKS[kind] ?? kind;
}

export function flagViews(flags: readonly ValidityFlag[]): FlagView[] {
  return flags.map((f) => ({ mark: flagMark(f.kind), sentence: f.sentence }));
}

/** The distinct marks, in the order the flags come: "⚠ below ~d, rough". */
export function flagMarks(flags: readonly ValidityFlag[]): string {
  const marks = [...new Set(flags.map((f) => flagMark(f.kind)))];
  return marks.length === 0 ? '' : `⚠ ${marks.join(', ')}`;
}

/** The lens's default text (setting `tfjsScaling.codeLens.template`). */
export const DEFAULT_LENS_TEMPLATE = '{pattern} · P* ≈ {pStar} samples{mark}';

/**
 * The lens above a model, from a template with the placeholders {pattern}, {pStar}, {energy},
 * {kappa}, {exponents} and {mark}. {mark} is the prediction's validity marks (" · ⚠ rough"), empty when it has none.
 */
export function codeLensText(
  result: AnalysisResult | { error: string },
  template: string = DEFAULT_LENS_TEMPLATE,
): string {
  if ('error' in result) return `Scaling: ${result.error}`;
  if (!result.reachable) return `Scaling: target unreachable — ${result.reason}`;
  const lazy = isLazy(result.winner) ? ' (lazy regime)' : '';
  const marks = flagMarks(result.flags);
  const values: Record<string, string> = {
    pattern: `${result.winner.label}${lazy}`,
    pStar: formatNumber(result.pStar),
    energy: formatNumber(result.energy),
    kappa: formatNumber(result.kappa),
    exponents: exponentText(result.winner.exponents),
    mark: marks ? ` · ${marks}` : '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const PROVENANCE = { paper: 'paper', convention: 'our convention', derivation: 'our derivation' } as const;

/** "Why this pattern" for one candidate. */
export function whyView(c: Candidate, kappa: number): WhyView {
  const params = c.layers
    .filter((l) => l.param)
    .map(
      (l) =>
        `${l.param!.name === 'beta' ? 'β' : l.param!.name}${l.part ? ` (${l.part})` : l.layer} = ${formatExact(l.param!.value)}${l.param!.binds ? ` (bound ${l.param!.binds})` : ''}`,
    );
  const terms = c.why.terms;
  return {
    label: c.label,
    heading: `E = ${formatExact(c.energy)}, P* ≈ ${formatNumber(kappa * c.energy)}`,
    terms: terms.map((t) => ({
      payer: t.payer,
      role: t.role,
      symbolic: t.symbolic,
      numeric: t.numeric,
      value: formatExact(t.value),
    })),
    sum:
      terms.length > 1
        ? `E = ${terms.map((t) => formatExact(t.value)).join(' + ')} = ${formatExact(c.energy)}`
        : `E = ${formatExact(c.energy)}`,
    optimum:
      params.length === 0
        ? ''
        : `${params.join(', ')}; ${c.binds.length ? `binding: ${c.binds.join(', ')}` : 'no bound binds: the terms balance'}`,
    rules: c.why.rules.map((r) => ({ rule: r.rule, provenance: PROVENANCE[r.provenance] })),
  };
}

export interface HoverProbe {
  size: string;
  value: number;
  current: AnalysisResult;
  halved: AnalysisResult | null;
  doubled: AnalysisResult | null;
}

// The ratio of two predictions for the same model: their unknown O(1) factor cancels, so it is exact.
function ratio(a: AnalysisResult | null, base: AnalysisResult): string {
  if (a === null) return 'n/a';
  if (!a.reachable) return 'target unreachable';
  if (!base.reachable) return `${formatNumber(a.energy)}·κ`;
  const r = a.energy / base.energy;
  const change = a.winner.key !== base.winner.key ? `, winner becomes ${a.winner.label}` : '';
  return `${formatNumber(a.energy)}·κ (×${formatExact(r)}${change})`;
}

/** Markdown for the hover on a layer's width: how P* moves if that width is halved or doubled. */
export function hoverMarkdown(probe: HoverProbe): string {
  const { size, value, current } = probe;
  if (!current.reachable) return `**${size} = ${value}** — target unreachable: ${current.reason}`;
  const half = Math.max(1, Math.round(value / 2));
  const lines = [
    `**${size} = ${value}** · ${current.winner.label} · P* ≈ ${formatNumber(current.energy)}·κ`,
    '',
    `- halved (${size} = ${half}): P* ≈ ${ratio(probe.halved, current)}`,
    `- doubled (${size} = ${value * 2}): P* ≈ ${ratio(probe.doubled, current)}`,
    '',
    `_Local exponent ∂log P*/∂log ${size} = ${formatLocal(current.winner.localExponents[size])}; a scale, up to an O(1) factor._`,
    '',
    `Robustness: ${current.robustness.sentence}`,
    ...current.flags.map((f) => `- ⚠ **${flagMark(f.kind)}:** ${f.sentence}`),
  ];
  return lines.join('\n');
}

function formatLocal(x: number | undefined): string {
  return x === undefined ? '0' : formatExact(x);
}
