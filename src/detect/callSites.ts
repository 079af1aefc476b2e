// Sizes from call sites: when a function that builds a model is read as an entry, its parameters
// are open. The calls of that function, in its own file and in the gathered files that import it,
// often fix them (`encoder({ latentDim: 2 })` in train.js). Each calling file is read by an
// interpreter of its own in which the function is a recorder: it keeps the arguments of every call
// it reaches and runs nothing. Calls that agree are one reading; distinct ones are one each.
// A call written in a function or class whose own parameters are open there (agent.js's
// `createDeepQNetwork(game.height, …)` in the constructor of `new SnakeGameAgent(game)`) is read
// the same way one level up, from the calls of that function or class in the files importing the
// caller: IMPORTER_LEVELS levels in all, as many as gatherImports collects. A call the caller
// makes of another function of the model's file (`vae(encoder(opts), …)`) is handed over as such
// (a `deferred` value), and the model's reading makes it, so a model passed as an argument can be
// read.
import ts from './typescript';
import { now } from './clock';
import { SourceFacts } from './facts';
import {
  BudgetExceeded,
  Interpreter,
  classNameOf,
  functionNameOf,
  type CallReading,
  type CallSite,
  MODULE_VALUE,
  type ModuleLoader,
} from './interpreter';
import { callNamed, constructionNamed } from './callee';
import { Locator } from './locate';
import { tfjs } from './tfjsSemantics';
import { ProjectModules, type StandIn } from './modules';
import { parseWhole } from './parse';
import {
  IMPORTER_LEVELS,
  candidatePaths,
  normalisePath,
  relativeImports,
  resolveImport,
  type ProjectFiles,
} from './project';
import { lineOf, rangeOf } from './ranges';
import { trainingSamples } from './samples';
import type { SizeOrigin, TrainingSamples } from './types';
import { dataTensor } from './tfjsData';
import { opaque, type Builtin, type Value } from './values';

/** Share of the time left that reading the callers may take: the model's own reading needs the rest. */
const SHARE = 0.4;
/** How deep arguments are copied (and their numbers labelled). */
const MAX_DEPTH = 4;
const MAX_ITEMS = 64;

/** A model-building function, or a class whose constructor's calls (`new Agent(game)`) give its readings. */
type Callable = ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration;

export class CallSites {
  private readonly memo = new Map<ts.Node, CallReading[]>();
  /** The readings of the functions and classes of each caller file, one level up. */
  private readonly upper = new Map<string, CallSites>();
  /** The caller file being read, while it is: a call it makes of another function of the model's file is deferred. */
  private caller: { path: string; sf: ts.SourceFile } | null = null;
  /** Names each caller file calls, found by one scan of its text before any parse. */
  private readonly called = new Map<string, Set<string>>();
  /** Caller files parsed once, whatever number of functions they call. */
  private readonly parsed = new Map<
    string,
    { sf: ts.SourceFile; locator: Locator; fits: { on: string; samples: TrainingSamples }[] }
  >();
  /**
   * The model's file as its importers see it, run once: each of its functions is a forwarder,
   * which records the calls while that function's reading is under way and is open code otherwise.
   */
  private entryExports: ReadonlyMap<string, Value> | null | undefined;
  private readonly forwarders = new Map<string, Value>();
  private recording: { fn: Callable; recorder: Builtin } | null = null;

