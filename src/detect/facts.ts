// The facts about a file the interpreter asks for beyond the nodes it runs, found when first asked.
import ts from './typescript';
import { isFunctionLike, type FileFacts } from './interpreter';
import type { Locator } from './locate';

/** The file facts the interpreter asks for, each found when first asked. */
export class SourceFacts implements FileFacts {
  private readonly reassigned = new Map<string, number | undefined>();

  constructor(private readonly locator: Locator) {}

  link(node: ts.Node): void {
    this.locator.link(node);
  }

  reassignedAt(name: string): number | undefined {
    if (this.reassigned.has(name)) return this.reassigned.get(name);
    let line: number | undefined;
    // Occurrences come in source order, so the first assignment found is the first in the file.
    for (const n of this.locator.named(name)) {
      if (isAssignedHere(n) && insideFunction(n)) {
        line = this.locator.sf.getLineAndCharacterOfPosition(n.getStart(this.locator.sf)).line + 1;
        break;
      }
    }
    this.reassigned.set(name, line);
    return line;
  }
}

/** `name = ...`, `name += ...`, `++name`, `name--`: the identifier itself is the target. */
function isAssignedHere(n: ts.Node): boolean {
  const p = n.parent;
  if (!p || !ts.isIdentifier(n)) return false;
  const K = ts.SyntaxKind;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    return p.left === n && op >= K.FirstAssignment && op <= K.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) {
    return p.operand === n && (p.operator === K.PlusPlusToken || p.operator === K.MinusMinusToken);
  }
  return false;
}

function insideFunction(n: ts.Node): boolean {
  for (let a = n.parent; a; a = a.parent) if (isFunctionLike(a)) return true;
  return false;
}
