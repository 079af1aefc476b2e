import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeArchitecture,
  latexExponents,
  latexSize,
  toLatex,
  toMarkdown,
  type PredictionReport,
} from '../../src/view/report';
import { latexNumber } from '../../src/present/numbers';
import { analysis, gflSpec, specMag } from './fixtures';

const report: PredictionReport = {
  model: 'buildModel',
  fileName: 'train_model.ts',
  architecture: {
    inputDim: 64,
    layers: [
      { kind: 'dense', width: 256, activation: 'erf', bias: false },
      { kind: 'dense', width: 512, activation: 'erf', bias: false },
    ],
  },
  analysis: analysis(specMag, [gflSpec]),
  verdicts: [
    'layer 1: ~3.2 neurons specialise on the target direction',
    'layer 2: the neurons carry a small shared mean',
  ],
  assumptions: ['`inputShape` = 64 (supplied)', 'κ = 1 (from settings)'],
};

test('architecture description lists d, each layer and the readout', () => {
  assert.equal(
    describeArchitecture(report.architecture),
    'd = 64 → dense 256 (erf, no bias) → dense 512 (erf, no bias) → linear readout',
  );
  assert.equal(
    describeArchitecture({ inputDim: 32, layers: [{ kind: 'attention', contextLength: 16, queryKeyRows: 32 }] }),
    'd = 32 → attention L = 16, d_k = 32 → linear readout',
  );
});

test('Markdown carries winner, P*, scaling, competing patterns, a layer table and the assumptions', () => {
  const md = toMarkdown(report);
  assert.match(md, /^### Sample complexity of `buildModel` \(train\\_model\.ts\)/);
  assert.match(md, /\*\*Winning pattern:\*\* Spec → Mag/);
  assert.match(md, /\*\*P\\\*\*\* ≈ 610 samples \(κ = 1, target degree 3\)/);
  assert.match(md, /\*\*Scaling:\*\* P\\\* ∝ N1\^1\/3 · N2\^1\/3 · d\^1\/3/);
  assert.match(md, /not separable by scale analysis:\*\* GFL → Spec/);
  assert.match(md, /\| 1 \| ~3\.2 neurons specialise on the target direction \|/);
  assert.match(md, /- \\`inputShape\\` = 64 \(supplied\)/);
});

test('Markdown escapes table-breaking characters from user-controlled names', () => {
  const md = toMarkdown({ ...report, verdicts: ['layer 1: a | b'], model: 'x`y' });
  assert.match(md, /\| 1 \| a \\\| b \|/);
  assert.doesNotMatch(md, /`x`y`/);
});

test('LaTeX: sizes as subscripts, exponents as fractions, numbers by the one rule, typeset', () => {
  assert.equal(latexSize('N12'), 'N_{12}');
  assert.equal(latexSize('d_k'), 'd_{k}');
  assert.equal(latexSize('d'), 'd');
  assert.equal(latexSize('L'), 'L');
  assert.equal(latexExponents({ d: '1/2', N2: '1/2', N1: '0' }), 'N_{2}^{1/2}\\,d^{1/2}');
  assert.equal(latexNumber(3.2e6), '3.2 \\times 10^{6}');
  assert.equal(latexNumber(3.2), '3.2');
  const tex = toLatex(report);
  assert.match(tex, /P\^\* \\approx 610,/);
  assert.match(tex, /P\^\* \\propto N_\{1\}\^\{1\/3\}\\,N_\{2\}\^\{1\/3\}\\,d\^\{1\/3\}/);
  assert.match(tex, /\\begin\{tabular\}/);
  const layerTable = tex.slice(tex.indexOf('\\begin{tabular}{rl}'), tex.indexOf('\\end{tabular}'));
  assert.equal((layerTable.match(/\\\\$/gm) ?? []).length, 2, 'one row per layer');
  assert.match(tex, /Robustness: P\* between/);
});

test('LaTeX escapes special characters in text', () => {
  const tex = toLatex({ ...report, model: 'net_1 & 50%' });
  assert.match(tex, /net\\_1 \\& 50\\%/);
});

test('Markdown carries the robustness box, each flag with its mark, and the "why" terms of the winner', () => {
  const winner = {
    ...specMag,
    why: {
      terms: [{ payer: 'layer 1', role: 'Spec on degree 1', symbolic: 'M1·d', numeric: '3.175·64', value: 203.2 }],
      rules: [{ rule: 'relay', provenance: 'convention' as const }],
    },
  };
  const a = analysis(winner, [gflSpec]);
  a.flags = [{ kind: 'near-crossover', sentence: 'Spec → Mag and GFL → Spec tie exactly.' }];
  const md = toMarkdown({ ...report, analysis: a });
  assert.match(md, /\*\*Robustness:\*\* P\\\* between a third of it and it/);
  assert.match(md, /⚠ \*\*near a crossover:\*\* Spec → Mag and GFL → Spec tie exactly\./);
  assert.match(md, /\| layer 1 \| M1·d \| 3\.175·64 \| 203\.2 \|/);
  assert.match(md, /- \[our convention\] relay/);
});
