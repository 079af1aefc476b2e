// The width advisor served from the charts' columns (exact crossings of P*(width) with P) gives
// the ranges the earlier advisor gave by bisection with analyze() at every step, on networks of
// every kind the sidebar meets: tanh, erf and relu, with and without bias, deep ones, a convnet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, logGrid, withSize, type Architecture } from '../../src/engine/index';
import type { WinnerCache } from '../../src/engine/fits';
import { dataBudget } from '../../src/engine/budget';
import type { Activation } from '../../src/engine/types';

function dense(activation: Activation, widths: number[], inputDim: number, bias = false): Architecture {
  return { inputDim, layers: widths.map((width) => ({ kind: 'dense' as const, width, activation, bias })) };
}

function pStar(arch: Architecture): number | null {
  const r = analyze(arch);
  return r.reachable ? r.pStar : null;
}

/**
 * The advisor as it was: P* by analyze() on the log grid from 1 to 64 times the width, the band's
 * edges bisected to the whole width with analyze() at each step.
 */
function bisectionRanges(arch: Architecture, samples: number): ([number, number] | null)[] {
  return arch.layers.map((l, i) => {
    const current = l.kind === 'dense' ? l.width : l.kind === 'conv' ? l.channels : 1;
    const size = `N${i + 1}`;
    const grid = [...new Set(logGrid({ from: 1, to: current * 64, points: 49 }).map((v) => Math.round(v)))];
    const fits = (w: number): boolean => {
      const p = pStar(withSize(arch, size, w));
      return p !== null && p <= samples;
    };
    const fit = grid.map(fits);
    const first = fit.indexOf(true);
    const last = fit.lastIndexOf(true);
    const edge = (inside: number, outside: number): number => {
      let a = inside;
      let b = outside;
      while (Math.abs(b - a) > 1) {
        const mid = Math.round((a + b) / 2);
        if (fits(mid)) a = mid;
        else b = mid;
      }
      return a;
    };
    if (first < 0) return null;
    return [
      first > 0 ? edge(grid[first]!, grid[first - 1]!) : grid[first]!,
      last < grid.length - 1 ? edge(grid[last]!, grid[last + 1]!) : grid[last]!,
    ];
  });
}

const NETWORKS: [string, Architecture][] = [
  ['tanh (256, 512) at d = 784', dense('tanh', [256, 512], 784)],
  ['erf (256, 512) at d = 64', dense('erf', [256, 512], 64)],
  ['relu with bias, depth 4', dense('relu', [512, 256, 128, 64], 784, true)],
  ['tanh depth 4 (24 x 4)', dense('tanh', [24, 24, 24, 24], 100)],
  ['narrow tanh (1, 10) at d = 20', dense('tanh', [1, 10], 20)],
  [
    'convnet (8 channels on 49 patches, dense 64)',
    {
      inputDim: 784,
      layers: [
        { kind: 'conv', channels: 8, patchSize: 16, patchCount: 49, activation: 'relu', bias: false },
        { kind: 'dense', width: 64, activation: 'relu', bias: false },
      ],
    },
  ],
];

for (const [name, arch] of NETWORKS) {
  test(`the advisor from the columns gives the bisection's ranges: ${name}`, () => {
    const p = pStar(arch);
    assert.ok(p !== null, 'the network has a prediction');
    const cache: WinnerCache = new Map();
    // Short of P*, a little over it and (for the shallow ones) far over it: bands with a lower
    // edge, both edges, or open.
    // (Not at simple ratios of P*: P* ~ sqrt(N) puts P = P* / 2 on a whole width, where the two
    // ways of computing it differ in the last bit.)
    for (const samples of [p * 0.37, p * 1.7, ...(arch.layers.length === 2 ? [p * 37] : [])]) {
      const advised: ([number, number] | null)[] = dataBudget(arch, p, samples, {}, cache).widths.map((w) => w.range);
      assert.deepEqual(advised, bisectionRanges(arch, samples), `P = ${samples.toPrecision(4)}`);
    }
  });
}

test('each edge costs the advisor two whole widths beyond its grid: the crossing, not a bisection', () => {
  const arch = dense('tanh', [256, 512], 784);
  const p = pStar(arch)!;
  const cache: WinnerCache = new Map();
  const budget = dataBudget(arch, p, p * 1.7, {}, cache);
  const grids = arch.layers.map((l) =>
    l.kind === 'dense' ? new Set(logGrid({ from: 1, to: l.width * 64, points: 49 }).map((v) => Math.round(v))).size : 0,
  );
  const edges = budget.widths.reduce((n, w) => n + (w.range ? Number(!w.openBelow) + Number(!w.openAbove) : 0), 0);
  assert.ok(edges > 0, 'some band has an edge inside the widths looked at');
  assert.ok(cache.size <= grids[0]! + grids[1]! + 2 * edges, `${cache.size} widths for ${edges} edges`);
});