  /** `level`: 0 for the model's file; a caller file's own callers are read at the next level. */
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly project: ProjectFiles | null,
    private readonly deadline: number,
    private readonly level = 0,
  ) {}

  /** The readings of `fn` its calls give, agreeing calls together; none when no call fixes a number. */
  of(fn: Callable): CallReading[] {
    let found = this.memo.get(fn);
    if (!found) {
      // A function whose reading reaches itself again (a recursive caller) has none there.
      this.memo.set(fn, []);
      found = this.read(fn);
      this.memo.set(fn, found);
    }
    return found;
  }

  private calledIn(path: string, text: string): Set<string> {
    let names = this.called.get(path);
    if (!names) {
      names = calledNames(text);
      this.called.set(path, names);
    }
    return names;
  }

  private read(fn: Callable): CallReading[] {
    const name = ts.isClassLike(fn) ? classNameOf(fn) : functionNameOf(fn);
    const parameters = parametersOf(fn);
    if (!/^[\w$]+$/.test(name) || parameters.length === 0) return [];
    const entry = normalisePath(this.sf.fileName);
    const until = Math.min(this.deadline, now() + (this.deadline - now()) * SHARE);
    const calls: { args: Value[]; site: CallSite }[] = [];
    const params = parameters.map((p, i) => (ts.isIdentifier(p.name) ? p.name.text : `argument ${i + 1}`));
    const callers: [string, string][] = [[entry, this.project?.files.get(entry) ?? this.sf.text]];
    for (const [path, text] of this.project?.files ?? []) {
      if (path !== entry && importsFile(path, text, entry)) callers.push([path, text]);
    }
    const exports = callers.length > 1 ? this.exportsOfEntry(until) : null;
    const forwarder = this.forwarder(fn);
    const keys = new Set([...(exports ?? [])].filter(([, v]) => v === forwarder).map(([k]) => k));
    // A default import or a require of the whole module may call it by any name.
    const anyName = keys.has('default') || keys.has(MODULE_VALUE);
    for (const [path, text] of callers) {
      if (now() >= until) break;
      if (path === entry ? !this.calledIn(path, text).has(name) : !anyName && !text.includes(name)) continue;
      try {
        this.readCaller(path, text, path === entry, fn, name, until, exports, keys, (args, node, sf, samples, via) => {
          const site: CallSite = {
            file: path,
            line: lineOf(rangeOf(node, sf)),
            ...(samples ? { samples } : {}),
            ...(via ? { via: [...via] } : {}),
          };
          calls.push({
            args: args.map((a, i) => labelled(a, params[i] ?? `argument ${i + 1}`, site, path === entry, 0)),
            site,
          });
        });
      } catch (error) {
        // A caller that takes too long gives what it gave so far; the model's reading goes on.
        if (!(error instanceof BudgetExceeded)) throw error;
      }
    }
    const byKey = new Map<string, CallReading>();
    for (const c of calls) {
      if (!c.args.some(fixesNumber)) continue;
      const key = c.args.map(keyOf).join(',');
      const reading = byKey.get(key);
      if (reading) reading.sites.push(c.site);
      else byKey.set(key, { args: c.args, sites: [c.site] });
    }
    return [...byKey.values()];
  }

  /** Runs the caller's file with `fn` replaced by a recorder, from every call of it the file writes. */
  private readCaller(
    path: string,
    text: string,
    own: boolean,
    fn: Callable,
    name: string,
    until: number,
    exports: ReadonlyMap<string, Value> | null,
    keys: ReadonlySet<string>,
    record: (
      args: Value[],
      node: ts.Node,
      sf: ts.SourceFile,
      samples: TrainingSamples | undefined,
      via: readonly CallSite[] | null,
    ) => void,
  ): void {
    let file = this.parsed.get(path);
    if (!file) {
      const sf = parseWhole(text, path);
      const locator = new Locator(sf);
      // An importer that trains the model it builds fixes its training-set size too.
      file = { sf, locator, fits: own ? [] : trainingSamples(locator) };
      this.parsed.set(path, file);
    }
    const { sf, locator, fits } = file;
    let interpreter: Interpreter | null = null;
    const call: Builtin = (args, node) => {
      interpreter?.reached.set(node, 1);
      const on = boundName(node);
      const samples = on === null ? undefined : fits.find((f) => f.on === on)?.samples;
      record(args, node, sf, samples && { ...samples, file: path }, interpreter?.entryCalls ?? null);
      return opaque(`${name}()`, `\`${name}()\`, the model this reading is of`, null);
    };
    const modules = this.project ? new ProjectModules(this.project, until, path) : null;
    const entry = normalisePath(this.sf.fileName);
    // In an importer, the model's file is the one run for all its importers, with `fn` recording.
    const loader: ModuleLoader | null =
      own || !modules
        ? modules
        : {
            exportsOf: (spec, from) =>
              this.project && resolveImport(this.project, from, spec) === entry
                ? exports
                : modules.exportsOf(spec, from),
          };
    const names = own ? new Set([name]) : importedNames(sf, this.importSpecs(path, sf), keys);
    const sites: ts.Node[] = [];
    for (const local of names) {
      for (const n of locator.named(local)) {
        const site = callNamed(n) ?? constructionNamed(n);
        if (site && !(own && site.pos >= fn.pos && site.end <= fn.end)) sites.push(site);
      }
    }
    if (sites.length === 0) return;
    // A call inside a function or class of the caller is read with the arguments its own callers give.
    const upper = this.level + 1 < IMPORTER_LEVELS ? this.upperOf(path, sf, until) : null;
    interpreter = new Interpreter(sf, until, new SourceFacts(locator), tfjs, loader, upper && ((f) => upper.of(f)));
    if (own) interpreter.intercept(fn.pos, fn.end, { kind: 'builtin', name, call });
    const saved = { recording: this.recording, caller: this.caller };
    this.recording = { fn, recorder: call };
    this.caller = { path, sf };
    try {
      interpreter.runFile(sites);
    } finally {
      this.recording = saved.recording;
      this.caller = saved.caller;
    }
  }

  /** The call-site reading of the caller file at `path`, one level up. */
  private upperOf(path: string, sf: ts.SourceFile, until: number): CallSites {
    let found = this.upper.get(path);
    if (!found) {
      found = new CallSites(sf, this.project, until, this.level + 1);
      this.upper.set(path, found);
    }
    return found;
  }

  /** The specifiers by which the file at `path` imports the model's file. */
  private importSpecs(path: string, sf: ts.SourceFile): Set<string> {
    const project = this.project;
    const entry = normalisePath(this.sf.fileName);
    return new Set(
      project ? relativeImports(sf.text).filter((spec) => resolveImport(project, path, spec) === entry) : [],
    );
  }

  private exportsOfEntry(until: number): ReadonlyMap<string, Value> | null {
    if (this.entryExports === undefined) {
      const entry = normalisePath(this.sf.fileName);
      const standIn: StandIn = (file, fn) => (file === entry ? this.forwarder(fn) : null);
      try {
        this.entryExports = this.project ? new ProjectModules(this.project, until, '', standIn).exportsAt(entry) : null;
      } catch (error) {
        if (!(error instanceof BudgetExceeded)) throw error;
        this.entryExports = null;
      }
    }
    return this.entryExports;
  }

  /**
   * One value per function or class of the model's file (found by its extent: the module is
   * parsed anew). Called while its own calls are recorded, it records; a function called while
   * another's are (`encoder(opts)` passed to `vae`) is a deferred call, which the model's reading
   * makes; otherwise it is open code.
   */
  private forwarder(fn: Callable): Value {
    const key = `${fn.pos}:${fn.end}`;
    let found = this.forwarders.get(key);
    if (!found) {
      const name = (ts.isClassLike(fn) ? classNameOf(fn) : functionNameOf(fn)) || 'a function';
      const params = parametersOf(fn).map((p, i) => (ts.isIdentifier(p.name) ? p.name.text : `argument ${i + 1}`));
      found = {
        kind: 'builtin',
        name,
        call: (args, node) => {
          const r = this.recording;
          if (r && r.fn.pos === fn.pos && r.fn.end === fn.end) return r.recorder(args, node);
          const caller = this.caller;
          if (r && caller && !ts.isClassLike(fn)) {
            const site: CallSite = { file: caller.path, line: lineOf(rangeOf(node, caller.sf)) };
            return {
              kind: 'deferred',
              fn: { pos: fn.pos, end: fn.end },
              name,
              args: args.map((a, i) => labelled(a, params[i] ?? `argument ${i + 1}`, site, false, 0)),
            };
          }
          return opaque(`${name}()`, `\`${name}()\`, code defined in ${this.sf.fileName}`, null);
        },
      };
      this.forwarders.set(key, found);
    }
    return found;
  }
}

