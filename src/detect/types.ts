// What detection finds in a file: plain data, shared by the CLI, the host and the webview.

/** 0-based line and character, like VS Code positions; offsets are into the file's text. */
export interface SourceRange {
  start: number;
  end: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/**
 * Arithmetic the code does on sizes it does not fix (`hidden * 2`), kept so that a value
 * the user supplies for `hidden` gives the right width. Plain JSON.
 */
export type SizeExpr =
  | { op: 'num'; value: number }
  | { op: 'sym'; name: string }
  | { op: '+' | '-' | '*' | '/' | '%' | '**' | 'max' | 'min'; left: SizeExpr; right: SizeExpr }
  | { op: 'floor' | 'ceil' | 'round' | 'sqrt' | 'neg'; arg: SizeExpr };

/**
 * Where a size the code fixes was written, when that is not where the model is: a constant in
 * another file ("IMAGE_H = 28, from mnist/data.js:20") or the argument of a call.
 */
export interface SizeOrigin {
  /** The code's name for the value: `IMAGE_H`, `data.IRIS_NUM_FEATURES`, `opts.latentDim`. */
  name: string;
  value: number;
  /** Path of the file that fixes it, as detection was given it. */
  file: string;
  /** 1-based line of the declaration (or of the call). */
  line: number;
  /** Set when the value is an argument of the call at `file:line` (the model's function read from its calls). */
  call?: true;
}

/** A size the code fixes, or one it leaves open (a parameter, data, a reassigned variable). */
export type SizeValue =
  | { kind: 'known'; value: number; from?: SizeOrigin[] }
  | {
      kind: 'unknown';
      symbol: string;
      reason: string;
      range: SourceRange | null;
      /** How the size follows from the open symbols; absent when it is `symbol` itself. */
      expr?: SizeExpr;
    };

/** A size the user (or a setting) must supply before the engine can run. */
export interface UnknownSize {
  /** Name used for overrides: the code's own name for it ("hidden", "inputShape", "data.shape[1]"), or "inputDim". */
  symbol: string;
  reason: string;
  range: SourceRange | null;
}

export type LayerRole =
  /** A hidden layer the theory covers (dense, conv, attention). */
  | 'hidden'
  /** The last layer, read as the linear readout. */
  | 'readout'
  /** Does not change widths: dropout, normalisation, flatten, reshape, activation, pooling. */
  | 'passthrough'
  /** Detected but not covered by the theory (recurrent layers, ...): shown, never dropped. */
  | 'outside-theory';

export interface DetectedLayer {
  /** tfjs factory name as written: "dense", "conv2d", "lstm", ... */
  kind: string;
  role: LayerRole;
  /** Units for dense/recurrent layers, filters for convolutions, outputDim for embeddings. */
  units: SizeValue | null;
  /** tfjs activation name as written (null when the layer has none or it is the default linear). */
  activation: string | null;
  useBias: boolean;
  /** Convolution (or pooling) geometry, when the layer is one and the code fixes it. */
  kernelSize?: number[];
  strides?: number[];
  padding?: 'valid' | 'same';
  /** Pooling window. */
  poolSize?: number[];
  /** depthwiseConv2d channel multiplier. */
  depthMultiplier?: number;
  /** reshape target. */
  targetShape?: SizeValue[];
  /** How many times the layer is added, when a loop whose bound the code leaves open adds it. */
  repeat?: SizeValue;
  /** Why this layer cannot be read (activation or geometry not fixed by the code); null when it can. */
  unresolved?: string;
  range: SourceRange;
}

export interface ModelSpec {
  /** Variable, function or class the model belongs to. */
  name: string;
  style: 'sequential' | 'functional' | 'model.json';
  range: SourceRange;
  /** Input shape as written (without batch dimension), when found. */
  inputShape: SizeValue[] | null;
  /** Product of the input shape's dimensions. */
  inputDim: SizeValue;
  layers: DetectedLayer[];
  unknowns: UnknownSize[];
  /** Human notes on anything outside the theory or approximated. */
  notes: string[];
  /**
   * Why the code cannot build this model as read (a model added to itself, more layers than
   * detection reads): the model is listed, never analysed. Absent when it can.
   */
  error?: string;
  /** Sizes the model uses that are fixed in another file or by a call, each once. */
  origins?: SizeOrigin[];
  /**
   * The calls of the model's function whose arguments it was read with (one model per distinct
   * set of arguments its calls give, in its own file and the files that import it); absent when
   * the model was read from its own code.
   */
  calls?: { file: string; line: number }[];
  /** The training-set size, when the code fixes the tensor it trains on (`model.fit(xs, …)`). */
  trainingSamples?: TrainingSamples;
}

/** A training-set size the code fixes: the first dimension of the tensor handed to `fit`. */
export interface TrainingSamples {
  value: number;
  /** The expression as written: `1000`, `NUM_EXAMPLES`. */
  text: string;
  /** 1-based line of the `fit` call. */
  line: number;
  /** The file of the `fit` call when it is not the model's own: a caller that trains the model it built. */
  file?: string;
}

export interface DetectionResult {
  models: ModelSpec[];
  /** Set when the file was not analysed at all ("skipped: binary content"). */
  skipped: string | null;
}
