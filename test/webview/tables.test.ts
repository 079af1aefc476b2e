import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartsView } from '../../src/protocol';
import { chartTable } from '../../webview/tables';

const view: ChartsView = {
  size: 'N1',
  sizeChoices: ['N1', 'N2'],
  userValue: 256,
  userPStar: 609.56,
  kappa: 1,
  sweep: {
    size: 'N1',
    values: [64, 256, 1024],
    series: [
      { key: 'a', label: 'Spec → Mag', energy: [384, 609.56, 967] },
      { key: 'b', label: 'GP → Spec', energy: [362.04, 362.04, null] },
    ],
    winners: ['b', 'b', null],
    pStar: [362.04, 362.04, null],
    crossovers: [],
  },
  crossovers: [],
  labels: { a: 'Spec → Mag', b: 'GP → Spec' },
  regime: {
    size: 'N1',
    widths: [64, 1024],
    dims: [16, 64],
    labels: ['a', 'b'],
    labelText: ['Spec → Mag', 'GP → Spec'],
    cells: [
      [0, 1],
      [1, -1],
    ],
  },
  userDim: 64,
  samples: null,
  bands: [],
};

test('the P* table has one row per swept width with the winner named', () => {
  const t = chartTable('pstar', view);
  assert.deepEqual(t.head, ['N1', 'P*', 'winning pattern']);
  assert.deepEqual(t.rows, [
    ['64', '360', 'GP → Spec'],
    ['256', '360', 'GP → Spec'],
    ['1,024', '—', 'unreachable'],
  ]);
  assert.match(t.caption, /your model has N1 = 256, P\* ≈ 610/);
  assert.doesNotMatch(t.caption, /shaded/, 'no band without a training-set size');
});

test('the P* table says which widths the chart shades as fitting the training set', () => {
  const band = (from: number, to: number, openBelow: boolean, openAbove: boolean) => ({
    from,
    to,
    openBelow,
    openAbove,
  });
  const caption = (...bands: ChartsView['bands']) => chartTable('pstar', { ...view, samples: 500, bands }).caption;
  assert.match(caption(band(40, 900, false, false)), /; shaded: P\* ≤ P for N1 from 40 to 900$/);
  assert.match(caption(band(1, 900, true, false)), /; shaded: P\* ≤ P for N1 up to 900$/);
  assert.match(caption(band(40, 16384, false, true)), /; shaded: P\* ≤ P for N1 from 40 up$/);
  assert.match(
    caption(band(1, 12.5, true, false), band(4000, 16384, false, true)),
    /; shaded: P\* ≤ P for N1 up to 12\.5 and from 4,000 up$/,
  );
  assert.match(caption(band(1200, 2500, false, false)), /; shaded: P\* ≤ P for N1 from 1,200 to 2,500$/);
  assert.match(caption(band(1, 16384, true, true)), /; shaded: P\* ≤ P for every N1 on the chart$/);
});

test('the energy table has a column per candidate and marks missing optima', () => {
  const t = chartTable('energy', view);
  assert.deepEqual(t.head, ['N1', 'Spec → Mag', 'GP → Spec']);
  assert.deepEqual(t.rows[2], ['1,024', '970', '—']);
});

test('the regime table is d by width with the winner in each cell', () => {
  const t = chartTable('regime', view);
  assert.deepEqual(t.head, ['d \\ N1', '64', '1,024']);
  assert.deepEqual(t.rows, [
    ['16', 'Spec → Mag', 'GP → Spec'],
    ['64', 'GP → Spec', 'unreachable'],
  ]);
  assert.deepEqual(chartTable('regime', { ...view, regime: null }).rows, []);
});
