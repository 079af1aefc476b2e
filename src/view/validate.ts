// The webview is untrusted input: every message it sends is checked here before the host acts.
// A message with the wrong shape yields a reason (logged by the caller) and is otherwise ignored.
import { CHART_IDS, LIMITS, type ChartId, type WebviewMessage } from '../protocol';

export type Validated = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

const MAX_STRING = 200;
/**
 * Model ids and open-size symbols are names from the user's code (a function's name, a parameter
 * read through a chain of properties): they are as long as the code makes them, so only absurd
 * lengths are refused.
 */
const MAX_NAME = 10_000;
/** A PNG of a sidebar chart is well under this; anything larger is not one of ours. */
export const MAX_DATA_URL = 20_000_000;
const PNG_PREFIX = 'data:image/png;base64,';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(o: Obj, key: string, max = MAX_STRING): string | null {
  const v = o[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;
}
function num(o: Obj, key: string, min: number, max: number): number | null {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : null;
}
/** A whole size within the sizes the sidebar accepts. */
function size(o: Obj, key: string): number | null {
  const v = num(o, key, LIMITS.size.min, LIMITS.size.max);
  return v !== null && Number.isInteger(v) ? v : null;
}
const SIZE_RULE = `a size must be a whole number from ${LIMITS.size.min} to ${LIMITS.size.max}`;
/** Text typed into a field: any string up to the length of an expression (empty is refused later, with a reason). */
function typed(o: Obj): string | null {
  const v = o.text;
  return typeof v === 'string' && v.length <= MAX_STRING ? v : null;
}
function seqOf(o: Obj): number | null {
  const v = o.seq;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}
function chartOf(o: Obj): ChartId | null {
  const v = o.chart;
  return typeof v === 'string' && (CHART_IDS as readonly string[]).includes(v) ? (v as ChartId) : null;
}
/** Size names the engine uses: d, N1, n2, L, d_k; the webview may only name sizes, not paths or code. */
function sizeName(o: Obj, key: string): string | null {
  const v = str(o, key, 40);
  return v !== null && /^[A-Za-z][A-Za-z0-9_]*$/.test(v) ? v : null;
}

const fail = (reason: string): Validated => ({ ok: false, reason });
const ok = (message: WebviewMessage): Validated => ({ ok: true, message });

/**
 * One validator per message type. `satisfies` makes a message type added to the protocol without
 * its validator a compile error, and a validator for a type the protocol does not have one too.
 */
const VALIDATORS = {
  ready: () => ok({ type: 'ready' }),
  enterArchitecture: () => ok({ type: 'enterArchitecture' }),
  runCheck: () => ok({ type: 'runCheck' }),
  selectModel: (raw) => {
    const id = str(raw, 'id', MAX_NAME);
    const seq = seqOf(raw);
    if (id === null || seq === null) return fail('selectModel needs a model id and a seq');
    return ok({ type: 'selectModel', id, seq });
  },
  reset: (raw) => {
    const seq = seqOf(raw);
    return seq === null ? fail('reset needs a seq') : ok({ type: 'reset', seq });
  },
  revealLine: (raw) => {
    const line = raw.line;
    if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 0)
      return fail('revealLine needs a line number ≥ 0');
    return ok({ type: 'revealLine', line });
  },
  edit: (raw) => validateEdit(raw),
  chartImage: (raw) => {
    const requestId = str(raw, 'requestId');
    const chart = chartOf(raw);
    const dataUrl = raw.dataUrl;
    if (requestId === null || chart === null) return fail('chartImage needs a requestId and a known chart');
    if (typeof dataUrl !== 'string' || !dataUrl.startsWith(PNG_PREFIX) || dataUrl.length > MAX_DATA_URL) {
      return fail('chartImage needs a PNG data URL');
    }
    if (!/^[A-Za-z0-9+/]+=*$/.test(dataUrl.slice(PNG_PREFIX.length))) return fail('chartImage data is not base64');
    return ok({ type: 'chartImage', requestId, chart, dataUrl });
  },
  chartImageFailed: (raw) => {
    const requestId = str(raw, 'requestId');
    const reason = str(raw, 'reason', 1000);
    if (requestId === null || reason === null) return fail('chartImageFailed needs a requestId and a reason');
    return ok({ type: 'chartImageFailed', requestId, reason });
  },
} satisfies { [K in WebviewMessage['type']]: (raw: Obj) => Validated };

export function validateWebviewMessage(raw: unknown): Validated {
  if (!isObj(raw)) return fail('message is not an object');
  const type = raw.type;
  if (typeof type !== 'string') return fail('message has no type');
  // Own keys only: a message typed 'constructor' or '__proto__' must not find Object.prototype.
  if (!Object.hasOwn(VALIDATORS, type)) return fail(`unknown message type '${type.slice(0, 40)}'`);
  return VALIDATORS[type as WebviewMessage['type']](raw);
}

function validateEdit(raw: Obj): Validated {
  const seq = seqOf(raw);
  if (seq === null) return fail('edit needs a seq');
  switch (raw.field) {
    // Typed text is read (and refused with a reason the user sees) by the controller.
    case 'degree':
    case 'kappa': {
      const text = typed(raw);
      if (text === null) return fail(`${raw.field} edit needs the typed text`);
      return ok({ type: 'edit', seq, field: raw.field, text });
    }
    case 'unknown': {
      const symbol = str(raw, 'symbol', MAX_NAME);
      const text = typed(raw);
      if (symbol === null) return fail('unknown-size edit needs a symbol');
      if (text === null) return fail('unknown-size edit needs the typed text');
      return ok({ type: 'edit', seq, field: 'unknown', symbol, text });
    }
    case 'whatIf': {
      const name = sizeName(raw, 'size');
      const value = size(raw, 'value');
      if (name === null) return fail('what-if edit needs a size name');
      if (value === null) return fail(SIZE_RULE);
      return ok({ type: 'edit', seq, field: 'whatIf', size: name, value });
    }
    case 'samples': {
      const text = typed(raw);
      return text === null
        ? fail('samples edit needs the typed text')
        : ok({ type: 'edit', seq, field: 'samples', text });
    }
    case 'sweepSize': {
      const size = sizeName(raw, 'size');
      return size === null
        ? fail('sweepSize edit needs a size name')
        : ok({ type: 'edit', seq, field: 'sweepSize', size });
    }
    default:
      return fail('edit has an unknown field');
  }
}
