// Trains one dense network on one dataset with tfjs (CPU backend) and measures it.
// The network is written with tfjs-core ops rather than tf.layers: erf has an op with a
// gradient but no layers activation, and owning the weights lets the prior be exact.
import type { Activation, DenseLayer } from '../engine/types';
import type { Dataset } from './data';
import { alignment, countSpecialists, meanSquaredError } from './measure';
import { deriveSeed, gaussianArray } from './rng';
import { CheckAbortedError } from './types';

export type Tf = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;
type Variable = import('@tensorflow/tfjs').Variable;

export interface TrainSettings {
  kappa: number;
  maxEpochs: number;
  learningRate: number;
  /** Adam steps between two looks at the loss (and between two yields to the event loop). */
  chunk: number;
  /** Stop when the best loss has not improved by `tolerance` (relative) for this many steps. */
  patience: number;
  tolerance: number;
}

export const DEFAULT_TRAIN: Omit<TrainSettings, 'kappa' | 'maxEpochs'> = {
  learningRate: 0.01,
  chunk: 50,
  patience: 1000,
  tolerance: 1e-4,
};

export interface RunOutcome {
  alignment: number;
  mse: number;
  specialists: number;
  epochs: number;
}

/** Applies one of the engine's activations with tfjs ops. Every one is exact; none is a stand-in. */
export function activate(tf: Tf, x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'erf':
      return tf.erf(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sin':
      return tf.sin(x);
    case 'softsign':
      return tf.div(x, tf.add(1, tf.abs(x)));
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
    case 'gelu':
      return tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
    case 'softplus':
      return tf.softplus(x);
    case 'swish':
    case 'silu':
      return tf.mul(x, tf.sigmoid(x));
    case 'leakyRelu':
      return tf.leakyRelu(x, 0.2);
    case 'relu6':
      return tf.relu6(x);
    case 'mish':
      return tf.mul(x, tf.tanh(tf.softplus(x)));
    case 'hardSigmoid':
      return tf.clipByValue(tf.add(tf.mul(0.2, x), 0.5), 0, 1);
  }
}

interface Net {
  kernels: Variable[];
  biases: (Variable | null)[];
  readout: Variable;
  /** Prior precision of each kernel entry (fan-in / sigma^2 with sigma^2 = 1), in kernel order. */
  precisions: number[];
  readoutPrecision: number;
}

/** A variable holding `initial`'s values; `initial` itself is disposed (tf.variable keeps its own reference). */
function variableOf(tf: Tf, initial: Tensor): Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

function build(tf: Tf, layers: DenseLayer[], dim: number, seed: number): Net {
  const kernels: Variable[] = [];
  const biases: (Variable | null)[] = [];
  const precisions: number[] = [];
  let fanIn = dim;
  layers.forEach((layer, l) => {
    const w = gaussianArray(fanIn * layer.width, deriveSeed('kernel', seed, l), 1 / Math.sqrt(fanIn));
    kernels.push(variableOf(tf, tf.tensor2d(w, [fanIn, layer.width])));
    biases.push(
      layer.bias ? variableOf(tf, tf.tensor1d(gaussianArray(layer.width, deriveSeed('bias', seed, l)))) : null,
    );
    precisions.push(fanIn);
    fanIn = layer.width;
  });
  const a = gaussianArray(fanIn, deriveSeed('readout', seed), 1 / Math.sqrt(fanIn));
  return { kernels, biases, readout: variableOf(tf, tf.tensor2d(a, [fanIn, 1])), precisions, readoutPrecision: fanIn };
}

function forward(tf: Tf, net: Net, layers: DenseLayer[], x: Tensor): Tensor {
  let h = x;
  layers.forEach((layer, l) => {
    const kernel = net.kernels[l];
    if (!kernel) throw new Error(`internal: no kernel for layer ${l + 1}`);
    let z = tf.matMul(h, kernel);
    const bias = net.biases[l];
    if (bias) z = tf.add(z, bias);
    h = activate(tf, z, layer.activation);
  });
  return tf.reshape(tf.matMul(h, net.readout), [-1]);
}

/**
 * Maximum a posteriori training: squared loss with noise variance kappa and a Gaussian prior
 * whose precision is each weight's fan-in (the standard 1/fan-in initialisation). Divided by
 * P/2 that is  mean (f - y)^2 + (kappa / P) * sum_w precision * w^2 : weight decay kappa/P.
 */
function objective(tf: Tf, net: Net, layers: DenseLayer[], x: Tensor, y: Tensor, kappa: number, count: number): Tensor {
  const fit = tf.mean(tf.square(tf.sub(forward(tf, net, layers, x), y)));
  let prior: Tensor = tf.mul(net.readoutPrecision, tf.sum(tf.square(net.readout)));
  net.kernels.forEach((k, l) => {
    prior = tf.add(prior, tf.mul(net.precisions[l] ?? 1, tf.sum(tf.square(k))));
  });
  for (const b of net.biases) if (b) prior = tf.add(prior, tf.sum(tf.square(b)));
  return tf.add(fit, tf.mul(kappa / count, prior));
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function trainAndMeasure(
  tf: Tf,
  layers: DenseLayer[],
  train: Dataset,
  test: Dataset,
  w: Float32Array,
  seed: number,
  settings: TrainSettings,
  signal: AbortSignal | undefined,
): Promise<RunOutcome> {
  const net = build(tf, layers, train.dim, seed);
  const x = tf.tensor2d(train.x, [train.count, train.dim]);
  const y = tf.tensor1d(train.y);
  const optimizer = tf.train.adam(settings.learningRate);
  const vars = [...net.kernels, ...net.biases.filter((b): b is Variable => b !== null), net.readout];
  try {
    let best = Infinity;
    let bestAt = 0;
    let epochs = 0;
    while (epochs < settings.maxEpochs) {
      if (signal?.aborted) throw new CheckAbortedError();
      const steps = Math.min(settings.chunk, settings.maxEpochs - epochs);
      let loss = Infinity;
      for (let s = 0; s < steps; s++) {
        const last = s === steps - 1;
        const cost = optimizer.minimize(
          () => objective(tf, net, layers, x, y, settings.kappa, train.count) as import('@tensorflow/tfjs').Scalar,
          last,
          vars,
        );
        if (last && cost) {
          loss = (await cost.data())[0] ?? Infinity;
          cost.dispose();
        }
      }
      epochs += steps;
      if (!Number.isFinite(loss)) break;
      if (loss < best * (1 - settings.tolerance)) {
        best = loss;
        bestAt = epochs;
      } else if (epochs - bestAt >= settings.patience) {
        break;
      }
      await yieldToHost();
    }
    const prediction = tf.tidy(() => forward(tf, net, layers, tf.tensor2d(test.x, [test.count, test.dim])));
    const f = await prediction.data();
    prediction.dispose();
    const first = net.kernels[0];
    const firstWidth = layers[0]?.width ?? 0;
    const kernel = first ? await first.data() : new Float32Array(0);
    return {
      alignment: alignment(f, test.y),
      mse: meanSquaredError(f, test.y),
      specialists: countSpecialists(kernel, train.dim, firstWidth, w),
      epochs,
    };
  } finally {
    x.dispose();
    y.dispose();
    optimizer.dispose();
    for (const v of vars) v.dispose();
  }
}
