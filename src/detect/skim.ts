// Most of a large file is code no model depends on, and the TypeScript parse of it (with the
// garbage collection its tree costs) is most of detection's time. Skimming splits the file into
// its top-level statements with a light lexer, keeps the statements that can matter to a model
// (the seeds: imports, tfjs, model creation; then whatever a kept statement names, and whatever
// declares, assigns or uses a name a kept statement declares) and blanks the rest with spaces.
// Line breaks stay, so every position and line in the skimmed text is the one in the file.
//
// The lexer cannot always tell a regular expression from a division, or JSX text from code. It
// gives up (null: parse the whole file) at anything it cannot read with certainty, and the caller
// checks that the parse of the skimmed text has no errors and statements exactly where the kept
// groups are (`alignsWith` below); anything else is parsed whole. For a file the parser
// reads without errors the result is the whole file's (test/detect/skim.test.ts checks it); a
// syntax error in a statement left out no longer disturbs the models around it.

import type ts from 'typescript';

/** A run of whole top-level statements, and the names in it. */
interface Group {
  start: number;
  end: number;
  /** Every name written in it, once each (no keywords, no property-name filtering: more is safe). */
  words: number[];
  /** Names it declares at top level; for statements that are not declarations, all its words. */
  declared: number[];
  /** Names written as the target of an assignment or ++/-- (detection asks where names are reassigned). */
  assigned: number[];
  /** Statements detection always reads: imports, model creation, tfjs. */
  seed: boolean;
  /** Some statement of the group is not a declaration the lexer read: all its words count as declared. */
  loose: boolean;
}

export interface Skimmed {
  /** The text with unneeded statements replaced by spaces: same length, same line breaks. */
  text: string;
  /** Start (first token) and end (last token) of each kept group, in order. */
  kept: Array<readonly [number, number]>;
  /** Characters blanked, for the benchmark's report. */
  blanked: number;
}

/** Words that can never be names: a group is not related to another by sharing `const`. */
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
]);

/** Keywords after which `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Words that end an expression, so a line break after them ends a statement before a declaration. */
const ENDS_EXPRESSION = new Set(['this', 'true', 'false', 'null', 'super']);

/** Contextual words that may modify the next line's declaration: never split after them. */
const MODIFIERS = new Set([
  'declare',
  'abstract',
  'async',
  'type',
  'namespace',
  'module',
  'global',
  'readonly',
  'public',
  'private',
  'protected',
  'static',
  'override',
  'accessor',
  'get',
  'set',
  'let',
  'yield',
  'await',
  'as',
  'satisfies',
  'of',
  'is',
  'keyof',
  'infer',
  'unique',
  'asserts',
  'out',
]);

/** Words that start a statement and cannot continue the previous line's expression. */
const STARTS_STATEMENT = new Set([
  'const',
  'let',
  'var',
  'function',
  'class',
  'export',
  'import',
  'interface',
  'type',
  'enum',
  'async',
  'declare',
  'abstract',
  'namespace',
  'module',
  'if',
  'for',
  'switch',
  'try',
  'throw',
]);

/** After a closing `}`, a name on the next line starts a statement unless it continues this one. */
const CONTINUES_AFTER_BRACE = new Set([
  'else',
  'catch',
  'finally',
  'while',
  'as',
  'satisfies',
  'in',
  'instanceof',
  'of',
  'extends',
  'implements',
]);

const enum Prev {
  None,
  /** A name or a word like `this` that ends an expression. */
  Name,
  /** A keyword or contextual word after which nothing may be split off. */
  Keyword,
  Literal,
  Semicolon,
  CloseBrace,
  CloseParen,
  CloseBracket,
  Other,
}

const enum Decl {
  /** At the start, or after `export`, `declare`, …: the next word says what the statement is. */
  Prefix,
  /** Not a declaration: every word counts as declared. */
  Any,
  /** A function, class, enum, … declaration: the next name. */
  ExpectName,
  /** `const`/`let`/`var`: the next name or binding pattern. */
  ExpectBinding,
  /** Inside a binding pattern opened at depth 1. */
  InPattern,
  /** After a binding: up to the `,` at depth 0 that starts the next one. */
  AfterBinding,
  /** The declared names are known. */
  Done,
}

