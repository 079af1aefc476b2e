// Coordinates the host: follows the active editor, debounces edits, caches detection per
// document version, keeps what the user set per model, and rebuilds the sidebar's view.
import * as vscode from 'vscode';
import type { DetectionResult, ModelSpec } from '../detect/types';
import type { Architecture } from '../engine/types';
import { setOwn } from '../own';
import { loadCheckModule } from '../check/load';
import type { CheckContext, CheckMessage, WebviewMessage } from '../protocol';
import { CheckRunner } from './check/runner';
import { buildEditorCheck, type EditorCheck } from './check/spec';
import { WorkerChartRunner, type ChartRunner } from './chartJobs';
import { Debouncer } from './debounce';
import { loadCore, type Core } from './lazy';
import type { Computed, EngineCache, EngineOutcome, Subject, UserParams } from './session';
import { readSettings, SETTINGS_SECTION, type Settings } from './settings';

export const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'json'] as const;

type Current = { kind: 'file'; uri: string } | { kind: 'manual'; name: string; architecture: Architecture } | { kind: 'none'; fileName: string | null };

/** Where the sidebar's view goes; implemented by the sidebar provider. */
export interface ViewSink {
  readonly visible: boolean;
  post(computed: Computed, ack: number, check: CheckContext): void;
}

const NO_MODEL_TO_CHECK = 'Open a file with a tfjs model, or enter an architecture, to check its prediction by training.';

function displayName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() ?? doc.uri.toString();
}

/** One detected model with the engine's answer for it. */
export interface ModelOutcome {
  model: ModelSpec;
  id: string;
  /** Null when the model's sizes cannot make an architecture (`outcome` says why). */
  arch: Architecture | null;
  outcome: EngineOutcome;
}

export class Controller implements vscode.Disposable {
  settings: Settings = readSettings((k) => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(k));
  private readonly debouncer = new Debouncer(this.settings.debounceMs);
  private readonly detections = new Map<string, { version: number; result: DetectionResult }>();
  private readonly selected = new Map<string, string>();
  private readonly params = new Map<string, UserParams>();
  private current: Current = { kind: 'none', fileName: null };
  private cache: EngineCache | null = null;
  private core: Core | null = null;
  private ack = 0;
  private recomputeQueued = false;
  private sink: ViewSink | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Detection for a document changed (CodeLens and diagnostics listen). */
  private readonly detectionEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidDetect = this.detectionEmitter.event;
  /** Settings or per-model inputs changed, so every derived number may have. */
  private readonly inputsEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInputs = this.inputsEmitter.event;
  /** The last view built, for the copy commands and the notification. */
  last: Computed | null = null;
  /** The empirical check for the model shown (rebuilt with the view); results cached for the session. */
  readonly checks = new CheckRunner(loadCheckModule);
  check: { ok: true; check: EditorCheck } | { ok: false; reason: string } = { ok: false, reason: NO_MODEL_TO_CHECK };

  private readonly charts: ChartRunner;

