// Input checks: every bad value becomes an EngineInputError naming the field and what to do.
import { ACTIVATIONS, EngineInputError } from './types';
import type { Activation, AnalysisOptions, Architecture } from './types';
import { LIMITS } from './limits';

export const MAX_LAYERS = 64;

export interface Settings {
  degree: number;
  kappa: number;
  maxCandidates: number;
}

function checkSize(value: unknown, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EngineInputError('invalid-size', field, `${what} must be a finite number, got ${String(value)}.`);
  }
  if (value < 1) {
    throw new EngineInputError('invalid-size', field, `${what} must be at least 1, got ${value}.`);
  }
}

function checkActivation(value: unknown, field: string): asserts value is Activation {
  if (typeof value !== 'string' || !(ACTIVATIONS as readonly string[]).includes(value)) {
    throw new EngineInputError(
      'unknown-activation',
      field,
      `Unknown activation ${JSON.stringify(value)}; the engine knows ${ACTIVATIONS.join(', ')}.`,
    );
  }
}

export function validateOptions(options: AnalysisOptions | undefined): Settings {
  const degree = options?.degree ?? 3;
  const kappa = options?.kappa ?? 1;
  const maxCandidates = options?.maxCandidates ?? 24;
  if (!Number.isInteger(degree) || degree < LIMITS.degree.min || degree > LIMITS.degree.max) {
    throw new EngineInputError(
      'invalid-degree',
      'degree',
      `Target degree must be a whole number from ${LIMITS.degree.min} to ${LIMITS.degree.max}, got ${String(degree)}.`,
    );
  }
  if (typeof kappa !== 'number' || !Number.isFinite(kappa) || kappa <= 0) {
    throw new EngineInputError(
      'invalid-kappa',
      'kappa',
      `kappa must be a positive finite number, got ${String(kappa)}.`,
    );
  }
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1) {
    throw new EngineInputError(
      'invalid-architecture',
      'maxCandidates',
      `maxCandidates must be a whole number of at least 1, got ${String(maxCandidates)}.`,
    );
  }
  return { degree, kappa, maxCandidates };
}

export function validateArchitecture(arch: Architecture): void {
  if (arch === null || typeof arch !== 'object' || !Array.isArray(arch.layers)) {
    throw new EngineInputError(
      'invalid-architecture',
      'layers',
      'An architecture needs an input dimension and a list of hidden layers.',
    );
  }
  checkSize(arch.inputDim, 'inputDim', 'The input dimension d');
  if (arch.layers.length > MAX_LAYERS) {
    throw new EngineInputError(
      'invalid-architecture',
      'layers',
      `At most ${MAX_LAYERS} hidden layers are analysed, got ${arch.layers.length}.`,
    );
  }
  const hasAttention = arch.layers.some((l) => l.kind === 'attention');
  if (hasAttention && arch.layers.length > 1) {
    throw new EngineInputError(
      'invalid-architecture',
      'layers',
      'An attention head is analysed on its own: give it as the only hidden layer.',
    );
  }
  let seenDense = false;
  arch.layers.forEach((layer, i) => {
    const at = `layers[${i}]`;
    const name = `hidden layer ${i + 1}`;
    switch (layer.kind) {
      case 'dense':
        checkSize(layer.width, `${at}.width`, `The width of ${name}`);
        checkActivation(layer.activation, `${at}.activation`);
        seenDense = true;
        break;
      case 'conv':
        if (seenDense) {
          throw new EngineInputError(
            'invalid-architecture',
            at,
            `Convolution ${name} follows a dense layer; the engine reads convolutions only before the dense layers.`,
          );
        }
        checkSize(layer.channels, `${at}.channels`, `The channel count of ${name}`);
        checkSize(layer.patchSize, `${at}.patchSize`, `The patch size of ${name}`);
        checkSize(layer.patchCount, `${at}.patchCount`, `The patch count of ${name}`);
        if (layer.positions !== undefined)
          checkSize(layer.positions, `${at}.positions`, `The output positions of ${name}`);
        checkActivation(layer.activation, `${at}.activation`);
        break;
      case 'attention':
        checkSize(layer.contextLength, `${at}.contextLength`, 'The context length L');
        checkSize(layer.queryKeyRows, `${at}.queryKeyRows`, 'The query-key row count d_k');
        break;
      default:
        throw new EngineInputError(
          'invalid-architecture',
          `${at}.kind`,
          `Unknown layer kind ${JSON.stringify((layer as { kind?: unknown }).kind)}; use dense, conv or attention.`,
        );
    }
  });
}
