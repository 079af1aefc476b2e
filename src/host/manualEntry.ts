// "Enter architecture…": asks for an architecture step by step (MLP, CNN or attention head),
// for models not written in tfjs or not in an open file.
import * as vscode from 'vscode';
import { ACTIVATIONS, type Architecture } from '../engine/types';
import {
  buildManualArchitecture,
  parseSize,
  parseWidths,
  type ManualInput,
  type ManualKind,
} from '../view/architecture';

const sizeCheck = (what: string) => (text: string) =>
  parseSize(text) === null ? `${what} must be a whole number ≥ 1.` : null;

async function ask(prompt: string, value: string, validate: (t: string) => string | null): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Enter architecture',
    prompt,
    value,
    validateInput: validate,
    ignoreFocusOut: true,
  });
}

/** Returns the architecture and a display name, or null when the user cancelled. */
export async function enterArchitecture(): Promise<{ name: string; architecture: Architecture } | null> {
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
    kind.network === 'attention' ? 'Token dimension d' : 'Input dimension d (product of the input shape)',
    '64',
    sizeCheck('The input dimension'),
  );
  if (input.inputDim === undefined) return null;
  if (kind.network === 'attention') {
    input.contextLength = await ask('Context length L (tokens)', '16', sizeCheck('L'));
    if (input.contextLength === undefined) return null;
    input.queryKeyRows = await ask('Query-key rows d_k', input.inputDim, sizeCheck('d_k'));
    if (input.queryKeyRows === undefined) return null;
  } else {
    input.widths = await ask(
      kind.network === 'cnn'
        ? 'Channels per conv layer, comma-separated'
        : 'Hidden widths, comma-separated (input side first)',
      '256, 512',
      (t) => {
        const r = parseWidths(t);
        return r.ok ? null : r.error;
      },
    );
    if (input.widths === undefined) return null;
    if (kind.network === 'cnn') {
      input.patchSize = await ask(
        'Inputs per patch S (kernel area × input channels); d must be a multiple of S',
        '16',
        sizeCheck('The patch size'),
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
  const built = buildManualArchitecture(input);
  if (!built.ok) {
    void vscode.window.showErrorMessage(`Scaling: ${built.error}`);
    return null;
  }
  const name =
    kind.network === 'attention'
      ? `attention head (d = ${input.inputDim}, L = ${input.contextLength})`
      : `${kind.network === 'cnn' ? 'CNN' : 'MLP'} ${input.widths} (d = ${input.inputDim})`;
  return { name, architecture: built.value };
}
