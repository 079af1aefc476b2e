// "Enter architecture…": asks for an architecture step by step (MLP, CNN or attention head),
// for models not written in tfjs or not in an open file. Sizes may be expressions (`28*28`,
// `2^10`, `[28, 28, 1]`, later boxes `2*d`): each box echoes the value or says why it is refused.
// The reading happens in the analysis worker, like everything computed from what a user types.
import * as vscode from 'vscode';
import { ACTIVATIONS, type Architecture } from '../engine/types';
import type { DetectionService } from './detections';
import type { ManualInput, ManualKind } from '../view/manualArchitecture';

type Worker = Pick<DetectionService, 'analyse'>;
type Validation = vscode.InputBoxValidationMessage | string | null;

/** A box's message: the refusal with its reason, the value of an expression as information, or none. */
async function sizeCheck(
  worker: Worker,
  what: string,
  text: string,
  known: Record<string, number>,
): Promise<Validation> {
  const outcome = await worker.analyse('readInput', { text, rule: 'size', known });
  if (!outcome.ok) return `${what}: not read (the analysis ${outcome.skipped}).`;
  const r = outcome.value;
  if (!r.ok) return `${what}: ${r.reason}.`;
  return r.echo ? { message: `${what} ${r.echo}`, severity: vscode.InputBoxValidationSeverity.Info } : null;
}

async function ask(
  prompt: string,
  value: string,
  validate: (t: string) => Promise<Validation>,
): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Enter architecture',
    prompt,
    value,
    validateInput: validate,
    ignoreFocusOut: true,
  });
}

/** Returns the architecture and a display name, or null when the user cancelled. */
export async function enterArchitecture(worker: Worker): Promise<{ name: string; architecture: Architecture } | null> {
  const kinds: (vscode.QuickPickItem & { network: ManualKind })[] = [
    { label: 'Dense network (MLP)', description: 'hidden widths, input dimension, activation', network: 'mlp' },
    {
      label: 'Convolutional network',
      description: 'non-overlapping patches: channels per layer, patch size',
      network: 'cnn',
    },
    {
      label: 'Softmax attention head',
      description: 'token dimension d, context length L, query-key rows d_k',
      network: 'attention',
    },
  ];
  const kind = await vscode.window.showQuickPick(kinds, {
    title: 'Enter architecture',
    placeHolder: 'What kind of network?',
    ignoreFocusOut: true,
  });
  if (!kind) return null;
  const input: ManualInput = { kind: kind.network };
  input.inputDim = await ask(
    kind.network === 'attention'
      ? 'Token dimension d (a size: 64, 8*8, 2^6)'
      : 'Input dimension d: the product of the input shape (784, 28*28, [28, 28, 1])',
    '64',
    (t) => sizeCheck(worker, 'The input dimension', t, {}),
  );
  if (input.inputDim === undefined) return null;
  // Later boxes may name the input dimension ("2*d").
  const d = await worker.analyse('readInput', { text: input.inputDim, rule: 'size', known: {} });
  const known: Record<string, number> = d.ok && d.value.ok ? { d: d.value.value } : {};
  if (kind.network === 'attention') {
    input.contextLength = await ask('Context length L (tokens)', '16', (t) => sizeCheck(worker, 'L', t, known));
    if (input.contextLength === undefined) return null;
    input.queryKeyRows = await ask('Query-key rows d_k', input.inputDim, (t) => sizeCheck(worker, 'd_k', t, known));
    if (input.queryKeyRows === undefined) return null;
  } else {
    input.widths = await ask(
      kind.network === 'cnn'
        ? 'Channels per conv layer, comma-separated'
        : 'Hidden widths, comma-separated, input side first (256, 2^9, 8*d)',
      '256, 512',
      async (t) => {
        const r = await worker.analyse('readWidths', { text: t, known });
        if (!r.ok) return `Not read (the analysis ${r.skipped}).`;
        return r.value.ok ? null : r.value.error;
      },
    );
    if (input.widths === undefined) return null;
    if (kind.network === 'cnn') {
      input.patchSize = await ask(
        'Inputs per patch S (kernel area × input channels); d must be a multiple of S',
        '16',
        (t) => sizeCheck(worker, 'The patch size', t, known),
      );
      if (input.patchSize === undefined) return null;
    }
    const activation = await vscode.window.showQuickPick([...ACTIVATIONS], {
      title: 'Enter architecture',
      placeHolder: 'Activation of the hidden layers',
      ignoreFocusOut: true,
    });
    if (!activation) return null;
    input.activation = activation;
    const bias = await vscode.window.showQuickPick(['with bias (tfjs default)', 'no bias'], {
      title: 'Enter architecture',
      placeHolder: 'Biases',
      ignoreFocusOut: true,
    });
    if (!bias) return null;
    input.bias = bias.startsWith('with');
  }
  const built = await worker.analyse('manualArchitecture', input);
  const read = built.ok
    ? built.value
    : { ok: false as const, error: `the architecture was not read: the analysis ${built.skipped}` };
  if (!read.ok) {
    void vscode.window.showErrorMessage(`Scaling: ${read.error}`);
    return null;
  }
  const name =
    kind.network === 'attention'
      ? `attention head (d = ${input.inputDim}, L = ${input.contextLength})`
      : `${kind.network === 'cnn' ? 'CNN' : 'MLP'} ${input.widths} (d = ${input.inputDim})`;
  return { name, architecture: read.value };
}
