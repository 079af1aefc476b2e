// The extension's settings as plain data, read through a getter so the parsing (defaults,
// clamping, bad values from a hand-edited settings.json) is testable without VS Code.
import { LIMITS } from '../protocol';
import { DEFAULT_LENS_TEMPLATE } from './format';

export interface Settings {
  degree: number;
  kappa: number;
  defaultInputDim: number;
  debounceMs: number;
  codeLens: boolean;
  /** The CodeLens text, with {pattern}, {pStar}, {energy}, {kappa}, {exponents}, {mark}. */
  codeLensTemplate: string;
  diagnostics: boolean;
  filePatterns: string[];
  /** Budget of the empirical check: "quick" (the default) or "full". */
  checkBudget: 'quick' | 'full';
  /** The training-set size P the predictions are compared with; null when not set. */
  trainingSamples: number | null;
}

export const SETTINGS_SECTION = 'tfjsScaling';

export const DEFAULT_SETTINGS: Settings = {
  degree: 3,
  kappa: 1,
  defaultInputDim: 784,
  debounceMs: 250,
  codeLens: true,
  codeLensTemplate: DEFAULT_LENS_TEMPLATE,
  diagnostics: false,
  filePatterns: ['**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}', '**/model.json'],
  checkBudget: 'quick',
  trainingSamples: null,
};

export const DEBOUNCE_LIMITS = { min: 50, max: 300 } as const;
/** The longest CodeLens template kept; longer ones are cut. */
export const TEMPLATE_MAX_LENGTH = 200;

function numberIn(v: unknown, min: number, max: number, fallback: number, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  const x = integer ? Math.round(v) : v;
  return Math.min(max, Math.max(min, x));
}

/** A size from settings.json: a whole number within the sizes the sidebar accepts, else none. */
function wholeSize(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= LIMITS.size.min && v <= LIMITS.size.max ? v : null;
}

/** `get(key)` returns the raw value under `tfjsScaling.<key>` (undefined when unset). */
export function readSettings(get: (key: string) => unknown): Settings {
  const patterns = get('filePatterns');
  return {
    degree: numberIn(get('targetDegree'), LIMITS.degree.min, LIMITS.degree.max, DEFAULT_SETTINGS.degree, true),
    kappa: numberIn(get('kappa'), LIMITS.kappa.min, LIMITS.kappa.max, DEFAULT_SETTINGS.kappa, false),
    defaultInputDim: numberIn(
      get('defaultInputDim'),
      LIMITS.size.min,
      LIMITS.size.max,
      DEFAULT_SETTINGS.defaultInputDim,
      true,
    ),
    debounceMs: numberIn(
      get('debounceMs'),
      DEBOUNCE_LIMITS.min,
      DEBOUNCE_LIMITS.max,
      DEFAULT_SETTINGS.debounceMs,
      true,
    ),
    codeLens:
      typeof get('codeLens.enabled') === 'boolean' ? (get('codeLens.enabled') as boolean) : DEFAULT_SETTINGS.codeLens,
    codeLensTemplate:
      typeof get('codeLens.template') === 'string' && (get('codeLens.template') as string).trim() !== ''
        ? (get('codeLens.template') as string).slice(0, TEMPLATE_MAX_LENGTH)
        : DEFAULT_SETTINGS.codeLensTemplate,
    diagnostics:
      typeof get('diagnostics.enabled') === 'boolean'
        ? (get('diagnostics.enabled') as boolean)
        : DEFAULT_SETTINGS.diagnostics,
    filePatterns:
      Array.isArray(patterns) && patterns.every((p) => typeof p === 'string' && p.length > 0)
        ? (patterns as string[])
        : DEFAULT_SETTINGS.filePatterns,
    checkBudget: get('check.budget') === 'full' ? 'full' : DEFAULT_SETTINGS.checkBudget,
    trainingSamples: wholeSize(get('trainingSamples')),
  };
}