const SEED_WORDS = new Set(['sequential', 'model', 'tf']);

/** Marks a `${` on the bracket stack: its `}` resumes the template. */
const TEMPLATE = 0;

const TFJS = '@tensorflow/tfjs';

/** Characters of compound assignment operators before their `=`. */
const OPERATOR_CHARS = '+-*/%&|^<>?';

/** Words that start a declaration of the name after them. */
const DECLARES_NAME = new Set(['function', 'class', 'enum', 'interface', 'type', 'namespace', 'module']);

/** Words that may come before a declaration's keyword. */
const DECL_MODIFIERS = new Set(['export', 'default', 'declare', 'abstract', 'async']);

/**
 * The skimmed text, or null when the file cannot be split with certainty (JSX, non-ASCII names,
 * an unterminated string or comment, brackets that do not match) or when nothing would be blanked.
 */
export function skim(text: string, mayHoldJsx: boolean): Skimmed | null {
  if (mayHoldJsx && (text.includes('</') || text.includes('/>'))) return null;
  const names = new NameTable();
  const groups = split(text, names);
  if (!groups) return null;
  const keep = related(groups, names);
  let blanked = 0;
  for (let g = 0; g < groups.length; g++) if (!keep[g]) blanked += groups[g]!.end - groups[g]!.start;
  if (blanked === 0) return null;
  // One copy of the text's UTF-16 code units, blanked in place and decoded once: far cheaper than
  // gluing thousands of slices and runs of spaces.
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  const kept: Array<readonly [number, number]> = [];
  for (let g = 0; g < groups.length; g++) {
    const { start, end } = groups[g]!;
    if (keep[g]) {
      kept.push([start, end]);
      continue;
    }
    for (let i = start; i < end; i++) if (!isLineBreak(units[i]!)) units[i] = 32;
  }
  return { text: UTF16.decode(units), kept, blanked };
}

// Node and browsers both have TextDecoder; declared here so the detector needs no platform types.
declare const TextDecoder: new (label: string) => { decode(input: Uint16Array): string };
const UTF16 = new TextDecoder('utf-16le');

/**
 * Whether the skimmed tree parsed without errors and each kept group is a run of whole statements:
 * then the lexer split the file where the parser does. Errors are read from the parser's own list
 * (not in the public typings); without it nothing can be confirmed and the whole file is parsed.
 */
export function alignsWith(sf: ts.SourceFile, kept: ReadonlyArray<readonly [number, number]>): boolean {
  const errors = (sf as { parseDiagnostics?: unknown }).parseDiagnostics;
  if (!Array.isArray(errors) || errors.length > 0) return false;
  const statements = sf.statements;
  let s = 0;
  for (const [start, end] of kept) {
    const first = statements[s];
    if (!first || first.getStart(sf) !== start) return false;
    while (statements[s] && statements[s]!.end < end) s += 1;
    if (statements[s]?.end !== end) return false;
    s += 1;
  }
  return s === statements.length;
}

/** The top-level statement groups the lexer finds, as [start, end) ranges; null when it gives up. */
export function statementGroups(text: string): Array<readonly [number, number]> | null {
  return split(text, new NameTable())?.map((g) => [g.start, g.end] as const) ?? null;
}

/** Groups to keep: the seeds, then whatever a kept group names, declares or assigns, to a fixed point. */
function related(groups: readonly Group[], names: NameTable): Uint8Array {
  const keep = new Uint8Array(groups.length);
  const named = new Uint8Array(names.size);
  const declared = new Uint8Array(names.size);
  const work: number[] = [];
  const add = (g: number): void => {
    if (!keep[g]) {
      keep[g] = 1;
      work.push(g);
    }
  };
  const addAll = (list: readonly number[] | undefined): void => {
    if (list) for (const g of list) add(g);
  };
  for (let g = 0; g < groups.length; g++) if (groups[g]!.seed) add(g);
  while (work.length > 0) {
    const group = groups[work.pop()!]!;
    // What a kept statement names must be kept where it is declared or reassigned.
    for (const w of group.words) {
      if (named[w]) continue;
      named[w] = 1;
      addAll(names.declaredIn[w]);
      addAll(names.assignedIn[w]);
    }
    // What a kept statement declares must be kept wherever it is used: a call, a mutation.
    for (const w of group.declared) {
      if (declared[w]) continue;
      declared[w] = 1;
      addAll(names.writtenIn[w]);
    }
  }
  return keep;
}

