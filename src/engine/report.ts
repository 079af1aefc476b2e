// The engine's answer as the command line prints it: one JSON object, or a readable report.
import type { AnalysisResult, Candidate, Exponents } from './types';

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
      assumptions: string[];
      warnings: string[];
    }
  | { reachable: false; degree: number; kappa: number; sizes: Record<string, number>; reason: string; assumptions: string[]; warnings: string[] };

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
    assumptions: r.assumptions,
    warnings: r.warnings,
  };
}

const num = (x: number): string => (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-2 ? x.toExponential(2) : Number(x.toPrecision(4)).toString());

/** "N2^1/2 · d^1/2": the nonzero exponents of a scaling law. */
export function formatScaling(exponents: Exponents): string {
  const parts = Object.entries(exponents).filter(([, e]) => e !== '0').map(([k, e]) => (e === '1' ? k : `${k}^${e}`));
  return parts.length ? parts.join(' · ') : 'constant';
}

function describeCandidate(c: Candidate): string {
  const layers = c.layers
    .map((l) => {
      const where = l.part ? `${l.part}` : `layer ${l.layer}`;
      if (l.pattern === 'GP') return `${where} GP`;
      const p = l.param ? ` ${l.param.name}=${num(l.param.value)}${l.param.binds ? ` [${l.param.binds}]` : ''}` : '';
      return `${where} ${l.pattern} on degree ${l.degree}${l.produces !== l.degree ? `→${l.produces}` : ''}${p}`;
    })
    .join(', ');
  return `${c.label.padEnd(24)} E = ${num(c.energy).padEnd(9)} ∝ ${formatScaling(c.exponents).padEnd(22)} ${c.source === 'paper' ? `(paper: ${c.paperRef})` : '(rules)'}\n      ${layers}`;
}

export function formatReport(r: AnalysisResult): string {
  const sizes = Object.entries(r.sizes).map(([k, v]) => `${k}=${num(v)}`).join(', ');
  const lines = [`Sizes: ${sizes}; target degree ${r.degree}; kappa ${r.kappa}`];
  if (!r.reachable) {
    lines.push('', `Unreachable: ${r.reason}`);
  } else {
    const w = r.winner;
    lines.push(
      '',
      `Winner: ${w.label}   E = ${num(w.energy)}   P* ≈ ${num(w.pStar)} samples (a scale: O(1) factor unknown)`,
      `Scaling: P* ∝ ${formatScaling(w.exponents)}${w.binds.length ? `   (binding: ${w.binds.join(', ')})` : ''}`,
      '',
      `Candidates (best first; ${r.assignmentsCovered} assignments covered by the search):`,
      ...r.candidates.map((c) => `  ${describeCandidate(c)}`),
    );
    const tied = r.groups.find((g) => g.keys.includes(w.key));
    if (tied) lines.push('', `Same scaling as the winner (scale analysis cannot separate them): ${tied.keys.join(', ')}`);
  }
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((x) => `  - ${x}`));
  lines.push('', 'Assumptions:', ...r.assumptions.map((x) => `  - ${x}`));
  return lines.join('\n');
}
