// Reads a file's syntax tree as a small abstract interpreter: it runs the straight-line,
// constant parts of the code (constants, arithmetic, loops with fixed bounds, helper calls).
// Whatever the code does not fix becomes an `Unknown` that names its source. It never runs
// anything outside the file. What a library's calls mean (tfjs: the models the code builds) is
// the `Library` it is given (tfjsSemantics.ts); this file knows JavaScript only.
import ts from './typescript';
import { now } from './clock';
import { lineOf, rangeOf, shortText } from './ranges';
import {
  CONST_FLAG,
  LET_FLAG,
  SK,
  isArrayLiteralExpression,
  isArrowFunction,
  isBinaryExpression,
  isBlock,
  isCaseClause,
  isClassLike,
  isComputedPropertyName,
  isConstructorDeclaration,
  isDefaultClause,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isGetAccessorDeclaration,
  isIdentifier,
  isImportDeclaration,
  isMethodDeclaration,
  isNamespaceImport,
  isNumericLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isOmittedExpression,
  isParenthesizedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isPropertyDeclaration,
  isSetAccessorDeclaration,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isVariableDeclaration,
  isVariableDeclarationList,
  isWhileStatement,
} from './syntax';

import {
  bool,
  builtin,
  foldNumeric,
  foldUnary,
  num,
  opaque,
  opaqueAt,
  str,
  strictEquals,
  toNumber,
  toStringValue,
  truthy,
  UNDEFINED,
  unknownAt,
  unknownSymbol,
  type FreeSymbol,
  type NumericOp,
  type Unknown,
  type Value,
} from './values';
import { CLOCK_EVERY, MAX_ARRAY, MAX_CALL_DEPTH, MAX_LOOP, MAX_STRING, MAX_WORK } from './limits';
import { argparseExport } from './argparse';
import type { TrainingSamples } from './types';

/** Reading stopped: it took longer than its time budget (`time`) or did more than MAX_WORK units of work (`work`). */
export class BudgetExceeded extends Error {
  constructor(readonly limit: 'time' | 'work') {
    super(
      limit === 'time'
        ? 'detection ran out of its time budget'
        : `detection did more than ${MAX_WORK.toLocaleString('en-US')} steps of work`,
    );
  }
}

type DeclKind = 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import';

interface Binding {
  value: Value;
  kind: DeclKind;
  frame: number;
  /** The run that last assigned it: what a run stored itself it may read back (a module-level `let model`). */
  assignedRun?: number;
}

class Env {
  readonly vars = new Map<string, Binding>();
  constructor(
    readonly parent: Env | null,
    readonly frame: number,
  ) {}

