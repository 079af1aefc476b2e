// Everything the editor computes from a user's file, as the methods the analysis worker serves
// (src/workers/analysisWorker.ts runs them off the extension host's thread): detection, the
// sidebar's view, each model's outcome for its CodeLens and diagnostics, the hover's probes, and
// the values typed in the editor (sizes may be expressions, read with mathjs, which therefore
// loads here and never in extension.js or the chart worker).
// Free of `vscode`; the tests call these handlers directly.
import {
  detectModels,
  folderOf,
  gatherImports,
  normalisePath,
  toArchitecture,
  type DetectionResult,
  type ModelSpec,
  type ReadFile,
  type SourceRange,
} from '../detect/index';
import type { Architecture } from '../engine/types';
import { evaluateExpression, RULES, type Evaluated, type RuleName } from '../input/sizeExpression';
import { applyWhatIf, hiddenSizeName, layerWidth } from '../view/architecture';
import type { ChartData } from '../view/chartData';
import { buildEditorCheck, type CheckBudgetSetting, type EditorCheck } from '../view/checkSpec';
import { hoverMarkdown } from '../view/format';
import { buildManualArchitecture, parseWidths, type ManualInput, type Parsed } from '../view/manualArchitecture';
import { isGone, KeptDetections, type DetectionGone, type DetectionRef } from './keptDetections';
import type { Handlers } from './rpc';
import { fingerprintOf, toWire, type Wire } from './wire';
import { EMPTY_MESSAGE, NO_MODEL_TO_CHECK } from '../view/models';
import {
  buildView,
  effectiveParams,
  EngineCache,
  type Computed,
  type EngineOutcome,
  type Subject,
  type UserParams,
} from '../view/session';
import type { Settings } from '../view/settings';

export type EditorCheckState = { ok: true; check: EditorCheck } | { ok: false; reason: string };

/** The sidebar's subject as the host names it: a file's models by the detection the worker keeps. */
export type ViewSubject =
  | Exclude<Subject, { origin: 'file' }>
  | { origin: 'file'; fileName: string; detection: DetectionRef; selected: string };

export interface ViewRequest {
  subject: ViewSubject | null;
  /** Shown in the empty view when there is no subject. */
  fileName: string | null;
  settings: Settings;
  user: UserParams;
  /** Chart data the host holds for the jobs it asked for last; a view whose job is among them gets its charts. */
  chartData: [string, ChartData][];
}

export interface ModelRequest {
  model: ModelSpec;
  settings: Settings;
  /** The user's inputs for this model (CodeLens and hover use them without what-ifs). */
  user: UserParams;
}

export interface ModelAnswer {
  /** Null when the model's sizes cannot make an architecture (`outcome` says why). */
  arch: Architecture | null;
  outcome: EngineOutcome;
}

export interface HoverAnswer {
  markdown: string;
  range: SourceRange;
}

/**
 * The sidebar's view and the check it offers. `viewKey` is a fingerprint of the view: the host
 * posts a view only when it differs from the last one posted, and compares keys to know, instead
 * of serialising a view (fifty models, charts) on its thread.
 */
export interface ViewAnswer {
  computed: Computed;
  check: EditorCheckState;
  viewKey: string;
}

/**
 * A detection, as JSON text (a 50-model file's detection rebuilds on the host's thread several
 * times faster from text than by structured clone), with a fingerprint of that text: the host
 * tells a changed detection from the one it holds by comparing fingerprints, without parsing or
 * serialising either on its thread. `reads`: every other file the detection used (its imports,
 * found or not, and the files whose calls it read); `folders`: the folders it listed for such
 * files. A change to any of these re-analyses the file.
 */
export interface DetectAnswer {
  detection: Wire<DetectionResult>;
  fingerprint: string;
  reads: string[];
  folders: string[];
}

/** A value typed in the editor (a sidebar field, an "Enter architecture…" box), read under its rule. */
export interface InputRequest {
  text: string;
  rule: RuleName;
  /** Sizes the text may name (`2*N1`): the model's widths and the open sizes given so far. */
  known: Record<string, number>;
}