/**
 * The names under which an importer may call the recorded function: the names the model's file
 * exports it under (`keys`; called as they are, or through a namespace, `models.build(…)`), and
 * the local names the importer's imports and requires of the model's file (`specs`) bind them to
 * (`import { build as make }`, a default import, `const make = require('./model')` when the
 * function is `module.exports`).
 */
function importedNames(sf: ts.SourceFile, specs: ReadonlySet<string>, keys: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const k of keys) if (/^[\w$]+$/.test(k) && k !== 'default') names.add(k);
  const whole = keys.has('default') || keys.has(MODULE_VALUE);
  const fromEntry = (e: ts.Expression | undefined): boolean => {
    while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
    return (
      !!e &&
      ts.isCallExpression(e) &&
      (e.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(e.expression) && e.expression.text === 'require')) &&
      e.arguments.length === 1 &&
      ts.isStringLiteralLike(e.arguments[0]!) &&
      specs.has(e.arguments[0].text)
    );
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && specs.has(n.moduleSpecifier.text)) {
      const clause = n.importClause;
      if (clause?.name && whole) names.add(clause.name.text);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamedImports(nb))
        for (const el of nb.elements) if (keys.has((el.propertyName ?? el.name).text)) names.add(el.name.text);
    } else if (ts.isVariableDeclaration(n) && fromEntry(n.initializer)) {
      if (ts.isIdentifier(n.name) && keys.has(MODULE_VALUE)) names.add(n.name.text);
      else if (ts.isObjectBindingPattern(n.name))
        for (const el of n.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key) && ts.isIdentifier(el.name) && keys.has(key.text)) names.add(el.name.text);
        }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/** The name a call's result is kept under (`const model = build(…)`, `model = await build(…)`); null when none. */