  find(name: string): Binding | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the scope walk starts at this scope
    for (let e: Env | null = this; e; e = e.parent) {
      const b = e.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

type Completion =
  { type: 'normal' } | { type: 'return'; value: Value } | { type: 'break' } | { type: 'continue' } | { type: 'throw' };

const NORMAL: Completion = { type: 'normal' };
/** How deep in a reading's arguments deferred calls are looked for (they are data copied as deep). */
const MAX_DEFERRED_DEPTH = 4;

/** What the interpreter asks of the file beyond the nodes it runs; found when asked (see source.ts). */
export interface FileFacts {
  /** The first line that assigns `name` inside some function, if any. */
  reassignedAt(name: string): number | undefined;
  /** Sets the parent chain of `node`: the tree is parsed without one, and names are read off parents. */
  link(node: ts.Node): void;
}

/** A call of a model-building function: the file and 1-based line it is written at. */
export interface CallSite {
  file: string;
  line: number;
  /** The training-set size the calling file fixes for the model this call builds (its `fit`). */
  samples?: TrainingSamples;
  /** The calls, one level up, that gave the function this call is written in its arguments. */
  via?: CallSite[];
}

/** One reading of a function from its calls: the arguments, and every call that gives them. */
export interface CallReading {
  args: Value[];
  sites: CallSite[];
}

/**
 * The readings of a function (or of a class, from its constructor's calls: `new Agent(game)`) its
 * calls give (see callSites.ts); none leaves its parameters open.
 */
export type CallReadings = (fn: ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration) => CallReading[];

/** The values other files of the project export, for `import` and `require` of a relative path. */
/**
 * The export a CommonJS module gives when `module.exports` is itself the value (a function, a
 * class): what `require` returns and a default import binds. Not a name code can export.
 */
export const MODULE_VALUE = 'module.exports';

export interface ModuleLoader {
  /** What module `spec`, imported from `fromFile`, exports by name (`default` included); null when it is not in the project. */
  exportsOf(spec: string, fromFile: string): ReadonlyMap<string, Value> | null;
}

/** A module's export: its value and the node that declares it (for the line it came from). */
export interface ModuleExport {
  value: Value;
  node: ts.Node;
}

/**
 * What a library's values mean (tfjs: tfjsSemantics.ts). The interpreter runs the JavaScript; the
 * values a library's module gives, and what is made from them, it hands to the library.
 */
export interface Library {
  /** The value `import`/`require` of `spec` binds for export `name` (null: the namespace), when the library is that module. */
  imported(spec: string, name: string | null): Value | null;
  /** A global the library defines (a page that loads it with a <script> tag); null when it is not one. */
  global(name: string): Value | null;
  /** Property `key` of one of the library's values; null when `obj` is not one. */
  property(obj: Value, key: string): Value | null;
  /** Calls one of the library's values; null when `callee` is not one. `node` is absent for a callback's call. */
  call(callee: Value, args: Value[], node: ts.CallExpression | ts.NewExpression | undefined): Value | null;
  /** The code gives `value` the name `name` (a declaration, an assignment, a property, `export default`). */
  named(value: Value, name: string): void;
  /** Whether a value returned under a condition decided at run time is still the function's result. */
  keepsResult(value: Value): boolean;
  /** An instance of a class the code derives from one of the library's values (`extends tf.layers.Layer`); null when `base` is not one. */
  derived(base: Value, className: string, args: Value[], node: ts.Node): Value | null;
}

/** What a library asks of the interpreter running it. */
export interface Runtime {
  readonly sf: ts.SourceFile;
  readonly facts: FileFacts;
  /** Charges units of work against the reading's budget. */
  tick(cost: number): void;
  getProp(obj: Value, key: string): Value;
  /** Calls a value the code gives the library (`tf.tidy(fn)` runs fn). */
  call(callee: Value, args: Value[]): Value;
  /** The current run: the module's top level is run 1, each entry read after it one more. */
  run(): number;
  /** The run that first reached `site`; the current run when this is the first. */
  reach(site: ts.Node): number;
  /** The calls whose arguments the current entry is run with, when it is. */
  calls(): CallSite[] | null;
  /** The innermost loop whose count the code leaves open, and condition it decides at run time, around here. */
  circumstances(): { repeat: Value | null; condition: string | null };
}

/** A module's exports as one object (`import * as m`, `import('./m')`). */
function namespaceOf(exports: ReadonlyMap<string, Value>): Extract<Value, { kind: 'object' }> {
  return { kind: 'object', props: new Map([...exports].filter(([k]) => k !== MODULE_VALUE)) };
}

/** What `require` returns: `module.exports` when it is a value of its own, else the exports as one object. */
function moduleValue(exports: ReadonlyMap<string, Value>): Value {
  return exports.get(MODULE_VALUE) ?? namespaceOf(exports);
}

type FunctionValue = Extract<Value, { kind: 'function' }>;
type ClassValue = Extract<Value, { kind: 'class' }>;

export class Interpreter<L extends Library = Library> {
  /** Sites reached (calls the reading looks for), with the run that first reached each. */
  readonly reached = new Map<ts.Node, number>();
  readonly library: L;
  readonly warnings: string[] = [];
  private run = 0;
  private steps = 0;
  private nextClock = CLOCK_EVERY;
  private frames = 0;
  private frame = 0;
  private depth = 0;
  private readonly fnNames: string[] = [];
  private readonly repeatStack: Value[] = [];
  private readonly conditionStack: string[] = [];
  private readonly closures = new Map<ts.Node, Env>();
  private readonly executedEntries = new Set<ts.Node>();
  private readonly moduleEnv = new Env(null, 0);
  private sites: ReadonlySet<ts.Node> = new Set();
  /** The calls of the entry being run, when it is run with their arguments. */
  private calls: CallSite[] | null = null;
  /** A function whose calls are recorded instead of run (its extent in the file), and the recorder. */
  private intercepted: { pos: number; end: number; recorder: Value } | null = null;
  /**
   * Set while the calls another file made of this file's functions are made here, to give a
   * reading its arguments (see `deferred`): they are reached, but not as the reading's own sites.
   */
  private quiet = false;
  /** Functions of this file by extent, for the deferred calls other files make of them. */
  private byExtent: Map<string, ts.FunctionLikeDeclaration> | null = null;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly deadline: number,
    private readonly facts: FileFacts,
    library: (rt: Runtime) => L,
    private readonly modules: ModuleLoader | null = null,
    private readonly callReadings: CallReadings | null = null,
  ) {
    this.library = library({
      sf,
      facts,
      tick: (cost) => this.tick(cost),
      getProp: (obj, key) => this.getProp(obj, key),
      call: (callee, args) => this.callValue(callee, args),
      run: () => this.run,
      reach: (site) => {
        // Run 0 is no run: what a deferred call builds is neither new to this run nor a site reached.
        if (this.quiet) return 0;
        const first = this.reached.get(site);
        if (first !== undefined) return first;
        this.reached.set(site, this.run);
        return this.run;
      },
      calls: () => this.calls,
      circumstances: () => ({
        repeat: this.repeatStack.at(-1) ?? null,
        condition: this.conditionStack.at(-1) ?? null,
      }),
    });
  }

  /** The calls whose arguments the entry being run was given, when it was. */
  get entryCalls(): readonly CallSite[] | null {
    return this.calls;
  }

  /** Calls of the function (or `new` of the class) declared at [pos, end) go to `recorder` instead of running it. */
  intercept(pos: number, end: number, recorder: Value): void {
    this.intercepted = { pos, end, recorder };
  }

  /**
   * Runs a module's top level (another file of the project, imported by the one being read) and
   * returns what it exports: ES exports and re-exports, and CommonJS `module.exports` / `exports.x`.
   */
  runModule(): Map<string, ModuleExport> {
    this.run = 1;
    const cjsExports: Value = { kind: 'object', props: new Map() };
    const cjsModule: Value = { kind: 'object', props: new Map([['exports', cjsExports]]) };
    this.moduleEnv.vars.set('module', { value: cjsModule, kind: 'var', frame: 0 });
    this.moduleEnv.vars.set('exports', { value: cjsExports, kind: 'var', frame: 0 });
    this.execStatements(this.sf.statements, this.moduleEnv);
    const env = this.moduleEnv;
    const out = new Map<string, ModuleExport>();
    const local = (name: string): Value => env.vars.get(name)?.value ?? UNDEFINED;
    for (const s of this.sf.statements) {
      const modifiers = ts.canHaveModifiers(s) ? (ts.getModifiers(s) ?? []) : [];
      const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(s) && exported) {
        for (const d of s.declarationList.declarations) {
          for (const name of boundNames(d.name)) out.set(name.text, { value: local(name.text), node: name });
        }
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && exported) {
        const value = s.name ? local(s.name.text) : UNDEFINED;
        out.set(isDefault ? 'default' : (s.name?.text ?? 'default'), { value, node: s });
      } else if (ts.isExportAssignment(s)) {
        out.set('default', { value: this.eval(s.expression, env), node: s });
      } else if (ts.isExportDeclaration(s)) {
        const spec = s.moduleSpecifier && isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
        const from =
          spec !== null ? (this.modules?.exportsOf(spec, this.sf.fileName) ?? new Map<string, Value>()) : null;
        if (!s.exportClause) {
          for (const [k, v] of from ?? []) if (k !== 'default' && !out.has(k)) out.set(k, { value: v, node: s });
        } else if (ts.isNamespaceExport(s.exportClause)) {
          out.set(s.exportClause.name.text, { value: { kind: 'object', props: new Map(from ?? []) }, node: s });
        } else {
          for (const el of s.exportClause.elements) {
            const name = (el.propertyName ?? el.name).text;
            out.set(el.name.text, { value: from ? (from.get(name) ?? UNDEFINED) : local(name), node: el });
          }
        }
      }
    }
    const assigned = local('module');
    const cjs = assigned.kind === 'object' ? (assigned.props.get('exports') ?? UNDEFINED) : UNDEFINED;
    if (cjs.kind === 'undefined' || (cjs.kind === 'object' && cjs.props.size === 0)) return out;
    const statements = this.sf.statements.map((s) => ({ s, text: s.getText(this.sf) }));
    const whole = statements.find((x) => /^module\.exports\s*=/.test(x.text))?.s ?? this.sf;
    // `module.exports = build`: the module is that value; an object is read as its properties.
    if (cjs.kind !== 'object') out.set(MODULE_VALUE, { value: cjs, node: whole });
    else {
      for (const [k, v] of cjs.props) {
        if (out.has(k)) continue;
        const own = statements.find((x) =>
          new RegExp(`^(module\\.)?exports\\.${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(x.text),
        )?.s;
        out.set(k, { value: v, node: own ?? whole });
      }
    }
    return out;
  }

  /** Runs the module's top level, then every function or class holding a site (a model's creation) the top level did not reach. */
  runFile(candidates: ts.Node[]): void {
    this.sites = new Set(candidates);
    this.run = 1;
    this.execStatements(this.sf.statements, this.moduleEnv);
    for (const site of candidates) {
      if (this.reached.has(site)) continue;
      for (const container of containersOf(site)) {
        if (this.reached.has(site)) break;
        if (this.executedEntries.has(container)) continue;
        this.executedEntries.add(container);
        const readings =
          (isFunctionLike(container) || isClassLike(container)) && this.callReadings
            ? this.callReadings(container)
            : [];
        if (readings.length === 0) {
          this.run += 1;
          this.runEntry(container);
        }
        // One run per distinct reading its calls give, each model labelled with its calls.
        for (const reading of readings) {
          this.run += 1;
          const args = this.resolveDeferred(reading.args, 0);
          this.calls = reading.sites;
          try {
            this.runEntry(container, args);
          } finally {
            this.calls = null;
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- entries

  private runEntry(node: ts.Node, args: Value[] | null = null): void {
    const env = this.closures.get(node) ?? this.moduleEnv;
    if (isClassLike(node)) {
      const cls: ClassValue = { kind: 'class', node, env, name: classNameOf(node) };
      this.instantiate(cls, args, node, true);
    } else if (isFunctionLike(node)) {
      const fn: FunctionValue = { kind: 'function', node, env, name: functionNameOf(node), thisValue: null };
      this.invoke(fn, args, node);
    }
  }

  /**
   * A reading's arguments with each call another file made of a function of this file (`vae(enc,
   * dec)` with `enc = encoder(opts)` in train.js) made here, so that the model it returns is one
   * this reading can take apart. What such a call builds is not a model of the reading's own.
   */
  private resolveDeferred(args: Value[], depth: number): Value[] {
    return args.map((a) => this.resolvedValue(a, depth));
  }

  private resolvedValue(v: Value, depth: number): Value {
    if (depth > MAX_DEFERRED_DEPTH) return v;
    switch (v.kind) {
      case 'array':
        return v.items.some(hasDeferred) ? { ...v, items: this.resolveDeferred(v.items, depth + 1) } : v;
      case 'object':
        if (![...v.props.values()].some(hasDeferred)) return v;
        return {
          kind: 'object',
          props: new Map([...v.props].map(([k, x]) => [k, this.resolvedValue(x, depth + 1)])),
        };
      case 'deferred': {
        const decl = this.functionAt(v.fn.pos, v.fn.end);
        const open = opaque(`${v.name}()`, `\`${v.name}()\`, called in another file`, null);
        if (!decl) return open;
        const args = this.resolveDeferred(v.args, depth + 1);
        const env = this.closures.get(decl) ?? this.moduleEnv;
        const saved = { quiet: this.quiet, calls: this.calls };
        this.quiet = true;
        this.calls = null;
        try {
          return this.invoke({ kind: 'function', node: decl, env, name: v.name, thisValue: null }, args, decl);
        } finally {
          this.quiet = saved.quiet;
          this.calls = saved.calls;
        }
      }
      default:
        return v;
    }
  }

  /** The function declared at [pos, end) of this file, when there is one (the tree may be a skimmed one). */
  private functionAt(pos: number, end: number): ts.FunctionLikeDeclaration | null {
    if (!this.byExtent) {
      const found = new Map<string, ts.FunctionLikeDeclaration>();
      const visit = (n: ts.Node): void => {
        if (isFunctionLike(n)) found.set(`${n.pos}:${n.end}`, n);
        ts.forEachChild(n, visit);
      };
      visit(this.sf);
      this.byExtent = found;
    }
    return this.byExtent.get(`${pos}:${end}`) ?? null;
  }

  // ---------------------------------------------------------------- statements

  /**
   * Charges `cost` units of work: one per statement or expression, and for a built-in one per
   * element it produces, so a single `concat` of 10,000 items costs what 10,000 statements do.
   */
  private tick(cost = 1): void {
    this.steps += cost;
    if (this.steps < this.nextClock) return;
    if (this.steps > MAX_WORK) throw new BudgetExceeded('work');
    this.nextClock = this.steps + CLOCK_EVERY;
    if (now() > this.deadline) throw new BudgetExceeded('time');
  }

  /** `Object.keys`, `values` or `entries`: charged per property, open when the argument is not an object read here. */
  private objectListing(
    which: 'keys' | 'values' | 'entries',
    list: (o: Extract<Value, { kind: 'object' }>) => Value[],
  ): Value {
    return builtin(`Object.${which}`, (args) => {
      const o = args[0];
      if (o?.kind !== 'object') return opaque(`Object.${which}(...)`, `${which} read at run time`, null);
      this.tick(o.props.size);
      return { kind: 'array', items: list(o) };
    });
  }

  /** A note that reading stopped early somewhere; each said once. */
  private warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** The open value standing for an array or string the code builds past its cap. */
  private tooLarge(what: string, node: ts.Node): Unknown {
    const text = shortText(node, this.sf);
    const origin = `\`${text}\` (line ${lineOf(rangeOf(node, this.sf))}), ${what}, which detection does not build`;
    // Said as a note too: what is later read off the open value names only its own expression.
    this.warn(`${origin}; it is left open`);
    return opaqueAt(text, origin, node, this.sf);
  }

  private hoist(statements: readonly ts.Statement[], env: Env): void {
    for (const s of statements) {
      if (isFunctionDeclaration(s) && s.name) {
        const fn: FunctionValue = { kind: 'function', node: s, env, name: s.name.text, thisValue: null };
        this.closures.set(s, env);
        env.vars.set(s.name.text, { value: fn, kind: 'function', frame: env.frame });
      } else if (isImportDeclaration(s)) {
        this.bindImport(s, env);
      }
    }
  }

  private execStatements(statements: readonly ts.Statement[], env: Env): Completion {
    this.hoist(statements, env);
    for (const s of statements) {
      const c = this.exec(s, env);
      if (c.type !== 'normal') return c;
    }
    return NORMAL;
  }

  // `exec` and `eval` dispatch on `kind` read once: a chain of `isX(node)` tests reads it once per
  // test, and on trees of many node shapes each read is a slow (megamorphic) property load.
  private exec(node: ts.Statement, env: Env): Completion {
    this.tick();
    switch (node.kind) {
      case SK.VariableStatement:
        this.declareList((node as ts.VariableStatement).declarationList, env);
        return NORMAL;
      case SK.ExpressionStatement:
        this.eval((node as ts.ExpressionStatement).expression, env);
        return NORMAL;
      case SK.ReturnStatement: {
        const r = node as ts.ReturnStatement;
        return { type: 'return', value: r.expression ? this.eval(r.expression, env) : UNDEFINED };
      }
      case SK.Block:
        return this.execStatements((node as ts.Block).statements, new Env(env, env.frame));
      case SK.IfStatement:
        return this.execIf(node as ts.IfStatement, env);
      case SK.ForStatement:
        return this.execFor(node as ts.ForStatement, env);
      case SK.ForOfStatement:
        return this.execForOf(node as ts.ForOfStatement, env);
      case SK.ForInStatement: {
        const f = node as ts.ForInStatement;
        const obj = this.eval(f.expression, env);
        const keys =
          obj.kind === 'object'
            ? [...obj.props.keys()].map(str)
            : obj.kind === 'array'
              ? obj.items.map((_, i) => str(String(i)))
              : null;
        if (keys) this.tick(keys.length);
        return this.iterate(f, f.initializer, keys, obj, env);
      }
      case SK.WhileStatement:
      case SK.DoStatement:
        return this.execWhile(node as ts.WhileStatement | ts.DoStatement, env);
      case SK.SwitchStatement:
        return this.execSwitch(node as ts.SwitchStatement, env);
      case SK.TryStatement: {
        const t = node as ts.TryStatement;
        const c = this.exec(t.tryBlock, env);
        if (t.finallyBlock) {
          const f = this.exec(t.finallyBlock, env);
          if (f.type !== 'normal') return f;
        }
        return c.type === 'throw' ? NORMAL : c;
      }
      case SK.ThrowStatement:
        return { type: 'throw' };
      case SK.BreakStatement:
        return { type: 'break' };
      case SK.ContinueStatement:
        return { type: 'continue' };
      case SK.LabeledStatement: {
        const c = this.exec((node as ts.LabeledStatement).statement, env);
        return c.type === 'break' ? NORMAL : c;
      }
      case SK.ClassDeclaration: {
        const cls = node as ts.ClassDeclaration;
        if (cls.name) {
          this.closures.set(cls, env);
          env.vars.set(cls.name.text, {
            value: { kind: 'class', node: cls, env, name: cls.name.text },
            kind: 'class',
            frame: env.frame,
          });
        }
        return NORMAL;
      }
      case SK.ExportAssignment: {
        const v = this.eval((node as ts.ExportAssignment).expression, env);
        this.library.named(v, 'default');
        return NORMAL;
      }
      default:
        return NORMAL;
    }
  }

  private execIf(node: ts.IfStatement, env: Env): Completion {
    const cond = truthy(this.eval(node.expression, env));
    if (cond === true) return this.exec(node.thenStatement, env);
    if (cond === false) return node.elseStatement ? this.exec(node.elseStatement, env) : NORMAL;
    // The code decides at run time: read the `then` branch as taken; the library says so on what it builds there.
    this.conditionStack.push(`${shortText(node.expression, this.sf)} (line ${lineOf(rangeOf(node, this.sf))})`);
    try {
      const c = this.exec(node.thenStatement, env);
      return c.type === 'return' && this.library.keepsResult(c.value) ? c : NORMAL;
    } finally {
      this.conditionStack.pop();
    }
  }

  private execSwitch(node: ts.SwitchStatement, env: Env): Completion {
    const d = this.eval(node.expression, env);
    const clauses = node.caseBlock.clauses;
    let start = -1;
    if (d.kind === 'unknown') {
      start = clauses.length > 0 ? 0 : -1;
      this.conditionStack.push(`${shortText(node.expression, this.sf)} (line ${lineOf(rangeOf(node, this.sf))})`);
    } else {
      start = clauses.findIndex((c) => isCaseClause(c) && strictEquals(this.eval(c.expression, env), d) === true);
      if (start < 0) start = clauses.findIndex((c) => isDefaultClause(c));
    }
    try {
      const inner = new Env(env, env.frame);
      for (let i = Math.max(start, 0); start >= 0 && i < clauses.length; i++) {
        const clause = clauses[i];
        if (!clause) break;
        const c = this.execStatements(clause.statements, inner);
        if (c.type === 'break') return NORMAL;
        if (c.type !== 'normal') return c;
      }
      return NORMAL;
    } finally {
      if (d.kind === 'unknown') this.conditionStack.pop();
    }
  }

  private execFor(node: ts.ForStatement, env: Env): Completion {
    const loopEnv = new Env(env, env.frame);
    if (node.initializer) {
      if (isVariableDeclarationList(node.initializer)) this.declareList(node.initializer, loopEnv);
      else this.eval(node.initializer, loopEnv);
    }
    for (let i = 0; ; i++) {
      if (i >= MAX_LOOP) {
        this.warnLoop(node);
        return NORMAL;
      }
      const cond = node.condition ? truthy(this.eval(node.condition, loopEnv)) : true;
      if (cond === false) return NORMAL;
      if (cond === null) {
        // Open bound: read the body once, as repeated a number of times the code leaves open.
        const count = node.condition
          ? this.loopCount(node.condition, loopEnv)
          : opaque('?', 'a loop without bound', null);
        return this.withRepeat(count, () => {
          const c = this.exec(node.statement, new Env(loopEnv, loopEnv.frame));
          return c.type === 'return' ? c : NORMAL;
        });
      }
      const c = this.exec(node.statement, new Env(loopEnv, loopEnv.frame));
      if (c.type === 'break') return NORMAL;
      if (c.type === 'return' || c.type === 'throw') return c;
      if (node.incrementor) this.eval(node.incrementor, loopEnv);
    }
  }

  /** How many times `i < n` (or `i <= n`) runs from the loop variable's current value. */
  private loopCount(condition: ts.Expression, env: Env): Value {
    if (isBinaryExpression(condition)) {
      const op = condition.operatorToken.kind;
      const left = this.eval(condition.left, env);
      const right = this.eval(condition.right, env);
      if (op === SK.LessThanToken) return foldNumeric('-', right, left);
      if (op === SK.LessThanEqualsToken) return foldNumeric('+', foldNumeric('-', right, left), num(1));
      if (op === SK.GreaterThanToken) return foldNumeric('-', left, right);
      if (op === SK.GreaterThanEqualsToken) return foldNumeric('+', foldNumeric('-', left, right), num(1));
    }
    const c = this.eval(condition, env);
    return c.kind === 'unknown' ? { kind: 'unknown', free: c.free, expr: null } : opaque('?', 'a loop condition', null);
  }

  private execForOf(node: ts.ForOfStatement, env: Env): Completion {
    const iterable = this.eval(node.expression, env);
    let items: Value[] | null = null;
    if (iterable.kind === 'array') items = iterable.items;
    else if (iterable.kind === 'string') {
      this.tick(iterable.value.length);
      items = [...iterable.value].map(str);
    }
    return this.iterate(node, node.initializer, items, iterable, env);
  }

  private iterate(
    node: ts.IterationStatement,
    initializer: ts.ForInitializer,
    items: Value[] | null,
    source: Value,
    env: Env,
  ): Completion {
    const bindItem = (value: Value): Env => {
      const inner = new Env(env, env.frame);
      if (isVariableDeclarationList(initializer)) {
        const decl = initializer.declarations[0];
        if (decl) this.bindName(decl.name, value, inner, declKindOf(initializer));
      } else {
        this.assign(initializer, value, inner);
      }
      return inner;
    };
    if (source.kind === 'array' && source.openLength) {
      const open = source.openLength;
      return this.withRepeat(open, () => {
        const c = this.exec(node.statement, bindItem(source.items[0] ?? UNDEFINED));
        return c.type === 'return' ? c : NORMAL;
      });
    }
    if (items === null) {
      const item = this.derive(source, '[i]');
      return this.withRepeat(this.lengthOf(source), () => {
        const c = this.exec(node.statement, bindItem(item));
        return c.type === 'return' ? c : NORMAL;
      });
    }
    for (const [i, item] of items.entries()) {
      if (i >= MAX_LOOP) {
        this.warnLoop(node);
        break;
      }
      const c = this.exec(node.statement, bindItem(item));
      if (c.type === 'break') break;
      if (c.type === 'return' || c.type === 'throw') return c;
    }
    return NORMAL;
  }

  private warnLoop(node: ts.Node): void {
    this.warn(
      `the loop at line ${lineOf(rangeOf(node, this.sf))} runs more than ${MAX_LOOP} times; only the first ${MAX_LOOP} were read`,
    );
  }

  private execWhile(node: ts.WhileStatement | ts.DoStatement, env: Env): Completion {
    for (let i = 0; ; i++) {
      if (i >= MAX_LOOP) {
        this.warnLoop(node);
        return NORMAL;
      }
      if (i > 0 || isWhileStatement(node)) {
        const cond = truthy(this.eval(node.expression, env));
        if (cond === false) return NORMAL;
        if (cond === null) {
          return this.withRepeat(this.loopCount(node.expression, env), () => {
            const c = this.exec(node.statement, env);
            return c.type === 'return' ? c : NORMAL;
          });
        }
      }
      const c = this.exec(node.statement, env);
      if (c.type === 'break') return NORMAL;
      if (c.type === 'return' || c.type === 'throw') return c;
    }
  }

  private withRepeat<T>(count: Value, body: () => T): T {
    this.repeatStack.push(count);
    try {
      return body();
    } finally {
      this.repeatStack.pop();
    }
  }

  // ---------------------------------------------------------------- declarations and binding

  private declareList(list: ts.VariableDeclarationList, env: Env): void {
    const kind = declKindOf(list);
    for (const d of list.declarations) {
      const value = d.initializer ? this.eval(d.initializer, env) : UNDEFINED;
      let bound = value;
      if (isIdentifier(d.name)) {
        if (value.kind === 'function' && value.name === '') value.name = d.name.text;
        this.library.named(value, d.name.text);
        bound = this.nameRunTimeValue(value, d.name);
      }
      this.bindName(d.name, bound, env, kind);
    }
  }

  /**
   * `const numFeatures = xs.shape[1]`: a value computed at run time is asked for by the name the
   * code gives it, not by the expression that computes it.
   */
  private nameRunTimeValue(value: Value, name: ts.Identifier): Value {
    if (value.kind !== 'unknown' || value.free.length !== 1) return value;
    const root = value.free[0]!;
    if (root.symbol === name.text || !root.origin.includes('computed')) return value;
    if (value.expr && !(value.expr.op === 'sym' && value.expr.name === root.symbol)) return value;
    const line = lineOf(rangeOf(name, this.sf));
    const origin = `\`${name.text}\` (= \`${root.symbol}\`, line ${line}), computed at run time`;
    return value.expr ? unknownAt(name.text, origin, name, this.sf) : opaqueAt(name.text, origin, name, this.sf);
  }

  private bindName(name: ts.BindingName, value: Value, env: Env, kind: DeclKind): void {
    if (isIdentifier(name)) {
      env.vars.set(name.text, { value, kind, frame: env.frame });
      return;
    }
    if (isObjectBindingPattern(name)) {
      const used: string[] = [];
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          if (value.kind === 'object') this.tick(value.props.size);
          const rest = new Map(value.kind === 'object' ? [...value.props].filter(([k]) => !used.includes(k)) : []);
          this.bindName(el.name, value.kind === 'object' ? { kind: 'object', props: rest } : value, env, kind);
          continue;
        }
        const key = el.propertyName
          ? this.propertyKey(el.propertyName, env)
          : isIdentifier(el.name)
            ? el.name.text
            : null;
        if (key === null) continue;
        used.push(key);
        let v = this.getProp(value, key);
        if (v.kind === 'undefined' && el.initializer) v = this.eval(el.initializer, env);
        this.bindName(el.name, v, env, kind);
      }
      return;
    }
    name.elements.forEach((el, i) => {
      if (isOmittedExpression(el)) return;
      if (el.dotDotDotToken) {
        this.bindName(
          el.name,
          value.kind === 'array' ? { kind: 'array', items: value.items.slice(i) } : value,
          env,
          kind,
        );
        return;
      }
      let v = this.getProp(value, String(i));
      if (v.kind === 'undefined' && el.initializer) v = this.eval(el.initializer, env);
      this.bindName(el.name, v, env, kind);
    });
  }

  /** Binds a parameter the caller did not give: its default, or an open symbol named after it. */
  private bindParamOpen(name: ts.BindingName, initializer: ts.Expression | undefined, env: Env, fnName: string): void {
    if (initializer && isIdentifier(name)) {
      env.vars.set(name.text, { value: this.eval(initializer, env), kind: 'param', frame: env.frame });
      return;
    }
    if (isIdentifier(name)) {
      const origin = `parameter \`${name.text}\` of \`${fnName}\``;
      env.vars.set(name.text, { value: unknownAt(name.text, origin, name, this.sf), kind: 'param', frame: env.frame });
      return;
    }
    for (const el of name.elements) {
      if (isOmittedExpression(el)) continue;
      this.bindParamOpen(el.name, el.initializer, env, fnName);
    }
  }

  /**
   * What a module the reader models binds for export `name` (null: the module itself): the
   * library's, and the argparse package as plain values; null for any other module.
   */
  private modelledImport(spec: string, name: string | null): Value | null {
    return this.library.imported(spec, name) ?? argparseExport(spec, name, this.sf);
  }

  private bindImport(node: ts.ImportDeclaration, env: Env): void {
    const clause = node.importClause;
    if (!clause || !isStringLiteral(node.moduleSpecifier)) return;
    const spec = node.moduleSpecifier.text;
    const library = this.modelledImport(spec, null) !== null;
    const exports = library ? null : (this.modules?.exportsOf(spec, this.sf.fileName) ?? null);
    // `imported`: the export's name; null for the namespace (`* as x`).
    const bind = (local: ts.Identifier, imported: string | null): void => {
      let value: Value | undefined | null;
      if (library) value = this.modelledImport(spec, imported);
      // A CommonJS module has no `default`: its default import is `module.exports`, as bundlers give it.
      else if (exports)
        value =
          imported === null
            ? namespaceOf(exports)
            : imported === 'default' && !exports.has('default')
              ? moduleValue(exports)
              : exports.get(imported);
      value ??= unknownAt(local.text, `\`${local.text}\`, imported from '${spec}'`, local, this.sf);
      env.vars.set(local.text, { value, kind: 'import', frame: env.frame });
    };
    if (clause.name) bind(clause.name, 'default');
    const nb = clause.namedBindings;
    if (nb && isNamespaceImport(nb)) bind(nb.name, null);
    else if (nb) for (const el of nb.elements) bind(el.name, (el.propertyName ?? el.name).text);
  }

  // ---------------------------------------------------------------- expressions

  eval(node: ts.Expression, env: Env): Value {
    this.tick();
    switch (node.kind) {
      case SK.NumericLiteral:
        return num(Number((node as ts.NumericLiteral).text));
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return str((node as ts.StringLiteral).text);
      case SK.TrueKeyword:
        return bool(true);
      case SK.FalseKeyword:
        return bool(false);
      case SK.NullKeyword:
        return { kind: 'null' };
      case SK.ThisKeyword:
        return env.find('this')?.value ?? opaque('this', '`this` of the calling code', null);
      case SK.Identifier:
        return this.lookup(node as ts.Identifier, env);
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.NonNullExpression:
      case SK.TypeAssertionExpression:
      case SK.SatisfiesExpression:
      case SK.AwaitExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, env);
      case SK.TemplateExpression:
        return this.evalTemplate(node as ts.TemplateExpression, env);
      case SK.ArrayLiteralExpression:
        return this.evalArray(node as ts.ArrayLiteralExpression, env);
      case SK.ObjectLiteralExpression:
        return this.evalObject(node as ts.ObjectLiteralExpression, env);
      case SK.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        const obj = this.eval(access.expression, env);
        if (access.questionDotToken && (obj.kind === 'null' || obj.kind === 'undefined')) return UNDEFINED;
        return this.getProp(obj, access.name.text, access);
      }
      case SK.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        const obj = this.eval(access.expression, env);
        const key = toStringValue(this.eval(access.argumentExpression, env));
        if (key === null) return this.derive(obj, `[${shortText(access.argumentExpression, this.sf)}]`);
        return this.getProp(obj, key, access);
      }
      case SK.CallExpression:
        return this.evalCall(node as ts.CallExpression, env);
      case SK.NewExpression:
        return this.evalNew(node as ts.NewExpression, env);
      case SK.BinaryExpression:
        return this.evalBinary(node as ts.BinaryExpression, env);
      case SK.PrefixUnaryExpression:
        return this.evalPrefix(node as ts.PrefixUnaryExpression, env);
      case SK.PostfixUnaryExpression: {
        const u = node as ts.PostfixUnaryExpression;
        const old = this.eval(u.operand, env);
        const delta = u.operator === SK.PlusPlusToken ? 1 : -1;
        this.assign(u.operand, foldNumeric('+', old, num(delta)), env);
        return old;
      }
      case SK.ConditionalExpression:
        return this.evalConditional(node as ts.ConditionalExpression, env);
      case SK.ArrowFunction:
      case SK.FunctionExpression: {
        const fn = node as ts.ArrowFunction | ts.FunctionExpression;
        this.closures.set(fn, env);
        const name = fn.name?.text ?? '';
        return {
          kind: 'function',
          node: fn,
          env,
          name,
          thisValue: isArrowFunction(fn) ? (env.find('this')?.value ?? null) : null,
        };
      }
      case SK.ClassExpression: {
        const cls = node as ts.ClassExpression;
        this.closures.set(cls, env);
        this.facts.link(cls);
        return { kind: 'class', node: cls, env, name: cls.name?.text ?? classNameOf(cls) };
      }
      case SK.TypeOfExpression: {
        const v = this.eval((node as ts.TypeOfExpression).expression, env);
        const t = typeOfValue(v);
        return t === null ? opaque(shortText(node, this.sf), 'a type decided at run time', null) : str(t);
      }
      case SK.VoidExpression:
        this.eval((node as ts.VoidExpression).expression, env);
        return UNDEFINED;
      default:
        return opaqueAt(
          shortText(node, this.sf),
          `\`${shortText(node, this.sf)}\`, computed at run time`,
          node,
          this.sf,
        );
    }
  }

  private evalTemplate(node: ts.TemplateExpression, env: Env): Value {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const s = toStringValue(this.eval(span.expression, env));
      if (s === null) return opaqueAt(shortText(node, this.sf), 'a string built at run time', node, this.sf);
      if (text.length + s.length + span.literal.text.length > MAX_STRING)
        return this.tooLarge(`a string of more than ${MAX_STRING} characters`, node);
      text += s + span.literal.text;
    }
    this.tick(text.length >> 6);
    return str(text);
  }

  private evalArray(node: ts.ArrayLiteralExpression, env: Env): Value {
    const items: Value[] = [];
    for (const el of node.elements) {
      if (isSpreadElement(el)) {
        const v = this.eval(el.expression, env);
        if (v.kind === 'array') {
          if (items.length + v.items.length > MAX_ARRAY)
            return this.tooLarge(`an array of more than ${MAX_ARRAY} elements`, node);
          this.tick(v.items.length);
          items.push(...v.items);
        } else items.push(this.derive(v, '[i]'));
      } else if (isOmittedExpression(el)) {
        items.push(UNDEFINED);
      } else {
        items.push(this.eval(el, env));
      }
    }
    return { kind: 'array', items };
  }

  private evalConditional(node: ts.ConditionalExpression, env: Env): Value {
    const c = truthy(this.eval(node.condition, env));
    if (c === true) return this.eval(node.whenTrue, env);
    if (c === false) return this.eval(node.whenFalse, env);
    const a = this.eval(node.whenTrue, env);
    const b = this.eval(node.whenFalse, env);
    if (strictEquals(a, b) === true) return a;
    return opaqueAt(
      shortText(node, this.sf),
      `\`${shortText(node.condition, this.sf)}\`, decided at run time`,
      node,
      this.sf,
    );
  }

  private lookup(node: ts.Identifier, env: Env): Value {
    const name = node.text;
    const b = env.find(name);
    if (b) {
      if ((b.kind === 'let' || b.kind === 'var') && b.frame !== this.frame && b.assignedRun !== this.run) {
        const line = this.facts.reassignedAt(name);
        if (line !== undefined)
          return unknownAt(name, `\`${name}\`, a variable reassigned elsewhere (line ${line})`, node, this.sf);
      }
      return b.value;
    }
    const global = this.global(name, node);
    if (global) return global;
    return unknownAt(name, `\`${name}\`, which this file does not define`, node, this.sf);
  }

  private global(name: string, node: ts.Node): Value | null {
    switch (name) {
      case 'undefined':
        return UNDEFINED;
      case 'NaN':
        return num(Number.NaN);
      case 'Infinity':
        return num(Number.POSITIVE_INFINITY);
      case 'Math':
        return mathObject();
      case 'Number':
      case 'parseInt':
      case 'parseFloat':
        return builtin(name, (args) => {
          const a = args[0] ?? UNDEFINED;
          if (a.kind === 'unknown') return a;
          const n = toNumber(a);
          if (n === null) return num(Number.NaN);
          return num(name === 'parseInt' ? Math.trunc(n) : n);
        });
      case 'String':
        return builtin(name, (args) => {
          const s = toStringValue(args[0] ?? UNDEFINED);
          return s === null ? opaque('String(...)', 'a string built at run time', null) : str(s);
        });
      case 'Array':
        return this.arrayGlobal();
      case 'Object':
        return this.objectGlobal();
      case 'console':
        return {
          kind: 'object',
          props: new Map([
            ['log', noop()],
            ['warn', noop()],
            ['error', noop()],
            ['info', noop()],
          ]),
        };
      case 'process':
        return opaqueAt('process', 'the process environment, read at run time', node, this.sf);
      case 'require':
        return builtin('require', (args) => {
          const spec = args[0];
          const library = spec?.kind === 'string' ? this.modelledImport(spec.value, null) : null;
          if (library) return library;
          const s = spec?.kind === 'string' ? spec.value : '?';
          const exports = spec?.kind === 'string' ? this.modules?.exportsOf(s, this.sf.fileName) : null;
          if (exports) return moduleValue(exports);
          return opaqueAt(`require('${s}')`, `another module ('${s}')`, node, this.sf);
        });
      default:
        return this.library.global(name);
    }
  }

  private arrayGlobal(): Value {
    const make = (args: Value[], node: ts.Node): Value => {
      const n = args[0];
      if (args.length === 1 && n?.kind === 'number') return this.filledArray(n.value, node);
      if (args.length === 1 && n?.kind === 'unknown') return this.openArray(n);
      return { kind: 'array', items: [...args] };
    };
    const props = new Map<string, Value>([
      [
        'from',
        builtin('Array.from', (args, node) => {
          const src = args[0] ?? UNDEFINED;
          const fn = args[1];
          let items: Value[] | null = null;
          if (src.kind === 'array') items = src.items;
          else if (src.kind === 'string') items = [...src.value].map(str);
          else if (src.kind === 'object') {
            const len = src.props.get('length');
            if (len?.kind === 'number') {
              const filled = this.filledArray(len.value, node);
              if (filled.kind !== 'array') return filled;
              items = filled.items;
            } else if (len?.kind === 'unknown') {
              if (!fn) return this.openArray(len);
              return this.withRepeat(len, () => ({
                kind: 'array',
                items: [this.callValue(fn, [UNDEFINED, this.derive(len, ' index')])],
              }));
            }
          }
          if (items === null)
            return src.kind === 'unknown' ? src : opaque('Array.from(...)', 'an array built at run time', null);
          this.tick(items.length);
          if (!fn) return { kind: 'array', items: [...items] };
          return { kind: 'array', items: items.map((v, i) => this.callValue(fn, [v, num(i)])) };
        }),
      ],
      [
        'isArray',
        builtin('Array.isArray', (args) => {
          const a = args[0] ?? UNDEFINED;
          return a.kind === 'unknown'
            ? opaque('Array.isArray(...)', 'a check made at run time', null)
            : bool(a.kind === 'array');
        }),
      ],
      ['of', builtin('Array.of', (args) => ({ kind: 'array', items: [...args] }))],
    ]);
    // `Array(n)` and `new Array(n)` both go through `call`.
    return { kind: 'object', props: new Map([...props, ['__call__', builtin('Array', make)]]) };
  }

  /** `new Array(n)`: n holes, or an open value past the cap. */
  private filledArray(length: number, node: ts.Node): Value {
    if (length > MAX_ARRAY) return this.tooLarge(`an array of ${length} elements (more than ${MAX_ARRAY})`, node);
    const n = clampLength(length);
    this.tick(n);
    return { kind: 'array', items: new Array<Value>(n).fill(UNDEFINED) };
  }

  /** An array whose length the code leaves open: one representative element, repeated `length` times. */
  private openArray(length: Value): Value {
    return { kind: 'array', items: [UNDEFINED], openLength: length };
  }

  private objectGlobal(): Value {
    return {
      kind: 'object',
      props: new Map<string, Value>([
        ['keys', this.objectListing('keys', (o) => [...o.props.keys()].map(str))],
        ['values', this.objectListing('values', (o) => [...o.props.values()])],
        [
          'entries',
          this.objectListing('entries', (o) =>
            [...o.props].map(([k, v]): Value => ({ kind: 'array', items: [str(k), v] })),
          ),
        ],
        [
          'assign',
          builtin('Object.assign', (args) => {
            const target = args[0] ?? UNDEFINED;
            if (target.kind !== 'object') return target;
            for (const src of args.slice(1)) if (src.kind === 'object') this.copyProps(src.props, target.props);
            return target;
          }),
        ],
        ['freeze', builtin('Object.freeze', (args) => args[0] ?? UNDEFINED)],
      ]),
    };
  }

  private evalObject(node: ts.ObjectLiteralExpression, env: Env): Value {
    const props = new Map<string, Value>();
    const object: Value = { kind: 'object', props };
    const getters: ts.GetAccessorDeclaration[] = [];
    for (const p of node.properties) {
      if (isPropertyAssignment(p)) {
        const key = this.propertyKey(p.name, env);
        if (key !== null) props.set(key, this.eval(p.initializer, env));
      } else if (isShorthandPropertyAssignment(p)) {
        props.set(p.name.text, this.lookup(p.name, env));
      } else if (isSpreadAssignment(p)) {
        const v = this.eval(p.expression, env);
        if (v.kind === 'object') this.copyProps(v.props, props);
      } else if (isMethodDeclaration(p)) {
        const key = this.propertyKey(p.name, env);
        this.closures.set(p, env);
        if (key !== null) props.set(key, { kind: 'function', node: p, env, name: key, thisValue: null });
      } else if (isGetAccessorDeclaration(p)) {
        getters.push(p);
      }
    }
    // `get units() { return 32; }`: read once the other properties are set, as the value it returns.
    for (const g of getters) this.readGetter(g, env, object, props, '');
    return object;
  }

  /** Sets `key` of an object to what its getter returns (getters are read once, when the object is built). */
  private readGetter(
    getter: ts.GetAccessorDeclaration,
    env: Env,
    thisValue: Value,
    props: Map<string, Value>,
    owner: string,
  ): void {
    const key = this.propertyKey(getter.name, env);
    if (key === null || !getter.body) return;
    this.closures.set(getter, env);
    const v = this.invoke(
      { kind: 'function', node: getter, env, name: owner ? `${owner}.${key}` : key, thisValue },
      [],
      getter,
    );
    this.library.named(v, key);
    props.set(key, v);
  }

  /** `{ ...from }` and `Object.assign(to, from)`: charged per property; an object stops growing at the cap. */
  private copyProps(from: ReadonlyMap<string, Value>, to: Map<string, Value>): void {
    this.tick(from.size);
    for (const [k, v] of from) {
      if (to.size >= MAX_ARRAY && !to.has(k)) {
        this.warn(`an object grows past ${MAX_ARRAY} properties; the rest are not read`);
        return;
      }
      to.set(k, v);
    }
  }

  private propertyKey(name: ts.PropertyName, env: Env): string | null {
    if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isPrivateIdentifier(name))
      return name.text;
    if (isComputedPropertyName(name)) return toStringValue(this.eval(name.expression, env));
    return null;
  }

  getProp(obj: Value, key: string, node?: ts.Node): Value {
    switch (obj.kind) {
      case 'object': {
        const v = obj.props.get(key);
        if (v) return v;
        if (obj.partial && !Object.prototype.hasOwnProperty.call(Object.prototype, key))
          return opaque(`.${key}`, `\`.${key}\`, a field that code of another file may set`, null);
        return UNDEFINED;
      }
      case 'array':
        return this.arrayProp(obj, key);
      case 'string':
        if (key === 'length') return num(obj.value.length);
        if (/^\d+$/.test(key)) return str(obj.value[Number(key)] ?? '');
        return opaque(`${JSON.stringify(obj.value)}.${key}`, 'a string method', null);
      case 'function':
        if (key === 'call' || key === 'apply' || key === 'bind')
          return opaque(`${obj.name}.${key}`, 'a dynamic call', null);
        return UNDEFINED;
      case 'class': {
        const member = obj.node.members.find(
          (m) =>
            m.name &&
            isIdentifier(m.name) &&
            m.name.text === key &&
            (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) !== 0,
        );
        if (member && isMethodDeclaration(member))
          return { kind: 'function', node: member, env: obj.env as Env, name: `${obj.name}.${key}`, thisValue: obj };
        if (member && isPropertyDeclaration(member) && member.initializer)
          return this.eval(member.initializer, obj.env as Env);
        return UNDEFINED;
      }
      case 'unknown':
        return this.derive(obj, /^\d+$/.test(key) ? `[${key}]` : `.${key}`, node);
      case 'null':
      case 'undefined':
        return UNDEFINED;
      default:
        return this.library.property(obj, key) ?? opaque(key, 'a property read at run time', null);
    }
  }

  /** A value read off an open one: `data.shape[1]` from parameter `data`. */
  private derive(base: Value, suffix: string, node?: ts.Node): Unknown {
    if (base.kind !== 'unknown') {
      return node
        ? opaqueAt(suffix, 'a value read at run time', node, this.sf)
        : opaque(suffix, 'a value read at run time', null);
    }
    const root = base.free[0];
    if (base.free.length !== 1 || !root) return { kind: 'unknown', free: base.free, expr: null };
    const symbol = `${root.symbol}${suffix}`;
    // "`x`, computed at run time" becomes "`x.shape`, computed at run time", and "`xs` (= `tf.f(a, b)`,
    // line 4), …" "`xs.shape` of `xs` (= …": the rest is cut after the quoted symbol, not inside quoted code.
    const close = root.origin.startsWith('`') ? root.origin.indexOf('`', 1) : -1;
    const rest = close > 0 ? root.origin.slice(close + 1) : '';
    const origin =
      close <= 0
        ? `\`${symbol}\` of ${root.origin}`
        : rest.startsWith(' (=')
          ? `\`${symbol}\` of \`${root.symbol}\`${rest}`
          : `\`${symbol}\`${rest}`;
    return node ? unknownAt(symbol, origin, node, this.sf) : unknownSymbol(symbol, origin, root.range);
  }

  private lengthOf(v: Value): Value {
    if (v.kind === 'array') return v.openLength ?? num(v.items.length);
    if (v.kind === 'unknown') return this.derive(v, '.length');
    return opaque('length', 'a length known at run time', null);
  }

  private arrayProp(arr: Extract<Value, { kind: 'array' }>, key: string): Value {
    const open = arr.openLength;
    if (open && (key === 'map' || key === 'forEach' || key === 'fill' || key === 'keys' || key === 'length')) {
      // One representative element, read under the open length as the loop count.
      if (key === 'length') return open;
      const inner = this.arrayProp({ kind: 'array', items: arr.items }, key);
      if (inner.kind !== 'builtin') return inner;
      return builtin(key, (args, node) => {
        const r = this.withRepeat(open, () => inner.call(args, node));
        return r.kind === 'array' ? { ...r, openLength: open } : r;
      });
    }
    if (key === 'length') return num(arr.items.length);
    if (/^\d+$/.test(key)) return arr.items[Number(key)] ?? UNDEFINED;
    const fnArg = (args: Value[]): Value => args[0] ?? UNDEFINED;
    switch (key) {
      case 'map':
        return builtin('map', (args) => {
          this.tick(arr.items.length);
          return { kind: 'array', items: arr.items.map((v, i) => this.callValue(fnArg(args), [v, num(i), arr])) };
        });
      case 'forEach':
        return builtin('forEach', (args) => {
          this.tick(arr.items.length);
          arr.items.forEach((v, i) => this.callValue(fnArg(args), [v, num(i), arr]));
          return UNDEFINED;
        });
      case 'filter':
        return builtin('filter', (args) => {
          this.tick(arr.items.length);
          return {
            kind: 'array',
            items: arr.items.filter((v, i) => truthy(this.callValue(fnArg(args), [v, num(i), arr])) !== false),
          };
        });
      case 'reduce':
        return builtin('reduce', (args) => {
          this.tick(arr.items.length);
          let acc = args.length > 1 ? (args[1] ?? UNDEFINED) : (arr.items[0] ?? UNDEFINED);
          arr.items.slice(args.length > 1 ? 0 : 1).forEach((v, i) => {
            acc = this.callValue(fnArg(args), [acc, v, num(i), arr]);
          });
          return acc;
        });
      case 'push':
        return builtin('push', (args, node) => {
          this.tick(args.length);
          if (arr.items.length + args.length <= MAX_ARRAY) arr.items.push(...args);
          else
            this.warn(
              `the array pushed to at line ${lineOf(rangeOf(node, this.sf))} grows past ${MAX_ARRAY} elements; the rest are not read`,
            );
          return num(arr.items.length);
        });
      case 'fill':
        return builtin('fill', (args) => {
          this.tick(arr.items.length);
          arr.items.fill(args[0] ?? UNDEFINED);
          return arr;
        });
      case 'keys':
        return builtin('keys', () => {
          this.tick(arr.items.length);
          return { kind: 'array', items: arr.items.map((_, i) => num(i)) };
        });
      case 'entries':
        return builtin('entries', () => {
          this.tick(arr.items.length);
          return { kind: 'array', items: arr.items.map((v, i) => ({ kind: 'array', items: [num(i), v] })) };
        });
      case 'slice':
        return builtin('slice', (args) => {
          const a = toNumber(args[0] ?? UNDEFINED);
          const b = toNumber(args[1] ?? UNDEFINED);
          const items = arr.items.slice(a ?? 0, b === null || Number.isNaN(b) ? undefined : b);
          this.tick(items.length);
          return { kind: 'array', items };
        });
      case 'concat':
        return builtin('concat', (args, node) => {
          const length = args.reduce((n, a) => n + (a.kind === 'array' ? a.items.length : 1), arr.items.length);
          if (length > MAX_ARRAY) return this.tooLarge(`an array of ${length} elements (more than ${MAX_ARRAY})`, node);
          this.tick(length);
          return { kind: 'array', items: [...arr.items, ...args.flatMap((a) => (a.kind === 'array' ? a.items : [a]))] };
        });
      case 'reverse':
        return builtin('reverse', () => {
          this.tick(arr.items.length);
          arr.items.reverse();
          return arr;
        });
      case 'at':
        return builtin('at', (args) => {
          const i = toNumber(args[0] ?? UNDEFINED) ?? 0;
          return arr.items.at(i) ?? UNDEFINED;
        });
      case 'includes':
        return builtin('includes', (args) => {
          this.tick(arr.items.length);
          const results = arr.items.map((v) => strictEquals(v, args[0] ?? UNDEFINED));
          return results.includes(true)
            ? bool(true)
            : results.includes(null)
              ? opaque('includes', 'a check made at run time', null)
              : bool(false);
        });
      case 'join':
        return builtin('join', (args, node) => {
          this.tick(arr.items.length);
          const parts = arr.items.map(toStringValue);
          const sep = toStringValue(args[0] ?? str(',')) ?? ',';
          if (parts.includes(null)) return opaque('join', 'a string built at run time', null);
          const length = parts.reduce((n, p) => n + (p?.length ?? 0), sep.length * Math.max(0, parts.length - 1));
          if (length > MAX_STRING) return this.tooLarge(`a string of more than ${MAX_STRING} characters`, node);
          return str(parts.join(sep));
        });
      default:
        return opaque(`array.${key}`, 'an array method', null);
    }
  }

  // ---------------------------------------------------------------- calls

  private evalArgs(args: readonly ts.Expression[] | undefined, env: Env): Value[] {
    const out: Value[] = [];
    for (const a of args ?? []) {
      if (isSpreadElement(a)) {
        const v = this.eval(a.expression, env);
        if (v.kind === 'array') {
          this.tick(v.items.length);
          // Past the cap the arguments are cut: no call the reading follows needs that many.
          out.push(...v.items.slice(0, Math.max(0, MAX_ARRAY - out.length)));
        } else out.push(v);
      } else {
        out.push(this.eval(a, env));
      }
    }
    return out;
  }

  private evalCall(node: ts.CallExpression, env: Env): Value {
    if (node.expression.kind === SK.ImportKeyword) return this.dynamicImport(node, env);
    const callee = this.eval(node.expression, env);
    if (node.questionDotToken && (callee.kind === 'undefined' || callee.kind === 'null')) return UNDEFINED;
    const args = this.evalArgs(node.arguments, env);
    return this.callValue(callee, args, node);
  }

  /**
   * `import('./data.js')`: the module's exports, which `await` reads as they are and whose `then`
   * runs its callback with them (fashion-mnist-vae's train.js reads its sizes in such a callback).
   */
  private dynamicImport(node: ts.CallExpression, env: Env): Value {
    const [spec] = this.evalArgs(node.arguments, env);
    const library = spec?.kind === 'string' ? this.modelledImport(spec.value, null) : null;
    if (library) return library;
    const exports = spec?.kind === 'string' ? this.modules?.exportsOf(spec.value, this.sf.fileName) : null;
    if (!exports) return this.openCall(node);
    const module = namespaceOf(exports);
    const then = builtin('then', (args) => {
      const callback = args[0];
      return callback ? this.callValue(callback, [module]) : module;
    });
    return { kind: 'object', props: new Map([...module.props, ['then', then]]) };
  }

  private evalNew(node: ts.NewExpression, env: Env): Value {
    const callee = this.eval(node.expression, env);
    const args = this.evalArgs(node.arguments, env);
    if (callee.kind === 'class') {
      const hook = this.intercepted;
      if (hook?.recorder.kind === 'builtin' && callee.node.pos === hook.pos && callee.node.end === hook.end)
        return hook.recorder.call(args, node);
      return this.instantiate(callee, args, node, false);
    }
    return this.callValue(callee, args, node);
  }

  /** Charges work done for this reading outside it (copying its values for another file). */
  charge(cost: number): void {
    this.tick(cost);
  }

  callValue(callee: Value, args: Value[], node?: ts.CallExpression | ts.NewExpression): Value {
    const site = node ?? this.sf;
    switch (callee.kind) {
      case 'function':
        return this.invoke(callee, args, site);
      // Another file's `new` of this file's class (see modules.ts), or code that calls a class without it.
      case 'class':
        return this.instantiate(callee, args, node ?? callee.node, false);
      case 'builtin':
        return node ? callee.call(args, node) : callee.call(args, this.syntheticCall());
      case 'object': {
        const call = callee.props.get('__call__');
        if (call?.kind === 'builtin') return node ? call.call(args, node) : call.call(args, this.syntheticCall());
        break;
      }
      // A callback handed to code we cannot see is not run; the result is open.
      case 'unknown':
        return this.openCall(node);
      default:
        return this.library.call(callee, args, node) ?? this.openCall(node);
    }
    return this.openCall(node);
  }

  /** The open result of a call the interpreter does not follow. */
  private openCall(node: ts.CallExpression | ts.NewExpression | undefined): Value {
    if (!node) return opaque('call', '`call`, computed at run time', null);
    const text = shortText(node, this.sf);
    return opaqueAt(text, `\`${text}\`, computed at run time`, node, this.sf);
  }

  private syntheticCall(): ts.CallExpression {
    return ts.factory.createCallExpression(ts.factory.createIdentifier('callback'), undefined, []);
  }

  /** Runs a function: with `args`, or, when args is null, as an entry whose parameters are open. */
  private invoke(fn: FunctionValue, args: Value[] | null, site: ts.Node): Value {
    const decl = fn.node;
    const hook = this.intercepted;
    if (hook && args !== null && decl.pos === hook.pos && decl.end === hook.end && hook.recorder.kind === 'builtin')
      return hook.recorder.call(
        args,
        ts.isCallExpression(site) || ts.isNewExpression(site) ? site : this.syntheticCall(),
      );
    if (!decl.body) return opaque(fn.name || 'fn', `\`${fn.name}()\`, declared without a body`, null);
    if (this.depth >= MAX_CALL_DEPTH) {
      this.warn(
        `calls nest more than ${MAX_CALL_DEPTH} deep at line ${lineOf(rangeOf(site, this.sf))} (\`${fn.name || 'a function'}()\`); what deeper calls build is not read`,
      );
      return opaqueAt(`${fn.name}()`, `\`${fn.name}()\`, called too deeply to follow`, site, this.sf);
    }
    const saveFrame = this.frame;
    this.frames += 1;
    this.frame = this.frames;
    this.depth += 1;
    if (!fn.name) this.facts.link(decl);
    const fnName = fn.name || functionNameOf(decl);
    this.fnNames.push(fnName);
    try {
      const env = new Env(fn.env as Env, this.frame);
      if (fn.thisValue) env.vars.set('this', { value: fn.thisValue, kind: 'const', frame: this.frame });
      decl.parameters.forEach((p, i) => {
        if (args === null) {
          this.bindParamOpen(p.name, p.initializer, env, fnName);
          return;
        }
        let v: Value = p.dotDotDotToken ? { kind: 'array', items: args.slice(i) } : (args[i] ?? UNDEFINED);
        if (v.kind === 'undefined' && p.initializer) v = this.eval(p.initializer, env);
        this.bindName(p.name, v, env, 'param');
      });
      // `constructor(private readonly sizes = [...])` also sets `this.sizes`.
      if (isConstructorDeclaration(decl) && fn.thisValue?.kind === 'object') {
        for (const p of decl.parameters) {
          if (isIdentifier(p.name) && ts.getModifiers(p)?.length) {
            const b = env.vars.get(p.name.text);
            if (b) fn.thisValue.props.set(p.name.text, b.value);
          }
        }
      }
      if (isBlock(decl.body)) {
        const c = this.execStatements(decl.body.statements, env);
        if (c.type === 'return') return c.value;
        if (c.type === 'throw') return opaque(`${fnName}()`, `\`${fnName}()\`, which throws here`, null);
        return UNDEFINED;
      }
      return this.eval(decl.body, env);
    } finally {
      this.fnNames.pop();
      this.depth -= 1;
      this.frame = saveFrame;
    }
  }

  private instantiate(cls: ClassValue, args: Value[] | null, site: ts.Node, allMethods: boolean): Value {
    const env = cls.env as Env;
    // A class derived from a library's value is what the library says it is; read as an entry, its methods are read.
    const base = allMethods ? null : this.baseOf(cls);
    const derived = base && this.library.derived(base, cls.name, args ?? [], site);
    if (derived) return derived;
    const instance: Value = { kind: 'object', props: new Map() };
    const members = cls.node.members;
    for (const m of members) {
      if (isMethodDeclaration(m) && m.name && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) === 0) {
        const key = this.propertyKey(m.name, env);
        this.closures.set(m, env);
        if (key !== null)
          instance.props.set(key, { kind: 'function', node: m, env, name: `${cls.name}.${key}`, thisValue: instance });
      }
    }
    const fieldEnv = new Env(env, env.frame);
    fieldEnv.vars.set('this', { value: instance, kind: 'const', frame: env.frame });
    for (const m of members) {
      if (
        isPropertyDeclaration(m) &&
        m.initializer &&
        (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) === 0
      ) {
        const key = m.name ? this.propertyKey(m.name, fieldEnv) : null;
        const v = this.eval(m.initializer, fieldEnv);
        if (key !== null) {
          if (v.kind === 'function' && v.name === '') v.name = `${cls.name}.${key}`;
          this.library.named(v, key);
          instance.props.set(key, v);
        }
      }
    }
    const ctor = members.find(isConstructorDeclaration);
    if (ctor) {
      this.closures.set(ctor, env);
      this.invoke(
        { kind: 'function', node: ctor, env, name: `${cls.name} constructor`, thisValue: instance },
        args,
        site,
      );
    }
    for (const m of members) {
      if (isGetAccessorDeclaration(m) && (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) === 0) {
        this.readGetter(m, env, instance, instance.props, cls.name);
      }
    }
    if (allMethods) {
      // Read as an entry: every method may hold a site; run those holding one not reached yet.
      for (const m of members) {
        if (!isMethodDeclaration(m) || !m.body) continue;
        if (!hasUnreachedSite(m, this.sites, this.reached)) continue;
        const fn = m.name ? instance.props.get(this.propertyKey(m.name, env) ?? '') : undefined;
        if (fn?.kind === 'function') this.invoke(fn, null, m);
        else
          this.invoke(
            { kind: 'function', node: m, env, name: `${cls.name}.${m.name?.getText(this.sf) ?? '?'}`, thisValue: cls },
            null,
            m,
          );
      }
    }
    return instance;
  }

  /** What a class `extends`, when it extends something. */
  private baseOf(cls: ClassValue): Value | null {
    const clause = cls.node.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword);
    const base = clause?.types[0]?.expression;
    return base ? this.eval(base, cls.env as Env) : null;
  }

  // ---------------------------------------------------------------- operators and assignment

  private evalBinary(node: ts.BinaryExpression, env: Env): Value {
    const op = node.operatorToken.kind;
    if (op === SK.EqualsToken) {
      const v = this.eval(node.right, env);
      if (v.kind === 'function' && v.name === '' && isIdentifier(node.left)) v.name = node.left.text;
      if (isIdentifier(node.left)) this.library.named(v, node.left.text);
      else if (isPropertyAccessExpression(node.left)) this.library.named(v, node.left.name.text);
      this.assign(node.left, v, env);
      return v;
    }
    if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken) {
      const a = this.eval(node.left, env);
      const t =
        op === SK.QuestionQuestionToken
          ? a.kind === 'unknown'
            ? null
            : a.kind !== 'null' && a.kind !== 'undefined'
          : truthy(a);
      if (t === null) return a;
      if (op === SK.AmpersandAmpersandToken) return t ? this.eval(node.right, env) : a;
      return t ? a : this.eval(node.right, env);
    }
    const compound = COMPOUND.get(op);
    if (compound) {
      const v = foldNumeric(compound, this.eval(node.left, env), this.eval(node.right, env));
      this.assign(node.left, v, env);
      return v;
    }
    const a = this.eval(node.left, env);
    const b = this.eval(node.right, env);
    const arith = ARITH.get(op);
    if (arith) return foldNumeric(arith, a, b);
    switch (op) {
      case SK.EqualsEqualsEqualsToken:
        return maybe(strictEquals(a, b));
      case SK.ExclamationEqualsEqualsToken:
        return maybe(not(strictEquals(a, b)));
      case SK.EqualsEqualsToken:
        return maybe(looseEquals(a, b));
      case SK.ExclamationEqualsToken:
        return maybe(not(looseEquals(a, b)));
      case SK.LessThanToken:
        return compare(a, b, (x, y) => x < y);
      case SK.LessThanEqualsToken:
        return compare(a, b, (x, y) => x <= y);
      case SK.GreaterThanToken:
        return compare(a, b, (x, y) => x > y);
      case SK.GreaterThanEqualsToken:
        return compare(a, b, (x, y) => x >= y);
      case SK.CommaToken:
        return b;
      default:
        return opaqueAt(
          shortText(node, this.sf),
          `\`${shortText(node, this.sf)}\`, computed at run time`,
          node,
          this.sf,
        );
    }
  }

  private evalPrefix(node: ts.PrefixUnaryExpression, env: Env): Value {
    if (node.operator === SK.PlusPlusToken || node.operator === SK.MinusMinusToken) {
      const v = foldNumeric('+', this.eval(node.operand, env), num(node.operator === SK.PlusPlusToken ? 1 : -1));
      this.assign(node.operand, v, env);
      return v;
    }
    const a = this.eval(node.operand, env);
    switch (node.operator) {
      case SK.MinusToken:
        return foldUnary('neg', a);
      case SK.PlusToken:
        return a.kind === 'unknown' ? a : num(toNumber(a) ?? Number.NaN);
      case SK.ExclamationToken:
        return maybe(not(truthy(a)));
      default:
        return opaque(shortText(node, this.sf), 'a value computed at run time', null);
    }
  }

  private assign(target: ts.Node, value: Value, env: Env): void {
    if (isParenthesizedExpression(target)) return this.assign(target.expression, value, env);
    if (isIdentifier(target)) {
      const b = env.find(target.text);
      if (b) {
        b.value = value;
        b.assignedRun = this.run;
      } else this.moduleEnv.vars.set(target.text, { value, kind: 'var', frame: 0 });
      return;
    }
    if (isPropertyAccessExpression(target) || isElementAccessExpression(target)) {
      const obj = this.eval(target.expression, env);
      const key = isPropertyAccessExpression(target)
        ? target.name.text
        : toStringValue(this.eval(target.argumentExpression, env));
      if (key === null) return;
      if (obj.kind === 'object') obj.props.set(key, value);
      else if (obj.kind === 'array' && /^\d+$/.test(key) && Number(key) < MAX_ARRAY) {
        while (obj.items.length < Number(key)) obj.items.push(UNDEFINED);
        obj.items[Number(key)] = value;
      }
      return;
    }
    if (isArrayLiteralExpression(target)) {
      target.elements.forEach((el, i) => {
        if (!isOmittedExpression(el)) this.assign(el, this.getProp(value, String(i)), env);
      });
      return;
    }
    if (isObjectLiteralExpression(target)) {
      for (const p of target.properties) {
        if (isShorthandPropertyAssignment(p)) this.assign(p.name, this.getProp(value, p.name.text), env);
        else if (isPropertyAssignment(p)) {
          const key = this.propertyKey(p.name, env);
          if (key !== null) this.assign(p.initializer, this.getProp(value, key), env);
        }
      }
    }
  }
}

