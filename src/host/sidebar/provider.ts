// The sidebar: a webview view that shows the selected model. It waits for the webview's
// `ready` before posting, posts only views that changed, and validates every message.
import * as vscode from 'vscode';
import type {
  ChartExportReply,
  ChartExportRequest,
  ChartId,
  CheckContext,
  CheckMessage,
  HostMessage,
  InputResult,
  WebviewMessage,
} from '../../protocol';
import { COMMANDS } from '../../view/commandIds';
import type { Controller, ViewSink } from '../controller';
import { ChangeGate } from '../../view/debounce';
import { PendingRequests } from '../../view/pending';
import type { Computed } from '../../view/session';
import { validateWebviewMessage } from '../../view/validate';
import { sidebarHtml } from '../../view/sidebarHtml';

export const VIEW_ID = 'tfjsScaling.sidebar';
/**
 * How long an export waits for the sidebar to load and draw the chart. Asked from the palette,
 * the export may open the sidebar itself: its page loads, the view arrives, and the charts are
 * computed off the editor's thread; on a busy machine that is seconds, not milliseconds.
 */
const EXPORT_TIMEOUT_MS = 30_000;

export class SidebarProvider implements vscode.WebviewViewProvider, ViewSink, vscode.Disposable {
  private view: vscode.WebviewView | null = null;
  private ready = false;
  private readonly gate = new ChangeGate();
  private readonly exports = new PendingRequests<ChartExportReply>('export');
  /** Exports waiting for the webview's `ready` (it may be loading, or not opened yet). */
  private readonly readyWaiters = new Set<(ready: boolean) => void>();
  /** The check key whose result or progress this webview has been sent (it keeps it in its state). */
  private checkSent: string | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: Controller,
  ) {}

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = sidebarHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
    });
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidChangeVisibility(() => {
        // A hidden webview view is torn down and reloads when shown; it says `ready` again.
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        this.view = null;
        this.ready = false;
      }),
    );
  }

  private receive(raw: unknown): void {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.controller.log.warn(`ignored a message from the sidebar: ${checked.reason}`);
      return;
    }
    const message = checked.message;
    // The table is keyed by the message's own type, which TypeScript cannot correlate through an index.
    (this.handlers[message.type] as (m: WebviewMessage) => void)(message);
  }

  /** What the sidebar does with each message; a message type without a handler does not compile. */
  private readonly handlers = {
    ready: () => {
      this.ready = true;
      this.gate.reset();
      this.checkSent = null;
      for (const wake of [...this.readyWaiters]) wake(true);
      // A reloaded webview lost what it was shown: the view is posted again in full.
      this.controller.requestRecompute();
    },
    enterArchitecture: () => void vscode.commands.executeCommand(COMMANDS.enterArchitecture),
    runCheck: () => void vscode.commands.executeCommand(COMMANDS.checkPrediction),
    chartImage: (m) => this.settleExport(m),
    chartImageFailed: (m) => this.settleExport(m),
    selectModel: (m) => this.controller.handle(m),
    reset: (m) => this.controller.handle(m),
    edit: (m) => this.controller.handle(m),
    revealLine: (m) => this.controller.handle(m),
  } satisfies { [K in WebviewMessage['type']]: (message: Extract<WebviewMessage, { type: K }>) => void };

  private settleExport(reply: ChartExportReply): void {
    if (!this.exports.settle(reply.requestId, reply))
      this.controller.log.warn(`ignored a chart image nobody asked for (${reply.requestId})`);
  }

  post(computed: Computed, viewKey: string, ack: number, check: CheckContext): void {
    if (!this.view || !this.ready || !this.view.visible) return;
    const message: HostMessage = { type: 'view', view: computed.view, ack, check };
    if (!this.gate.changed({ viewKey, ack, check })) return;
    void this.view.webview.postMessage(message);
    // Back on a model checked earlier (or shown again after a reload): send what the check has.
    if (check.key !== null && check.key !== this.checkSent) {
      const replay = this.controller.checkMessage(check.key);
      if (replay) this.postCheck(replay);
    }
  }

  postInput(message: InputResult): void {
    if (!this.view || !this.ready) return;
    void this.view.webview.postMessage(message);
  }

  /** A check's progress, result or error; dropped while the webview is away (it is replayed on `ready`). */
  postCheck(message: CheckMessage): void {
    if (!this.view || !this.ready) return;
    this.checkSent = message.key;
    void this.view.webview.postMessage(message);
  }

  /** Brings the sidebar into view (it may not have been opened yet). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** Asks the webview for a chart as a PNG data URL; null when it cannot give one (the log says why). */
  async chartPng(chart: ChartId): Promise<string | null> {
    const deadline = Date.now() + EXPORT_TIMEOUT_MS;
    await this.reveal();
    if (!(await this.whenReady(deadline - Date.now())) || !this.view) {
      this.controller.log.warn(`chart export: the sidebar did not load within ${EXPORT_TIMEOUT_MS / 1000} s`);
      return null;
    }
    const { requestId, reply } = this.exports.open(deadline - Date.now());
    const request: ChartExportRequest = { type: 'exportChart', requestId, chart };
    void this.view.webview.postMessage(request);
    const answer = await reply;
    if (answer === null) {
      this.controller.log.warn(
        `chart export: the sidebar did not draw the ${chart} chart within ${EXPORT_TIMEOUT_MS / 1000} s`,
      );
      return null;
    }
    if (answer.type === 'chartImageFailed') {
      this.controller.log.warn(`chart export failed: ${answer.reason}`);
      return null;
    }
    return answer.dataUrl;
  }

  /** True once the webview has said `ready`; false if it has not within `ms`. */
  private whenReady(ms: number): Promise<boolean> {
    if (this.view && this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (ready: boolean): void => {
        clearTimeout(timer);
        this.readyWaiters.delete(wake);
        resolve(ready);
      };
      const timer = setTimeout(() => wake(false), Math.max(0, ms));
      this.readyWaiters.add(wake);
    });
  }

  dispose(): void {
    for (const wake of [...this.readyWaiters]) wake(false);
    this.exports.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
