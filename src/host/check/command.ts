// "Scaling: Check prediction by training…": trains the selected dense model around its predicted
// P* in a cancellable progress notification and shows the result in the sidebar. tfjs loads
// when the first run starts (CheckRunner's loader), never at activation.
import * as vscode from 'vscode';
import type { Controller } from '../controller';
import type { SidebarProvider } from '../sidebar/provider';

export async function checkPrediction(controller: Controller, sidebar: SidebarProvider): Promise<void> {
  // The view (and with it the check's spec) for exactly what the sidebar shows now.
  await controller.recompute();
  const current = controller.check;
  if (!current.ok) {
    void vscode.window.showInformationMessage(`Scaling: ${current.reason}`);
    return;
  }
  const { key, spec, budget } = current.check;
  const model = controller.last?.report?.model ?? 'model';
  await sidebar.reveal();

  const busy = controller.checks.running;
  if (busy && busy.key !== key) {
    void vscode.window.showInformationMessage(
      'Scaling: another check is still training (one at a time, they share the CPU); cancel it from its notification, or wait for it.',
    );
    return;
  }
  if (busy) return; // this very check is running; its notification shows the progress

  const cached = controller.checks.cached(key);
  if (cached) {
    sidebar.postCheck({ type: 'checkResult', key, result: cached, cached: true });
    void vscode.window.showInformationMessage(
      `Scaling: ${model} (checked earlier this session): ${cached.verdict.text}`,
    );
    return;
  }

  const started = Date.now();
  controller.log.info(
    `check of ${model} started (${budget} budget): d = ${spec.dims.join(', ')}, seeds ${spec.seeds.join(', ')}`,
  );
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Scaling: checking ${model} by training (${budget} budget)`,
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let shown = 0;
      try {
        return await controller.checks.run(key, spec, {
          signal: abort.signal,
          onProgress: (p) => {
            const percent = p.total > 0 ? (100 * p.done) / p.total : 0;
            progress.report({
              increment: percent - shown,
              message: p.total > 0 ? `${p.done}/${p.total} runs · ${p.message}` : p.message,
            });
            shown = percent;
            sidebar.postCheck({ type: 'checkProgress', key, ...p });
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );

  switch (outcome.kind) {
    case 'done':
      controller.log.info(
        `check of ${model} finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.result.verdict.status}`,
      );
      sidebar.postCheck({ type: 'checkResult', key, result: outcome.result, cached: outcome.cached });
      void vscode.window.showInformationMessage(`Scaling: ${model}: ${outcome.result.verdict.text}`);
      return;
    case 'cancelled':
      controller.log.info(`check of ${model} cancelled`);
      sidebar.postCheck({ type: 'checkError', key, message: outcome.message, cancelled: true });
      return;
    case 'error':
      controller.log.warn(`check of ${model} failed: ${outcome.message}`);
      sidebar.postCheck({ type: 'checkError', key, message: outcome.message, cancelled: false });
      void vscode.window.showWarningMessage(`Scaling: ${outcome.message}`);
      return;
    case 'busy':
      void vscode.window.showInformationMessage(
        'Scaling: another check is still training; cancel it from its notification, or wait for it.',
      );
      return;
  }
}