const ARITH = new Map<ts.SyntaxKind, NumericOp>([
  [SK.PlusToken, '+'],
  [SK.MinusToken, '-'],
  [SK.AsteriskToken, '*'],
  [SK.SlashToken, '/'],
  [SK.PercentToken, '%'],
  [SK.AsteriskAsteriskToken, '**'],
]);

const COMPOUND = new Map<ts.SyntaxKind, NumericOp>([
  [SK.PlusEqualsToken, '+'],
  [SK.MinusEqualsToken, '-'],
  [SK.AsteriskEqualsToken, '*'],
  [SK.SlashEqualsToken, '/'],
  [SK.PercentEqualsToken, '%'],
  [SK.AsteriskAsteriskEqualsToken, '**'],
]);

function maybe(b: boolean | null): Value {
  return b === null ? opaque('condition', 'a condition decided at run time', null) : bool(b);
}

function not(b: boolean | null): boolean | null {
  return b === null ? null : !b;
}

function looseEquals(a: Value, b: Value): boolean | null {
  const nullish = (v: Value): boolean => v.kind === 'null' || v.kind === 'undefined';
  if (nullish(a) || nullish(b)) return a.kind === 'unknown' || b.kind === 'unknown' ? null : nullish(a) && nullish(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (a.kind !== b.kind && x !== null && y !== null) return x === y;
  return strictEquals(a, b);
}

function compare(a: Value, b: Value, f: (x: number, y: number) => boolean): Value {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) {
    const free: FreeSymbol[] = [...(a.kind === 'unknown' ? a.free : []), ...(b.kind === 'unknown' ? b.free : [])];
    return { kind: 'unknown', free, expr: null };
  }
  return bool(f(x, y));
}

