// What the language status item says about the model under the cursor. Pure, so the words
// are tested under node; src/host/languageStatus.ts puts them on screen.
import { formatNumber } from '../present/numbers';
import { flagMarks } from './format';
import type { EngineOutcome } from './session';

export interface StatusText {
  /** The short text beside the language ("P* ≈ 360"). */
  text: string;
  /** The line under it when the item is opened. */
  detail: string;
  severity: 'information' | 'warning' | 'error';
}

export interface StatusModel {
  name: string;
  outcome: EngineOutcome;
  /** Models in the file: the detail says which one the number is for when there are several. */
  count: number;
}

/** The item for a model, or for a file with none (`skipped`: why the file was not read). */
export function languageStatusText(found: StatusModel | null, skipped: string | null = null): StatusText {
  if (found === null) {
    return skipped
      ? { text: 'P*: file skipped', detail: skipped, severity: 'warning' }
      : { text: 'P*: no model', detail: 'no tfjs model in this file', severity: 'information' };
  }
  const which = found.count > 1 ? `${found.name} (1 of ${found.count} models)` : found.name;
  const o = found.outcome;
  if ('error' in o) return { text: 'P*: not analysed', detail: `${which}: ${o.error}`, severity: 'error' };
  if (!o.reachable) return { text: 'P*: unreachable', detail: `${which}: ${o.reason}`, severity: 'warning' };
  const marks = flagMarks(o.flags);
  return {
    text: `P* ≈ ${formatNumber(o.pStar)}`,
    detail: `${which}: ${o.winner.label}${marks ? ` · ${marks}` : ''}`,
    severity: marks ? 'warning' : 'information',
  };
}
