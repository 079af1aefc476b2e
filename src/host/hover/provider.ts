// A hover on a hidden layer: how P* moves if that layer's width is halved or doubled.
import * as vscode from 'vscode';
import type { Controller } from '../controller';

export class ScalingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: Controller) {}

  async provideHover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | null> {
    if (!this.controller.detections.isCandidate(doc)) return null;
    try {
      const found = await this.controller.detections.hover(doc, doc.offsetAt(position));
      if (token.isCancellationRequested || !found) return null;
      const r = found.range;
      return new vscode.Hover(
        new vscode.MarkdownString(found.markdown),
        new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter),
      );
    } catch (e) {
      this.controller.log.error(`hover failed: ${String(e)}`);
      return null;
    }
  }
}
