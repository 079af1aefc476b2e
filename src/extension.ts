// Entry point of the extension: registers the sidebar, CodeLens, hover, diagnostics, the
// language status item and commands. Nothing here runs detection or the engine: they run in
// worker threads (see controller.ts).
import * as vscode from 'vscode';
import { ScalingCodeLensProvider } from './host/codelens/provider';
import { registerCommands } from './host/commands';
import { Controller } from './host/controller';
import { LANGUAGES } from './host/detections';
import { ScalingDiagnostics } from './host/diagnostics';
import { ScalingHoverProvider } from './host/hover/provider';
import { ScalingLanguageStatus } from './host/languageStatus';
import { LoopMonitor, threadCpuMs } from './workers/loopMonitor';
import { SidebarProvider, VIEW_ID } from './host/sidebar/provider';

export function activate(context: vscode.ExtensionContext): void {
  // Activation must stay cheap (the budget is 50 ms); the E2E run reports this figure, in wall
  // time and in this thread's CPU time (the difference is waiting for a core on a loaded machine).
  const started = performance.now();
  const startedCpu = threadCpuMs();
  const log = vscode.window.createOutputChannel('TFJS Scaling', { log: true });
  const controller = new Controller(log, context.extensionUri, context.globalStorageUri.fsPath);
  const sidebar = new SidebarProvider(context.extensionUri, controller);
  controller.attach(sidebar);
  // JSON only where tfjs writes its models: lenses and hovers never ask about package.json & co.
  const selector: vscode.DocumentSelector = LANGUAGES.map((language) =>
    language === 'json' ? { language, pattern: '**/model.json' } : { language },
  );

  const monitor = new LoopMonitor(log);
  context.subscriptions.push(
    log,
    monitor,
    // Blocks before the first file is read are the extension host's start-up, not this extension's.
    controller.detections.onDidDetect(() => monitor.endStartup()),
    controller,
    sidebar,
    vscode.window.registerWebviewViewProvider(VIEW_ID, sidebar),
    vscode.languages.registerCodeLensProvider(selector, new ScalingCodeLensProvider(controller)),
    vscode.languages.registerHoverProvider(selector, new ScalingHoverProvider(controller)),
    new ScalingDiagnostics(controller),
    new ScalingLanguageStatus(controller, selector),
    ...registerCommands(controller, sidebar, context.extensionUri),
  );
  controller.start();
  const cpu = startedCpu === null ? '' : `, ${(threadCpuMs()! - startedCpu).toFixed(1)} ms of CPU`;
  log.info(
    `activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'} workspace${cpu})`,
  );
}

export function deactivate(): void {}
