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

/** A size the code fixes, or one it leaves open (a parameter, data, a reassigned variable). */
export type SizeValue =
  | { kind: 'known'; value: number }
  | { kind: 'unknown'; symbol: string; reason: string; range: SourceRange | null };

/** A size the user (or a setting) must supply before the engine can run. */
export interface UnknownSize {
  /** Stable name used for overrides, e.g. "inputDim" or "layer2.units". */
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
  /** Units for dense/recurrent layers, filters for convolutions. */
  units: SizeValue | null;
  /** tfjs activation name as written (null when the layer has none or it is the default linear). */
  activation: string | null;
  useBias: boolean;
  /** Convolution geometry, when the layer is one. */
  kernelSize?: number[];
  strides?: number[];
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
}

export interface DetectionResult {
  models: ModelSpec[];
  /** Set when the file was not analysed at all ("skipped: binary content"). */
  skipped: string | null;
}
