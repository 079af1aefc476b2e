// The abstract values detection computes while it reads code, and constant folding on them.
// A value the code does not fix is `Unknown`: it names the free symbols it depends on and,
// when it is a number, how (`expr`), so a size supplied later for a symbol folds through.
import type * as ts from 'typescript';
import { MAX_EXPR_NODES, MAX_STRING } from './limits';
import { rangeOf } from './ranges';
import type { SizeExpr, SizeOrigin, SourceRange, TrainingSamples } from './types';

/** A name the code leaves open, and where it comes from ("parameter `hidden` of `build`"). */
export interface FreeSymbol {
  readonly symbol: string;
  readonly origin: string;
  readonly range: SourceRange | null;
}

/**
 * A free symbol that reads its range off its node when first asked. Most open values the interpreter
 * makes (every name a file leaves undefined, every property read off one) never reach a model: a
 * range built for each cost two line look-ups and three objects, and was never read.
 */
class FreeSymbolAt implements FreeSymbol {
  private cached: SourceRange | undefined;

  constructor(
    readonly symbol: string,
    readonly origin: string,
    private readonly node: ts.Node,
    private readonly sf: ts.SourceFile,
  ) {}

  get range(): SourceRange {
    this.cached ??= rangeOf(this.node, this.sf);
    return this.cached;
  }
}

export interface Unknown {
  kind: 'unknown';
  free: FreeSymbol[];
  /** Numeric meaning in terms of the free symbols; null when the value is not known to be a number. */
  expr: SizeExpr | null;
}

/** One `model.add(layer)` or `layer.apply(x)`, with the circumstances it happened in. */
export interface LayerUse {
  layer: LayerRecord;
  /** Set when a loop with an open bound adds the layer: how many times. */
  repeat: Value | null;
  /** Set when an `if` the code cannot decide guards the layer. */
  condition: string | null;
}

export interface LayerRecord {
  /** Factory name as written: "dense", "conv2d", ... */
  kind: string;
  config: Value;
  node: ts.Node;
}

export interface ModelRecord {
  style: 'sequential' | 'functional';
  /** The call that creates the model (`tf.sequential(...)`, `tf.model(...)`). */
  node: ts.Node;
  /** The variable or property it is assigned to, when it is. */
  varName: string | null;
  layers: LayerUse[];
  /** For functional models: the shape given to `tf.input`, null when absent. */
  inputShape: Value | null;
  /** Node of the `tf.input` call, for ranges. */
  inputNode: ts.Node | null;
  /** Nodes of statements that changed the model, for the model's range. */
  touched: ts.Node[];
  notes: string[];
  /** Models whose layers were added into this one, directly or through others (a cycle is caught by it). */
  parts: Set<ModelRecord>;
  /** Why the code cannot build this model (a model added to itself), when it cannot. */
  error: string | null;
  /**
   * For a functional model of several outputs: each output's layers from the input, so that
   * `const [a, b] = model.apply(x)` gives one tensor per output (null: an output the code does not fix).
   */
  outputs?: (readonly LayerUse[] | null)[];
  /** The training-set size: the examples of the data tensor the reading saw given to this model's `fit`. */
  samples?: TrainingSamples;
}

export interface TensorRecord {
  shape: Value | null;
  inputNode: ts.Node | null;
  chain: LayerUse[];
  notes: string[];
  /** Set when the chain grew past the layer cap and was cut. */
  tooDeep?: boolean;
  /**
   * A tensor of data (`tf.tensor2d(rows, [n, 4])` and what tfjs ops make of it): its whole shape,
   * the first size the number of examples; `shape` is then the rest. Absent for a symbolic
   * tensor (`tf.input`), whose batch size is open.
   */
  dims?: readonly Value[];
}

export type Builtin = (args: Value[], node: ts.CallExpression | ts.NewExpression) => Value;

