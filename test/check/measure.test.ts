import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignment, countSpecialists, meanAndStd, meanSquaredError } from '../../src/check/measure';

test('alignment is <f,y>/<y,y>', () => {
  const y = [1, -2, 3, 0.5];
  assert.equal(alignment(y, y), 1);
  assert.equal(
    alignment(
      y.map((v) => 2 * v),
      y,
    ),
    2,
  );
  assert.equal(alignment([2, 1, 0, 0], [1, -2, 0, 0]), 0);
  assert.equal(meanSquaredError(y, y), 0);
  assert.equal(meanSquaredError([0, 0], [1, 3]), 5);
});

test('specialists: aligned neurons that kept their weight count, shrunk or misaligned ones do not', () => {
  const dim = 4;
  const width = 4;
  const w = [1, 0, 0, 0];
  // Columns are neurons (tfjs kernels are [dim, width]).
  const columns = [
    [0.9, 0.1, 0, 0], // aligned, norm ~0.9: a specialist
    [-1.2, 0.3, 0.2, 0], // aligned with -w*: a specialist (odd activation)
    [0.05, 0.01, 0, 0], // aligned but shrunk by weight decay: not one
    [0.3, 1, 0.5, 0.2], // kept weight but points elsewhere: not one
  ];
  const kernel = new Float32Array(dim * width);
  columns.forEach((col, j) =>
    col.forEach((v, i) => {
      kernel[i * width + j] = v;
    }),
  );
  assert.equal(countSpecialists(kernel, dim, width, w), 2);
  assert.equal(countSpecialists(kernel, dim, width, [0, 1, 0, 0]), 1);
});

test('mean and sample standard deviation', () => {
  assert.deepEqual(meanAndStd([2, 4]), { mean: 3, std: Math.SQRT2 });
  assert.deepEqual(meanAndStd([5]), { mean: 5, std: 0 });
});
