// The detections the analysis worker made, kept in the worker by the fingerprint it sent the host
// with each one, so the host's later requests (the sidebar's view, redone on every cursor move,
// slider drag and chart) name a detection instead of carrying a 50-model file's models across the
// threads each time, cloned on the host's thread. The worker may be replaced (after a deadline,
// out of memory) and the new one holds nothing: a request naming a detection it does not hold is
// answered `gone`, and the host asks once more with the models (`withModels`). Free of `vscode`.
import type { ModelSpec } from '../detect/types';
import type { Outcome } from './supervisor';

/** A detection the worker made, named by its fingerprint (see DetectAnswer). */
export interface DetectionRef {
  /** The host's name for the document it was made for (its uri): forgetting the document drops it. */
  document: string;
  fingerprint: string;
  /** Only in a request asked again after the worker answered `gone`: it keeps them again. */
  models?: ModelSpec[];
}

/** The worker's answer to a request naming a detection it does not hold (the fingerprint). */
export interface DetectionGone {
  gone: string;
}

export function isGone(answer: object): answer is DetectionGone {
  return Object.hasOwn(answer, 'gone');
}

/**
 * Detections kept past it, in all, are dropped least recently used first. A document's models are
 * larger as objects than as JSON text; the limits stay far inside the worker's heap (512 MB).
 */
export const KEPT_LIMITS = { entries: 32, chars: 4_000_000 };

interface Kept {
  models: ModelSpec[];
  /** Length of the detection's JSON text: its size, for the bound. */
  chars: number;
  documents: Set<string>;
}

export class KeptDetections {
  /** By fingerprint, least recently used first (a Map iterates in insertion order). */
  private readonly kept = new Map<string, Kept>();
  /** Each document's last detection. */
  private readonly latest = new Map<string, string>();
  private keptChars = 0;

  constructor(private readonly limits = KEPT_LIMITS) {}

  /**
   * Keeps `models` as `document`'s detection `fingerprint`. The document's previous detection
   * goes unless another document has it too: the host asks only for a document's last one.
   */
  keep(document: string, fingerprint: string, models: ModelSpec[], chars: number): void {
    const previous = this.latest.get(document);
    if (previous !== undefined && previous !== fingerprint) this.release(document, previous);
    this.latest.set(document, fingerprint);
    const entry = this.kept.get(fingerprint);
    if (entry) {
      entry.documents.add(document);
      this.touch(fingerprint, entry);
      return;
    }
    // One too large for the bound is not kept: each request for it carries its models.
    if (chars > this.limits.chars) return;
    this.kept.set(fingerprint, { models, chars, documents: new Set([document]) });
    this.keptChars += chars;
    for (const [oldest, old] of this.kept) {
      if (this.kept.size <= this.limits.entries && this.keptChars <= this.limits.chars) break;
      this.drop(oldest, old);
    }
  }

  /** The models of a kept detection; undefined when it is not (or no longer) kept. */
  models(fingerprint: string): ModelSpec[] | undefined {
    const entry = this.kept.get(fingerprint);
    if (!entry) return undefined;
    this.touch(fingerprint, entry);
    return entry.models;
  }

  /** The host closed the document: its detection goes (unless another document has it too). */
  forget(document: string): void {
    const fingerprint = this.latest.get(document);
    if (fingerprint === undefined) return;
    this.latest.delete(document);
    this.release(document, fingerprint);
  }

  get size(): { entries: number; chars: number } {
    return { entries: this.kept.size, chars: this.keptChars };
  }

  private release(document: string, fingerprint: string): void {
    const entry = this.kept.get(fingerprint);
    if (!entry) return;
    entry.documents.delete(document);
    if (entry.documents.size === 0) this.drop(fingerprint, entry);
  }

  private touch(fingerprint: string, entry: Kept): void {
    this.kept.delete(fingerprint);
    this.kept.set(fingerprint, entry);
  }

  private drop(fingerprint: string, entry: Kept): void {
    this.kept.delete(fingerprint);
    this.keptChars -= entry.chars;
    for (const d of entry.documents) if (this.latest.get(d) === fingerprint) this.latest.delete(d);
  }
}

/**
 * Asks with `ask` for a request naming a detection; when the worker answers that it no longer holds
 * it, once more with the models. Any other failure (deadline, memory) is the outcome as it came.
 */
export async function withModels<T extends object>(
  ask: (models: ModelSpec[] | undefined) => Promise<Outcome<T | DetectionGone>>,
  models: ModelSpec[],
): Promise<Outcome<T>> {
  const first = await ask(undefined);
  if (!first.ok) return first;
  if (!isGone(first.value)) return { ok: true, value: first.value };
  const again = await ask(models);
  if (!again.ok) return again;
  if (!isGone(again.value)) return { ok: true, value: again.value };
  return { ok: false, skipped: `failed: the worker did not keep detection ${again.value.gone}` };
}
