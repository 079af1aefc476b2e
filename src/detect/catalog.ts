// What detection knows about tfjs layers and activations: one table, used by both the
// source reader and the model.json reader. Maps, not object literals: names come from user
// files, and `constructor` or `toString` must not find Object.prototype.
import type { Activation } from '../engine/types';
import type { LayerRole } from './types';

export type LayerFamily =
  | 'dense'
  | 'conv'
  | 'separableConv'
  | 'depthwiseConv'
  | 'pool'
  | 'globalPool'
  | 'flatten'
  | 'reshape'
  /** Sets the activation of what precedes it (activation, reLU, leakyReLU, ...). */
  | 'activation'
  /** Changes nothing the theory sees: dropout, normalisation, noise. */
  | 'neutral'
  | 'input'
  | 'recurrent'
  | 'embedding'
  /** Known to tfjs, not covered by the theory (merges, wrappers, attention-free others). */
  | 'other';

interface LayerInfo {
  family: LayerFamily;
  /** Spatial rank for convolutions and pooling. */
  rank?: 1 | 2 | 3;
  /** The activation the layer applies, for activation layers with a fixed one. */
  activation?: string;
}

const LAYERS = new Map<string, LayerInfo>(
  Object.entries({
    dense: { family: 'dense' },
    conv1d: { family: 'conv', rank: 1 },
    conv2d: { family: 'conv', rank: 2 },
    conv3d: { family: 'conv', rank: 3 },
    separableConv2d: { family: 'separableConv', rank: 2 },
    depthwiseConv2d: { family: 'depthwiseConv', rank: 2 },
    maxPooling1d: { family: 'pool', rank: 1 },
    maxPooling2d: { family: 'pool', rank: 2 },
    maxPooling3d: { family: 'pool', rank: 3 },
    averagePooling1d: { family: 'pool', rank: 1 },
    averagePooling2d: { family: 'pool', rank: 2 },
    averagePooling3d: { family: 'pool', rank: 3 },
    maxPool1d: { family: 'pool', rank: 1 },
    maxPool2d: { family: 'pool', rank: 2 },
    avgPool1d: { family: 'pool', rank: 1 },
    avgPool2d: { family: 'pool', rank: 2 },
    globalMaxPooling1d: { family: 'globalPool', rank: 1 },
    globalMaxPooling2d: { family: 'globalPool', rank: 2 },
    globalAveragePooling1d: { family: 'globalPool', rank: 1 },
    globalAveragePooling2d: { family: 'globalPool', rank: 2 },
    globalMaxPool1d: { family: 'globalPool', rank: 1 },
    globalMaxPool2d: { family: 'globalPool', rank: 2 },
    globalAvgPool1d: { family: 'globalPool', rank: 1 },
    globalAvgPool2d: { family: 'globalPool', rank: 2 },
    flatten: { family: 'flatten' },
    reshape: { family: 'reshape' },
    activation: { family: 'activation' },
    reLU: { family: 'activation', activation: 'relu' },
    leakyReLU: { family: 'activation', activation: 'leakyRelu' },
    prelu: { family: 'activation', activation: 'leakyRelu' },
    elu: { family: 'activation', activation: 'elu' },
    softmax: { family: 'activation', activation: 'softmax' },
    thresholdedReLU: { family: 'activation', activation: 'thresholdedReLU' },
    dropout: { family: 'neutral' },
    spatialDropout1d: { family: 'neutral' },
    alphaDropout: { family: 'neutral' },
    gaussianDropout: { family: 'neutral' },
    gaussianNoise: { family: 'neutral' },
    batchNormalization: { family: 'neutral' },
    layerNormalization: { family: 'neutral' },
    inputLayer: { family: 'input' },
    simpleRNN: { family: 'recurrent' },
    lstm: { family: 'recurrent' },
    gru: { family: 'recurrent' },
    convLstm2d: { family: 'recurrent' },
    bidirectional: { family: 'recurrent' },
    rnn: { family: 'recurrent' },
    embedding: { family: 'embedding' },
  } satisfies Record<string, LayerInfo>),
);

