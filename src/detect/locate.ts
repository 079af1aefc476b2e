// Finds nodes by where their names occur in the text, descending the tree only along the path to
// each occurrence. Detection needs a few dozen nodes of a file of tens of thousands; a walk over the
// whole tree costs as much as a third of the parse, a text search and a few descents almost nothing.
import ts from './typescript';

/**
 * A name written with an escape (`mod\u0065l`, `'\x6dodel'`) has a different text in the tree than
 * in the source, so a text search can miss it: files holding an escape are read by a full walk.
 */
const ESCAPE = /\\[0-7ux]/;

export class Locator {
  private readonly escaped: boolean;
  /** Identifiers and string literals by text, built only for files holding an escape. */
  private byText: Map<string, ts.Node[]> | null = null;
  /** Answers already given: detection asks for `model` and `sequential` twice. */
  private readonly found = new Map<string, ts.Node[]>();

  constructor(readonly sf: ts.SourceFile) {
    this.escaped = ESCAPE.test(sf.text);
  }

  /**
   * Every identifier whose text is `name`, and every string literal whose text is exactly `name`
   * (`import { 'model' as m }`), in source order, each with its parent chain set.
   */
  named(name: string): readonly ts.Node[] {
    if (this.escaped) return this.index().get(name) ?? [];
    let nodes = this.found.get(name);
    if (!nodes) {
      nodes = this.search(name);
      this.found.set(name, nodes);
    }
    return nodes;
  }

  private search(name: string): ts.Node[] {
    const out: ts.Node[] = [];
    const text = this.sf.text;
    // Occurrences inside a longer ASCII name are skipped; the tree decides the rest (a comment, a
    // string, a name in a language the check does not read).
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (isNamePart(text.charCodeAt(at - 1), false) || isNamePart(text.charCodeAt(at + name.length), true)) continue;
      const node = this.deepestAt(at);
      if (
        ts.isIdentifier(node)
          ? node.text === name && node.getStart(this.sf) === at
          : ts.isStringLiteral(node) && node.text === name
      ) {
        out.push(node);
      }
    }
    return out;
  }

  /** Sets the parent chain of `node` up to the source file, so code that reads `.parent` may. */
  link(node: ts.Node): void {
    // Chains are always set from the root down: a node with a parent has all its ancestors.
    if (node === this.sf || node.parent || node.end <= node.pos) return;
    this.deepestAt(node.pos, node);
  }

  /**
   * The deepest node whose range (with its leading trivia) holds `pos`, or `stop` if the descent
   * meets it first; parents are set along the way. A loop, not recursion: nesting can be deep.
   */
  private deepestAt(pos: number, stop?: ts.Node): ts.Node {
    let node: ts.Node = this.sf;
    for (;;) {
      const child = childAt(node, pos);
      if (!child) return node;
      (child as { parent: ts.Node }).parent = node;
      if (child === stop) return child;
      node = child;
    }
  }

  private index(): Map<string, ts.Node[]> {
    if (this.byText) return this.byText;
    const byText = new Map<string, ts.Node[]>();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) || ts.isStringLiteral(n)) {
        const list = byText.get(n.text);
        if (list) list.push(n);
        else byText.set(n.text, [n]);
      }
      ts.forEachChild(n, (c) => {
        (c as { parent: ts.Node }).parent = n;
        visit(c);
      });
    };
    visit(this.sf);
    this.byText = byText;
    return byText;
  }
}

/** The child of `node` whose range holds `pos`. Siblings do not overlap, so there is at most one. */
function childAt(node: ts.Node, pos: number): ts.Node | undefined {
  // The callbacks read the position from here rather than closing over it: a descent calls this at
  // every level, and two closures a call were most of what finding names allocated.
  sought = pos;
  return forEachChild(node, holdsSought, soughtInList);
}

let sought = 0;
const forEachChild = ts.forEachChild;

function holdsSought(c: ts.Node): ts.Node | undefined {
  return c.pos <= sought && sought < c.end ? c : undefined;
}

/** Lists can be long (a file's statements) and are in source order: binary search. */
function soughtInList(list: ts.NodeArray<ts.Node>): ts.Node | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = list[mid]!;
    if (sought < c.pos) hi = mid - 1;
    else if (sought >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/**
 * ASCII characters that would make an occurrence part of a longer name. A digit before it does not:
 * `1model` scans as a number and then the name. NaN (outside the text) is none.
 */
function isNamePart(code: number, digits: boolean): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    code === 36 ||
    code === 95 ||
    (digits && code >= 48 && code <= 57)
  );
}
