// The webview's state and its reducer. Pure (no DOM), so it is tested under node.
// The state is persisted with the webview API's setState, so a hidden and restored sidebar
// repaints at once from what it last showed, before the host answers `ready`.
import {
  CHART_IDS,
  type ChartId,
  type CheckContext,
  type CheckMessage,
  type EditField,
  type InputResult,
  type ViewState,
  type CheckResult,
} from '../src/protocol';

/** A value the user has set in the sidebar that the host has not confirmed yet. */
export interface Draft {
  value: number | string;
  seq: number;
}

/** The last check this webview heard of; shown when its key is the shown model's. */
export type CheckPanel =
  | { key: string; phase: 'running'; done: number; total: number; message: string }
  | { key: string; phase: 'done'; result: CheckResult; cached: boolean }
  | { key: string; phase: 'error'; message: string; cancelled: boolean };

export interface WebviewState {
  version: 1;
  view: ViewState | null;
  /** Whether the shown model can be checked, and under which key. */
  checkContext: CheckContext | null;
  check: CheckPanel | null;
  /** Highest edit seq the host has confirmed. */
  ack: number;
  /** Seq of the last edit this webview sent. */
  seq: number;
  /** Unconfirmed edits by control key, so a late host update never snaps a slider back mid-drag. */
  drafts: Record<string, Draft>;
  /** Data tables the user opened. */
  openTables: ChartId[];
  /** The host's answer to each typed field, by control key: the value echoed, or why it was refused. */
  feedback: Record<string, { ok: boolean; message: string }>;
}

export type Action =
  | { type: 'hostView'; view: ViewState; ack: number; check: CheckContext }
  | { type: 'check'; message: CheckMessage }
  | { type: 'edit'; edit: EditField }
  | { type: 'selectModel'; id: string }
  | { type: 'reset' }
  | { type: 'toggleTable'; chart: ChartId; open: boolean }
  | { type: 'inputResult'; result: InputResult };

export const initialState: WebviewState = {
  version: 1,
  view: null,
  checkContext: null,
  check: null,
  ack: 0,
  seq: 0,
  drafts: {},
  openTables: [],
  feedback: {},
};

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
  return edit.field === 'sweepSize' ? edit.size : 'text' in edit ? edit.text : edit.value;
}

function settle(drafts: Record<string, Draft>, ack: number): Record<string, Draft> {
  return Object.fromEntries(Object.entries(drafts).filter(([, d]) => d.seq > ack));
}

export function reduce(state: WebviewState, action: Action): WebviewState {
  switch (action.type) {
    case 'hostView': {
      const ack = Math.max(state.ack, action.ack);
      return { ...state, view: action.view, checkContext: action.check, ack, drafts: settle(state.drafts, ack) };
    }
    case 'check':
      // A run for another model (it outlives a model switch) never hides the shown model's check.
      if (state.check && state.check.key === state.checkContext?.key && action.message.key !== state.check.key)
        return state;
      return { ...state, check: checkPanel(state.check, action.message) };
    case 'edit': {
      const seq = state.seq + 1;
      return {
        ...state,
        seq,
        drafts: { ...state.drafts, [draftKey(action.edit)]: { value: editValue(action.edit), seq } },
      };
    }
    case 'selectModel': {
      // Drafts belong to the model they were made on; a new model starts from the host's values.
      const seq = state.seq + 1;
      return { ...state, seq, drafts: { model: { value: action.id, seq } }, feedback: {} };
    }
    case 'reset': {
      const seq = state.seq + 1;
      return { ...state, seq, drafts: {}, feedback: {} };
    }
    case 'inputResult': {
      const { control, seq, ok, message } = action.result;
      // An answer to an older edit of the same field says nothing about the text shown now.
      const draft = state.drafts[control];
      if (draft !== undefined && draft.seq > seq) return state;
      const feedback = { ...state.feedback, [control]: { ok, message } };
      if (ok) return { ...state, feedback };
      // Refused: the field goes back to the value in use, and says why.
      const drafts = Object.fromEntries(Object.entries(state.drafts).filter(([k]) => k !== control));
      return { ...state, feedback, drafts };
    }
    case 'toggleTable': {
      const others = state.openTables.filter((c) => c !== action.chart);
      return { ...state, openTables: action.open ? [...others, action.chart] : others };
    }
  }
}

function checkPanel(previous: CheckPanel | null, m: CheckMessage): CheckPanel | null {
  switch (m.type) {
    case 'checkProgress':
      return { key: m.key, phase: 'running', done: m.done, total: m.total, message: m.message };
    case 'checkResult':
      return { key: m.key, phase: 'done', result: m.result, cached: m.cached };
    case 'checkError':
      // A cancelled re-run must not hide a result already shown for the same key.
      if (m.cancelled && previous?.phase === 'done' && previous.key === m.key) return previous;
      return { key: m.key, phase: 'error', message: m.message, cancelled: m.cancelled };
  }
}

/** The check panel for the shown model: the stored one when its key matches, else none. */
export function shownCheck(state: WebviewState): CheckPanel | null {
  const key = state.checkContext?.key ?? null;
  return key !== null && state.check?.key === key ? state.check : null;
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
  const view =
    s.view && typeof s.view === 'object' && (s.view.kind === 'empty' || s.view.kind === 'model') ? s.view : null;
  const openTables = Array.isArray(s.openTables)
    ? s.openTables.filter((c): c is ChartId => (CHART_IDS as readonly unknown[]).includes(c))
    : [];
  const seq = typeof s.seq === 'number' && Number.isSafeInteger(s.seq) && s.seq >= 0 ? s.seq : 0;
  const check = restoreCheck(s.check);
  const ctx = s.checkContext;
  const checkContext =
    ctx &&
    typeof ctx === 'object' &&
    (ctx.key === null || typeof ctx.key === 'string') &&
    (ctx.budget === 'quick' || ctx.budget === 'full')
      ? { key: ctx.key, blocked: typeof ctx.blocked === 'string' ? ctx.blocked : null, budget: ctx.budget }
      : null;
  // Drafts are not restored: the host may never have seen them, and its view is the truth.
  return { version: 1, view, checkContext, check, ack: seq, seq, drafts: {}, openTables, feedback: {} };
}

/** A check panel from saved state, kept only when finished (a run in progress is re-sent by the host). */
function restoreCheck(saved: unknown): CheckPanel | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const c = saved as Partial<Extract<CheckPanel, { phase: 'done' }>>;
  if (typeof c.key !== 'string' || c.phase !== 'done') return null;
  const r = c.result;
  if (
    !r ||
    typeof r !== 'object' ||
    !Array.isArray(r.curves) ||
    !r.verdict ||
    typeof r.verdict.text !== 'string' ||
    !Array.isArray(r.seeds)
  )
    return null;
  return { key: c.key, phase: 'done', result: r, cached: true };
}
