// The webview's state and its reducer. Pure (no DOM), so it is tested under node.
// The state is persisted with the webview API's setState, so a hidden and restored sidebar
// repaints at once from what it last showed, before the host answers `ready`.
import { CHART_IDS, type ChartId, type EditField, type ViewState } from '../src/protocol';

/** A value the user has set in the sidebar that the host has not confirmed yet. */
export interface Draft {
  value: number | string;
  seq: number;
}

export interface WebviewState {
  version: 1;
  view: ViewState | null;
  /** Highest edit seq the host has confirmed. */
  ack: number;
  /** Seq of the last edit this webview sent. */
  seq: number;
  /** Unconfirmed edits by control key, so a late host update never snaps a slider back mid-drag. */
  drafts: Record<string, Draft>;
  /** Data tables the user opened. */
  openTables: ChartId[];
}

export type Action =
  | { type: 'hostView'; view: ViewState; ack: number }
  | { type: 'edit'; edit: EditField }
  | { type: 'selectModel'; id: string }
  | { type: 'reset' }
  | { type: 'toggleTable'; chart: ChartId; open: boolean };

export const initialState: WebviewState = { version: 1, view: null, ack: 0, seq: 0, drafts: {}, openTables: [] };

/** The control a draft belongs to: "degree", "kappa", "unknown:hidden", "whatIf:N2", "sweepSize", "model". */
export function draftKey(edit: EditField): string {
  switch (edit.field) {
    case 'unknown':
      return `unknown:${edit.symbol}`;
    case 'whatIf':
      return `whatIf:${edit.size}`;
    default:
      return edit.field;
  }
}

function editValue(edit: EditField): number | string {
  return edit.field === 'sweepSize' ? edit.size : edit.value;
}

function settle(drafts: Record<string, Draft>, ack: number): Record<string, Draft> {
  return Object.fromEntries(Object.entries(drafts).filter(([, d]) => d.seq > ack));
}

export function reduce(state: WebviewState, action: Action): WebviewState {
  switch (action.type) {
    case 'hostView': {
      const ack = Math.max(state.ack, action.ack);
      return { ...state, view: action.view, ack, drafts: settle(state.drafts, ack) };
    }
    case 'edit': {
      const seq = state.seq + 1;
      return { ...state, seq, drafts: { ...state.drafts, [draftKey(action.edit)]: { value: editValue(action.edit), seq } } };
    }
    case 'selectModel': {
      // Drafts belong to the model they were made on; a new model starts from the host's values.
      const seq = state.seq + 1;
      return { ...state, seq, drafts: { model: { value: action.id, seq } } };
    }
    case 'reset': {
      const seq = state.seq + 1;
      return { ...state, seq, drafts: {} };
    }
    case 'toggleTable': {
      const others = state.openTables.filter((c) => c !== action.chart);
      return { ...state, openTables: action.open ? [...others, action.chart] : others };
    }
  }
}

/** What a control shows: the user's unconfirmed value when there is one, else the host's. */
export function shown<T extends number | string>(state: WebviewState, key: string, hostValue: T): T {
  const d = state.drafts[key];
  return d !== undefined && typeof d.value === typeof hostValue ? (d.value as T) : hostValue;
}

/**
 * State read back from getState(): it may come from an older version of the extension, so
 * anything unexpected is dropped rather than trusted (the host re-sends the view on `ready`).
 */
export function restore(saved: unknown): WebviewState {
  if (typeof saved !== 'object' || saved === null) return initialState;
  const s = saved as Partial<WebviewState>;
  if (s.version !== 1) return initialState;
  const view = s.view && typeof s.view === 'object' && (s.view.kind === 'empty' || s.view.kind === 'model') ? s.view : null;
  const openTables = Array.isArray(s.openTables) ? s.openTables.filter((c): c is ChartId => (CHART_IDS as readonly unknown[]).includes(c)) : [];
  const seq = typeof s.seq === 'number' && Number.isSafeInteger(s.seq) && s.seq >= 0 ? s.seq : 0;
  // Drafts are not restored: the host may never have seen them, and its view is the truth.
  return { version: 1, view, ack: seq, seq, drafts: {}, openTables };
}
