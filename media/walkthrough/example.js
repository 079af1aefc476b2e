// An example for "TFJS Scaling Lens": a tfjs network on 8×8 inputs with two hidden layers.
// The CodeLens above the function shows its winning pattern and P*, the sample complexity.
// Edit a width (units) and watch the lens and the Scaling sidebar follow; nothing is saved.
import * as tf from '@tensorflow/tfjs';

export function buildRegressor() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 256, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 512, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1, useBias: false }));
  return model;
}