export function layerInfo(kind: string): LayerInfo {
  return LAYERS.get(kind) ?? { family: 'other' };
}

export function roleOf(family: LayerFamily): LayerRole {
  switch (family) {
    case 'dense':
    case 'conv':
    case 'separableConv':
    case 'depthwiseConv':
      return 'hidden';
    case 'recurrent':
    case 'embedding':
    case 'other':
      return 'outside-theory';
    default:
      return 'passthrough';
  }
}

/** Keras/tfjs `class_name` in a model.json, to the tfjs factory name the source would use. */
const CLASS_NAMES = new Map<string, string>(
  Object.entries({
    Dense: 'dense',
    Conv1D: 'conv1d',
    Conv2D: 'conv2d',
    Conv3D: 'conv3d',
    SeparableConv2D: 'separableConv2d',
    DepthwiseConv2D: 'depthwiseConv2d',
    MaxPooling1D: 'maxPooling1d',
    MaxPooling2D: 'maxPooling2d',
    MaxPooling3D: 'maxPooling3d',
    AveragePooling1D: 'averagePooling1d',
    AveragePooling2D: 'averagePooling2d',
    AveragePooling3D: 'averagePooling3d',
    GlobalMaxPooling1D: 'globalMaxPooling1d',
    GlobalMaxPooling2D: 'globalMaxPooling2d',
    GlobalAveragePooling1D: 'globalAveragePooling1d',
    GlobalAveragePooling2D: 'globalAveragePooling2d',
    Flatten: 'flatten',
    Reshape: 'reshape',
    Activation: 'activation',
    ReLU: 'reLU',
    LeakyReLU: 'leakyReLU',
    PReLU: 'prelu',
    ELU: 'elu',
    Softmax: 'softmax',
    ThresholdedReLU: 'thresholdedReLU',
    Dropout: 'dropout',
    SpatialDropout1D: 'spatialDropout1d',
    AlphaDropout: 'alphaDropout',
    GaussianDropout: 'gaussianDropout',
    GaussianNoise: 'gaussianNoise',
    BatchNormalization: 'batchNormalization',
    LayerNormalization: 'layerNormalization',
    InputLayer: 'inputLayer',
    SimpleRNN: 'simpleRNN',
    LSTM: 'lstm',
    GRU: 'gru',
    ConvLSTM2D: 'convLstm2d',
    Bidirectional: 'bidirectional',
    RNN: 'rnn',
    Embedding: 'embedding',
  }),
);

export function factoryForClassName(className: string): string {
  return CLASS_NAMES.get(className) ?? className.charAt(0).toLowerCase() + className.slice(1);
}

/** Default activation of a layer when its config names none (tfjs defaults). */
export function defaultActivation(family: LayerFamily): string | null {
  return family === 'recurrent' ? 'tanh' : null;
}

const ACTIVATION_NAMES = new Map<string, Activation>(
  Object.entries({
    linear: 'linear',
    relu: 'relu',
    relu6: 'relu6',
    elu: 'elu',
    selu: 'selu',
    sigmoid: 'sigmoid',
    hardSigmoid: 'hardSigmoid',
    hard_sigmoid: 'hardSigmoid',
    tanh: 'tanh',
    softsign: 'softsign',
    softplus: 'softplus',
    swish: 'swish',
    silu: 'silu',
    mish: 'mish',
    gelu: 'gelu',
    gelu_new: 'gelu',
    leakyRelu: 'leakyRelu',
    leaky_relu: 'leakyRelu',
  } satisfies Record<string, Activation>),
);

/** tfjs (or Keras) activation name to the engine's; null for ones the theory does not cover (softmax). */
export function engineActivation(name: string | null): Activation | null {
  if (name === null) return 'linear';
  return ACTIVATION_NAMES.get(name) ?? null;
}

export function isTfjsModule(specifier: string): boolean {
  return /^@tensorflow\/tfjs(-[a-z-]+)?$/.test(specifier);
}