const RESERVED_FLAG = 1;
const SEED_FLAG = 2;
const MODIFIER_FLAG = 4;
const ENDS_EXPRESSION_FLAG = 8;

/** Names interned to small integers: one map lookup per name written, the rest is array work. */
class NameTable {
  private readonly ids = new Map<string, number>();
  /** Per name: RESERVED_FLAG, SEED_FLAG, … */
  readonly flags: number[] = [];
  /** Per name, the groups that write, declare or assign it, in order, each once. */
  readonly writtenIn: Array<number[] | undefined> = [];
  readonly declaredIn: Array<number[] | undefined> = [];
  readonly assignedIn: Array<number[] | undefined> = [];

  get size(): number {
    return this.flags.length;
  }

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.flags.length;
      this.ids.set(word, id);
      this.flags.push(
        (RESERVED.has(word) ? RESERVED_FLAG : 0) |
          (SEED_WORDS.has(word) ? SEED_FLAG : 0) |
          (MODIFIERS.has(word) ? MODIFIER_FLAG : 0) |
          (ENDS_EXPRESSION.has(word) ? ENDS_EXPRESSION_FLAG : 0),
      );
      this.writtenIn.push(undefined);
      this.declaredIn.push(undefined);
      this.assignedIn.push(undefined);
    }
    return id;
  }
}

/** Adds group `g` to `lists[id]` unless it is there already (groups arrive in order). */
function note(lists: Array<number[] | undefined>, id: number, g: number): boolean {
  const list = lists[id];
  if (!list) {
    lists[id] = [g];
    return true;
  }
  if (list[list.length - 1] === g) return false;
  list.push(g);
  return true;
}

/** The file's top-level statement groups, or null when the lexer cannot be sure of them. */
function split(text: string, names: NameTable): Group[] | null {
  return new Splitter(text, names).groups();
}

/** What `Splitter.trivia` found at the cursor. */
const enum Trivia {
  /** A token starts here. */
  None,
  /** Whitespace or a comment, skipped. */
  Skipped,
  /** A comment that never ends. */
  Unterminated,
}

/**
 * The lexer behind `split`: one pass over the text, a token at a time, tracking brackets and the
 * previous token to tell where a statement at depth 0 certainly ends.
 */
class Splitter {
  private readonly found: Group[] = [];
  /** Open brackets (their character code), and TEMPLATE for each `${`. */
  private readonly stack: number[] = [];
  private i = 0;
  private prev = Prev.None;
  private prevWord = '';
  private prevEnd = 0;
  private lineBreak = false;
  private decorating = false;
  private group = newGroup(0);
  private decl = Decl.Prefix;
  private first = true;

  constructor(
    private readonly text: string,
    private readonly names: NameTable,
  ) {}

  groups(): Group[] | null {
    const text = this.text;
    const n = text.length;
    // A `#!` line is trivia to the parser.
    if (text.startsWith('#!')) while (this.i < n && !isLineBreak(text.charCodeAt(this.i))) this.i += 1;
    while (this.i < n) {
      const trivia = this.trivia();
      if (trivia === Trivia.Unterminated) return null;
      if (trivia === Trivia.Skipped) continue;
      const c = text.charCodeAt(this.i);
      // Non-ASCII outside strings and comments (a name, or a space the lexer does not know) and
      // escapes in names: the text search below would misread them.
      if (c >= 0x80 || c === 92) return null;
      const start = this.i;
      const word = isNameStart(c) ? readName(text, start) : null;
      this.startToken(start, word, c);
      if (word !== null) this.name(word, start);
      else if (!this.token(c, start)) return null;
      this.prevEnd = this.i;
    }
    if (this.stack.length !== 0) return null;
    if (!this.first) this.close(this.prevEnd);
    markTfjsStrings(text, this.found);
    return this.found;
  }

