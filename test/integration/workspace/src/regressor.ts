import * as tf from '@tensorflow/tfjs';

export function buildRegressor(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 256, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 512, activation: 'tanh', useBias: false }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