export type Value =
  /** `from`: where a number fixed outside the model's own code was written (another file, a call). */
  | { kind: 'number'; value: number; from?: SizeOrigin[] }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'undefined' }
  /** `openLength`: an array whose length the code leaves open; `items` holds one representative element. */
  | { kind: 'array'; items: Value[]; openLength?: Value }
  /**
   * `partial`: an instance another file's code built (`new Dataset()` of ./dataset): the fields its
   * constructor set are listed; others, which its methods may set later, are open, not undefined.
   */
  | { kind: 'object'; props: Map<string, Value>; partial?: true }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration; env: unknown; name: string; thisValue: Value | null }
  | { kind: 'class'; node: ts.ClassLikeDeclaration; env: unknown; name: string }
  | { kind: 'builtin'; name: string; call: Builtin }
  /** A reference into the tfjs namespace: [] is `tf` itself, ["layers", "dense"] is `tf.layers.dense`. */
  | { kind: 'tf'; path: string[] }
  | { kind: 'layer'; layer: LayerRecord }
  | { kind: 'model'; model: ModelRecord }
  | { kind: 'tensor'; tensor: TensorRecord }
  /**
   * The result of a call, written in another file, of a function of the file being read
   * (`const enc = encoder(opts); vae(enc, dec)` in train.js): the file's own reading makes the
   * call, with these arguments, where a model it builds can be read. Elsewhere it is open.
   */
  | { kind: 'deferred'; fn: { pos: number; end: number }; name: string; args: Value[] }
  | Unknown;

export const UNDEFINED: Value = { kind: 'undefined' };
export const num = (value: number): Value => ({ kind: 'number', value });
export const str = (value: string): Value => ({ kind: 'string', value });
export const bool = (value: boolean): Value => ({ kind: 'boolean', value });

export function builtin(name: string, call: Builtin): Value {
  return { kind: 'builtin', name, call };
}

export function unknownSymbol(symbol: string, origin: string, range: SourceRange | null): Unknown {
  return { kind: 'unknown', free: [{ symbol, origin, range }], expr: { op: 'sym', name: symbol } };
}

/** An unknown that is not a number (an opaque object, a string read at run time). */
export function opaque(symbol: string, origin: string, range: SourceRange | null): Unknown {
  return { kind: 'unknown', free: [{ symbol, origin, range }], expr: null };
}

/** `unknownSymbol` whose range is the node's, read when needed. */
export function unknownAt(symbol: string, origin: string, node: ts.Node, sf: ts.SourceFile): Unknown {
  return { kind: 'unknown', free: [new FreeSymbolAt(symbol, origin, node, sf)], expr: { op: 'sym', name: symbol } };
}

/** `opaque` whose range is the node's, read when needed. */
export function opaqueAt(symbol: string, origin: string, node: ts.Node, sf: ts.SourceFile): Unknown {
  return { kind: 'unknown', free: [new FreeSymbolAt(symbol, origin, node, sf)], expr: null };
}

function mergeFree(a: FreeSymbol[], b: FreeSymbol[]): FreeSymbol[] {
  const out = [...a];
  for (const f of b) if (!out.some((g) => g.symbol === f.symbol)) out.push(f);
  return out;
}

function exprOf(v: Value): SizeExpr | null {
  if (v.kind === 'number') return { op: 'num', value: v.value };
  if (v.kind === 'unknown') return v.expr ?? (v.free[0] ? { op: 'sym', name: v.free[0].symbol } : null);
  return null;
}

function freeOf(v: Value): FreeSymbol[] {
  return v.kind === 'unknown' ? v.free : [];
}

/** The origins of the operands, carried onto a number folded from them (`IMAGE_H * IMAGE_W`). */
function withOrigins(result: Value, ...operands: Value[]): Value {
  const from = mergeOrigins(operands.map((v) => (v.kind === 'number' ? v.from : undefined)));
  return from && result.kind === 'number' ? { ...result, from } : result;
}

/** Origins of several sizes, each once, in the order first met; undefined when there are none. */
export function mergeOrigins(lists: readonly (readonly SizeOrigin[] | undefined)[]): SizeOrigin[] | undefined {
  const out: SizeOrigin[] = [];
  for (const list of lists) {
    for (const o of list ?? []) {
      if (!out.some((p) => p.name === o.name && p.file === o.file && p.line === o.line)) out.push(o);
    }
  }
  return out.length > 0 ? out : undefined;
}

export type NumericOp = '+' | '-' | '*' | '/' | '%' | '**' | 'max' | 'min';

function applyNumeric(op: NumericOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
    case 'max':
      return Math.max(a, b);
    case 'min':
      return Math.min(a, b);
  }
}

/** Numeric coercion as JavaScript does it, for the values that have a fixed meaning. */
export function toNumber(v: Value): number | null {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'boolean':
      return v.value ? 1 : 0;
    case 'null':
      return 0;
    case 'undefined':
      return Number.NaN;
    case 'string':
      return v.value.trim() === '' ? 0 : Number(v.value);
    default:
      return null;
  }
}

