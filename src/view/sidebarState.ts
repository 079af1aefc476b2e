// What the sidebar shows and what the user set in it, free of `vscode`: the subject in view (a
// file's model, a hand-entered architecture, or nothing), the model picked in each file, the
// values typed for each model, and the last webview message acknowledged. The host's controller
// drives it from the editor and the webview; its fields change only through these methods.
import type { Architecture } from '../engine/types';
import { setOwn } from '../own';
import type { WebviewMessage } from '../protocol';
import type { UserParams } from './session';

export type Shown =
  | { kind: 'file'; uri: string }
  | { kind: 'manual'; name: string; architecture: Architecture }
  /** `skipped`: why the file was not analysed, when it was not. */
  | { kind: 'none'; fileName: string | null; skipped?: string | null };

/** A typed or dragged value the sidebar sends, once read: what it sets in the model's inputs. */
export type ParamsEdit = Extract<WebviewMessage, { type: 'edit' }>;

const NO_PARAMS: UserParams = { unknowns: {}, whatIf: {} };

export class SidebarState {
  private shownNow: Shown = { kind: 'none', fileName: null };
  /** The model picked in each file, by the document's uri. */
  private readonly selected = new Map<string, string>();
  /** What the user set, by model key (`paramsKey`). */
  private readonly params = new Map<string, UserParams>();
  private acked = 0;

  get shown(): Readonly<Shown> {
    return this.shownNow;
  }

  /** The newest webview message applied: the webview drops drafts up to it. */
  get ack(): number {
    return this.acked;
  }

  acknowledge(seq: number): void {
    this.acked = Math.max(this.acked, seq);
  }

  show(shown: Shown): void {
    this.shownNow = shown;
    // A hand-entered architecture starts from the settings every time.
    if (shown.kind === 'manual') this.params.delete('manual');
  }

  /** Picks a model of a file (not shown until `show` says so). */
  select(uri: string, modelId: string): void {
    this.selected.set(uri, modelId);
  }

  selectedIn(uri: string): string | null {
    return this.selected.get(uri) ?? null;
  }

  /** Picks a model of the file shown, when a file is shown. */
  selectInShown(modelId: string): void {
    if (this.shownNow.kind === 'file') this.selected.set(this.shownNow.uri, modelId);
  }

  /** The key of the inputs of the model shown; null when none is. */
  paramsKey(): string | null {
    const c = this.shownNow;
    if (c.kind === 'manual') return 'manual';
    if (c.kind === 'file') return modelKey(c.uri, this.selected.get(c.uri) ?? '');
    return null;
  }

  paramsFor(key: string | null): UserParams {
    return (key && this.params.get(key)) || NO_PARAMS;
  }

  /** The inputs for one model of a document (CodeLens and hover use them). */
  paramsOf(uri: string, modelId: string): UserParams {
    return this.paramsFor(modelKey(uri, modelId));
  }

  /** Forgets what the user set for the model shown; false when no model is shown. */
  reset(): boolean {
    const key = this.paramsKey();
    if (key) this.params.delete(key);
    return key !== null;
  }

  /** Sets one input of the model at `key` to a value already read and accepted. */
  edit(key: string, message: ParamsEdit, value: number): void {
    this.params.set(key, edited(this.paramsFor(key), message, value));
  }
}

function modelKey(uri: string, modelId: string): string {
  return `${uri}::${modelId}`;
}

/** The inputs with one field changed; a copy, the inputs given are not changed. */
export function edited(p: UserParams, message: ParamsEdit, value: number): UserParams {
  const next: UserParams = { ...p, unknowns: { ...p.unknowns }, whatIf: { ...p.whatIf } };
  if (message.field === 'degree') next.degree = value;
  else if (message.field === 'kappa') next.kappa = value;
  else if (message.field === 'unknown') setOwn(next.unknowns, message.symbol, value);
  else if (message.field === 'whatIf') setOwn(next.whatIf, message.size, value);
  else if (message.field === 'samples') next.samples = value;
  else next.sweepSize = message.size;
  return next;
}
