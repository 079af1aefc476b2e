// The sidebar's session: follows the active editor, debounces edits, keeps what the user set per
// model, and rebuilds the sidebar's view. Documents → models → answers is the DetectionService's
// (detections.ts); this class decides what is shown and when. Everything computed from a file
// runs in the analysis worker, and a file the worker gives up on is shown as skipped, with the reason.
import * as vscode from 'vscode';
import type { Architecture } from '../engine/types';
import { setOwn } from '../own';
import type { Evaluated } from '../input/sizeExpression';
import type { CheckContext, CheckMessage, InputResult, WebviewMessage } from '../protocol';
import type { ModelSpec } from '../detect/types';
import type { EditorCheckState, ViewSubject } from '../workers/analysis';
import { workerCheckBundle } from '../workers/checkBundle';
import { CheckRunner } from '../workers/checkRunner';
import type { ChartData } from '../view/chartData';
import { WorkerChartRunner, type ChartRunner } from '../workers/chartJobs';
import { Debouncer } from '../view/debounce';
import { chooseModel, EMPTY_MESSAGE, emptyComputed, NO_MODEL_TO_CHECK } from '../view/models';
import type { Computed, UserParams } from '../view/session';
import { readSettings, SETTINGS_SECTION, type Settings } from '../view/settings';
import { SidebarState } from '../view/sidebarState';
import { toWire } from '../workers/wire';
import { DetectionService, displayName } from './detections';
import { workspacePath } from './workspaceFiles';

/** The sidebar's messages the controller applies; the sidebar provider handles the rest itself. */
export type SessionMessage = Extract<WebviewMessage, { type: 'selectModel' | 'reset' | 'edit' | 'revealLine' }>;

/** Files an import can name (a change to one re-analyses the files that import it). */
const IMPORTABLE = '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}';

/** Where the sidebar's view goes; implemented by the sidebar provider. */
export interface ViewSink {
  readonly visible: boolean;
  /** `viewKey`: equal for equal views (see ViewAnswer). */
  post(computed: Computed, viewKey: string, ack: number, check: CheckContext): void;
  /** The answer to a typed field. */
  postInput(message: InputResult): void;
}

export class Controller implements vscode.Disposable {
  private currentSettings: Settings = readSettings((k) => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(k));
  private readonly debouncer = new Debouncer(this.settings.debounceMs);
  /** What the sidebar shows and what the user set in it. */
  private readonly state = new SidebarState();
  private viewSeq = 0;
  /** Chart jobs asked for last, newest last: their data goes with each view request. */
  private readonly recentChartJobs: string[] = [];
  private recomputeQueued = false;
  private sink: ViewSink | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  /** Settings or per-model inputs changed, so every derived number may have. */
  private readonly inputsEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInputs = this.inputsEmitter.event;
  private lastComputed: Computed | null = null;
  /** The empirical check for the model shown (rebuilt with the view); results cached for the session. */
  readonly checks: CheckRunner;
  private checkState: EditorCheckState = { ok: false, reason: NO_MODEL_TO_CHECK };

  private readonly charts: ChartRunner;
  /** Documents → models → the engine's answers (CodeLens, hover, diagnostics and the language status use it too). */
  readonly detections: DetectionService;