  /** Skips one run of whitespace or one comment at the cursor, noting line breaks. */
  private trivia(): Trivia {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    if (c === 10 || c === 13) {
      this.lineBreak = true;
      this.i += 1;
      return Trivia.Skipped;
    }
    if (c === 32 || c === 9 || c === 11 || c === 12) {
      this.i += 1;
      return Trivia.Skipped;
    }
    if (c === 47 && text.charCodeAt(this.i + 1) === 47) {
      // U+2028 and U+2029 end a comment too; `groups` then gives up on them.
      while (this.i < text.length && !isLineBreak(text.charCodeAt(this.i))) this.i += 1;
      return Trivia.Skipped;
    }
    if (c === 47 && text.charCodeAt(this.i + 1) === 42) {
      const end = text.indexOf('*/', this.i + 2);
      if (end < 0) return Trivia.Unterminated;
      for (let j = this.i; j < end; j++) if (isLineBreak(text.charCodeAt(j))) this.lineBreak = true;
      this.i = end + 2;
      return Trivia.Skipped;
    }
    return Trivia.None;
  }

  /** Before a token at `start`: a new group starts here when the previous statement certainly ended. */
  private startToken(start: number, word: string | null, c: number): void {
    if (this.stack.length === 0 && this.lineBreak && !this.first) {
      if (!this.decorating && boundary(this.prev, this.prevWord, word, c)) {
        this.close(this.prevEnd);
        this.group = newGroup(start);
        this.decl = Decl.Prefix;
      } else {
        // Perhaps a statement the lexer cannot confirm (`f()` then `const x` on the next line):
        // its declarations are not read, so every word of the group counts as declared.
        this.group.loose = true;
      }
    }
    this.lineBreak = false;
    if (this.first) this.group.start = start;
    this.first = false;
  }

  private close(end: number): void {
    const group = this.group;
    group.end = end;
    const g = this.found.length;
    if (group.loose || this.decl === Decl.Any) group.declared = group.words;
    for (const w of group.declared) note(this.names.declaredIn, w, g);
    for (const w of group.assigned) note(this.names.assignedIn, w, g);
    this.found.push(group);
  }

  /** A name or keyword: what it declares, names or assigns in the group. */
  private name(word: string, start: number): void {
    const { names, group, prev } = this;
    this.i += word.length;
    const id = names.id(word);
    const flags = names.flags[id]!;
    this.decl = declAfterName(this.decl, word, id, group);
    if (!(flags & RESERVED_FLAG)) {
      if (note(names.writtenIn, id, this.found.length)) group.words.push(id);
      if (flags & SEED_FLAG) group.seed = true;
      // A name directly before `=`, `+=`, … or next to `++`/`--` is assigned; one just after
      // `const`/`let`/`var` is declared instead.
      const w = this.prevWord;
      const declaring = prev === Prev.Keyword && (w === 'const' || w === 'let' || w === 'var');
      if (!declaring && (assignmentAt(this.text, this.i) || incrementBefore(this.text, start))) group.assigned.push(id);
    }
    if (word === 'import') group.seed = true;
    if (this.stack.length === 0 && word === 'class') this.decorating = false;
    this.prevWord = word;
    this.prev =
      flags & RESERVED_FLAG
        ? flags & ENDS_EXPRESSION_FLAG
          ? Prev.Name
          : Prev.Keyword
        : flags & MODIFIER_FLAG
          ? Prev.Keyword
          : Prev.Name;
  }

