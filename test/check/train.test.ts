// The training loop itself: what one run leaves behind in tfjs's memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { sample, teacher } from '../../src/check/data';
import { DEFAULT_TRAIN, trainAndMeasure } from '../../src/check/train';

test('training check tensor leak: a run disposes the initial values of its variables', async () => {
  await tf.setBackend('cpu');
  const w = teacher(3, 4);
  const train = sample('train', 3, w, 3, 16);
  const held = sample('test', 3, w, 3, 32);
  const layers = [{ kind: 'dense' as const, width: 8, activation: 'tanh' as const, bias: true }];
  const settings = { ...DEFAULT_TRAIN, kappa: 1, maxEpochs: 20 };
  // The first run may load kernels and cache constants; count from the second.
  await trainAndMeasure(tf, layers, train, held, w, 1, settings, undefined);
  const before = tf.memory().numTensors;
  await trainAndMeasure(tf, layers, train, held, w, 2, settings, undefined);
  await trainAndMeasure(tf, layers, train, held, w, 3, settings, undefined);
  assert.equal(tf.memory().numTensors, before, 'tensors left alive by two runs');
});
