// "Copy prediction as Markdown / LaTeX": the same facts as the sidebar, for a PR or a paper.
import type { Analysis, Architecture, Exponents } from '../engine/types';
import { competingLabels, exponentText, formatScale, sizeOrder, winnerLabel } from './format';

export interface PredictionReport {
  model: string;
  fileName: string | null;
  architecture: Architecture;
  analysis: Analysis;
  verdicts: string[];
  assumptions: string[];
}

/** "d = 64 → dense 256 (erf) → dense 512 (erf) → linear readout". */
export function describeArchitecture(arch: Architecture): string {
  const layers = arch.layers.map((l) => {
    switch (l.kind) {
      case 'dense':
        return `dense ${l.width} (${l.activation}${l.bias ? '' : ', no bias'})`;
      case 'conv':
        return `conv ${l.channels} ch × ${l.patchCount} patches of ${l.patchSize} (${l.activation}${l.overlapping ? ', overlapping' : ''})`;
      case 'attention':
        return `attention L = ${l.contextLength}, d_k = ${l.queryKeyRows}`;
    }
  });
  return [`d = ${arch.inputDim}`, ...layers, 'linear readout'].join(' → ');
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

export function toMarkdown(r: PredictionReport): string {
  const a = r.analysis;
  const where = r.fileName ? ` (${mdEscape(r.fileName)})` : '';
  const lines = [
    `### Sample complexity of \`${r.model.replace(/`/g, "'")}\`${where}`,
    '',
    `- **Architecture:** ${mdEscape(describeArchitecture(r.architecture))}`,
    `- **Winning pattern:** ${mdEscape(winnerLabel(a.winner))}`,
    `- **P\\*** ≈ ${formatScale(a.pStar)} samples (κ = ${formatScale(a.kappa)}, target degree ${a.degree}) — a scale, up to an unknown O(1) factor`,
    `- **Scaling:** ${mdEscape(exponentText(a.winner.exponents))}`,
  ];
  const competing = competingLabels(a);
  if (competing.length > 0) lines.push(`- **Same scaling, not separable by scale analysis:** ${competing.map(mdEscape).join(', ')}`);
  lines.push('', '| layer | what it learns |', '|---|---|');
  r.verdicts.forEach((v, i) => lines.push(`| ${i + 1} | ${mdEscape(v.replace(/^layer \d+: /, ''))} |`));
  if (r.assumptions.length > 0) {
    lines.push('', '**Assumptions**', '', ...r.assumptions.map((s) => `- ${mdEscape(s)}`));
  }
  lines.push('', '_Scale analysis of Rubin, Davidovich & Ringel (arXiv 2512.04165): equilibrium networks, heuristic, not a theorem._');
  return lines.join('\n');
}

/** "N1" → "N_{1}", "d_k" → "d_{k}". */
export function latexSize(size: string): string {
  const m = /^([A-Za-z]+)_?(\d+|[a-z])$/.exec(size);
  if (m && size !== 'd') return `${m[1]}_{${m[2]}}`;
  return size;
}

export function latexExponents(exponents: Exponents): string {
  const parts = Object.entries(exponents)
    .filter(([, e]) => e !== '0')
    .sort(([a], [b]) => sizeOrder(a, b))
    .map(([s, e]) => (e === '1' ? latexSize(s) : `${latexSize(s)}^{${e}}`));
  return parts.length === 0 ? '1' : parts.join('\\,');
}

/** 609.56 → "6.1 \times 10^{2}". */
export function latexNumber(x: number): string {
  if (!Number.isFinite(x)) return '\\infty';
  const [m, e] = x.toExponential(1).split('e') as [string, string];
  const exp = Number(e);
  return exp === 0 ? m : `${m} \\times 10^{${exp}}`;
}

function latexText(s: string): string {
  return s.replace(/([\\{}$&#%_^~])/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
}

export function toLatex(r: PredictionReport): string {
  const a = r.analysis;
  const rows = r.verdicts.map((v, i) => `  ${i + 1} & ${latexText(v.replace(/^layer \d+: /, ''))} \\\\`);
  return [
    `% ${latexText(r.model)}: ${latexText(describeArchitecture(r.architecture))}`,
    '\\begin{equation}',
    `  P^* \\approx ${latexNumber(a.pStar)}, \\qquad P^* \\propto ${latexExponents(a.winner.exponents)} \\qquad (\\kappa = ${formatScale(a.kappa)},\\ m = ${a.degree})`,
    '\\end{equation}',
    '\\begin{tabular}{rl}',
    '  layer & pattern \\\\ \\hline',
    ...rows,
    '\\end{tabular}',
  ].join('\n');
}
