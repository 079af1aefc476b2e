// Every message between the extension host and the sidebar webview, one discriminated union
// per direction. Imported by both bundles, so it holds types and constants only: no `vscode`,
// no DOM. The host formats all text (so CodeLens, hover, Markdown and the sidebar say the same
// thing); the webview only lays it out and draws the charts from the engine's series.
import type { CheckResult } from './check/types';

// What the webview needs of the check, re-exported so the webview imports from src/ only this file.
export type { CheckCurve, CheckResult } from './check/types';
/** Mean alignment at which a curve counts as learning (the check's onset criterion). */
export { ONSET_ALIGNMENT } from './check/onset';
import type { Crossover, RegimeMap, WidthSweep } from './engine/types';

/** The three charts; each has a canvas and a data table with matching test ids. */
export const CHART_IDS = ['pstar', 'energy', 'regime'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** One model found in the current file, as the picker lists it. */
export interface ModelChoice {
  /** Stable while the file is edited: the model's name plus its occurrence index. */
  id: string;
  label: string;
  /** 0-based line of the model's definition. */
  line: number;
}

/** A layer as detection found it, with the engine's verdict on it when there is one. */
export interface LayerRow {
  /** 0-based position among the model's detected layers. */
  index: number;
  kind: string;
  role: 'hidden' | 'readout' | 'passthrough' | 'outside-theory';
  /** Units or filters as written: "256", or the symbol when the code leaves it open. */
  units: string;
  activation: string;
  /** 0-based line, clickable in the sidebar to reveal it in the editor. */
  line: number;
  /** The engine's size name for a hidden layer ("N1"), null otherwise. */
  size: string | null;
  /** What the winning pattern does in this layer, in words; null for non-hidden layers. */
  verdict: string | null;
}

/** Where a number in use came from; shown beside it (design rule 2). */
export type ValueSource = 'code' | 'setting' | 'user' | 'what-if';

/** A size the code does not fix: the user (or a setting) supplies it. */
export interface UnknownControl {
  symbol: string;
  reason: string;
  /** The value in use, or null when nothing supplies one yet (the engine cannot run). */
  value: number | null;
  source: ValueSource;
}

/** A what-if slider: changes the prediction, never the code. */
export interface WhatIfControl {
  /** Engine size name ("N1", "d_k") or "depth". */
  size: string;
  label: string;
  /** The value the code (or the unknown's setting) gives. */
  base: number;
  value: number;
  min: number;
  max: number;
  /** Sliders over widths move on a log scale; depth moves in steps of one. */
  scale: 'log' | 'linear';
}

/** A validity flag (theory section 9): a short mark for tight places, and its sentence. */
export interface FlagView {
  mark: string;
  sentence: string;
}

/** "Why this pattern" for one candidate: its energy term by term, redoable by hand. */
export interface WhyView {
  label: string;
  /** "E = 362 (P* ≈ 3.6e2)". */
  heading: string;
  terms: { payer: string; role: string; symbolic: string; numeric: string; value: string }[];
  /** "E = 181 + 181 = 362". */
  sum: string;
  /** "M2 = 2.83; no bound binds" (empty when the candidate has no free parameter). */
  optimum: string;
  rules: { rule: string; provenance: string }[];
}

export interface ResultView {
  /** "Spec → Mag": the winning assignment, one pattern per hidden layer. */
  winnerLabel: string;
  /** "P* ≈ 6.1e2 (κ = 1; an O(1) factor is unknown)". */
  pStarText: string;
  /** "P* ∝ N2^1/2 · d^1/2". */
  exponentText: string;
  /** One sentence per hidden layer, in the words a practitioner uses. */
  patternLines: string[];
  /** Labels of the assignments that scale the same way as the winner (scale analysis cannot separate them). */
  competing: string[];
  /** Runner-up assignments with their P*, best first (a handful). */
  runnersUp: { label: string; pStarText: string; exponentText: string }[];
  /** Why a theory-level caveat applies (binding constraints, approximations). */
  warnings: string[];
  /** Validity flags, shown next to P*. */
  flags: FlagView[];
  /** The robustness box: "P* between 1.2e2 and 6.1e2; the winner may become Spec → Mag". */
  robustnessText: string;
  /** Why no feature-learning pattern exists, when none does. */
  noLearning: string | null;
  /** "Why this pattern": the winner first, then the runners-up. */
  why: WhyView[];
}

export interface ChartsView {
  /** The size swept on the width charts ("N2"), and the other sizes that could be swept. */
  size: string;
  sizeChoices: string[];
  /** The user's value of that size, marked on the P* chart. */
  userValue: number;
  userPStar: number;
  kappa: number;
  sweep: WidthSweep;
  /** Crossovers restated with candidate labels instead of keys. */
  crossovers: (Crossover & { fromLabel: string; toLabel: string })[];
  labels: Record<string, string>;
  regime: RegimeMap | null;
  /** The user's (width, d) point on the regime map. */
  userDim: number;
  /** The user's training-set size P, drawn as a level on the P* chart; null without one. */
  samples: number | null;
  /**
   * With P: the stretches of `size` over the chart's window (the others fixed) where P* ≤ P,
   * shaded on the P* chart; `openBelow`/`openAbove` when one runs off the chart's end.
   */
  bands: { from: number; to: number; openBelow: boolean; openAbove: boolean }[];
}

/** The user's question "I have P samples": P against P*, and the width advisor. */
export interface BudgetView {
  /** "P = 60,000 is ≈ 80× P* ≈ 750: feature learning expected …" or "… short of P* … by ≈ 4×". */
  sentence: string;
  enough: boolean;
  /** For each hidden width (the others fixed), the widths for which P* ≤ P; null while they are worked out (with the charts). */
  widths: string[] | null;
}

/** The training-set size in use, and where it came from ("60000 (setting)"); value null when none is given. */
export interface SamplesControl {
  value: number | null;
  source: ValueSource;
  /** 1-based line of the `fit` call when the code fixes it. */
  line: number | null;
}

export interface Params {
  degree: number;
  kappa: number;
}

/** What the sidebar shows: nothing to analyse, or one model (from a file or entered by hand). */
export type ViewState =
  | {
      kind: 'empty';
      /** "no tfjs model in this file — open one, or enter an architecture". */
      message: string;
      fileName: string | null;
    }
  | {
      kind: 'model';
      origin: 'file' | 'manual';
      fileName: string | null;
      models: ModelChoice[];
      selected: string;
      layers: LayerRow[];
      params: Params;
      paramSources: { degree: ValueSource; kappa: ValueSource };
      unknowns: UnknownControl[];
      whatIf: WhatIfControl[];
      /** Sizes fixed in another file (or by a call): "IMAGE_H = 28, from mnist/data.js:20". */
      sizesFrom: string[];
      samples: SamplesControl;
      /** Null without a training-set size or a prediction. */
      budget: BudgetView | null;
      /** Every assumption behind the numbers, in words. */
      assumptions: string[];
      notes: string[];
      /** The engine's result, or why there is none (missing sizes, unreachable target, bad input). */
      result: ({ ok: true } & ResultView) | { ok: false; reason: string };
      charts: ChartsView | null;
      /** The charts are being computed (the webview keeps the previous ones, dimmed, meanwhile). */
      chartsPending: boolean;
    };

/** The empirical check (train the model, compare with P*) for the model shown. */
export interface CheckContext {
  /** Cache key (checkKey) of the check the button would run; null when it cannot run. */
  key: string | null;
  /** Why the check cannot run for this model, in words; null when it can. */
  blocked: string | null;
  /** The budget the `tfjsScaling.check.budget` setting selects. */
  budget: 'quick' | 'full';
}

// ---- the chart export: a request from the host, one reply from the webview with its requestId ----

/** The host asks for a chart as a PNG (Scaling: Export chart); the webview answers once it is drawn. */
export interface ChartExportRequest {
  type: 'exportChart';
  requestId: string;
  chart: ChartId;
}

/** The webview's answer to a ChartExportRequest: the image, or why it cannot draw that chart. */
export type ChartExportReply =
  | { type: 'chartImage'; requestId: string; chart: ChartId; dataUrl: string }
  | { type: 'chartImageFailed'; requestId: string; reason: string };

// ---- host → webview ----

export type HostMessage =
  | {
      type: 'view';
      view: ViewState;
      /** The highest webview edit sequence number the view reflects (drafts up to it are settled). */
      ack: number;
      check: CheckContext;
    }
  | ChartExportRequest
  // The check's messages name the key they belong to: a run outlives the model shown.
  | { type: 'checkProgress'; key: string; done: number; total: number; message: string }
  | { type: 'checkResult'; key: string; result: CheckResult; cached: boolean }
  | { type: 'checkError'; key: string; message: string; cancelled: boolean }
  /**
   * The host's reading of a typed field (`control` is the webview's draft key: "degree",
   * "unknown:units"): accepted, with its value echoed ("= 2352") when the text was an
   * expression, or refused with the reason (the value in use stays).
   */
  | { type: 'inputResult'; control: string; seq: number; ok: boolean; message: string };

export type InputResult = Extract<HostMessage, { type: 'inputResult' }>;

export type CheckMessage = Extract<HostMessage, { type: 'checkProgress' | 'checkResult' | 'checkError' }>;

// ---- webview → host ----

/**
 * Fields the user can edit in the sidebar. Typed fields carry the text as typed (a size may be
 * an expression: `28*28`, `2^10`); the host reads it and answers with an `inputResult`.
 */
export type EditField =
  | { field: 'degree'; text: string }
  | { field: 'kappa'; text: string }
  | { field: 'unknown'; symbol: string; text: string }
  | { field: 'whatIf'; size: string; value: number }
  /** The training-set size P ("I have P samples"). */
  | { field: 'samples'; text: string }
  | { field: 'sweepSize'; size: string };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'selectModel'; id: string; seq: number }
  | ({ type: 'edit'; seq: number } & EditField)
  | { type: 'reset'; seq: number }
  | { type: 'revealLine'; line: number }
  | { type: 'enterArchitecture' }
  | ChartExportReply
  /** The check button: runs the check on the model shown (the host decides what that is). */
  | { type: 'runCheck' };

/**
 * Every webview → host message type, at run time: the host's validator has one entry per type, and
 * the tests send each. `satisfies` makes a type added to WebviewMessage without it a compile error.
 */
export const WEBVIEW_MESSAGE_TYPES = Object.keys({
  ready: true,
  selectModel: true,
  edit: true,
  reset: true,
  revealLine: true,
  enterArchitecture: true,
  chartImage: true,
  chartImageFailed: true,
  runCheck: true,
} satisfies Record<WebviewMessage['type'], true>) as WebviewMessage['type'][];

/** Bounds of user-supplied numbers, shared so the webview's inputs match what the host accepts. */
export { LIMITS } from './engine/limits';
