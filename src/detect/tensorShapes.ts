// The shapes of tensors that hold data, through the tfjs operations code uses to build a training
// set (`tf.tensor2d(rows, [n, 4])`, `slice`, `concat`, `reshape`, `oneHot`, `gather`, `split`…).
// A shape is a list of sizes, each a number or an open size; a shape that cannot be read (its rank
// is not fixed, an axis is computed at run time) is null. Sizes are folded with the interpreter's
// arithmetic, so an open size keeps its name and a number keeps where it was written.
import { foldNumeric, toNumber, type Value } from './values';

/** A tensor shape: the first size is the number of examples when the tensor is given to `fit`. */
export type Dims = readonly Value[];

/** Ranks above this are not read (tfjs itself stops at 6). */
export const MAX_RANK = 8;

/** tfjs functions that make a tensor from a shape alone (their first argument). */
export const FROM_SHAPE: ReadonlySet<string> = new Set([
  'zeros',
  'ones',
  'fill',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'randomGamma',
]);
/** Pieces `split` is read into; more is not a training set. */
const MAX_PIECES = 1024;

const ok = (dims: Value[] | null): Dims | null => (dims && dims.length <= MAX_RANK ? dims : null);

/** A whole number the code fixes, else null. */
function whole(v: Value | undefined): number | null {
  const n = v ? toNumber(v) : null;
  return n !== null && Number.isSafeInteger(n) ? n : null;
}

/** `axis` as an index into a shape of rank `rank` (negative counts from the end); null when it is not fixed or out of range. */
function axisOf(v: Value | undefined, rank: number, extra = 0): number | null {
  const a = v === undefined || v.kind === 'undefined' ? 0 : whole(v);
  if (a === null) return null;
  const i = a < 0 ? a + rank + extra : a;
  return i >= 0 && i < rank + extra ? i : null;
}

const isOne = (d: Value): boolean => d.kind === 'number' && d.value === 1;

/** A shape written as an array of sizes (`[n, 4]`); a size -1 is kept for `reshape` to resolve. */
export function dimsOfShape(shape: Value): Dims | null {
  if (shape.kind !== 'array' || shape.openLength) return null;
  return shape.items.every((d) => d.kind === 'number' || d.kind === 'unknown') ? ok([...shape.items]) : null;
}

/**
 * The shape of nested arrays of values (`[[5.1, 3.5], [4.9, 3.0]]` is [2, 2]), read down the first
 * element of each level. `rank`: the rank the call fixes (`tensor2d`), which the data must have.
 */
export function dimsOfValues(values: Value, rank: number | null): Dims | null {
  const dims: Value[] = [];
  let v = values;
  while (v.kind === 'array' && dims.length <= MAX_RANK) {
    dims.push(v.openLength ?? { kind: 'number', value: v.items.length });
    const first = v.items[0];
    if (!first) break;
    v = first;
  }
  // An element the code does not fix could be a number or a row: the rank is known only if the call says it.
  if (v.kind === 'unknown' && dims.length !== rank) return null;
  return rank === null || dims.length === rank ? ok(dims) : null;
}

/** The product of the sizes: the number of values the tensor holds. */
export function sizeOf(dims: Dims): Value {
  return dims.reduce<Value>((p, d) => foldNumeric('*', p, d), { kind: 'number', value: 1 });
}

/** `x.slice(begin, size)`: a size of -1, or none, runs to the end of its axis. */
export function sliceDims(dims: Dims, begin: Value | undefined, size: Value | undefined): Dims | null {
  const list = (v: Value | undefined): Value[] | null =>
    v === undefined || v.kind === 'undefined' ? [] : v.kind === 'array' && !v.openLength ? v.items : [v];
  const b = list(begin);
  const s = list(size);
  if (!b || !s || b.length > dims.length || s.length > dims.length) return null;
  return ok(
    dims.map((d, i) => {
      const start = b[i] ?? { kind: 'number', value: 0 };
      const n = s[i];
      return n === undefined || whole(n) === -1 ? foldNumeric('-', d, start) : n;
    }),
  );
}

/** `tf.concat(list, axis)`: the sizes along `axis` add up; a list built by a loop of open count is that many times one. */
export function concatDims(parts: readonly (Dims | null)[], axis: Value | undefined, times: Value | null): Dims | null {
  const first = parts[0];
  if (!first || parts.some((p) => !p || p.length !== first.length)) return null;
  const a = axisOf(axis, first.length);
  if (a === null) return null;
  const along = times
    ? foldNumeric('*', times, first[a]!)
    : parts.slice(1).reduce<Value>((sum, p) => foldNumeric('+', sum, p![a]!), first[a]!);
  return ok(first.map((d, i) => (i === a ? along : d)));
}

