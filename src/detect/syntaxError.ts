// Where a file stops parsing, for the message that explains why no model was found in it
// (a syntax error, rather than a file without tfjs models).
import ts from './typescript';

/** "line 3: ',' expected." for the first syntax error in the text, or null when it parses. */
export function firstSyntaxError(text: string, fileName: string): string | null {
  const file = /\.json$/i.test(fileName)
    ? ts.parseJsonText(fileName, text)
    : ts.createSourceFile(
        fileName,
        text,
        ts.ScriptTarget.Latest,
        false,
        /\.[jt]sx$/i.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      );
  const first = (file as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (!first) return null;
  const line = file.getLineAndCharacterOfPosition(first.start).line + 1;
  return `line ${line}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`;
}
