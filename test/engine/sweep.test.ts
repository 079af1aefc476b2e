// Chart data: the regime map and the width sweep agree with analyze() wherever they are probed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, regimeMap, sweepWidth, withSize } from '../../src/engine/index';
import { networkCandidates } from '../../src/engine/analyze';
import { along } from '../../src/engine/fits';
import { columnsAt } from '../../src/engine/sweep';
import { attentionCandidates, attentionSizes } from '../../src/engine/attention';
import { compareCandidates } from '../../src/engine/candidate';
import { buildNetwork } from '../../src/engine/network';
import { validateOptions } from '../../src/engine/validate';
import type { AnalysisOptions, Architecture, Candidate, SweepRange } from '../../src/engine/types';
import { mlp } from './helpers';

/**
 * analyze()'s candidates, best first, as analyze() computes them (its candidate list, without
 * the validity flags and the robustness box, which do not change them and cost most of an
 * analysis of a deep network). `analyzeAgrees` checks the two coincide where it is used.
 */
function candidatesAt(arch: Architecture, options: AnalysisOptions = {}): Candidate[] {
  const settings = validateOptions(options);
  const head = arch.layers[0];
  if (head?.kind === 'attention')
    return attentionCandidates(attentionSizes(arch.inputDim, head), settings.kappa).sort(compareCandidates);
  return networkCandidates(buildNetwork(arch, settings.degree), settings).solved.map((x) => x.candidate);
}

function winnerAt(arch: Architecture, size: string, width: number, d: number): string | null {
  try {
    return candidatesAt(withSize(withSize(arch, 'd', d), size, width))[0]?.key ?? null;
  } catch {
    return null;
  }
}

function analyzeAgrees(arch: Architecture, size: string, width: number, d: number): void {
  const r = analyze(withSize(withSize(arch, 'd', d), size, width));
  assert.equal(
    r.reachable ? r.winner.key : null,
    winnerAt(arch, size, width, d),
    `analyze() at ${size} = ${width}, d = ${d}`,
  );
}

const maps: [string, Architecture, string][] = [
  ['a three-layer erf MLP', mlp(64, [256, 512]), 'N1'],
  ['a two-layer relu MLP with bias', mlp(64, [128], 'relu', true), 'N1'],
  ['a five-layer tanh MLP', mlp(64, [64, 64, 64, 64, 64], 'tanh'), 'N3'],
  ['an attention head', { inputDim: 64, layers: [{ kind: 'attention', contextLength: 128, queryKeyRows: 64 }] }, 'd_k'],
  [
    'a CNN',
    {
      inputDim: 1024,
      layers: [
        { kind: 'conv', channels: 16, patchSize: 64, patchCount: 16, activation: 'erf', bias: false },
        { kind: 'dense', width: 100, activation: 'erf', bias: false },
      ],
    },
    'N1',
  ],
  [
    // The tutorial convnet as detection reads it (docs/theory.md): receptive fields that do not
    // tile, so each layer hands on positions of its own (p1, p2) besides its patch count.
    'a convnet read by its receptive fields',
    {
      inputDim: 784,
      layers: [
        {
          kind: 'conv',
          channels: 8,
          patchSize: 25,
          patchCount: 784 / 25,
          positions: 576,
          activation: 'relu',
          bias: true,
        },
        { kind: 'conv', channels: 16, patchSize: 100, patchCount: 5.76, positions: 64, activation: 'relu', bias: true },
      ],
    },
    'N2',
  ],
];

for (const [name, arch, size] of maps) {
  test(`regime map of ${name}: every probed cell has analyze()'s winner`, () => {
    const map = regimeMap(arch, size, { from: 2, to: 1e5, points: 60 }, { from: 2, to: 4000, points: 60 });
    assert.equal(map.cells.length, 60);
    assert.equal(map.cells[0]!.length, 60);
    assert.equal(map.labels.length, map.labelText.length);
    let probed = 0;
    for (let i = 0; i < 60; i += 3) {
      for (let j = 0; j < 60; j += 3) {
        const cell = map.cells[i]![j]!;
        assert.equal(
          cell < 0 ? null : map.labels[cell],
          winnerAt(arch, size, map.widths[j]!, map.dims[i]!),
          `cell (${i}, ${j})`,
        );
        probed++;
      }
    }
    assert.equal(probed, 400);
    analyzeAgrees(arch, size, map.widths[0]!, map.dims[59]!);
    analyzeAgrees(arch, size, map.widths[59]!, map.dims[30]!);
    assert.ok(new Set(map.cells.flat()).size >= 2, 'a map this wide shows more than one regime');
  });
}