export interface DetectRequest {
  text: string;
  /** The file as the user should see it (workspace-relative); the paths `read` is asked for are in the same terms. */
  fileName: string;
  /** The host's name for the document (its uri): the worker keeps the detection under it until the host forgets it. */
  document: string;
  /**
   * The source files of the file's folder (the host lists them and keeps the listing), which may
   * call its functions. Sent with the request rather than asked for: that would be one more
   * round trip between the threads in every detection.
   */
  listing: readonly string[];
}

/** What the host asks of the analysis worker. */
export interface AnalysisMethods {
  detect: { params: DetectRequest; result: DetectAnswer };
  /** `gone`: the subject names a detection this worker does not hold; ask again with its models. */
  view: { params: ViewRequest; result: ViewAnswer | DetectionGone };
  /** The host closed a document: the detection kept for it goes. */
  forget: { params: { document: string }; result: null };
  outcome: { params: ModelRequest; result: ModelAnswer };
  hover: { params: ModelRequest & { offset: number }; result: HoverAnswer | null };
  readInput: { params: InputRequest; result: Evaluated };
  readWidths: { params: { text: string; known: Record<string, number> }; result: Parsed<number[]> };
  manualArchitecture: { params: ManualInput; result: Parsed<Architecture> };
}

/**
 * What the analysis worker may ask of the host: only the host reaches `vscode.workspace.fs`.
 * `read` answers a workspace file's text (undefined when it cannot be read), for detection that
 * follows imports into other files and reads the files beside it that may call its functions.
 */
export interface HostMethods {
  read: { params: { path: string }; result: string | undefined };
}

function checkFor(computed: Computed, cache: EngineCache, budget: CheckBudgetSetting): EditorCheckState {
  const view = computed.view;
  if (view.kind !== 'model') return { ok: false, reason: NO_MODEL_TO_CHECK };
  if (!view.result.ok) return { ok: false, reason: `There is no prediction to check: ${view.result.reason}` };
  const options = { degree: view.params.degree, kappa: view.params.kappa };
  return buildEditorCheck(computed.architecture, options, budget, (arch) => cache.analyze(arch, options));
}

function modelAnswer(cache: EngineCache, { model, settings, user }: ModelRequest): ModelAnswer {
  const converted = toArchitecture(model, { overrides: user.unknowns, defaultInputDim: settings.defaultInputDim });
  if (!converted.architecture) return { arch: null, outcome: { error: converted.why ?? 'sizes missing' } };
  const params = effectiveParams(settings, user);
  return {
    arch: converted.architecture,
    outcome: cache.analyze(converted.architecture, { degree: params.degree, kappa: params.kappa }),
  };
}

/** How P* moves if the hidden layer under `offset` is halved or doubled. */
function hover(cache: EngineCache, request: ModelRequest & { offset: number }): HoverAnswer | null {
  const { model, offset } = request;
  const { arch, outcome: current } = modelAnswer(cache, request);
  if (!arch || 'error' in current) return null;
  const params = effectiveParams(request.settings, request.user);
  const options = { degree: params.degree, kappa: params.kappa };
  let hidden = -1;
  for (const layer of model.layers) {
    if (layer.role === 'hidden') hidden++;
    if (layer.role !== 'hidden' || offset < layer.range.start || offset > layer.range.end) continue;
    const archLayer = arch.layers[hidden];
    if (!archLayer) return null;
    const size = hiddenSizeName(arch, hidden);
    const value = layerWidth(archLayer);
    const probe = (v: number) => {
      const r = cache.analyze(applyWhatIf(arch, { [size]: v }), options);
      return 'error' in r ? null : r;
    };
    const markdown = hoverMarkdown({
      size,
      value,
      current,
      halved: value > 1 ? probe(Math.max(1, Math.round(value / 2))) : null,
      doubled: probe(value * 2),
    });
    return { markdown, range: layer.range };
  }
  return null;
}

