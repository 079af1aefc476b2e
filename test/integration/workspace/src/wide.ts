import * as tf from '@tensorflow/tfjs';

// Very wide and shallow on a tiny input: the lazy (GP) regime.
export const wide = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [2], units: 100000, activation: 'tanh', useBias: false }),
    tf.layers.dense({ units: 1 }),
  ],
});
