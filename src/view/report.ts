// "Copy prediction as Markdown / LaTeX": the same facts as the sidebar, for a PR or a paper.
import type { Analysis, Architecture, Exponents } from '../engine/types';
import { scalingTerms } from '../present/labels';
import { formatNumber, latexNumber } from '../present/numbers';
import { competingLabels, exponentText, flagMark, whyView } from './format';

/** How many candidates (winner first) the copies derive term by term. */
const WHY_COUNT = 3;

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
        return l.positions === undefined
          ? `conv ${l.channels} ch × ${l.patchCount} patches of ${l.patchSize} (${l.activation})`
          : `conv ${l.channels} ch × ${l.positions} positions, each merging ${l.patchSize} (${l.activation}, rough)`;
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
    `- **Winning pattern:** ${mdEscape(a.winner.label)}`,
    `- **P\\*** ≈ ${formatNumber(a.pStar)} samples (κ = ${formatNumber(a.kappa)}, target degree ${a.degree}) — a scale, up to an unknown O(1) factor`,
    `- **Scaling:** ${mdEscape(exponentText(a.winner.exponents))}`,
  ];
  lines.push(`- **Robustness:** ${mdEscape(a.robustness.sentence)}`);
  for (const f of a.flags) lines.push(`- ⚠ **${mdEscape(flagMark(f.kind))}:** ${mdEscape(f.sentence)}`);
  if (a.noLearning) lines.push(`- **No learning pattern:** ${mdEscape(a.noLearning)}`);
  const competing = competingLabels(a);
  if (competing.length > 0)
    lines.push(`- **Same scaling, not separable by scale analysis:** ${competing.map(mdEscape).join(', ')}`);
  lines.push('', '| layer | what it learns |', '|---|---|');
  r.verdicts.forEach((v, i) => lines.push(`| ${i + 1} | ${mdEscape(v.replace(/^layer \d+: /, ''))} |`));
  lines.push('', '**Why this pattern**');
  a.candidates.slice(0, WHY_COUNT).forEach((c, i) => {
    const w = whyView(c, a.kappa);
    lines.push(
      '',
      `${i === 0 ? 'Winner' : 'Runner-up'} ${mdEscape(w.label)}: ${mdEscape(w.heading)}`,
      '',
      '| who pays | term | at the optimum | value |',
      '|---|---|---|---|',
    );
    for (const t of w.terms)
      lines.push(`| ${mdEscape(t.payer)} | ${mdEscape(t.symbolic)} | ${mdEscape(t.numeric)} | ${t.value} |`);
    lines.push('', `${mdEscape(w.sum)}${w.optimum ? `; ${mdEscape(w.optimum)}` : ''}.`, '');
    for (const rule of w.rules) lines.push(`- [${rule.provenance}] ${mdEscape(rule.rule)}`);
  });
  if (r.assumptions.length > 0) {
    lines.push('', '**Assumptions**', '', ...r.assumptions.map((s) => `- ${mdEscape(s)}`));
  }
  lines.push(
    '',
    '_Scale analysis of Rubin, Davidovich & Ringel (ICLR 2026, arXiv 2512.04165): equilibrium networks, heuristic, not a theorem._',
  );
  return lines.join('\n');
}

/** "N1" → "N_{1}", "d_k" → "d_{k}". */
export function latexSize(size: string): string {
  const m = /^([A-Za-z]+)_?(\d+|[a-z])$/.exec(size);
  if (m && size !== 'd') return `${m[1]}_{${m[2]}}`;
  return size;
}

export function latexExponents(exponents: Exponents): string {
  const parts = scalingTerms(exponents).map(([s, e]) => (e === '1' ? latexSize(s) : `${latexSize(s)}^{${e}}`));
  return parts.length === 0 ? '1' : parts.join('\\,');
}

function latexText(s: string): string {
  return s.replace(/([\\{}$&#%_^~])/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`,
  );
}

export function toLatex(r: PredictionReport): string {
  const a = r.analysis;
  const rows = r.verdicts.map((v, i) => `  ${i + 1} & ${latexText(v.replace(/^layer \d+: /, ''))} \\\\`);
  const why = a.candidates.slice(0, WHY_COUNT).flatMap((c, i) => {
    const w = whyView(c, a.kappa);
    return [
      `% ${i === 0 ? 'winner' : 'runner-up'} ${latexText(w.label)}: ${latexText(w.heading)}`,
      '\\begin{tabular}{llll}',
      '  who pays & term & at the optimum & value \\\\ \\hline',
      ...w.terms.map(
        (t) =>
          `  ${latexText(t.payer)} & $${latexMono(t.symbolic)}$ & $${latexMono(t.numeric)}$ & ${latexText(t.value)} \\\\`,
      ),
      '\\end{tabular}',
      `% ${latexText(w.sum)}${w.optimum ? `; ${latexText(w.optimum)}` : ''}`,
      ...w.rules.map((rule) => `% [${rule.provenance}] ${latexText(rule.rule)}`),
    ];
  });
  return [
    `% ${latexText(r.model)}: ${latexText(describeArchitecture(r.architecture))}`,
    '\\begin{equation}',
    `  P^* \\approx ${latexNumber(a.pStar)}, \\qquad P^* \\propto ${latexExponents(a.winner.exponents)} \\qquad (\\kappa = ${formatNumber(a.kappa)},\\ m = ${a.degree})`,
    '\\end{equation}',
    '\\begin{tabular}{rl}',
    '  layer & pattern \\\\ \\hline',
    ...rows,
    '\\end{tabular}',
    '',
    `\\noindent Robustness: ${latexText(a.robustness.sentence)}\\\\`,
    ...a.flags.map((f) => `\\textbf{${latexText(flagMark(f.kind))}:} ${latexText(f.sentence)}\\\\`),
    ...(a.noLearning ? [`No learning pattern: ${latexText(a.noLearning)}\\\\`] : []),
    '',
    ...why,
  ].join('\n');
}

/** "beta2·N1/M1" → "\\beta_{2} \\cdot N_{1}/M_{1}". */
function latexMono(s: string): string {
  return s
    .split(/([·/^()])/)
    .map((part) => {
      if (part === '·') return ' \\cdot ';
      if (/^beta\d+$/.test(part)) return `\\beta_{${part.slice(4)}}`;
      if (/^[A-Za-z]+_?\w+$/.test(part) && !/^\d/.test(part)) return latexSize(part);
      return part;
    })
    .join('');
}
