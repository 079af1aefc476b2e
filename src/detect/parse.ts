// The TypeScript parser as detection calls it: no parent pointers, no JSDoc, the script kind from the file name.
import ts from './typescript';

export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The tree of the whole text, as the TypeScript parser reads it. */
export function parseWhole(text: string, fileName: string): ts.SourceFile {
  return parse(text, fileName, scriptKindOf(fileName));
}

export function parse(text: string, fileName: string, kind: ts.ScriptKind): ts.SourceFile {
  return ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    kind,
  );
}
