// Two tfjs models of the kind the extension reads: `npm run example` runs
// `tfjs-scaling predict` on this file.
import * as tf from '@tensorflow/tfjs';

const IMAGE_SIZE = 28;
const HIDDEN = [256, 512];

/** A dense classifier on flattened MNIST digits. */
export function buildClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1] }));
  for (const units of HIDDEN) {
    model.add(tf.layers.dense({ units, activation: 'tanh', useBias: false }));
  }
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}

/** A small regressor whose input size comes from the data: the CLI asks for it (--d). */
export function buildRegressor(inputDim: number): tf.LayersModel {
  const input = tf.input({ shape: [inputDim] });
  const hidden = tf.layers.dense({ units: 128, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 1 }).apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}