function boundName(call: ts.Node): string | null {
  let n = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return p.name.text;
  if (
    p &&
    ts.isBinaryExpression(p) &&
    p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    p.right === n &&
    ts.isIdentifier(p.left)
  )
    return p.left.text;
  return null;
}

/** Names the text may call (`name(` not preceded by `function`): the test before any parse. */
function calledNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/([\w$]+)\s*\(/g)) {
    if (!/function\s*\*?\s*$/.test(text.slice(Math.max(0, m.index - 12), m.index))) names.add(m[1]!);
  }
  return names;
}

/** Whether `text` (at `path`) imports the file `target` by a relative path. */
function importsFile(path: string, text: string, target: string): boolean {
  return relativeImports(text).some((spec) => candidatePaths(path, spec).includes(target));
}

/** The parameters a function declares, or a class's constructor. */
function parametersOf(fn: Callable): readonly ts.ParameterDeclaration[] {
  if (!ts.isClassLike(fn)) return fn.parameters;
  return fn.members.find(ts.isConstructorDeclaration)?.parameters ?? [];
}

function fixesNumber(v: Value): boolean {
  if (v.kind === 'number') return true;
  if (v.kind === 'deferred') return v.args.some(fixesNumber);
  if (v.kind === 'array') return v.items.some(fixesNumber);
  if (v.kind === 'object') return [...v.props.values()].some(fixesNumber);
  if (v.kind === 'tensor') return v.tensor.dims?.some(fixesNumber) ?? false;
  return false;
}

function keyOf(v: Value): string {
  switch (v.kind) {
    case 'number':
      return String(v.value);
    case 'string':
      return JSON.stringify(v.value);
    case 'boolean':
      return String(v.value);
    case 'array':
      return `[${v.items.map(keyOf).join(',')}]`;
    case 'object':
      return `{${[...v.props].map(([k, x]) => `${k}:${keyOf(x)}`).join(',')}}`;
    case 'unknown':
      return `?${v.free.map((f) => f.symbol).join('+')}`;
    case 'deferred':
      return `${v.name}@${v.fn.pos}(${v.args.map(keyOf).join(',')})`;
    case 'tensor':
      return v.tensor.dims ? `tensor[${v.tensor.dims.map(keyOf).join(',')}]` : v.kind;
    default:
      return v.kind;
  }
}

/**
 * An argument as the called function sees it: numbers labelled with the call that gives them
 * ("latentDim = 2, from the call at train.js:45"); from another file, data copied and code left
 * open (its nodes belong to that file's tree).
 */
function labelled(v: Value, name: string, site: CallSite, own: boolean, depth: number): Value {
  switch (v.kind) {
    case 'number': {
      const origin: SizeOrigin = { name, value: v.value, file: site.file, line: site.line, call: true };
      return { ...v, from: [origin, ...(v.from ?? [])] };
    }
    case 'array':
      if (depth >= MAX_DEPTH || v.openLength)
        return own ? v : opaque(name, `\`${name}\`, given by the call at line ${site.line} of ${site.file}`, null);
      return {
        kind: 'array',
        items: v.items.slice(0, MAX_ITEMS).map((x, i) => labelled(x, `${name}[${i}]`, site, own, depth + 1)),
      };
    case 'object': {
      if (depth >= MAX_DEPTH)
        return own ? v : opaque(name, `\`${name}\`, given by the call at line ${site.line} of ${site.file}`, null);
      const props = new Map<string, Value>();
      for (const [k, x] of [...v.props].slice(0, MAX_ITEMS))
        props.set(k, labelled(x, `${name}.${k}`, site, own, depth + 1));
      return { kind: 'object', props, ...(v.partial ? { partial: true } : {}) };
    }
    case 'string':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'tf':
    // Its arguments were labelled with the call that gives them, which the model's reading makes.
    case 'deferred':
      return v;
    // A tensor of data is its shape, each size labelled with the call (`xTrain.shape[1] = 4, from …`).
    case 'tensor':
      if (v.tensor.dims)
        return dataTensor(v.tensor.dims.map((d, i) => labelled(d, `${name}.shape[${i}]`, site, own, depth + 1)));
      return own ? v : opaque(name, `\`${name}\`, code given by the call at line ${site.line} of ${site.file}`, null);
    case 'unknown':
      return own
        ? v
        : {
            kind: 'unknown',
            free: v.free.map((f) => ({ symbol: f.symbol, origin: `${f.origin} (in ${site.file})`, range: null })),
            expr: v.expr,
          };
    default:
      return own ? v : opaque(name, `\`${name}\`, code given by the call at line ${site.line} of ${site.file}`, null);
  }
}
