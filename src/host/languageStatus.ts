// The language status item (the {} beside the language in the status bar): P* for the model
// under the cursor, busy while the file is being analysed; clicking it shows that model in the
// sidebar. The numbers are the CodeLens's (the worker's answer for the model as written).
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { COMMANDS } from '../view/commandIds';
import { languageStatusText } from '../view/languageStatusText';
import { chooseModel, modelIds } from '../view/models';
import { VIEW_ID } from './sidebar/provider';

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

/** Cursor moves come in bursts; the item follows once they pause. */
const SELECTION_PAUSE_MS = 150;

export class ScalingLanguageStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per update: an answer for an older cursor or version is dropped. */
  private generation = 0;

  constructor(
    private readonly controller: Controller,
    selector: vscode.DocumentSelector,
  ) {
    this.item = vscode.languages.createLanguageStatusItem('tfjsScaling.pStar', selector);
    this.item.name = 'TFJS Scaling: P*';
    this.item.text = 'P*';
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule(SELECTION_PAUSE_MS);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || e.document !== vscode.window.activeTextEditor?.document) return;
        // Busy from the keystroke: the file is analysed again after the typing pause.
        this.item.busy = true;
        this.schedule(this.controller.settings.debounceMs);
      }),
      controller.detections.onDidDetect(() => this.schedule(0)),
      controller.onDidChangeInputs(() => this.schedule(0)),
    ];
    this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.update().catch((e: unknown) => {
        this.item.busy = false;
        this.controller.log.error(`language status failed: ${String(e)}`);
      });
    }, ms);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.controller.detections.isCandidate(editor.document)) {
      this.item.busy = false;
      return;
    }
    const doc = editor.document;
    this.item.busy = true;
    const detection = await this.controller.detections.detection(doc);
    const ids = modelIds(detection.models);
    const id = chooseModel(detection.models, doc.offsetAt(editor.selection.active), null);
    const index = id === null ? -1 : ids.indexOf(id);
    const found = index >= 0 ? await this.controller.detections.modelOutcome(doc, index) : null;
    if (generation !== this.generation) return;
    const status = languageStatusText(
      found ? { name: found.model.name, outcome: found.outcome, count: detection.models.length } : null,
      detection.skipped ?? null,
    );
    this.item.text = status.text;
    this.item.detail = status.detail;
    this.item.severity = SEVERITY[status.severity];
    this.item.command = found
      ? { title: 'Show in sidebar', command: COMMANDS.revealModel, arguments: [doc.uri.toString(), found.id] }
      : { title: 'Open the sidebar', command: `${VIEW_ID}.focus` };
    this.item.busy = false;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