  constructor(
    readonly log: vscode.LogOutputChannel,
    extensionUri: vscode.Uri,
  ) {
    this.charts = new WorkerChartRunner(
      vscode.Uri.joinPath(extensionUri, 'dist', 'chartWorker.js').fsPath,
      (key, ms) => {
        this.log.debug(`charts computed in ${ms} ms (${key.length} byte key)`);
        this.requestRecompute();
      },
      (message) => this.log.warn(message),
      (job) => {
        // Only reached when no worker thread can start; the core is loaded by then.
        if (!this.core) throw new Error('engine not loaded');
        return this.core.session.computeChartData(job);
      },
    );
    this.disposables.push(
      this.charts,
      this.detectionEmitter,
      this.inputsEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.schedule(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.isCandidate(e.document)) this.schedule(e.document);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.current.kind === 'file' && e.textEditor.document.uri.toString() === this.current.uri) this.schedule(e.textEditor.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.detections.delete(key);
        this.debouncer.cancel(key);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
        this.settings = readSettings((k) => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(k));
        this.debouncer.setDelay(this.settings.debounceMs);
        this.log.info(`settings changed: ${JSON.stringify(this.settings)}`);
        this.inputsEmitter.fire();
        this.requestRecompute();
      }),
    );
  }

  attach(sink: ViewSink): void {
    this.sink = sink;
  }

  /** The first editor is picked up once the core has loaded, after one debounce. */
  start(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor) this.schedule(editor.document);
    else this.requestRecompute();
  }

  isCandidate(doc: vscode.TextDocument): boolean {
    if (!(LANGUAGES as readonly string[]).includes(doc.languageId)) return false;
    if (doc.isUntitled) return doc.languageId !== 'json';
    return this.settings.filePatterns.some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.debouncer.trigger(key, () => {
      void this.followEditor(doc).catch((e: unknown) => this.log.error(`refresh failed: ${String(e)}`));
    });
  }

  /** Detection of a document at its current version, computed once per version. */
  async detection(doc: vscode.TextDocument): Promise<DetectionResult> {
    const key = doc.uri.toString();
    const hit = this.detections.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const core = await loadCore();
    const started = Date.now();
    let result: DetectionResult;
    try {
      result = core.detectModels(doc.getText(), doc.fileName || doc.uri.path);
    } catch (e) {
      // Detection must never take the editor down; an unreadable file just has no models.
      this.log.error(`detection failed on ${displayName(doc)}: ${e instanceof Error ? e.message : String(e)}`);
      result = { models: [], skipped: 'detection failed (see the log)' };
    }
    const previous = this.detections.get(key);
    this.detections.set(key, { version: doc.version, result });
    this.log.debug(`detected ${result.models.length} model(s) in ${displayName(doc)} v${doc.version} in ${Date.now() - started} ms`);
    if (!previous || JSON.stringify(previous.result) !== JSON.stringify(result)) {
      for (const m of result.models) {
        const unknown = m.unknowns.map((u) => `${u.symbol} (${u.reason})`).join('; ');
        this.log.info(`${displayName(doc)}: model ${m.name} (${m.style}), ${m.layers.length} layers${unknown ? `; open sizes: ${unknown}` : ''}`);
      }
      if (result.skipped) this.log.info(`${displayName(doc)}: ${result.skipped}`);
      this.detectionEmitter.fire(doc.uri);
    }
    return result;
  }

  private async followEditor(doc: vscode.TextDocument): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== doc) return;
    if (!this.isCandidate(doc)) {
      this.current = { kind: 'none', fileName: displayName(doc) };
    } else {
      const result = await this.detection(doc);
      const key = doc.uri.toString();
      const core = await loadCore();
      const offset = doc.offsetAt(editor.selection.active);
      const chosen = core.session.chooseModel(result.models, offset, this.selected.get(key) ?? null);
      if (chosen !== null) this.selected.set(key, chosen);
      this.current = result.models.length > 0 ? { kind: 'file', uri: key } : { kind: 'none', fileName: displayName(doc) };
    }
    await this.recompute();
  }

  private paramsKey(): string | null {
    if (this.current.kind === 'manual') return 'manual';
    if (this.current.kind === 'file') return `${this.current.uri}::${this.selected.get(this.current.uri) ?? ''}`;
    return null;
  }

  private paramsFor(key: string | null): UserParams {
    return (key && this.params.get(key)) || { unknowns: {}, whatIf: {} };
  }

  /** The user's inputs for one model of a document (CodeLens and hover use them, without what-ifs). */
  paramsOf(uri: vscode.Uri, modelId: string): UserParams {
    return this.paramsFor(`${uri.toString()}::${modelId}`);
  }

  /** Coalesces bursts (slider drags) into one recomputation. */
  requestRecompute(): void {
    if (this.recomputeQueued) return;
    this.recomputeQueued = true;
    setImmediate(() => {
      this.recomputeQueued = false;
      void this.recompute().catch((e: unknown) => this.log.error(`recompute failed: ${String(e)}`));
    });
  }

  async engine(): Promise<{ core: Core; cache: EngineCache }> {
    const core = await loadCore();
    this.core = core;
    this.cache ??= new core.session.EngineCache();
    return { core, cache: this.cache };
  }

  private async subject(): Promise<Subject | null> {
    const c = this.current;
    if (c.kind === 'manual') return { origin: 'manual', name: c.name, architecture: c.architecture };
    if (c.kind !== 'file') return null;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.uri);
    if (!doc) return null;
    const result = await this.detection(doc);
    const selected = this.selected.get(c.uri);
    if (result.models.length === 0 || selected === undefined) return null;
    return { origin: 'file', fileName: displayName(doc), models: result.models, selected };
  }

  async recompute(): Promise<Computed> {
    const { core, cache } = await this.engine();
    const subject = await this.subject();
    let computed: Computed;
    if (subject === null) {
      const fileName = this.current.kind === 'none' ? this.current.fileName : null;
      computed = { view: { kind: 'empty', message: core.session.EMPTY_MESSAGE, fileName }, architecture: null, outcome: null, report: null, chartJob: null };
    } else {
      const started = Date.now();
      const before = cache.analyses.computations;
      computed = core.session.buildView(cache, { subject, settings: this.settings, user: this.paramsFor(this.paramsKey()), chartData: (key) => this.charts.get(key) });
      const ran = cache.analyses.computations - before;
      if (ran > 0) this.log.debug(`engine: ${ran} new analysis(es) in ${Date.now() - started} ms`);
      // Charts are computed only for a sidebar someone can see.
      if (computed.chartJob && this.sink?.visible) this.charts.request(computed.chartJob);
    }
    this.last = computed;
    this.check = this.checkFor(computed, cache);
    this.sink?.post(computed, this.ack, this.checkContext());
    return computed;
  }

  private checkFor(computed: Computed, cache: EngineCache): Controller['check'] {
    const view = computed.view;
    if (view.kind !== 'model') return { ok: false, reason: NO_MODEL_TO_CHECK };
    if (!view.result.ok) return { ok: false, reason: `There is no prediction to check: ${view.result.reason}` };
    const options = { degree: view.params.degree, kappa: view.params.kappa };
    return buildEditorCheck(computed.architecture, options, this.settings.checkBudget, (arch) => cache.analyze(arch, options));
  }

  checkContext(): CheckContext {
    const c = this.check;
    return c.ok ? { key: c.check.key, blocked: null, budget: c.check.budget } : { key: null, blocked: c.reason, budget: this.settings.checkBudget };
  }

  /** What the sidebar needs to show about a check it may have missed: its result, or the run's progress. */
  checkMessage(key: string): CheckMessage | null {
    const result = this.checks.cached(key);
    if (result) return { type: 'checkResult', key, result, cached: true };
    const running = this.checks.running;
    if (running?.key === key) return { type: 'checkProgress', key, ...running.progress };
    return null;
  }

  /** The models detected in a document and their ids (no engine run). */
  async models(doc: vscode.TextDocument): Promise<{ models: ModelSpec[]; ids: string[] }> {
    const result = await this.detection(doc);
    const core = await loadCore();
    return { models: result.models, ids: core.session.modelIds(result.models) };
  }

  /**
   * The engine's answer for one model of a document, under the user's inputs for it (cached by
   * architecture). One at a time: a file of fifty models must not hold the extension host while
   * every one of them is analysed for lenses that are off screen.
   */
  async modelOutcome(doc: vscode.TextDocument, index: number): Promise<ModelOutcome | null> {
    const { models, ids } = await this.models(doc);
    const model = models[index];
    return model ? this.outcomeOf(doc.uri, model, ids[index] ?? model.name) : null;
  }

  /** Every model's answer, yielding to the extension host between models (diagnostics need them all). */
  async outcomes(doc: vscode.TextDocument): Promise<{ models: ModelSpec[]; outcomes: EngineOutcome[] }> {
    const { models, ids } = await this.models(doc);
    const outcomes: EngineOutcome[] = [];
    for (const [i, model] of models.entries()) {
      outcomes.push((await this.outcomeOf(doc.uri, model, ids[i] ?? model.name)).outcome);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { models, outcomes };
  }

  private async outcomeOf(uri: vscode.Uri, model: ModelSpec, id: string): Promise<ModelOutcome> {
    const { core, cache } = await this.engine();
    const user = this.paramsOf(uri, id);
    const converted = core.toArchitecture(model, { overrides: user.unknowns, defaultInputDim: this.settings.defaultInputDim });
    if (!converted.architecture) return { model, id, arch: null, outcome: { error: converted.why ?? 'sizes missing' } };
    const params = core.session.effectiveParams(this.settings, user);
    return { model, id, arch: converted.architecture, outcome: cache.analyze(converted.architecture, { degree: params.degree, kappa: params.kappa }) };
  }

  // ---- what the user asks for ----

  showModel(uri: vscode.Uri, modelId: string): void {
    this.selected.set(uri.toString(), modelId);
    this.current = { kind: 'file', uri: uri.toString() };
    this.requestRecompute();
  }

  showManual(name: string, architecture: Architecture): void {
    this.current = { kind: 'manual', name, architecture };
    this.params.delete('manual');
    this.requestRecompute();
  }

  /** Applies a validated message from the webview. Returns true when it was handled here. */
  handle(message: WebviewMessage): boolean {
    const key = this.paramsKey();
    switch (message.type) {
      case 'selectModel':
        this.ack = Math.max(this.ack, message.seq);
        if (this.current.kind === 'file') this.selected.set(this.current.uri, message.id);
        this.requestRecompute();
        return true;
      case 'reset':
        this.ack = Math.max(this.ack, message.seq);
        if (key) this.params.delete(key);
        this.inputsEmitter.fire();
        this.requestRecompute();
        return true;
      case 'edit': {
        this.ack = Math.max(this.ack, message.seq);
        if (!key) return true;
        const p = this.paramsFor(key);
        const next: UserParams = { ...p, unknowns: { ...p.unknowns }, whatIf: { ...p.whatIf } };
        if (message.field === 'degree') next.degree = message.value;
        else if (message.field === 'kappa') next.kappa = message.value;
        else if (message.field === 'unknown') setOwn(next.unknowns, message.symbol, message.value);
        else if (message.field === 'whatIf') setOwn(next.whatIf, message.size, message.value);
        else next.sweepSize = message.size;
        this.params.set(key, next);
        if (message.field !== 'whatIf' && message.field !== 'sweepSize') this.inputsEmitter.fire();
        this.requestRecompute();
        return true;
      }
      case 'revealLine':
        void this.revealLine(message.line);
        return true;
      default:
        return false;
    }
  }

  async revealLine(line: number): Promise<void> {
    if (this.current.kind !== 'file') return;
    const uri = vscode.Uri.parse(this.current.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const l = Math.min(line, doc.lineCount - 1);
    const range = doc.lineAt(l).range;
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(range.start, range.start), preserveFocus: false });
  }

  /** A view re-posted in full (a reloaded webview lost what it was shown). */
  repost(): void {
    this.requestRecompute();
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

