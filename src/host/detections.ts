// Documents → models and the engine's answers for them: the detection/outcome half of the host,
// used by the sidebar's controller, the CodeLens, hover, diagnostics and language status alike.
// It only orchestrates: everything computed from a file runs in the supervised analysis worker
// (src/workers/analysis.ts), and a file or model the worker gives up on is answered as skipped.
import * as vscode from 'vscode';
import type { DetectionResult, ModelSpec } from '../detect/types';
import type { Architecture } from '../engine/types';
import { folderOf, normalisePath } from '../detect/paths';
import type {
  AnalysisMethods,
  HoverAnswer,
  HostMethods,
  ModelAnswer,
  ViewAnswer,
  ViewRequest,
} from '../workers/analysis';
import type { AnalysisWorkerData } from '../workers/analysisWorker';
import { modelIds } from '../view/models';
import type { EngineOutcome, UserParams } from '../view/session';
import type { Settings } from '../view/settings';
import { ImportCache } from '../workers/importCache';
import { withModels } from '../workers/keptDetections';
import type { Params, Result } from '../workers/rpc';
import { FirstOverrun } from '../workers/firstOverrun';
import { Supervisor, type Outcome } from '../workers/supervisor';
import { fromWire } from '../workers/wire';
import { workspacePath, workspaceSource } from './workspaceFiles';

export const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'json'] as const;

/**
 * Limits of the analysis worker. Reading a file is bounded by the detector's own budget (500 ms,
 * 2M steps) and caps; these are the second line, for whatever escapes them.
 */
const ANALYSIS_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };
export const ANALYSIS_DEADLINE_MS = 10_000;

export function displayName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() ?? doc.uri.toString();
}

/**
 * A detection as the host holds it: `fingerprint` tells it from the next one (see DetectAnswer),
 * and names it to the analysis worker, which keeps the detections it made.
 */
export interface Detected {
  result: DetectionResult;
  fingerprint: string;
  /** Skipped for running past the deadline, the first time at this version: the next request reads it again. */
  retry?: boolean;
}

/** One detected model with the engine's answer for it. */
export interface ModelOutcome {
  model: ModelSpec;
  id: string;
  /** Null when the model's sizes cannot make an architecture (`outcome` says why). */
  arch: Architecture | null;
  outcome: EngineOutcome;
}

export interface DetectionServiceOptions {
  log: vscode.LogOutputChannel;
  /** The analysis worker's loader (dist/analysisWorker.js). */
  workerPath: string;
  /** Where the analysis worker keeps V8's code cache of the detector (the extension's global storage). */
  cacheDir: string | null;
  settings: () => Settings;
  /** The user's inputs for one model of a document (what the sidebar holds, without what-ifs). */
  userParams: (uri: vscode.Uri, modelId: string) => UserParams;
}

export class DetectionService implements vscode.Disposable {
  /** `stale`: a file the detection read has changed since (the document itself may not have). */
  private readonly detections = new Map<string, { version: number; result: Promise<Detected>; stale: boolean }>();
  /** The other files detections read (imports), kept, and who read them. */
  private readonly imports = new ImportCache(workspaceSource);
  /** Models whose analysis the worker gave up on, by document version and index: not asked again. */
  private readonly skippedModels = new Map<string, string>();
  /** Document versions whose detection, or one model's outcome (`uri#index`), already overran once. */
  private readonly overruns = new FirstOverrun();
  private readonly analysis: Supervisor<AnalysisMethods, HostMethods>;
  /** Detection for a document changed (CodeLens, diagnostics and the language status listen). */
  private readonly detectionEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidDetect = this.detectionEmitter.event;
  private readonly log: vscode.LogOutputChannel;
  private readonly settings: () => Settings;
  private readonly userParams: (uri: vscode.Uri, modelId: string) => UserParams;

  constructor(options: DetectionServiceOptions) {
    this.log = options.log;
    this.settings = options.settings;
    this.userParams = options.userParams;
    this.analysis = new Supervisor<AnalysisMethods, HostMethods>({
      path: options.workerPath,
      name: 'analysis',
      resourceLimits: ANALYSIS_LIMITS,
      workerData: { cacheDir: options.cacheDir } satisfies AnalysisWorkerData,
      deadlineMs: ANALYSIS_DEADLINE_MS,
      handlers: { read: ({ path }) => this.imports.read(path) },
      log: (message) => this.log.warn(message),
    });
  }