/**
 * Time the detector may read a file for in the editor. More than the CLI's 500 ms: a cold worker
 * on a busy machine can take that long on a large ordinary file, and here the work cap, the
 * worker's deadline and its memory limit bound what a hostile file can do.
 */
export const EDITOR_BUDGET_MS = 3000;

/** A file's detection in the editor, with what it read besides the file (see DetectAnswer). */
export interface FileDetection {
  result: DetectionResult;
  reads: string[];
  folders: string[];
}

/**
 * Detection with the files the text imports and the files beside it that import it (whose calls
 * may fix its sizes, as the CLI reads the file's folder), through the host's workspace file system.
 */
export async function detectFile(
  { text, fileName, listing }: Omit<DetectRequest, 'document'>,
  read: ReadFile,
): Promise<FileDetection> {
  const entry = normalisePath(fileName);
  const folder = folderOf(entry);
  const candidates = new Set(listing.filter((p) => normalisePath(p) !== entry));
  const asked = new Set<string>();
  const project = await gatherImports(
    fileName,
    text,
    (path) => {
      asked.add(path);
      return read(path);
    },
    undefined,
    [...candidates],
  );
  // A file beside it that was read but does not import it is not one it depends on: the folder's listing stands for it.
  const reads = [...asked].filter((p) => !candidates.has(p) || project.files.has(p));
  const result = detectModels(text, fileName, { budgetMs: EDITOR_BUDGET_MS, project });
  return { result, reads, folders: listing.length > 0 ? [folder] : [] };
}

const NO_FILES: ReadFile = () => Promise.resolve(undefined);

/** The subject to build a view of: a file's models from the detection named, or `gone` when it is not kept. */
function subjectOf(subject: ViewSubject, kept: KeptDetections): Subject | DetectionGone {
  if (subject.origin !== 'file') return subject;
  const { document, fingerprint, models: sent } = subject.detection;
  if (sent) kept.keep(document, fingerprint, sent, toWire(sent).length);
  const models = sent ?? kept.models(fingerprint);
  if (!models) return { gone: fingerprint };
  return { origin: 'file', fileName: subject.fileName, models, selected: subject.selected };
}

/**
 * The handlers, with one engine cache shared by every request the worker serves and the
 * detections it made kept for the views that name them. `read` asks the host for other workspace
 * files (none, as for a file outside any workspace).
 */
export function analysisHandlers(
  cache = new EngineCache(),
  read: ReadFile = NO_FILES,
  kept = new KeptDetections(),
): Handlers<AnalysisMethods> {
  return {
    detect: async (request) => {
      const { result, reads, folders } = await detectFile(request, read);
      const detection = toWire(result);
      const fingerprint = fingerprintOf(detection);
      kept.keep(request.document, fingerprint, result.models, detection.length);
      return { detection, fingerprint, reads, folders };
    },
    forget: ({ document }) => {
      kept.forget(document);
      return null;
    },
    view: (request) => {
      const subject = request.subject && subjectOf(request.subject, kept);
      if (subject && isGone(subject)) return subject;
      const charts = new Map(request.chartData);
      const computed: Computed =
        subject === null
          ? {
              view: { kind: 'empty', message: EMPTY_MESSAGE, fileName: request.fileName },
              architecture: null,
              outcome: null,
              report: null,
              chartJob: null,
            }
          : buildView(cache, {
              subject,
              settings: request.settings,
              user: request.user,
              chartData: (key) => charts.get(key),
            });
      return {
        computed,
        check: checkFor(computed, cache, request.settings.checkBudget),
        viewKey: fingerprintOf(toWire(computed.view)),
      };
    },
    outcome: (request) => modelAnswer(cache, request),
    hover: (request) => hover(cache, request),
    readInput: ({ text, rule, known }) => evaluateExpression(text, RULES[rule], known),
    readWidths: ({ text, known }) => parseWidths(text, known),
    manualArchitecture: (input) => buildManualArchitecture(input),
  };
}