function noop(): Value {
  return builtin('noop', () => UNDEFINED);
}

function mathObject(): Value {
  const unary = (op: 'floor' | 'ceil' | 'round' | 'sqrt') =>
    builtin(`Math.${op}`, (args) => foldUnary(op, args[0] ?? UNDEFINED));
  const fold = (op: 'max' | 'min') =>
    builtin(`Math.${op}`, (args) => {
      const [first, ...rest] = args;
      return rest.reduce<Value>((acc, v) => foldNumeric(op, acc, v), first ?? num(op === 'max' ? -Infinity : Infinity));
    });
  return {
    kind: 'object',
    props: new Map<string, Value>([
      ['floor', unary('floor')],
      ['ceil', unary('ceil')],
      ['round', unary('round')],
      ['sqrt', unary('sqrt')],
      ['trunc', unary('floor')],
      ['max', fold('max')],
      ['min', fold('min')],
      ['pow', builtin('Math.pow', (args) => foldNumeric('**', args[0] ?? UNDEFINED, args[1] ?? UNDEFINED))],
      [
        'abs',
        builtin('Math.abs', (args) => {
          const x = toNumber(args[0] ?? UNDEFINED);
          return x === null ? (args[0] ?? UNDEFINED) : num(Math.abs(x));
        }),
      ],
      [
        'log2',
        builtin('Math.log2', (args) => {
          const x = toNumber(args[0] ?? UNDEFINED);
          return x === null ? opaque('Math.log2(...)', 'a value computed at run time', null) : num(Math.log2(x));
        }),
      ],
      ['PI', num(Math.PI)],
      ['E', num(Math.E)],
    ]),
  };
}

