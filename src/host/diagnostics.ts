// Opt-in diagnostics (setting tfjsScaling.diagnostics.enabled): information notes only.
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { diagnosticNotes } from '../view/diagnosticNotes';

export class ScalingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tfjsScaling');
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.disposables = [
      this.collection,
      controller.detections.onDidDetect((uri) => void this.update(uri)),
      controller.onDidChangeInputs(() => {
        for (const doc of vscode.workspace.textDocuments) void this.update(doc.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)),
    ];
  }

  private async update(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc || !this.controller.settings.diagnostics || !this.controller.detections.isCandidate(doc)) {
      this.collection.delete(uri);
      return;
    }
    try {
      const { models, outcomes } = await this.controller.detections.outcomes(doc);
      this.collection.set(
        uri,
        diagnosticNotes(models, outcomes).map((n) => {
          const d = new vscode.Diagnostic(
            new vscode.Range(
              n.range.startLine,
              n.range.startCharacter,
              n.range.startLine,
              doc.lineAt(n.range.startLine).range.end.character,
            ),
            n.message,
            vscode.DiagnosticSeverity.Information,
          );
          d.source = 'tfjs-scaling';
          return d;
        }),
      );
    } catch (e) {
      this.controller.log.error(`diagnostics failed: ${String(e)}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
