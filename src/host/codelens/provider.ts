// A CodeLens above each detected model: its winning pattern and P*; clicking it shows the
// model in the sidebar.
import * as vscode from 'vscode';
import type { Controller } from '../controller';
import { COMMANDS } from '../../view/commandIds';
import { codeLensText } from '../../view/format';
import { SETTINGS_SECTION } from '../../view/settings';

const ENABLED = 'codeLens.enabled';

/** Whether lenses show in this document (the setting is language-overridable). */
export function lensesEnabled(doc: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, doc).get<boolean>(ENABLED, true);
}

/**
 * "Scaling: Toggle CodeLens": flips the setting where it is decided for the active document —
 * its language's override when there is one, else the user setting.
 */
export async function toggleCodeLens(): Promise<boolean> {
  const doc = vscode.window.activeTextEditor?.document;
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, doc);
  const next = !(doc ? lensesEnabled(doc) : config.get<boolean>(ENABLED, true));
  const inspected = config.inspect<boolean>(ENABLED);
  const perLanguage = inspected?.globalLanguageValue !== undefined;
  await config.update(ENABLED, next, vscode.ConfigurationTarget.Global, perLanguage);
  vscode.window.setStatusBarMessage(
    `Scaling: CodeLens ${next ? 'on' : 'off'}${perLanguage && doc ? ` for ${doc.languageId}` : ''}`,
    3000,
  );
  return next;
}

/** A lens above one model: which document and which of its models, so it can be resolved later. */
class ModelLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly uri: vscode.Uri,
    readonly index: number,
  ) {
    super(range);
  }
}

export class ScalingCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.disposables = [
      this.changed,
      controller.detections.onDidDetect(() => this.changed.fire()),
      controller.onDidChangeInputs(() => this.changed.fire()),
    ];
  }

  /**
   * A lens per model, placed but not yet analysed: VS Code resolves the ones on screen, so a file
   * of fifty models costs the analyses of the few in view.
   */
  provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    return this.guard([], async () => {
      // Read per document: `codeLens.enabled` may be set for one language only ("[python]": …).
      if (!lensesEnabled(doc) || !this.controller.detections.isCandidate(doc)) return [];
      const { models } = await this.controller.detections.models(doc);
      return models.map((model, index) => {
        const line = model.range.startLine;
        return new ModelLens(new vscode.Range(line, 0, line, 0), doc.uri, index);
      });
    });
  }

  resolveCodeLens(lens: vscode.CodeLens, token: vscode.CancellationToken): Promise<vscode.CodeLens> {
    return this.guard(lens, async () => {
      if (!(lens instanceof ModelLens)) return lens;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === lens.uri.toString());
      const found = doc ? await this.controller.detections.modelOutcome(doc, lens.index) : null;
      if (token.isCancellationRequested) return lens;
      lens.command = found
        ? {
            title: codeLensText(found.outcome, this.controller.settings.codeLensTemplate),
            tooltip:
              'Predicted sample complexity (scale, up to an O(1) factor). Click to open it in the Scaling sidebar.',
            command: COMMANDS.revealModel,
            arguments: [lens.uri.toString(), found.id],
          }
        : // The document changed under the lens: VS Code asks for new lenses.
          { title: 'Scaling: updating…', command: '' };
      return lens;
    });
  }

  private async guard<T>(fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      this.controller.log.error(`CodeLens failed: ${String(e)}`);
      return fallback;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
