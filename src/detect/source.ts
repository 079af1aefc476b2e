// Detection in TS/JS source: parse once, run the interpreter, read its records as ModelSpecs.
import ts from 'typescript';
import { creationAliases, Interpreter, isCreationCandidate } from './interpreter';
import { nameModels, specFromRecord } from './specs';
import type { ModelSpec } from './types';

function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

interface Scan {
  candidates: ts.Node[];
  /** Names assigned inside some function, with the first line that does it. */
  reassigned: Map<string, number>;
}

/**
 * One pass over the tree: sets parent pointers (cheaper than the parser's own extra walk), finds
 * calls that may create models and names assigned inside functions. Dispatches on `kind` once per
 * node: this walk visits every node of the file, so it is most of detection's own time.
 */
export function scan(sf: ts.SourceFile): Scan {
  const calls: ts.CallExpression[] = [];
  const aliases = new Set<string>();
  const reassigned = new Map<string, number>();
  const K = ts.SyntaxKind;
  const noteAssignment = (target: ts.Node): void => {
    if (target.kind === K.Identifier && !reassigned.has((target as ts.Identifier).text)) {
      reassigned.set((target as ts.Identifier).text, sf.getLineAndCharacterOfPosition(target.getStart(sf)).line + 1);
    }
  };
  let inFunction = false;
  const visit = (n: ts.Node): void => {
    const outer = inFunction;
    switch (n.kind) {
      case K.CallExpression: calls.push(n as ts.CallExpression); break;
      case K.BinaryExpression: {
        const b = n as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (inFunction && op >= K.FirstAssignment && op <= K.LastAssignment) noteAssignment(b.left);
        break;
      }
      case K.PrefixUnaryExpression:
      case K.PostfixUnaryExpression: {
        const u = n as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (inFunction && (u.operator === K.PlusPlusToken || u.operator === K.MinusMinusToken)) noteAssignment(u.operand);
        break;
      }
      case K.ImportSpecifier:
      case K.BindingElement: creationAliases(n, aliases); break;
      case K.FunctionDeclaration: case K.FunctionExpression: case K.ArrowFunction: case K.MethodDeclaration:
      case K.Constructor: case K.GetAccessor: case K.SetAccessor:
        inFunction = true;
        break;
      default: break;
    }
    ts.forEachChild(n, (c) => {
      (c as { parent: ts.Node }).parent = n;
      visit(c);
    });
    inFunction = outer;
  };
  visit(sf);
  return { candidates: calls.filter((n) => isCreationCandidate(n, aliases)), reassigned };
}

export function detectInSource(text: string, fileName: string, deadline: number): ModelSpec[] {
  const sf = ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(fileName),
  );
  const { candidates, reassigned } = scan(sf);
  if (candidates.length === 0) return [];
  const interpreter = new Interpreter(sf, deadline, reassigned);
  interpreter.runFile(candidates);
  const created = interpreter.created.filter((c) => interpreter.reached.get(c.record.node) === c.run);
  const names = nameModels(created);
  const specs = created.map((c, i) => ({ name: names[i] ?? 'model', ...specFromRecord(c, sf, interpreter.warnings) }));
  return specs.sort((a, b) => a.range.start - b.range.start);
}
