// A hover on a hidden layer: how P* moves if that layer's width is halved or doubled.
import * as vscode from 'vscode';
import { applyWhatIf, hiddenSizeName, layerWidth } from '../architecture';
import type { Controller } from '../controller';
import { hoverMarkdown } from '../format';

export class ScalingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly controller: Controller) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | null> {
    if (!this.controller.isCandidate(doc)) return null;
    try {
      const offset = doc.offsetAt(position);
      const { models } = await this.controller.models(doc);
      // Only the model under the pointer is analysed, with its layer halved and doubled.
      const m = models.findIndex((model) => model.layers.some((l) => l.role === 'hidden' && offset >= l.range.start && offset <= l.range.end));
      const found = m >= 0 ? await this.controller.modelOutcome(doc, m) : null;
      if (token.isCancellationRequested || !found) return null;
      const { model, arch, outcome: current, id } = found;
      if (!arch || 'error' in current) return null;
      let hidden = -1;
      for (const layer of model.layers) {
        if (layer.role === 'hidden') hidden++;
        if (layer.role !== 'hidden' || offset < layer.range.start || offset > layer.range.end) continue;
        const archLayer = arch.layers[hidden];
        if (!archLayer) return null;
        const size = hiddenSizeName(arch, hidden);
        const value = layerWidth(archLayer);
        const { cache, core } = await this.controller.engine();
        const params = core.session.effectiveParams(this.controller.settings, this.controller.paramsOf(doc.uri, id));
        const options = { degree: params.degree, kappa: params.kappa };
        const probe = (v: number) => {
          const r = cache.analyze(applyWhatIf(arch, { [size]: v }), options);
          return 'error' in r ? null : r;
        };
        const md = hoverMarkdown({ size, value, current, halved: value > 1 ? probe(Math.max(1, Math.round(value / 2))) : null, doubled: probe(value * 2) });
        const s = layer.range;
        return new vscode.Hover(new vscode.MarkdownString(md), new vscode.Range(s.startLine, s.startCharacter, s.endLine, s.endCharacter));
      }
      return null;
    } catch (e) {
      this.controller.log.error(`hover failed: ${String(e)}`);
      return null;
    }
  }
}
