// The command palette entries (category "Scaling").
import * as vscode from 'vscode';
import { CHART_IDS, type ChartId } from '../protocol';
import { toggleCodeLens } from './codelens/provider';
import { checkPrediction } from './check/command';
import { COMMANDS, type CommandId } from '../view/commandIds';
import type { Controller } from './controller';
import { formatNumber } from '../present/numbers';
import { exponentText } from '../view/format';
import { enterArchitecture } from './manualEntry';
import { toLatex, toMarkdown } from '../view/report';
import type { Computed } from '../view/session';
import type { SidebarProvider } from './sidebar/provider';

const CHART_NAMES: Record<ChartId, string> = {
  pstar: 'P* against width',
  energy: 'Energy of every candidate',
  regime: 'Regime map',
};

function summary(computed: Computed): string | null {
  const r = computed.report;
  if (!r) return computed.view.kind === 'model' && !computed.view.result.ok ? computed.view.result.reason : null;
  const a = r.analysis;
  return `${r.model}: ${a.winner.label} · P* ≈ ${formatNumber(a.pStar)} (κ = ${formatNumber(a.kappa)}, m = ${a.degree}) · ${exponentText(a.winner.exponents)}`;
}

/** A warning whose details are in the log, with the button that opens it. */
export async function warnSeeLog(controller: Controller, text: string): Promise<void> {
  const SHOW = 'Show Log';
  if ((await vscode.window.showWarningMessage(`Scaling: ${text}`, SHOW)) === SHOW) controller.log.show(true);
}

/** The walkthrough's example, shipped beside the bundles. */
const EXAMPLE = ['media', 'walkthrough', 'example.js'];

export function registerCommands(
  controller: Controller,
  sidebar: SidebarProvider,
  extensionUri: vscode.Uri,
): vscode.Disposable[] {
  const handlers = commandHandlers(controller, sidebar, extensionUri);
  return (Object.keys(handlers) as CommandId[]).map((id) => vscode.commands.registerCommand(id, handlers[id]));
}

/**
 * What each command does. Keyed by the ids package.json contributes (view/commandIds.ts, tested
 * against the manifest): a command declared without a handler, or a handler for an undeclared
 * id, does not compile.
 */
function commandHandlers(
  controller: Controller,
  sidebar: SidebarProvider,
  extensionUri: vscode.Uri,
): { [K in CommandId]: (...args: unknown[]) => unknown } {
  const notifyAfterShowing = async () => {
    await sidebar.reveal();
    const computed = await controller.recompute();
    const text = summary(computed);
    if (text) void vscode.window.showInformationMessage(text);
  };

  const manual = async () => {
    const entered = await enterArchitecture(controller.detections);
    if (!entered) return;
    controller.log.info(`architecture entered by hand: ${JSON.stringify(entered.architecture)}`);
    controller.showManual(entered.name, entered.architecture);
    await notifyAfterShowing();
  };

  const copy = async (format: 'markdown' | 'latex') => {
    const report = (await controller.settled()).report;
    if (!report) {
      void vscode.window.showInformationMessage(
        'Scaling: nothing to copy yet — open a file with a tfjs model, or enter an architecture.',
      );
      return;
    }
    await vscode.env.clipboard.writeText(format === 'markdown' ? toMarkdown(report) : toLatex(report));
    // A confirmation, not news: the status bar says it without a pop-up to dismiss.
    vscode.window.setStatusBarMessage(
      `Scaling: prediction for ${report.model} copied as ${format === 'markdown' ? 'Markdown' : 'LaTeX'}`,
      4000,
    );
  };

  return {
    [COMMANDS.predict]: async () => {
      const editor = vscode.window.activeTextEditor;
      type Item = vscode.QuickPickItem & { id: string | null };
      const items: Item[] = [];
      if (editor && controller.detections.isCandidate(editor.document)) {
        const { models, ids } = await controller.detections.models(editor.document);
        models.forEach((m, i) =>
          items.push({
            label: m.name,
            description: `line ${m.range.startLine + 1} · ${m.layers.length} layers`,
            id: ids[i] ?? m.name,
          }),
        );
      }
      items.push({ label: '$(edit) Enter an architecture by hand…', id: null });
      const pick =
        items.length === 1
          ? items[0]
          : await vscode.window.showQuickPick(items, {
              title: 'Predict sample complexity',
              placeHolder: 'Which model?',
            });
      if (!pick) return;
      if (pick.id === null || !editor) return manual();
      controller.showModel(editor.document.uri, pick.id);
      await notifyAfterShowing();
    },
    [COMMANDS.enterArchitecture]: manual,
    [COMMANDS.revealModel]: async (uri: unknown, modelId: unknown) => {
      if (typeof uri !== 'string' || typeof modelId !== 'string') return;
      controller.showModel(vscode.Uri.parse(uri), modelId);
      await sidebar.reveal();
    },
    [COMMANDS.copyMarkdown]: () => copy('markdown'),
    [COMMANDS.copyLatex]: () => copy('latex'),
    [COMMANDS.exportChart]: async () => {
      if (!(await controller.settled()).report) {
        void vscode.window.showInformationMessage(
          'Scaling: no chart to export yet — open a file with a tfjs model, or enter an architecture.',
        );
        return;
      }
      const pick = await vscode.window.showQuickPick(
        CHART_IDS.map((id) => ({ label: CHART_NAMES[id], id })),
        { title: 'Export chart as PNG' },
      );
      if (!pick) return;
      // The sidebar may have to open and compute its charts first: say so in the status bar meanwhile.
      const dataUrl = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Scaling: drawing the chart' },
        () => sidebar.chartPng(pick.id),
      );
      if (!dataUrl) {
        void warnSeeLog(controller, 'the sidebar could not draw that chart.');
        return;
      }
      const base = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `${(controller.last?.report?.model ?? 'model').replace(/[^A-Za-z0-9_-]+/g, '-')}-${pick.id}.png`;
      const target = await vscode.window.showSaveDialog({
        title: 'Export chart as PNG',
        filters: { 'PNG image': ['png'] },
        defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined,
      });
      if (!target) return;
      const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      await vscode.workspace.fs.writeFile(target, bytes);
      controller.log.info(`chart ${pick.id} exported to ${target.toString()} (${bytes.length} bytes)`);
    },
    [COMMANDS.showLog]: () => controller.log.show(true),
    // An unsaved copy: the user may edit it freely, and nothing is written anywhere.
    [COMMANDS.openExample]: async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...EXAMPLE));
      const doc = await vscode.workspace.openTextDocument({
        language: 'javascript',
        content: new TextDecoder().decode(bytes),
      });
      await vscode.window.showTextDocument(doc);
    },
    [COMMANDS.toggleCodeLens]: toggleCodeLens,
    [COMMANDS.checkPrediction]: () =>
      // A failure here must reach the user as a message, never as an unhandled rejection.
      checkPrediction(controller, sidebar).catch((e: unknown) => {
        controller.log.error(`check failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void warnSeeLog(controller, 'the check failed.');
      }),
  };
}