  /** Starts loading the detector in the worker (most of a cold first detection). */
  warm(): void {
    this.analysis.warm();
  }

  isCandidate(doc: vscode.TextDocument): boolean {
    if (!(LANGUAGES as readonly string[]).includes(doc.languageId)) return false;
    if (doc.isUntitled) return doc.languageId !== 'json';
    return this.settings().filePatterns.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  /** Detection of a document at its current version, computed once per version (in the analysis worker). */
  async detection(doc: vscode.TextDocument): Promise<DetectionResult> {
    return (await this.detected(doc)).result;
  }

  /** The same, with the fingerprint that names it to the analysis worker. */
  detected(doc: vscode.TextDocument): Promise<Detected> {
    const key = doc.uri.toString();
    const hit = this.detections.get(key);
    if (hit && hit.version === doc.version && !hit.stale) return hit.result;
    const detected = this.detect(doc, hit?.result);
    const entry = { version: doc.version, result: detected, stale: false };
    this.detections.set(key, entry);
    void detected.then((d) => {
      if (d.retry) entry.stale = true;
    });
    return detected;
  }

  /**
   * The sidebar's view. A file's subject names its detection, which the worker keeps (a 50-model
   * file's models are not cloned across the threads for every view); a worker that no longer holds
   * it (a replaced thread) is asked again with `models`.
   */
  view(request: ViewRequest, models: ModelSpec[]): Promise<Outcome<ViewAnswer>> {
    const { subject } = request;
    return withModels(
      (sent) =>
        this.analysis.call(
          'view',
          sent && subject?.origin === 'file'
            ? { ...request, subject: { ...subject, detection: { ...subject.detection, models: sent } } }
            : request,
        ),
      models,
    );
  }

  /** Whether the detection of `entry` (a document's uri) read the workspace file `path`. */
  dependsOn(entry: string, path: string): boolean {
    return this.imports.dependsOn(entry, path);
  }

  /**
   * A file some detection may have read changed: the detections that read it are stale. Returns
   * the documents (uris) to read again; a file that listed its own folder is not among them, since
   * its own edits re-read it already.
   */
  changed(uri: vscode.Uri): { path: string; readers: string[] } | null {
    const path = workspacePath(uri);
    if (path === null) return null;
    const readers = this.imports.changed(path).filter((entry) => entry !== uri.toString());
    for (const entry of readers) {
      const hit = this.detections.get(entry);
      if (hit) hit.stale = true;
    }
    return { path, readers };
  }

  /** A document closed: what was kept of it goes. */
  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.detections.delete(key);
    this.overruns.forget(key);
    this.imports.forget(key);
    // Only a running worker holds it; a forget never starts one.
    void this.analysis.tell('forget', { document: key });
    for (const k of [...this.skippedModels.keys()]) if (k.startsWith(`${key}@`)) this.skippedModels.delete(k);
  }

  /** The models detected in a document and their ids (no engine run). */
  async models(doc: vscode.TextDocument): Promise<{ models: ModelSpec[]; ids: string[] }> {
    const result = await this.detection(doc);
    return { models: result.models, ids: modelIds(result.models) };
  }

  /** The engine's answer for one model of a document, under the user's inputs for it (computed in the worker). */
  async modelOutcome(doc: vscode.TextDocument, index: number): Promise<ModelOutcome | null> {
    const { models, ids } = await this.models(doc);
    const model = models[index];
    if (!model) return null;
    const id = ids[index] ?? model.name;
    return { model, id, ...(await this.outcomeOf(doc, index, model, id)) };
  }

  /** Every model's answer (diagnostics need them all). */
  async outcomes(doc: vscode.TextDocument): Promise<{ models: ModelSpec[]; outcomes: EngineOutcome[] }> {
    const { models, ids } = await this.models(doc);
    const outcomes: EngineOutcome[] = [];
    for (const [i, model] of models.entries())
      outcomes.push((await this.outcomeOf(doc, i, model, ids[i] ?? model.name)).outcome);
    return { models, outcomes };
  }

  /** The hover over a hidden layer's width: how P* moves if it is halved or doubled. */
  async hover(doc: vscode.TextDocument, offset: number): Promise<HoverAnswer | null> {
    const { models, ids } = await this.models(doc);
    const index = models.findIndex((model) =>
      model.layers.some((l) => l.role === 'hidden' && offset >= l.range.start && offset <= l.range.end),
    );
    const model = models[index];
    if (!model || this.skippedModels.has(skipKey(doc, index))) return null;
    const outcome = await this.analysis.call('hover', {
      model,
      settings: this.settings(),
      user: this.userParams(doc.uri, ids[index] ?? model.name),
      offset,
    });
    return outcome.ok ? outcome.value : null;
  }

