// A CodeLens above each detected model: its winning pattern and P*; clicking it shows the
// model in the sidebar.
import * as vscode from 'vscode';
import type { Controller } from '../controller';
import { codeLensText } from '../format';

export class ScalingCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.disposables = [this.changed, controller.onDidDetect(() => this.changed.fire()), controller.onDidChangeInputs(() => this.changed.fire())];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.controller.settings.codeLens || !this.controller.isCandidate(doc)) return [];
    try {
      const { models, ids, outcomes } = await this.controller.outcomes(doc);
      if (token.isCancellationRequested) return [];
      return models.map((model, i) => {
        const line = model.range.startLine;
        const outcome = outcomes[i] ?? { error: 'not analysed' };
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: codeLensText(outcome),
          tooltip: 'Predicted sample complexity (scale, up to an O(1) factor). Click to open it in the Scaling sidebar.',
          command: 'tfjsScaling.revealModel',
          arguments: [doc.uri.toString(), ids[i] ?? model.name],
        });
      });
    } catch (e) {
      this.controller.log.error(`CodeLens failed: ${String(e)}`);
      return [];
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
