import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSpecialistTable, renderSpecialistSvg, type SpecialistResult } from '../../src/check/specialists';
import { THREE_LAYER } from '../../src/check/studies';

function result(): SpecialistResult {
  const run = (specialists: number, alignment: number, capped: boolean) => ({
    seed: 1,
    p: 1024,
    alignment,
    mse: 0.5,
    specialists,
    epochs: 400,
    capped,
  });
  return {
    spec: { ...THREE_LAYER, seeds: [1, 2] },
    points: [
      {
        n1: 4,
        pattern: 'GP',
        predicted: null,
        pStar: 609.56,
        runs: [run(0, 0.123, false), run(1, 0.2, true)],
        mean: 0.5,
        std: 0.5,
      },
      {
        n1: 32,
        pattern: 'Spec',
        predicted: 2.345,
        pStar: 12345.6,
        runs: [run(3, 0.9, false), run(4, 0.95, false)],
        mean: 3.5,
        std: 0.5,
      },
    ],
    fit: {
      status: 'consistent',
      variables: ['N1'],
      exponents: [{ name: 'N1', value: 0.4567, ci: [0.3, 0.61], predicted: 0.5 }],
      factor: null,
      hypotheses: [],
      observations: 3,
      dof: 1,
      residualSd: null,
      level: 0.9,
      replicates: 2,
      claim: '',
      text: 'consistent',
    },
    zeroCounts: 1,
    backend: 'cpu',
    elapsedMs: 12_300,
  };
}

test('the specialist study table prints its numbers by the shared rules, in aligned columns', () => {
  const text = formatSpecialistTable(result());
  const lines = text.split('\n');
  const head = lines.find((l) => l.includes('specialists per seed'));
  const rows = lines.filter((l) => /^\s+(4|32)\s/.test(l));
  assert.ok(head, text);
  assert.equal(rows.length, 2, text);
  // P* to two significant figures with separators, as everywhere else: 609.56 → 610, 12345.6 → 12,000.
  assert.match(rows[0]!, /\b610\b/);
  assert.match(rows[1]!, /12,000/);
  assert.match(rows[1]!, /\b2\.3\b/);
  assert.match(rows[0]!, /0\.12,0\.20/);
  assert.match(rows[0]!, /400,400\*/);
  // Columns line up: every column starts where its heading does.
  const col = head!.indexOf('pattern');
  for (const row of rows) assert.match(row.slice(col), /^(GP|Spec)\b/);
  assert.match(text, /exponent of N1: 0\.46 \[0\.30, 0\.61\] \(90% CI\), theory 0\.50/);
  assert.match(text, /runs in 12 s on the cpu backend/);
});

test('the specialist plot: one dot per run, a grid line per power of two of N1, the fitted slope named', () => {
  const svg = renderSpecialistSvg(result());
  assert.match(svg, /^<svg [^>]*width="560"/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 4);
  // N1 from 4 to 32: grid labels 4, 8, 16, 32 along the bottom.
  for (const n of [4, 8, 16, 32]) assert.match(svg, new RegExp(`text-anchor="middle">${n}</text>`));
  assert.match(svg, /First-layer specialists against N1 \(d = 8, N2 = 128, P = 1024\)/);
  assert.match(svg, /fitted slope 0\.46 \[0\.30, 0\.61\]: consistent/);
});
