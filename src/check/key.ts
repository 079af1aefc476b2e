// Stable cache key of a check: equal for specs that would train the same runs, whatever the
// order of object fields. Loads nothing heavy, so a host can key its cache without tfjs.
import type { CheckSpec } from './types';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * "check-v2:" + a canonical JSON of everything in the spec that changes the result (v2: onsets
 * found by search, so the search and the widths per point count; how many run in parallel does not).
 */
export function checkKey(spec: CheckSpec): string {
  return `check-v2:${canonical({
    architecture: spec.architecture,
    degree: spec.degree,
    kappa: spec.kappa,
    dims: spec.dims,
    predictions: spec.predictions,
    seeds: spec.seeds,
    widths: spec.widths ?? null,
    pMultiples: spec.pMultiples ?? null,
    search: spec.search ?? null,
    budget: spec.budget ?? null,
  })}`;
}
