// Source ranges from syntax nodes, in the editor's 0-based line/character convention.
import type * as ts from 'typescript';
import type { SourceRange } from './types';

export function rangeOf(node: ts.Node, sf: ts.SourceFile): SourceRange {
  const start = node.getStart(sf);
  return rangeFromOffsets(start, node.end, sf);
}

export function rangeFromOffsets(start: number, end: number, sf: ts.SourceFile): SourceRange {
  const s = sf.getLineAndCharacterOfPosition(start);
  const e = sf.getLineAndCharacterOfPosition(end);
  return { start, end, startLine: s.line, startCharacter: s.character, endLine: e.line, endCharacter: e.character };
}

export function unionRange(a: SourceRange, b: SourceRange): SourceRange {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    start: first.start,
    startLine: first.startLine,
    startCharacter: first.startCharacter,
    end: last.end,
    endLine: last.endLine,
    endCharacter: last.endCharacter,
  };
}

/** 1-based line, for messages. */
export function lineOf(range: SourceRange): number {
  return range.startLine + 1;
}

/** The node's text on one line, cut at 60 characters, for messages and the names of open values. */
export function shortText(node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