  /** Any token but a name; false when the lexer cannot be sure of it. */
  private token(c: number, start: number): boolean {
    const text = this.text;
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(this.i + 1)))) {
      this.i = readNumber(text, this.i);
      this.prev = Prev.Literal;
    } else if (c === 34 || c === 39) {
      const end = quotedEnd(text, this.i + 1, c);
      if (end < 0) return false;
      this.i = end;
      this.prev = Prev.Literal;
    } else if (c === 96) {
      this.i += 1;
      return this.template();
    } else if (c === 47 && regexMayStart(this.prev, this.prevWord)) {
      const end = regexEnd(text, this.i + 1);
      if (end < 0) return false;
      this.i = end;
      this.prev = Prev.Literal;
    } else if (c === 40 || c === 91 || c === 123) {
      this.stack.push(c);
      this.i += 1;
      this.prev = Prev.Other;
      this.decl = declAfterOpen(this.decl, c, this.stack.length);
    } else if (c === 41 || c === 93 || c === 125) {
      return this.closeBracket(c);
    } else if (c === 59) {
      this.i += 1;
      this.prev = Prev.Semicolon;
      // The next statement of the group declares its own names.
      if (this.stack.length === 0) {
        if (this.decl === Decl.Any) this.group.loose = true;
        this.decl = Decl.Prefix;
      }
    } else this.punctuation(c, start);
    return true;
  }

  /** A template's characters from the cursor to its end or its next `${`; false when it never ends. */
  private template(): boolean {
    const text = this.text;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 92) this.i += 2;
      else if (c === 96) {
        this.i += 1;
        this.prev = Prev.Literal;
        return true;
      } else if (c === 36 && text.charCodeAt(this.i + 1) === 123) {
        this.i += 2;
        this.stack.push(TEMPLATE);
        this.prev = Prev.Other;
        return true;
      } else this.i += 1;
    }
    return false;
  }

  /** `)`, `]` or `}`: false when it does not match the bracket open. */
  private closeBracket(c: number): boolean {
    const open = this.stack.pop();
    if (open === undefined) return false;
    this.i += 1;
    if (open === TEMPLATE) return c === 125 && this.template();
    if (open !== (c === 41 ? 40 : c === 93 ? 91 : 123)) return false;
    this.prev = c === 41 ? Prev.CloseParen : c === 93 ? Prev.CloseBracket : Prev.CloseBrace;
    if (this.decl === Decl.InPattern && this.stack.length === 0) this.decl = Decl.AfterBinding;
    return true;
  }

  private punctuation(c: number, start: number): void {
    if (c === 64 && this.stack.length === 0) this.decorating = true;
    this.decl = declAfterPunctuation(this.decl, c, this.stack.length);
    // TypeScript's non-null `x!` ends an expression (`a[0]! / 2` divides); a `!` with space or an
    // operator before it negates (`!/re/.test(s)` holds a regular expression).
    const prev = this.prev;
    const postfix =
      c === 33 &&
      start === this.prevEnd &&
      (prev === Prev.Name || prev === Prev.Literal || prev === Prev.CloseParen || prev === Prev.CloseBracket);
    this.i += 1;
    this.prev = postfix ? Prev.CloseParen : Prev.Other;
  }
}

/** The end of a string literal whose body starts at `i`: just past its closing quote; -1 when it does not close on its line. */
function quotedEnd(text: string, i: number, quote: number): number {
  for (;;) {
    if (i >= text.length) return -1;
    const d = text.charCodeAt(i);
    if (d === quote) return i + 1;
    if (d === 10 || d === 13) return -1;
    i += d === 92 ? (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2) : 1;
  }
}

/** The end of a regular expression whose body starts at `i`, past its flags; -1 when it does not close on its line. */
function regexEnd(text: string, i: number): number {
  let inClass = false;
  for (;;) {
    if (i >= text.length) return -1;
    const d = text.charCodeAt(i);
    if (d === 10 || d === 13) return -1;
    if (d === 92) i += 2;
    else {
      i += 1;
      if (d === 91) inClass = true;
      else if (d === 93) inClass = false;
      else if (d === 47 && !inClass) break;
    }
  }
  while (i < text.length && isNamePart(text.charCodeAt(i))) i += 1;
  return i;
}

/** Groups holding the text `@tensorflow/tfjs` (an import, a `require`) are seeds. */
function markTfjsStrings(text: string, groups: readonly Group[]): void {
  let g = 0;
  for (let at = text.indexOf(TFJS); at >= 0; at = text.indexOf(TFJS, at + 1)) {
    while (g < groups.length && groups[g]!.end <= at) g += 1;
    if (g < groups.length && groups[g]!.start <= at) groups[g]!.seed = true;
  }
}

/** The declaration state after a name. */
function declAfterName(decl: Decl, word: string, id: number, group: Group): Decl {
  switch (decl) {
    case Decl.Prefix:
      if (word === 'const' || word === 'let' || word === 'var') return Decl.ExpectBinding;
      if (DECLARES_NAME.has(word)) return Decl.ExpectName;
      return DECL_MODIFIERS.has(word) ? Decl.Prefix : Decl.Any;
    case Decl.ExpectName:
      group.declared.push(id);
      return Decl.Done;
    case Decl.ExpectBinding:
      if (word === 'enum') return Decl.ExpectName;
      group.declared.push(id);
      return Decl.AfterBinding;
    case Decl.InPattern:
      group.declared.push(id);
      return decl;
    default:
      return decl;
  }
}