function clampLength(n: number): number {
  return Number.isFinite(n) && n >= 0 ? Math.min(Math.floor(n), MAX_ARRAY) : 0;
}

function typeOfValue(v: Value): string | null {
  switch (v.kind) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'undefined':
      return 'undefined';
    case 'function':
    case 'builtin':
    case 'class':
      return 'function';
    case 'unknown':
      return null;
    // null, arrays, objects and a library's values
    default:
      return 'object';
  }
}

function boundNames(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  if (isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!isOmittedExpression(el)) boundNames(el.name, out);
  return out;
}

function declKindOf(list: ts.VariableDeclarationList): DeclKind {
  if (list.flags & CONST_FLAG) return 'const';
  if (list.flags & LET_FLAG) return 'let';
  return 'var';
}

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    isFunctionDeclaration(node) ||
    isFunctionExpression(node) ||
    isArrowFunction(node) ||
    isMethodDeclaration(node) ||
    isConstructorDeclaration(node) ||
    isGetAccessorDeclaration(node) ||
    isSetAccessorDeclaration(node)
  );
}

/** Functions and classes around a node, outermost first; class members are read through their class. */
/** Whether a deferred call is in `v`, as far as resolveDeferred looks. */
function hasDeferred(v: Value): boolean {
  if (v.kind === 'deferred') return true;
  if (v.kind === 'array') return v.items.some(hasDeferred);
  if (v.kind === 'object') return [...v.props.values()].some(hasDeferred);
  return false;
}

