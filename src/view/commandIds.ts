// The command ids package.json contributes, in one place without `vscode`, so a node test can hold
// them against the manifest and the host's handler table cannot miss one (its type is keyed by them).

export const COMMANDS = {
  predict: 'tfjsScaling.predict',
  enterArchitecture: 'tfjsScaling.enterArchitecture',
  copyMarkdown: 'tfjsScaling.copyMarkdown',
  copyLatex: 'tfjsScaling.copyLatex',
  exportChart: 'tfjsScaling.exportChart',
  showLog: 'tfjsScaling.showLog',
  toggleCodeLens: 'tfjsScaling.toggleCodeLens',
  revealModel: 'tfjsScaling.revealModel',
  checkPrediction: 'tfjsScaling.checkPrediction',
  openExample: 'tfjsScaling.openExample',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS);
