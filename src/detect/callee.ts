// Finding a call by the name it calls: the model detection and the call-site reading both start
// from a name's occurrences.
import ts from './typescript';

/** The call whose callee is `name` itself or `x.name`. */
export function callNamed(name: ts.Node): ts.CallExpression | null {
  const p = name.parent;
  if (!p || !ts.isIdentifier(name)) return null;
  if (ts.isCallExpression(p) && p.expression === name) return p;
  if (
    ts.isPropertyAccessExpression(p) &&
    p.name === name &&
    p.parent &&
    ts.isCallExpression(p.parent) &&
    p.parent.expression === p
  ) {
    return p.parent;
  }
  return null;
}

/** The construction whose class is `name` itself or `x.name` (`new SnakeGame(…)`). */
export function constructionNamed(name: ts.Node): ts.NewExpression | null {
  const p = name.parent;
  if (!p || !ts.isIdentifier(name)) return null;
  if (ts.isNewExpression(p) && p.expression === name) return p;
  if (ts.isPropertyAccessExpression(p) && p.name === name && p.parent && ts.isNewExpression(p.parent)) {
    return p.parent.expression === p ? p.parent : null;
  }
  return null;
}
