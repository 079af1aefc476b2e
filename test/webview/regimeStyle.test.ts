// The regime map's look for any number of patterns: a real 4-layer map has more winning patterns
// than the theme has chart colours, and each must still look different and carry its own number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regimeMap } from '../../src/engine/index';
import type { Architecture } from '../../src/engine/types';
import { FILLS, labelSpots, patternStyle } from '../../webview/regimeStyle';

const deep: Architecture = {
  inputDim: 784,
  layers: [256, 512, 768, 1024].map((width) => ({ kind: 'dense', width, activation: 'tanh', bias: false })),
};

test('every pattern of a 4-layer regime map gets its own colour-and-fill and its own mark', () => {
  const map = regimeMap(deep, 'N4', { from: 1, to: 1e6, points: 32 }, { from: 1, to: 1e6, points: 32 });
  assert.ok(map.labels.length > 6, `expected more patterns than the six chart colours, got ${map.labels.length}`);
  // With the eight colours the sidebar reads, and with six (a theme missing the terminal's colours).
  for (const colours of [8, 6]) {
    const looks = map.labels.map((_, k) => patternStyle(k, colours));
    assert.equal(new Set(looks.map((s) => `${s.colour}/${s.fill}`)).size, map.labels.length, `${colours} colours`);
    assert.equal(new Set(looks.map((s) => s.mark)).size, map.labels.length);
    assert.ok(looks.every((s) => s.colour >= 0 && s.colour < colours));
  }
  // Each pattern's mark is written in a cell it wins.
  const spots = labelSpots(map.cells);
  const winners = new Set(map.cells.flat().filter((k) => k >= 0));
  assert.deepEqual([...spots.keys()].sort(), [...winners].sort());
  for (const [k, spot] of spots) assert.equal(map.cells[spot.row]?.[spot.col], k);
});

test('colours come first, then the same colours hatched; looks stay distinct up to colours × fills', () => {
  assert.deepEqual(patternStyle(0, 8), { colour: 0, fill: 'solid', mark: '1' });
  assert.deepEqual(patternStyle(7, 8), { colour: 7, fill: 'solid', mark: '8' });
  assert.deepEqual(patternStyle(8, 8), { colour: 0, fill: 'diagonal', mark: '9' });
  const n = 8 * FILLS.length;
  const looks = Array.from({ length: n }, (_, k) => patternStyle(k, 8));
  assert.equal(new Set(looks.map((s) => `${s.colour}/${s.fill}`)).size, n);
});

test('a mark sits in the cell deepest inside its region, away from other patterns and the edge', () => {
  // A 7×7 map won by pattern 0 except a corner cell won by 1, and an unreachable cell (-1).
  const cells = Array.from({ length: 7 }, (_, r) =>
    Array.from({ length: 7 }, (_, c): number => (r === 0 && c === 0 ? 1 : 0)),
  );
  cells[6]![6] = -1;
  const spots = labelSpots(cells);
  assert.deepEqual(spots.get(0), { row: 3, col: 3, depth: 4 });
  assert.deepEqual(spots.get(1), { row: 0, col: 0, depth: 1 });
  assert.equal(spots.has(-1), false);
  // An L-shaped region: its deepest cell is in the thick part, not at the bounding box's centre.
  const l = [
    [0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 0, 0],
  ];
  const spot = labelSpots(l).get(0);
  assert.ok(spot && l[spot.row]?.[spot.col] === 0 && spot.depth === 3, JSON.stringify(spot));
});
