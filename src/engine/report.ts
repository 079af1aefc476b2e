// The engine's answer as the command line prints it: one JSON object, or a readable report.
import { formatExact, formatNumber } from '../present/numbers';
import { scalingText } from '../present/labels';
import type { AnalysisResult, Candidate, Explanation, Exponents, Robustness, Unreachable, ValidityFlag } from './types';

export interface CandidateJson {
  key: string;
  label: string;
  patterns: string[];
  degrees: (number | null)[];
  params: (Record<string, number> | null)[];
  binds: string[];
  energy: number;
  pStar: number;
  exponents: Exponents;
  source: 'paper' | 'rules';
  paperRef: string | null;
  why: Explanation;
}

export type ReportJson =
  | {
      reachable: true;
      degree: number;
      kappa: number;
      sizes: Record<string, number>;
      energy: number;
      pStar: number;
      winner: CandidateJson;
      exponents: Exponents;
      candidates: CandidateJson[];
      groups: { exponents: Exponents; keys: string[] }[];
      assignmentsCovered: number;
      notLearning: number;
      noLearning: string | null;
      flags: ValidityFlag[];
      robustness: Robustness;
      assumptions: string[];
      warnings: string[];
    }
  | Unreachable;

function candidateJson(c: Candidate): CandidateJson {
  return {
    key: c.key,
    label: c.label,
    patterns: c.layers.map((l) => l.pattern),
    degrees: c.layers.map((l) => l.degree),
    params: c.layers.map((l) => (l.param ? { [l.param.name]: l.param.value } : null)),
    binds: c.binds,
    energy: c.energy,
    pStar: c.pStar,
    exponents: c.exponents,
    source: c.source,
    paperRef: c.paperRef,
    why: c.why,
  };
}

export function toReportJson(r: AnalysisResult): ReportJson {
  if (!r.reachable) return r;
  return {
    reachable: true,
    degree: r.degree,
    kappa: r.kappa,
    sizes: r.sizes,
    energy: r.energy,
    pStar: r.pStar,
    winner: candidateJson(r.winner),
    exponents: r.winner.exponents,
    candidates: r.candidates.map(candidateJson),
    groups: r.groups,
    assignmentsCovered: r.assignmentsCovered,
    notLearning: r.notLearning,
    noLearning: r.noLearning,
    flags: r.flags,
    robustness: r.robustness,
    assumptions: r.assumptions,
    warnings: r.warnings,
  };
}

// Energies and optima a reader adds up: four figures (the "why" lines sum them); P* is a scale.
const num = formatExact;

function describeCandidate(c: Candidate): string {
  const layers = c.layers
    .map((l) => {
      const where = l.part ? `${l.part}` : `layer ${l.layer}`;
      if (l.pattern === 'GP') return `${where} GP`;
      const p = l.param ? ` ${l.param.name}=${num(l.param.value)}${l.param.binds ? ` [${l.param.binds}]` : ''}` : '';
      return `${where} ${l.pattern} on degree ${l.degree}${l.produces !== l.degree ? `→${l.produces}` : ''}${p}`;
    })
    .join(', ');
  return `${c.label.padEnd(24)} E = ${num(c.energy).padEnd(9)} ∝ ${scalingText(c.exponents).padEnd(22)} ${c.source === 'paper' ? `(paper: ${c.paperRef})` : '(rules)'}\n      ${layers}`;
}

const PROVENANCE = { paper: 'paper', convention: 'our convention', derivation: 'our derivation' } as const;

/** The derivation of one candidate, line by line, so that a reader can redo it by hand. */
export function explainCandidate(c: Candidate): string[] {
  const lines = [`Why ${c.label} (E = ${num(c.energy)}):`];
  const w = Math.max(...c.why.terms.map((t) => t.payer.length));
  for (const t of c.why.terms) {
    lines.push(`  ${t.payer.padEnd(w)}  ${t.symbolic} = ${t.numeric} = ${num(t.value)}   (${t.role})`);
  }
  if (c.why.terms.length > 1)
    lines.push(`  E = ${c.why.terms.map((t) => num(t.value)).join(' + ')} = ${num(c.energy)}`);
  const params = c.layers
    .filter((l) => l.param)
    .map(
      (l) =>
        `${l.param!.name === 'beta' ? 'β' : l.param!.name}${l.part ? ` (${l.part})` : l.layer} = ${num(l.param!.value)}${l.param!.binds ? ` [bound: ${l.param!.binds}]` : ''}`,
    );
  if (params.length)
    lines.push(
      `  optimum: ${params.join(', ')}; ${c.binds.length ? `binding: ${c.binds.join(', ')}` : 'no bound binds (the terms balance)'}`,
    );
  for (const r of c.why.rules) lines.push(`  [${PROVENANCE[r.provenance]}] ${r.rule}`);
  return lines;
}

export function flagLines(flags: readonly ValidityFlag[]): string[] {
  return flags.map((f) => `  ! ${f.kind}: ${f.sentence}`);
}

export function formatReport(r: AnalysisResult, options: { explain?: boolean } = {}): string {
  const sizes = Object.entries(r.sizes)
    .map(([k, v]) => `${k}=${num(v)}`)
    .join(', ');
  const lines = [`Sizes: ${sizes}; target degree ${r.degree}; kappa ${r.kappa}`];
  if (!r.reachable) {
    lines.push('', `Unreachable: ${r.reason}`);
    if (r.flags.length) lines.push(...flagLines(r.flags));
  } else {
    const w = r.winner;
    lines.push(
      '',
      `Winner: ${w.label}   E = ${num(w.energy)}   P* ≈ ${formatNumber(w.pStar)} samples (a scale: O(1) factor unknown)`,
      `Scaling: P* ∝ ${scalingText(w.exponents)}${w.binds.length ? `   (binding: ${w.binds.join(', ')})` : ''}`,
      `Robustness: ${r.robustness.sentence}`,
      ...flagLines(r.flags),
    );
    if (r.noLearning) lines.push(`No learning pattern: ${r.noLearning}`);
    lines.push(
      '',
      `Candidates (best first; ${r.assignmentsCovered} assignments covered by the search${r.notLearning ? `; ${r.notLearning} dropped whose learned features cost no less than the lazy ones they replace` : ''}):`,
      ...r.candidates.map((c) => `  ${describeCandidate(c)}`),
    );
    const tied = r.groups.find((g) => g.keys.includes(w.key));
    if (tied)
      lines.push('', `Same scaling as the winner (scale analysis cannot separate them): ${tied.keys.join(', ')}`);
    if (options.explain) {
      for (const c of r.candidates) lines.push('', ...explainCandidate(c));
    }
  }
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((x) => `  - ${x}`));
  lines.push('', 'Assumptions:', ...r.assumptions.map((x) => `  - ${x}`));
  return lines.join('\n');
}