/** `tf.stack(list, axis)`: a new axis of the list's length. */
export function stackDims(parts: readonly (Dims | null)[], axis: Value | undefined, count: Value): Dims | null {
  const first = parts[0];
  if (!first || parts.some((p) => !p || p.length !== first.length)) return null;
  const a = axisOf(axis, first.length, 1);
  return a === null ? null : ok([...first.slice(0, a), count, ...first.slice(a)]);
}

/** `x.reshape(shape)`: a size of -1 is what the others leave of the values. */
export function reshapeDims(dims: Dims, shape: Value): Dims | null {
  const target = dimsOfShape(shape);
  if (!target) return null;
  const free = target.filter((d) => whole(d) === -1).length;
  if (free === 0) return target;
  if (free > 1) return null;
  const known = target.filter((d) => whole(d) !== -1);
  const rest = foldNumeric('/', sizeOf(dims), sizeOf(known));
  return ok(target.map((d) => (whole(d) === -1 ? rest : d)));
}

/** `x.expandDims(axis)`: a new axis of size 1. */
export function expandDims(dims: Dims, axis: Value | undefined): Dims | null {
  const a = axisOf(axis, dims.length, 1);
  return a === null ? null : ok([...dims.slice(0, a), { kind: 'number', value: 1 }, ...dims.slice(a)]);
}

/** `x.squeeze(axes)`: the named axes of size 1 go, or every axis the code fixes at 1; an open size may be 1, so it is not read. */
export function squeezeDims(dims: Dims, axes: Value | undefined): Dims | null {
  if (axes === undefined || axes.kind === 'undefined') {
    return dims.some((d) => d.kind !== 'number') ? null : dims.filter((d) => !isOne(d));
  }
  const list = axes.kind === 'array' && !axes.openLength ? axes.items : [axes];
  const drop = list.map((v) => axisOf(v, dims.length));
  return drop.includes(null) ? null : dims.filter((_, i) => !drop.includes(i));
}

/** `tf.oneHot(indices, depth)`: one more axis, of size `depth`. */
export function oneHotDims(indices: Dims, depth: Value | undefined): Dims | null {
  return depth && (depth.kind === 'number' || depth.kind === 'unknown') ? ok([...indices, depth]) : null;
}

/** `x.gather(indices, axis)`: the axis is replaced by the indices' shape. */
export function gatherDims(dims: Dims, indices: Dims | null, axis: Value | undefined): Dims | null {
  const a = axisOf(axis, dims.length);
  return indices && a !== null ? ok([...dims.slice(0, a), ...indices, ...dims.slice(a + 1)]) : null;
}

/** `tf.split(x, n or sizes, axis)`: the pieces' shapes; a -1 size takes what the others leave. */
export function splitDims(dims: Dims, how: Value | undefined, axis: Value | undefined): Dims[] | null {
  const a = axisOf(axis, dims.length);
  if (a === null || !how) return null;
  const at = (d: Value): Dims => dims.map((x, i) => (i === a ? d : x));
  const n = whole(how);
  if (n !== null) {
    return n >= 1 && n <= MAX_PIECES
      ? Array.from({ length: n }, () => at(foldNumeric('/', dims[a]!, { kind: 'number', value: n })))
      : null;
  }
  if (how.kind !== 'array' || how.openLength || how.items.length > MAX_PIECES) return null;
  const known = how.items.filter((d) => whole(d) !== -1);
  const rest = known.reduce<Value>((r, d) => foldNumeric('-', r, d), dims[a]!);
  return how.items.map((d) => at(whole(d) === -1 ? rest : d));
}

/** `x.transpose(perm)`: the axes reordered, reversed when no order is given. */
export function transposeDims(dims: Dims, perm: Value | undefined): Dims | null {
  if (perm === undefined || perm.kind === 'undefined') return [...dims].reverse();
  if (perm.kind !== 'array' || perm.items.length !== dims.length) return null;
  const order = perm.items.map((p) => axisOf(p, dims.length));
  return order.includes(null) ? null : order.map((i) => dims[i!]!);
}

/** The shape of an elementwise result (`x.div(255)`, `a.sub(b)`): the two shapes broadcast. */
export function broadcastDims(a: Dims, b: Dims): Dims | null {
  const rank = Math.max(a.length, b.length);
  const out: Value[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i];
    const y = b[b.length - rank + i];
    if (!x || !y) out.push((x ?? y)!);
    else if (isOne(x)) out.push(y);
    else if (isOne(y) || y.kind !== 'number') out.push(x);
    else if (x.kind !== 'number') out.push(y);
    else if (x.value === y.value) out.push(x);
    else return null;
  }
  return ok(out);
}