// The issue-15 networks (dense relu, d = 784) over the sidebar's own window, every cell compared:
// these deep networks have more chains than any map could enumerate.
const relu = (widths: number[]): Architecture => mlp(784, widths, 'relu');
const deep: [string, Architecture, number][] = [
  ['depth 6 (64 x 6)', relu(new Array<number>(6).fill(64)), 64],
  ['depth 8 (128 x 8)', relu(new Array<number>(8).fill(128)), 128],
  ['depth 8 (512 ... 4)', relu([512, 256, 128, 64, 32, 16, 8, 4]), 4],
  ['depth 12 (100 x 12)', relu(new Array<number>(12).fill(100)), 100],
];

for (const [name, arch, width] of deep) {
  test(`regime map of a ${name} relu network: every cell has analyze()'s winner`, () => {
    const size = `N${arch.layers.length}`;
    const n = 16;
    const map = regimeMap(
      arch,
      size,
      { from: Math.max(1, width / 300), to: width * 300, points: n },
      { from: 784 / 30, to: 784 * 30, points: n },
    );
    let differ = 0;
    map.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const expected = winnerAt(arch, size, map.widths[j]!, map.dims[i]!);
        if ((cell < 0 ? null : map.labels[cell]) !== expected) differ++;
      }),
    );
    assert.equal(differ, 0, `${differ} of ${n * n} cells differ from analyze()`);
    analyzeAgrees(arch, size, map.widths[n - 1]!, map.dims[n - 1]!);
    assert.ok(new Set(map.cells.flat()).size >= 3, 'the window crosses several regimes');
  });
}

const sweeps: [string, Architecture, string, SweepRange, AnalysisOptions][] = [
  ['a three-layer erf MLP', mlp(64, [256, 4096]), 'N1', { from: 2, to: 1e5, points: 30 }, { kappa: 2 }],
  ['a depth-8 relu network', relu([512, 256, 128, 64, 32, 16, 8, 4]), 'N8', { from: 1, to: 1200, points: 24 }, {}],
  ['a depth-12 relu network', relu(new Array<number>(12).fill(100)), 'N12', { from: 1, to: 30000, points: 12 }, {}],
];

for (const [name, arch, size, range, options] of sweeps) {
  test(`width sweep of ${name}: series are each candidate's own least energy, winners and P* match analyze, crossovers sit where the winner changes`, () => {
    const sweep = sweepWidth(arch, size, range, options);
    assert.equal(sweep.values.length, range.points);
    let compared = 0;
    sweep.values.forEach((v, i) => {
      const listedAll = candidatesAt(withSize(arch, size, v), { ...options, maxCandidates: 1000 });
      const winner = listedAll[0];
      assert.ok(winner);
      assert.equal(sweep.winners[i], winner.key, `winner at ${v}`);
      assert.ok(Math.abs(sweep.pStar[i]! / ((options.kappa ?? 1) * winner.energy) - 1) < 1e-12, `P* at ${v}`);
      for (const s of sweep.series) {
        const listed = listedAll.find((c) => c.key === s.key);
        if (!listed) continue;
        assert.ok(
          Math.abs(s.energy[i]! / listed.energy - 1) < 1e-9,
          `${s.key} at ${v}: ${s.energy[i]} against ${listed.energy}`,
        );
        compared++;
      }
    });
    assert.ok(compared >= range.points * 2, `series compared at ${compared} points`);
    analyzeAgrees(arch, size, sweep.values[0]!, arch.inputDim);
    assert.ok(sweep.crossovers.length >= 1);
    for (const c of sweep.crossovers) {
      assert.ok(!sweep.values.some((v) => Math.abs(v / c.at - 1) < 1e-6), 'a crossover is a root, not a grid point');
      assert.equal(winnerAt(arch, size, c.at * 0.999, arch.inputDim), c.from);
      assert.equal(winnerAt(arch, size, c.at * 1.001, arch.inputDim), c.to);
    }
  });
}

// The first reading of a fresh column (the width advisor's path: one column, one d) builds the
// paper rows' own pieces, whose powers of d the column's search may not have had.
test("a fresh column's first winner is analyze()'s, energy included, on networks with paper rows", () => {
  let compared = 0;
  for (const activation of ['erf', 'relu', 'tanh'] as const) {
    for (const widths of [[8], [8, 64]]) {
      const arch = mlp(2, widths, activation);
      for (const d of [1, 1.5, 4, 64]) {
        for (const width of [1, 3, 300]) {
          const first = along(columnsAt(arch, 'N1'), d).winner(width);
          const expected = candidatesAt(withSize(withSize(arch, 'd', d), 'N1', width))[0] ?? null;
          assert.equal(first?.key ?? null, expected?.key ?? null, `${activation} ${widths} at N1 = ${width}, d = ${d}`);
          if (first && expected) assert.ok(Math.abs(first.energy / expected.energy - 1) < 1e-12);
          compared++;
        }
      }
    }
  }
  assert.equal(compared, 72);
});