function declAfterOpen(decl: Decl, c: number, depth: number): Decl {
  if (decl === Decl.ExpectBinding && depth === 1 && c !== 40) return Decl.InPattern;
  // `export {`, `export default class {`: not a declaration the lexer reads.
  if (decl === Decl.Prefix || decl === Decl.ExpectBinding || decl === Decl.ExpectName) return Decl.Any;
  return decl;
}

function declAfterPunctuation(decl: Decl, c: number, depth: number): Decl {
  if (decl === Decl.AfterBinding && depth === 0 && c === 44) return Decl.ExpectBinding;
  // `function* gen`.
  if (decl === Decl.ExpectName && c === 42) return decl;
  if (decl === Decl.Prefix || decl === Decl.ExpectName || decl === Decl.ExpectBinding) return Decl.Any;
  return decl;
}

function newGroup(start: number): Group {
  return { start, end: start, words: [], declared: [], assigned: [], seed: false, loose: false };
}

/** Whether a statement certainly ended before a token on a new line at depth 0. */
function boundary(prev: Prev, prevWord: string, word: string | null, c: number): boolean {
  switch (prev) {
    case Prev.Semicolon:
      return true;
    case Prev.CloseBrace:
      return word !== null ? !CONTINUES_AFTER_BRACE.has(word) : c === 64;
    case Prev.Name:
    case Prev.Literal:
    case Prev.CloseBracket:
      return word !== null && STARTS_STATEMENT.has(word) && (prev !== Prev.Name || !MODIFIERS.has(prevWord));
    default:
      return false;
  }
}

function regexMayStart(prev: Prev, prevWord: string): boolean {
  switch (prev) {
    case Prev.Name:
    case Prev.Literal:
    case Prev.CloseParen:
    case Prev.CloseBracket:
    case Prev.CloseBrace:
      return false;
    case Prev.Keyword:
      return BEFORE_REGEX.has(prevWord) || RESERVED.has(prevWord);
    default:
      return true;
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function readName(text: string, i: number): string {
  let j = i + 1;
  while (j < text.length && isNamePart(text.charCodeAt(j))) j += 1;
  return text.slice(i, j);
}

function readNumber(text: string, i: number): number {
  const hex = text.charCodeAt(i) === 48 && /[xXbBoO]/.test(text[i + 1] ?? '');
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (isNamePart(c) || c === 46) j += 1;
    else if ((c === 43 || c === 45) && !hex && /[eE]/.test(text[j - 1] ?? '')) j += 1;
    else return j;
  }
}

/**
 * After blanks from `i`: an assignment operator (`=` but not `==` or `=>`, `+=`, `**=`, `>>>=`,
 * `&&=`, `??=`, …) or `++`/`--`. A type annotation (`x: T = 1`) also passes: more is safe.
 */
function assignmentAt(text: string, i: number): boolean {
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i += 1;
  const c = text.charCodeAt(i);
  if ((c === 43 || c === 45) && text.charCodeAt(i + 1) === c) return true;
  // Up to three operator characters, then `=` not followed by `=` or `>`.
  for (let j = i; j < i + 4; j++) {
    const d = text.charCodeAt(j);
    if (d === 61) {
      const e = text.charCodeAt(j + 1);
      // `a == b`, `a => b`, and `a <= b` / `a >= b` / `a != b` are not assignments.
      if (e === 61 || e === 62) return false;
      const before = j > i ? text.charCodeAt(j - 1) : 0;
      if (j === i + 1 && (before === 60 || before === 62 || before === 33)) return false;
      return true;
    }
    if (!OPERATOR_CHARS.includes(text[j] ?? '')) return false;
  }
  return false;
}

/** `++name`, `--name`: the characters before `start`, past blanks. */
function incrementBefore(text: string, start: number): boolean {
  let j = start - 1;
  while (j >= 1 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j -= 1;
  const c = text.charCodeAt(j);
  return (c === 43 || c === 45) && text.charCodeAt(j - 1) === c;
}
