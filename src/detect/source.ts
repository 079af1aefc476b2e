// Detection in TS/JS source: parse once, run the interpreter, read its records as ModelSpecs.
import * as ts from 'typescript';
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

function creationCandidates(sf: ts.SourceFile): ts.Node[] {
  const all: ts.Node[] = [];
  const aliases = new Set<string>();
  // An explicit stack: generated or minified code can nest deeper than the call stack allows.
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n)) all.push(n);
    else creationAliases(n, aliases);
    const children: ts.Node[] = [];
    ts.forEachChild(n, (c) => { children.push(c); });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return all.filter((n) => isCreationCandidate(n, aliases));
}

export function detectInSource(text: string, fileName: string, deadline: number): ModelSpec[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const candidates = creationCandidates(sf);
  if (candidates.length === 0) return [];
  const interpreter = new Interpreter(sf, deadline);
  interpreter.runFile(candidates);
  const created = interpreter.created.filter((c) => interpreter.reached.get(c.record.node) === c.run);
  const names = nameModels(created);
  const specs = created.map((c, i) => ({ name: names[i] ?? 'model', ...specFromRecord(c, sf, interpreter.warnings) }));
  return specs.sort((a, b) => a.range.start - b.range.start);
}
