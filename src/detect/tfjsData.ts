// What tfjs's tensor functions and methods mean for a tensor of data: the shape of what they make
// (tensorShapes.ts has the arithmetic). tfjsSemantics.ts asks here for `tf.<name>(...)` and for
// `x.<name>(...)` on a data tensor; a name not read here is left to it (an open value).
import {
  broadcastDims,
  concatDims,
  dimsOfShape,
  dimsOfValues,
  expandDims,
  gatherDims,
  oneHotDims,
  reshapeDims,
  sizeOf,
  sliceDims,
  splitDims,
  squeezeDims,
  stackDims,
  transposeDims,
  FROM_SHAPE,
  type Dims,
} from './tensorShapes';
import { UNDEFINED, type Value } from './values';

/** Elementwise operations of one tensor: the shape is kept. */
const UNARY = new Set([
  'toFloat',
  'toInt',
  'toBool',
  'cast',
  'asType',
  'clone',
  'neg',
  'abs',
  'exp',
  'log',
  'sqrt',
  'square',
  'sigmoid',
  'tanh',
  'relu',
  'round',
  'floor',
  'ceil',
  'sign',
  'zerosLike',
  'onesLike',
]);
/** Elementwise operations of two tensors: the shapes broadcast. */
const BINARY = new Set([
  'add',
  'sub',
  'mul',
  'div',
  'divNoNan',
  'floorDiv',
  'pow',
  'mod',
  'minimum',
  'maximum',
  'squaredDifference',
]);

const arg = (args: readonly Value[], i: number): Value => args[i] ?? UNDEFINED;

/** The shape of a data tensor, a number (a scalar) or nested arrays of values; null when not one of those. */
export function dimsOf(v: Value): Dims | null {
  if (v.kind === 'tensor') return v.tensor.dims ?? null;
  if (v.kind === 'number') return [];
  if (v.kind === 'array') return dimsOfValues(v, null);
  return null;
}

/** A tensor of data of that shape. */
export function dataTensor(dims: Dims): Value {
  return {
    kind: 'tensor',
    tensor: {
      shape: dims.length > 0 ? { kind: 'array', items: dims.slice(1) } : null,
      dims,
      inputNode: null,
      chain: [],
      notes: [],
    },
  };
}

/**
 * What `tf.<name>(...args)` makes, when it is a tensor of data whose shape the code fixes: one
 * tensor, several (`split`), or null when the name is read here but the shape is not fixed;
 * undefined when the name is not a tensor function read here.
 */
export function tfFunction(name: string, args: readonly Value[]): Value | null | undefined {
  const rank = /^tensor([1-6])d$/.exec(name);
  if (name === 'tensor' || rank) {
    const r = rank ? Number(rank[1]) : null;
    // The shape is optional (and `tensor1d` has none: its second argument is the dtype).
    const shape = r === 1 ? UNDEFINED : arg(args, 1);
    const dims =
      shape.kind === 'undefined' || shape.kind === 'string' ? dimsOfValues(arg(args, 0), r) : dimsOfShape(shape);
    return dims && (r === null || dims.length === r) ? dataTensor(dims) : null;
  }
  if (name === 'scalar') return dataTensor([]);
  if (FROM_SHAPE.has(name)) {
    const dims = dimsOfShape(arg(args, 0));
    return dims ? dataTensor(dims) : null;
  }
  if (name === 'concat' || name === 'stack') return joined(name, arg(args, 0), arg(args, 1));
  if (name === 'oneHot') {
    const indices = dimsOf(arg(args, 0));
    const dims = indices && oneHotDims(indices, arg(args, 1));
    return dims ? dataTensor(dims) : null;
  }
  if (!isMethod(name)) return undefined;
  const x = arg(args, 0);
  return x.kind === 'tensor' && x.tensor.dims ? tensorMethod(name, x.tensor.dims, args.slice(1)) : null;
}

/** Whether `x.<name>(...)` is a tensor method read here. */
export function isMethod(name: string): boolean {
  return UNARY.has(name) || BINARY.has(name) || METHODS.has(name);
}

const METHODS = new Set([
  'slice',
  'reshape',
  'expandDims',
  'squeeze',
  'gather',
  'split',
  'transpose',
  'flatten',
  'concat',
  'stack',
]);

/** What `x.<name>(...args)` makes from a data tensor of shape `dims`; null when its shape is not fixed. */
export function tensorMethod(name: string, dims: Dims, args: readonly Value[]): Value | null {
  const self = dataTensor(dims);
  if (UNARY.has(name)) return self;
  if (BINARY.has(name)) return result(broadcast(dims, dimsOf(arg(args, 0))));
  switch (name) {
    case 'slice':
      return result(sliceDims(dims, args[0], args[1]));
    case 'reshape':
      return result(reshapeDims(dims, arg(args, 0)));
    case 'expandDims':
      return result(expandDims(dims, args[0]));
    case 'squeeze':
      return result(squeezeDims(dims, args[0]));
    case 'gather':
      return result(gatherDims(dims, dimsOf(arg(args, 0)), args[1]));
    case 'transpose':
      return result(transposeDims(dims, args[0]));
    case 'flatten':
      return dataTensor([sizeOf(dims)]);
    case 'split': {
      const pieces = splitDims(dims, args[0], args[1]);
      return pieces ? { kind: 'array', items: pieces.map(dataTensor) } : null;
    }
    case 'concat':
    case 'stack': {
      // `x.concat(y, axis)` or `x.concat([y, z], axis)`: x leads the list.
      const rest = arg(args, 0);
      const items = rest.kind === 'array' && !rest.openLength ? rest.items : [rest];
      return joined(name, { kind: 'array', items: [self, ...items] }, arg(args, 1));
    }
    default:
      return null;
  }
}

function result(dims: Dims | null): Value | null {
  return dims ? dataTensor(dims) : null;
}

function broadcast(a: Dims, b: Dims | null): Dims | null {
  return b ? broadcastDims(a, b) : null;
}

/** `tf.concat(list, axis)`, `tf.stack(list, axis)`. */
function joined(name: 'concat' | 'stack', list: Value, axis: Value): Value | null {
  if (list.kind !== 'array' || list.items.length === 0) return null;
  const parts = list.items.map(dimsOf);
  const count = list.openLength ?? { kind: 'number', value: list.items.length };
  const dims = name === 'concat' ? concatDims(parts, axis, list.openLength ?? null) : stackDims(parts, axis, count);
  return result(dims);
}