  /** Asks the analysis worker directly (the sidebar's view, typed input); a worker that gives up answers `skipped`. */
  analyse<K extends keyof AnalysisMethods & string>(
    method: K,
    params: Params<AnalysisMethods, K>,
  ): Promise<Outcome<Result<AnalysisMethods, K>>> {
    return this.analysis.call(method, params);
  }

  dispose(): void {
    this.analysis.dispose();
    this.detectionEmitter.dispose();
  }

  private async detect(doc: vscode.TextDocument, previous: Promise<Detected> | undefined): Promise<Detected> {
    const started = Date.now();
    const key = doc.uri.toString();
    const fileName = workspacePath(doc.uri) ?? (doc.fileName || doc.uri.path);
    // Files beside it may call its functions; the listing is kept, so most detections need no wait.
    const listing = await this.imports.list(folderOf(normalisePath(fileName)));
    const outcome = await this.analysis.call('detect', { text: doc.getText(), fileName, document: key, listing });
    const before = previous ? await previous.catch(() => null) : null;
    let detected: Detected;
    if (outcome.ok) {
      const { detection, fingerprint, reads, folders } = outcome.value;
      this.imports.record(key, reads, folders);
      // The same detection as before (most edits): the one held is kept, so this thread neither
      // parses the new one nor compares the two.
      detected = before?.fingerprint === fingerprint ? before : { result: fromWire(detection), fingerprint };
    } else {
      // The worker gave up (deadline, memory, crash): the file is skipped, and the editor carries on.
      // A deadline can be a busy machine (a cold start under load) rather than the file: the first
      // overrun of a version is read once more at the next request; a second one stays.
      const retry = outcome.overran === true && this.overruns.first(key, doc.version);
      const skipped = `the analysis ${outcome.skipped}${retry ? '; it is read once more when next shown' : ''}`;
      detected = { result: { models: [], skipped }, fingerprint: `skipped: ${skipped}`, retry };
      if (before?.fingerprint === detected.fingerprint) detected = before;
    }
    const result = detected.result;
    this.log.debug(
      `detected ${result.models.length} model(s) in ${displayName(doc)} v${doc.version} in ${Date.now() - started} ms`,
    );
    if (detected !== before) {
      const lines = result.models.map((m) => {
        const unknown = m.unknowns.map((u) => `${u.symbol} (${u.reason})`).join('; ');
        return `model ${m.name} (${m.style}), ${m.layers.length} layers${unknown ? `; open sizes: ${unknown}` : ''}${m.error ? `; not analysed: ${m.error}` : ''}`;
      });
      if (result.skipped) lines.push(`skipped: ${result.skipped}`);
      // One entry per file: each entry crosses to VS Code as a message of its own, and fifty of
      // them cost this thread more than their text does.
      if (lines.length > 0) this.log.info(`${displayName(doc)}: ${lines.join(`\n  ${displayName(doc)}: `)}`);
      this.detectionEmitter.fire(doc.uri);
    }
    return detected;
  }

  private async outcomeOf(doc: vscode.TextDocument, index: number, model: ModelSpec, id: string): Promise<ModelAnswer> {
    const key = skipKey(doc, index);
    const skipped = this.skippedModels.get(key);
    if (skipped) return { arch: null, outcome: { error: skipped } };
    const outcome = await this.analysis.call('outcome', {
      model,
      settings: this.settings(),
      user: this.userParams(doc.uri, id),
    });
    if (outcome.ok) return outcome.value;
    // As for a detection: the first overrun of a model at this version is asked again next time.
    const retry = outcome.overran === true && this.overruns.first(`${doc.uri.toString()}#${index}`, doc.version);
    const reason = `skipped: the analysis ${outcome.skipped}${retry ? '; it is read once more when next shown' : ''}`;
    if (!retry) this.skippedModels.set(key, reason);
    this.log.warn(`${displayName(doc)}: model ${model.name} ${reason}`);
    return { arch: null, outcome: { error: reason } };
  }
}

/** A model of one version of a document: a model the worker gave up on is not asked again at that version. */
function skipKey(doc: vscode.TextDocument, index: number): string {
  return `${doc.uri.toString()}@${doc.version}#${index}`;
}