  constructor(
    readonly log: vscode.LogOutputChannel,
    extensionUri: vscode.Uri,
    /** Where the analysis worker keeps V8's code cache of the detector (the extension's global storage). */
    cacheDir: string | null = null,
  ) {
    const dist = (name: string) => vscode.Uri.joinPath(extensionUri, 'dist', name).fsPath;
    this.detections = new DetectionService({
      log,
      workerPath: dist('analysisWorker.js'),
      cacheDir,
      settings: () => this.settings,
      userParams: (uri, modelId) => this.paramsOf(uri, modelId),
    });
    this.checks = new CheckRunner(() =>
      Promise.resolve(workerCheckBundle(dist('editorCheckWorker.js'), (message) => this.log.info(message))),
    );
    this.charts = new WorkerChartRunner(
      dist('chartWorker.js'),
      (key, ms) => {
        this.log.debug(`charts computed in ${ms} ms (${key.length} byte key)`);
        this.requestRecompute();
      },
      (message) => this.log.warn(message),
    );
    this.disposables.push(
      this.detections,
      this.charts,
      this.inputsEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.schedule(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (this.detections.isCandidate(e.document)) this.schedule(e.document);
        this.importChanged(e.document.uri);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const shown = this.state.shown;
        if (shown.kind === 'file' && e.textEditor.document.uri.toString() === shown.uri)
          this.schedule(e.textEditor.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.detections.forget(doc);
        // Unsaved changes closed without saving: the file's text is the disk's again.
        this.importChanged(doc.uri);
        this.debouncer.cancel(doc.uri.toString());
      }),
      this.watchImports(),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
        this.currentSettings = readSettings((k) => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(k));
        this.debouncer.setDelay(this.settings.debounceMs);
        this.log.info(`settings changed: ${JSON.stringify(this.settings)}`);
        this.inputsEmitter.fire();
        this.requestRecompute();
      }),
    );
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  /** The last view built, for the copy commands and the notification. */
  get last(): Computed | null {
    return this.lastComputed;
  }

  /** Whether the model shown can be checked by training, and its check's spec. */
  get check(): EditorCheckState {
    return this.checkState;
  }

  attach(sink: ViewSink): void {
    this.sink = sink;
  }

  /** The first editor is picked up after one debounce; the analysis worker starts loading now. */
  start(): void {
    // The analysis worker loads the detector (most of a cold first detection) while the first
    // typing pause runs, on its own thread; after activate() returns, so activation stays cheap.
    setImmediate(() => this.detections.warm());
    const editor = vscode.window.activeTextEditor;
    if (editor) this.schedule(editor.document);
    else this.requestRecompute();
  }

  /** Files changed on disk (saved here, or by git, or another program): the texts kept of them go. */
  private watchImports(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(IMPORTABLE);
    const changed = (uri: vscode.Uri): void => this.importChanged(uri);
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
    );
  }

  /**
   * A file some detection may have read changed: the detections that read it are stale, and after
   * the typing pause the ones on screen are redone (the sidebar's model, the CodeLenses of open
   * editors), so editing `data.js` re-analyses the `index.js` that imports from it.
   */
  private importChanged(uri: vscode.Uri): void {
    const changed = this.detections.changed(uri);
    if (changed === null) return;
    const { path, readers } = changed;
    for (const entry of readers) {
      this.debouncer.trigger(`imports:${entry}`, () => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry);
        if (!doc) return;
        this.log.debug(`${path} changed: reading ${displayName(doc)} again`);
        // Detection tells CodeLens and diagnostics when the models changed.
        void this.detections.detection(doc).then(() => {
          const shown = this.state.shown;
          if (shown.kind === 'file' && shown.uri === entry) this.requestRecompute();
        });
      });
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.debouncer.trigger(key, () => {
      void this.followEditor(doc).catch((e: unknown) => this.log.error(`refresh failed: ${String(e)}`));
    });
  }

  private async followEditor(doc: vscode.TextDocument): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== doc) return;
    if (!this.detections.isCandidate(doc)) {
      this.state.show({ kind: 'none', fileName: displayName(doc) });
    } else {
      const result = await this.detections.detection(doc);
      const key = doc.uri.toString();
      const path = workspacePath(doc.uri);
      // A file the model shown imports from (its `data.js`) keeps that model in view while it is edited.
      const shown = this.state.shown.kind === 'file' ? this.state.shown.uri : null;
      if (result.models.length === 0 && shown !== null && path !== null && this.detections.dependsOn(shown, path)) {
        await this.recompute();
        return;
      }
      const offset = doc.offsetAt(editor.selection.active);
      const chosen = chooseModel(result.models, offset, this.state.selectedIn(key));
      if (chosen !== null) this.state.select(key, chosen);
      this.state.show(
        result.models.length > 0
          ? { kind: 'file', uri: key }
          : { kind: 'none', fileName: displayName(doc), skipped: result.skipped },
      );
    }
    await this.recompute();
  }

  /** The user's inputs for one model of a document (CodeLens and hover use them, without what-ifs). */
  paramsOf(uri: vscode.Uri, modelId: string): UserParams {
    return this.state.paramsOf(uri.toString(), modelId);
  }

  /**
   * The view for what the editor shows now: a command run right after a file opens must not find
   * the view missing because the typing pause or the worker has not delivered it yet.
   */
  async settled(): Promise<Computed> {
    const editor = vscode.window.activeTextEditor;
    const shown = this.state.shown;
    const pending =
      editor &&
      shown.kind !== 'manual' &&
      this.detections.isCandidate(editor.document) &&
      !(shown.kind === 'file' && shown.uri === editor.document.uri.toString() && this.lastComputed?.report);
    if (pending) await this.followEditor(editor.document);
    return this.lastComputed ?? this.recompute();
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

  /** What the sidebar shows, as the worker is asked for it; `models`: the file's, should the worker have to be sent them. */
  private async subject(): Promise<{ subject: ViewSubject; models: ModelSpec[] } | null> {
    const c = this.state.shown;
    if (c.kind === 'manual')
      return { subject: { origin: 'manual', name: c.name, architecture: c.architecture }, models: [] };
    if (c.kind !== 'file') return null;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.uri);
    if (!doc) return null;
    const { result, fingerprint } = await this.detections.detected(doc);
    const selected = this.state.selectedIn(c.uri);
    if (result.models.length === 0 || selected === null) return null;
    return {
      subject: { origin: 'file', fileName: displayName(doc), detection: { document: c.uri, fingerprint }, selected },
      models: result.models,
    };
  }

  async recompute(): Promise<Computed> {
    const seq = ++this.viewSeq;
    const shown = await this.subject();
    let computed: Computed;
    let viewKey: string;
    let check: EditorCheckState = { ok: false, reason: NO_MODEL_TO_CHECK };
    if (shown === null) {
      const c = this.state.shown;
      const fileName = c.kind === 'none' ? c.fileName : null;
      const message =
        c.kind === 'none' && c.skipped ? `Skipped ${fileName ?? 'this file'}: ${c.skipped}.` : EMPTY_MESSAGE;
      ({ computed, viewKey } = emptyKeyed(message, fileName));
    } else {
      const started = Date.now();
      const { subject, models } = shown;
      const request = {
        subject,
        fileName: subject.origin === 'file' ? subject.fileName : null,
        settings: this.settings,
        user: this.state.paramsFor(this.state.paramsKey()),
        chartData: this.recentChartData(),
      };
      const outcome = await this.detections.view(request, models);
      if (outcome.ok) {
        ({ computed, check, viewKey } = outcome.value);
        this.log.debug(`view computed in ${Date.now() - started} ms`);
      } else {
        const fileName = subject.origin === 'file' ? subject.fileName : null;
        const message = `Skipped ${subject.origin === 'file' ? subject.fileName : subject.name}: the analysis ${outcome.skipped}.`;
        this.log.warn(message);
        ({ computed, viewKey } = emptyKeyed(message, fileName));
      }
    }
    // A newer recomputation started while this one waited for the worker: it posts, not this one.
    if (seq !== this.viewSeq) return computed;
    // Charts are computed only for a sidebar someone can see.
    if (computed.chartJob && this.sink?.visible) {
      this.rememberChartJob(computed.chartJob.key);
      this.charts.request(computed.chartJob);
    }
    this.lastComputed = computed;
    this.checkState = check;
    this.sink?.post(computed, viewKey, this.state.ack, this.checkContext());
    return computed;
  }

  private rememberChartJob(key: string): void {
    const i = this.recentChartJobs.indexOf(key);
    if (i >= 0) this.recentChartJobs.splice(i, 1);
    this.recentChartJobs.push(key);
    if (this.recentChartJobs.length > 4) this.recentChartJobs.shift();
  }

  private recentChartData(): [string, ChartData][] {
    return this.recentChartJobs.flatMap((key) => {
      const data = this.charts.get(key);
      return data ? [[key, data] as [string, ChartData]] : [];
    });
  }

  checkContext(): CheckContext {
    const c = this.checkState;
    return c.ok
      ? { key: c.check.key, blocked: null, budget: c.check.budget }
      : { key: null, blocked: c.reason, budget: this.settings.checkBudget };
  }

  /** What the sidebar needs to show about a check it may have missed: its result, or the run's progress. */
  checkMessage(key: string): CheckMessage | null {
    const result = this.checks.cached(key);
    if (result) return { type: 'checkResult', key, result, cached: true };
    const running = this.checks.running;
    if (running?.key === key) return { type: 'checkProgress', key, ...running.progress };
    return null;
  }

  // ---- what the user asks for ----

  showModel(uri: vscode.Uri, modelId: string): void {
    this.state.select(uri.toString(), modelId);
    this.state.show({ kind: 'file', uri: uri.toString() });
    this.requestRecompute();
  }

  showManual(name: string, architecture: Architecture): void {
    this.state.show({ kind: 'manual', name, architecture });
    this.requestRecompute();
  }

  /** Applies a validated message from the webview that changes what the sidebar shows. */
  handle(message: SessionMessage): void {
    const key = this.state.paramsKey();
    switch (message.type) {
      case 'selectModel':
        this.state.acknowledge(message.seq);
        this.state.selectInShown(message.id);
        this.requestRecompute();
        return;
      case 'reset':
        this.state.acknowledge(message.seq);
        this.state.reset();
        this.inputsEmitter.fire();
        this.requestRecompute();
        return;
      case 'edit': {
        if (!key) {
          this.state.acknowledge(message.seq);
          return;
        }
        void this.applyEdit(key, message).catch((e: unknown) => this.log.error(`edit failed: ${String(e)}`));
        return;
      }
      case 'revealLine':
        void this.revealLine(message.line);
        return;
    }
  }

  /**
   * A typed field (degree, κ, an open size) is read in the analysis worker first (it may be an
   * expression) and answered: the value echoed, or why it is refused. Only an accepted value is
   * used, and the edit is acknowledged once read, so a refused 2.5 never shows as the value in use.
   */
  private async applyEdit(key: string, message: Extract<WebviewMessage, { type: 'edit' }>): Promise<void> {
    let value: number;
    if ('text' in message) {
      const rule = message.field === 'unknown' ? 'count' : message.field === 'samples' ? 'size' : message.field;
      const control = message.field === 'unknown' ? `unknown:${message.symbol}` : message.field;
      const outcome = await this.detections.analyse('readInput', {
        text: message.text,
        rule,
        known: this.knownSizes(),
      });
      const read: Evaluated = outcome.ok
        ? outcome.value
        : { ok: false, reason: `not read: the analysis ${outcome.skipped}` };
      this.state.acknowledge(message.seq);
      this.sink?.postInput({
        type: 'inputResult',
        control,
        seq: message.seq,
        ok: read.ok,
        message: read.ok ? (read.echo ?? '') : read.reason,
      });
      if (!read.ok) {
        this.log.info(`sidebar: ${control} = '${message.text.slice(0, 60)}' refused: ${read.reason}`);
        return;
      }
      value = read.value;
    } else {
      this.state.acknowledge(message.seq);
      value = message.field === 'whatIf' ? message.value : 0;
    }
    this.state.edit(key, message, value);
    // The CodeLens and diagnostics show none of these.
    if (message.field !== 'whatIf' && message.field !== 'sweepSize' && message.field !== 'samples')
      this.inputsEmitter.fire();
    this.requestRecompute();
  }

  /** Sizes a typed expression may name: the model's widths and dimensions, and the open sizes given so far. */
  private knownSizes(): Record<string, number> {
    const known: Record<string, number> = {};
    const view = this.lastComputed?.view;
    if (view?.kind !== 'model') return known;
    for (const c of view.whatIf) if (c.size !== 'depth') setOwn(known, c.size, c.value);
    for (const u of view.unknowns) if (u.value !== null) setOwn(known, u.symbol, u.value);
    return known;
  }

  async revealLine(line: number): Promise<void> {
    const shown = this.state.shown;
    if (shown.kind !== 'file') return;
    const uri = vscode.Uri.parse(shown.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const l = Math.min(line, doc.lineCount - 1);
    const range = doc.lineAt(l).range;
    await vscode.window.showTextDocument(doc, {
      selection: new vscode.Range(range.start, range.start),
      preserveFocus: false,
    });
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** What the sidebar shows when there is no model to analyse, or its analysis was skipped (a view small enough to be its own key). */
function emptyKeyed(message: string, fileName: string | null): { computed: Computed; viewKey: string } {
  const computed = emptyComputed(message, fileName);
  return { computed, viewKey: toWire(computed.view) };
}
