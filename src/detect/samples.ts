// The training-set size where the code fixes it: the first dimension of the tensor handed to
// `fit` (`model.fit(xs, ys)` with `const xs = tf.tensor2d(data, [1000, 784])`, or the call written
// in place). Read from the text alone, through constants of the same file: a size that comes from
// data (`data.length`, a loaded file) is not fixed by the code and stays unread.
import ts from './typescript';
import type { Locator } from './locate';
import { lineOf, rangeOf } from './ranges';
import { FROM_SHAPE } from './tensorShapes';
import type { TrainingSamples } from './types';

/** tfjs calls whose shape is their second argument (after the values); FROM_SHAPE's have it first. */
const SHAPE_SECOND = new Set(['tensor', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d']);
/** How many constants deep a size is followed (`const P = N * 2; const N = 500`). */
const MAX_DEPTH = 8;

/** The `const` of that name declared once in the file, with its initializer; null otherwise. */
function constInit(locator: Locator, name: string): ts.Expression | null {
  const decls = locator
    .named(name)
    .map((n) => n.parent)
    .filter(
      (p): p is ts.VariableDeclaration => !!p && ts.isVariableDeclaration(p) && p.name.getText(locator.sf) === name,
    );
  const decl = decls.length === 1 ? decls[0] : undefined;
  const list = decl?.parent;
  if (!decl?.initializer || !list || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const))
    return null;
  return decl.initializer;
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  return x;
}

/** A whole number the text fixes: literals, same-file constants and their arithmetic. */
function numberOf(locator: Locator, e: ts.Expression, depth = 0): number | null {
  if (depth > MAX_DEPTH) return null;
  const x = unwrap(e);
  if (ts.isNumericLiteral(x)) return Number(x.text.replace(/_/g, ''));
  if (ts.isIdentifier(x)) {
    const init = constInit(locator, x.text);
    return init ? numberOf(locator, init, depth + 1) : null;
  }
  if (ts.isBinaryExpression(x)) {
    const a = numberOf(locator, x.left, depth + 1);
    const b = numberOf(locator, x.right, depth + 1);
    if (a === null || b === null) return null;
    switch (x.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken:
        return a * b;
      case ts.SyntaxKind.PlusToken:
        return a + b;
      case ts.SyntaxKind.MinusToken:
        return a - b;
      default:
        return null;
    }
  }
  return null;
}

/** The first dimension of a tensor the call creates, with the expression that gives it. */
function firstDimension(locator: Locator, e: ts.Expression, depth = 0): ts.Expression | null {
  const x = unwrap(e);
  if (ts.isIdentifier(x) && depth < MAX_DEPTH) {
    const init = constInit(locator, x.text);
    return init ? firstDimension(locator, init, depth + 1) : null;
  }
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return null;
  const fn = x.expression.name.text;
  const shape = SHAPE_SECOND.has(fn) ? x.arguments[1] : FROM_SHAPE.has(fn) ? x.arguments[0] : undefined;
  const s = shape ? unwrap(shape) : null;
  return s && ts.isArrayLiteralExpression(s) && s.elements.length >= 2 ? (s.elements[0] ?? null) : null;
}

/**
 * Training-set sizes the code fixes, one per `fit` call whose inputs it can read, keyed by the
 * name `fit` is called on (`model` in `model.fit`), in the order they are written.
 */
export function trainingSamples(locator: Locator): { on: string; samples: TrainingSamples }[] {
  const out: { on: string; samples: TrainingSamples }[] = [];
  for (const name of locator.named('fit')) {
    const access = name.parent;
    const call = access?.parent;
    if (!access || !call || !ts.isPropertyAccessExpression(access) || access.name !== name) continue;
    if (!ts.isCallExpression(call) || call.expression !== access || !call.arguments[0]) continue;
    const dim = firstDimension(locator, call.arguments[0]);
    const value = dim ? numberOf(locator, dim) : null;
    if (value === null || !Number.isSafeInteger(value) || value < 1) continue;
    const text = dim!.getText(locator.sf);
    out.push({
      on: unwrap(access.expression).getText(locator.sf),
      samples: { value, text, line: lineOf(rangeOf(call, locator.sf)) },
    });
  }
  return out;
}