export function containersOf(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (isClassLike(n)) out.unshift(n);
    else if (isFunctionLike(n) && !(n.parent && isClassLike(n.parent)) && !isClassField(n)) {
      out.unshift(n);
    }
  }
  return out;
}

function isClassField(n: ts.Node): boolean {
  return !!n.parent && isPropertyDeclaration(n.parent) && !!n.parent.parent && isClassLike(n.parent.parent);
}

function hasUnreachedSite(node: ts.Node, sites: ReadonlySet<ts.Node>, reached: Map<ts.Node, number>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (sites.has(n) && !reached.has(n)) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export function functionNameOf(node: ts.Node): string {
  if ((isFunctionDeclaration(node) || isFunctionExpression(node)) && node.name) return node.name.text;
  if (isMethodDeclaration(node) || isGetAccessorDeclaration(node)) {
    const method = node.name.getText(node.getSourceFile());
    const cls = node.parent && isClassLike(node.parent) ? classNameOf(node.parent) : null;
    return cls ? `${cls}.${method}` : method;
  }
  if (isConstructorDeclaration(node)) return `${classNameOf(node.parent)} constructor`;
  const p = node.parent;
  if (p && isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
  if (p && (isPropertyAssignment(p) || isPropertyDeclaration(p)) && isIdentifier(p.name)) return p.name.text;
  if (p && isBinaryExpression(p) && isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (p && isBinaryExpression(p) && isIdentifier(p.left)) return p.left.text;
  return '';
}

export function classNameOf(node: ts.ClassLikeDeclaration): string {
  if (node.name) return node.name.text;
  const p = node.parent;
  if (p && isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
  return 'class';
}
