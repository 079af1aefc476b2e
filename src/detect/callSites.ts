// Sizes from call sites: when a function that builds a model is read as an entry, its parameters
// are open. The calls of that function, in its own file and in the gathered files that import it,
// often fix them (`encoder({ latentDim: 2 })` in train.js). Each calling file is read by an
// interpreter of its own in which the function is a recorder: it keeps the arguments of every call
// it reaches and runs nothing. Calls that agree are one reading; distinct ones are one each.
import ts from 'typescript';
import { now } from './clock';
import { SourceFacts } from './facts';
import {
  BudgetExceeded,
  Interpreter,
  functionNameOf,
  type CallReading,
  type CallSite,
  type ModuleLoader,
} from './interpreter';
import { callNamed } from './callee';
import { Locator } from './locate';
import { tfjs } from './tfjsSemantics';
import { ProjectModules } from './modules';
import { parseWhole } from './parse';
import { candidatePaths, normalisePath, relativeImports, resolveImport, type ProjectFiles } from './project';
import { lineOf, rangeOf } from './ranges';
import type { SizeOrigin } from './types';
import { opaque, type Value } from './values';

/** Share of the time left that reading the callers may take: the model's own reading needs the rest. */
const SHARE = 0.4;
/** How deep arguments are copied (and their numbers labelled). */
const MAX_DEPTH = 4;
const MAX_ITEMS = 64;

export class CallSites {
  private readonly memo = new Map<ts.Node, CallReading[]>();
  /** Names each caller file calls, found by one scan of its text before any parse. */
  private readonly called = new Map<string, Set<string>>();
  /** Caller files parsed once, whatever number of functions they call. */
  private readonly parsed = new Map<string, { sf: ts.SourceFile; locator: Locator }>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly project: ProjectFiles | null,
    private readonly deadline: number,
  ) {}

  /** The readings of `fn` its calls give, agreeing calls together; none when no call fixes a number. */
  of(fn: ts.FunctionLikeDeclaration): CallReading[] {
    let found = this.memo.get(fn);
    if (!found) {
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

  private read(fn: ts.FunctionLikeDeclaration): CallReading[] {
    const name = functionNameOf(fn);
    if (!/^[\w$]+$/.test(name) || fn.parameters.length === 0) return [];
    const entry = normalisePath(this.sf.fileName);
    const until = Math.min(this.deadline, now() + (this.deadline - now()) * SHARE);
    const calls: { args: Value[]; site: CallSite }[] = [];
    const params = fn.parameters.map((p, i) => (ts.isIdentifier(p.name) ? p.name.text : `argument ${i + 1}`));
    const callers: [string, string][] = [[entry, this.project?.files.get(entry) ?? this.sf.text]];
    for (const [path, text] of this.project?.files ?? []) {
      if (path !== entry && importsFile(path, text, entry)) callers.push([path, text]);
    }
    for (const [path, text] of callers) {
      if (now() >= until) break;
      if (!this.calledIn(path, text).has(name)) continue;
      try {
        this.readCaller(path, text, path === entry, fn, name, until, (args, node, sf) => {
          const site = { file: path, line: lineOf(rangeOf(node, sf)) };
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
    fn: ts.FunctionLikeDeclaration,
    name: string,
    until: number,
    record: (args: Value[], node: ts.Node, sf: ts.SourceFile) => void,
  ): void {
    let file = this.parsed.get(path);
    if (!file) {
      const sf = parseWhole(text, path);
      file = { sf, locator: new Locator(sf) };
      this.parsed.set(path, file);
    }
    const { sf, locator } = file;
    const sites: ts.Node[] = [];
    for (const n of locator.named(name)) {
      const call = callNamed(n);
      if (call && !(own && call.pos >= fn.pos && call.end <= fn.end)) sites.push(call);
    }
    if (sites.length === 0) return;
    let interpreter: Interpreter | null = null;
    const recorder: Value = {
      kind: 'builtin',
      name,
      call: (args, node) => {
        interpreter?.reached.set(node, 1);
        record(args, node, sf);
        return opaque(`${name}()`, `\`${name}()\`, the model this reading is of`, null);
      },
    };
    const modules = this.project ? new ProjectModules(this.project, until, path) : null;
    const loader: ModuleLoader | null = own
      ? modules
      : {
          exportsOf: (spec, from) =>
            resolveImport(this.project ?? { files: new Map() }, from, spec) === normalisePath(this.sf.fileName)
              ? new Map([[name, recorder]])
              : (modules?.exportsOf(spec, from) ?? null),
        };
    interpreter = new Interpreter(sf, until, new SourceFacts(locator), tfjs, loader);
    if (own) interpreter.intercept(fn.pos, fn.end, recorder);
    interpreter.runFile(sites);
  }
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

function fixesNumber(v: Value): boolean {
  if (v.kind === 'number') return true;
  if (v.kind === 'array') return v.items.some(fixesNumber);
  if (v.kind === 'object') return [...v.props.values()].some(fixesNumber);
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
      return { kind: 'object', props };
    }
    case 'string':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'tf':
      return v;
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