/** Folds `a op b`; keeps the arithmetic when either side is open. */
export function foldNumeric(op: NumericOp, a: Value, b: Value): Value {
  if (op === '+' && (a.kind === 'string' || b.kind === 'string')) {
    const sa = toStringValue(a);
    const sb = toStringValue(b);
    if (sa !== null && sb !== null) {
      if (sa.length + sb.length > MAX_STRING)
        return opaque('string', `a string of more than ${MAX_STRING} characters, which detection does not build`, null);
      return str(sa + sb);
    }
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return withOrigins(num(applyNumeric(op, x, y)), a, b);
  const ea = exprOf(a);
  const eb = exprOf(b);
  const free = mergeFree(freeOf(a), freeOf(b));
  if (free.length === 0) return opaque('?', 'a value computed at run time', null);
  return bounded(free, ea && eb ? simplify(op, ea, eb) : null);
}

/**
 * Nodes of an expression written out as a tree. `w = w * w` shares `w` between both sides, so a
 * few lines make a graph whose tree has 2^64 nodes: sizes are counted once per node and kept.
 */
const treeSizes = new WeakMap<SizeExpr, number>();

export function treeSize(e: SizeExpr): number {
  const known = treeSizes.get(e);
  if (known !== undefined) return known;
  const n =
    e.op === 'num' || e.op === 'sym' ? 1 : 'arg' in e ? 1 + treeSize(e.arg) : 1 + treeSize(e.left) + treeSize(e.right);
  treeSizes.set(e, n);
  return n;
}

/**
 * An open number with its expression, or, when the expression has grown past MAX_EXPR_NODES,
 * one new open size standing for all of it: whatever reads a size later (the user's values,
 * JSON, the webview) then walks at most that many nodes.
 */
function bounded(free: FreeSymbol[], expr: SizeExpr | null): Unknown {
  // Arithmetic on a size already too large stays too large: one symbol stands for all of it, so
  // the value the user gives for it is the value the code would use, not a power of it.
  const grown = free.some((f) => boundedBases.has(f));
  if (expr === null || (!grown && treeSize(expr) <= MAX_EXPR_NODES)) return { kind: 'unknown', free, expr };
  const names = [...new Set(free.flatMap((f) => boundedBases.get(f) ?? [f.symbol]))];
  // Arithmetic on one such size (and the symbols it was made of) is still that size.
  const large = free.filter((f) => boundedBases.has(f));
  const bases = large.length === 1 ? boundedBases.get(large[0]!)! : [];
  const single = large.length === 1 && free.every((f) => f === large[0] || bases.includes(f.symbol));
  const symbol = single
    ? large[0]!.symbol
    : boundedName(`${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`, expr);
  const origin = `arithmetic on \`${names.slice(0, 3).join('`, `')}\` of more than ${MAX_EXPR_NODES} operations, which detection does not keep`;
  const u = unknownSymbol(symbol, origin, free[0]?.range ?? null);
  for (const f of u.free) boundedBases.set(f, names);
  return u;
}

/** The code's own symbols behind a size `bounded` stands in for (so `f(n)` grown again stays `f(n)`). */
const boundedBases = new WeakMap<FreeSymbol, string[]>();

/**
 * Names given to sizes too large to keep, in one reading of a file, by the shape of the expression
 * they stand for: the same arithmetic read twice is one size, two different ones are `f(n)` and
 * `f2(n)`, so a value the user gives one never silently sets the other.
 */
const boundedNames = new Map<string, string>();
const boundedCounts = new Map<string, number>();

/** Starts a reading of a file: names of open sizes made by `bounded` start again from `f(…)`. */
export function beginReading(): void {
  boundedNames.clear();
  boundedCounts.clear();
}

function boundedName(bases: string, expr: SizeExpr): string {
  const shape = `${bases}#${shapeOf(expr).join(':')}`;
  let name = boundedNames.get(shape);
  if (name === undefined) {
    const n = (boundedCounts.get(bases) ?? 0) + 1;
    boundedCounts.set(bases, n);
    name = `f${n === 1 ? '' : n}(${bases})`;
    boundedNames.set(shape, name);
  }
  return name;
}

/**
 * Two independent 32-bit hashes of an expression's tree, computed once per node: a shared graph
 * whose tree has 2^64 nodes hashes in as many steps as it has nodes.
 */
const shapes = new WeakMap<SizeExpr, [number, number]>();

function shapeOf(e: SizeExpr): [number, number] {
  const known = shapes.get(e);
  if (known) return known;
  const parts: [number, number][] =
    e.op === 'num' || e.op === 'sym'
      ? [textHash(e.op === 'num' ? `n${e.value}` : `s${e.name}`)]
      : 'arg' in e
        ? [textHash(e.op), shapeOf(e.arg)]
        : [textHash(e.op), shapeOf(e.left), shapeOf(e.right)];
  let a = 0x811c9dc5;
  let b = 0x1b873593;
  for (const [x, y] of parts) {
    a = Math.imul(a ^ x, 0x01000193) >>> 0;
    b = Math.imul((b ^ y) + 0x9e3779b9, 0x85ebca6b) >>> 0;
  }
  const shape: [number, number] = [a, b];
  shapes.set(e, shape);
  return shape;
}

function textHash(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0xcc9e2d51) >>> 0;
  }
  return [a, b];
}

/** Drops identities (`n - 0`, `1 * n`) so open sizes read as the code meant them. */
function simplify(op: NumericOp, left: SizeExpr, right: SizeExpr): SizeExpr {
  const isNum = (e: SizeExpr, v: number): boolean => e.op === 'num' && e.value === v;
  if ((op === '+' || op === '-') && isNum(right, 0)) return left;
  if (op === '+' && isNum(left, 0)) return right;
  if ((op === '*' || op === '/') && isNum(right, 1)) return left;
  if (op === '*' && isNum(left, 1)) return right;
  return { op, left, right };
}

export type UnaryOp = 'floor' | 'ceil' | 'round' | 'sqrt' | 'neg';

export function foldUnary(op: UnaryOp, a: Value): Value {
  const x = toNumber(a);
  if (x !== null) {
    switch (op) {
      case 'floor':
        return withOrigins(num(Math.floor(x)), a);
      case 'ceil':
        return withOrigins(num(Math.ceil(x)), a);
      case 'round':
        return withOrigins(num(Math.round(x)), a);
      case 'sqrt':
        return withOrigins(num(Math.sqrt(x)), a);
      case 'neg':
        return withOrigins(num(-x), a);
    }
  }
  if (a.kind !== 'unknown') return opaque('?', 'a value computed at run time', null);
  const e = exprOf(a);
  return bounded(a.free, e ? { op, arg: e } : null);
}

export function toStringValue(v: Value): string | null {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return String(v.value);
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    default:
      return null;
  }
}

/** JavaScript truthiness, or null when the value is open. */
export function truthy(v: Value): boolean | null {
  switch (v.kind) {
    case 'number':
      return v.value !== 0 && !Number.isNaN(v.value);
    case 'string':
      return v.value !== '';
    case 'boolean':
      return v.value;
    case 'null':
    case 'undefined':
      return false;
    case 'unknown':
      return null;
    default:
      return true;
  }
}

/** Strict equality for values with a fixed meaning; null when it cannot be decided. */
export function strictEquals(a: Value, b: Value): boolean | null {
  if (a.kind === 'unknown' || b.kind === 'unknown') return null;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'number' || a.kind === 'string' || a.kind === 'boolean') {
    return a.value === (b as typeof a).value;
  }
  if (a.kind === 'null' || a.kind === 'undefined') return true;
  return a === b;
}

/**
 * Evaluates a size expression given values for its symbols; null when one is missing. Each node
 * once: an expression may share subexpressions (a graph, as the interpreter builds it).
 */
export function evalSizeExpr(
  e: SizeExpr,
  values: (symbol: string) => number | null,
  memo = new Map<SizeExpr, number | null>(),
): number | null {
  const known = memo.get(e);
  if (known !== undefined) return known;
  let result: number | null;
  switch (e.op) {
    case 'num':
      result = e.value;
      break;
    case 'sym':
      result = values(e.name);
      break;
    case 'floor':
    case 'ceil':
    case 'round':
    case 'sqrt':
    case 'neg': {
      const x = evalSizeExpr(e.arg, values, memo);
      result = x === null ? null : toNumber(foldUnary(e.op, num(x)));
      break;
    }
    default: {
      const x = evalSizeExpr(e.left, values, memo);
      const y = evalSizeExpr(e.right, values, memo);
      result = x === null || y === null ? null : applyNumeric(e.op, x, y);
    }
  }
  memo.set(e, result);
  return result;
}

/** The symbols a size expression needs, each shared subexpression visited once. */
export function exprSymbols(e: SizeExpr, out: string[] = [], seen = new Set<SizeExpr>()): string[] {
  if (seen.has(e)) return out;
  seen.add(e);
  if (e.op === 'sym') {
    if (!out.includes(e.name)) out.push(e.name);
  } else if ('arg' in e) exprSymbols(e.arg, out, seen);
  else if ('left' in e) {
    exprSymbols(e.left, out, seen);
    exprSymbols(e.right, out, seen);
  }
  return out;
}
