// The other files of a project as the interpreter sees them: each imported module's top level run
// once (by an interpreter of its own, sharing the reading's deadline), its exports handed to the
// importer with the place each number was written, so a size from `./data` says where it came from.
// Its functions and classes run in that interpreter when an importer calls them (`new
// SnakeGame({ height: 9 })`): data crosses the boundary copied, code stays open.
import type ts from 'typescript';
import { SourceFacts } from './facts';
import { BudgetExceeded, Interpreter, type ModuleLoader } from './interpreter';
import { Locator } from './locate';
import { dataTensor } from './tfjsData';
import { tfjs } from './tfjsSemantics';
import { normalisePath, resolveImport, type ProjectFiles } from './project';
import { lineOf, rangeOf } from './ranges';
import { parseWhole } from './parse';
import { builtin, opaque, type Value } from './values';

/** How deep exported objects and arrays are copied (and their numbers labelled). */
const MAX_DEPTH = 4;
const MAX_ITEMS = 256;

/**
 * What importers see instead of a function's code (`fn`, declared in `file`), or null for its code
 * left open: the call-site reading records the calls of a function under whatever name each file
 * gives it.
 */
export type StandIn = (file: string, fn: ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration) => Value | null;

export class ProjectModules implements ModuleLoader {
  private readonly done = new Map<string, ReadonlyMap<string, Value>>();
  /** Modules whose top level is being run: an import cycle back into one of them is left open. */
  private readonly running = new Set<string>();

  /** `entry`: the file being read, which an import cycle leads back to; it is never run as a module. */
  constructor(
    private readonly project: ProjectFiles,
    private readonly deadline: number,
    entry: string,
    private readonly standIn: StandIn | null = null,
  ) {
    this.running.add(normalisePath(entry));
  }

  exportsOf(spec: string, fromFile: string): ReadonlyMap<string, Value> | null {
    const path = resolveImport(this.project, fromFile, spec);
    return path === null ? null : this.exportsAt(path);
  }

  /** What the gathered file at `path` exports; null when it is not gathered (or is being run). */
  exportsAt(path: string): ReadonlyMap<string, Value> | null {
    const hit = this.done.get(path);
    if (hit) return hit;
    if (this.running.has(path)) return null;
    const text = this.project.files.get(path);
    if (text === undefined) return null;
    this.running.add(path);
    try {
      const sf = parseWhole(text, path);
      const interpreter = new Interpreter(sf, this.deadline, new SourceFacts(new Locator(sf)), tfjs, this);
      const exports = new Map<string, Value>();
      const view: View = { file: path, standIn: this.standIn, interpreter };
      for (const [name, { value, node }] of interpreter.runModule()) {
        exports.set(name, exported(value, name, lineOf(rangeOf(node, sf)), 0, view));
      }
      this.done.set(path, exports);
      return exports;
    } finally {
      this.running.delete(path);
    }
  }
}

/** How the file at `file` shows its values to importers. */
interface View {
  file: string;
  standIn: StandIn | null;
  /** The file's own interpreter: its code runs there, and the copies made for importers are charged to its work. */
  interpreter: Interpreter;
}

/**
 * One of the module's functions or classes called by an importer (`new SnakeGame({ height: 9 })`,
 * `data.getIrisData(0.15)`): run where it was written, by the module's interpreter under its own
 * work cap, its result copied out as the module's exports are. A module that used up its cap
 * gives an open result; a reading out of time stops as a whole.
 */
function runIn(view: View, fn: Value, args: Value[], name: string, line: number): Value {
  const { interpreter } = view;
  try {
    const tick = (cost: number): void => interpreter.charge(cost);
    const result = interpreter.callValue(
      fn,
      args.map((a) => passed(a, 0, tick)),
    );
    return exported(result, `${name}()`, line, 0, view);
  } catch (error) {
    if (error instanceof BudgetExceeded && error.limit === 'work')
      return opaque(
        `${name}()`,
        `\`${name}()\`, a call into ${view.file}, whose reading used up its work budget`,
        null,
      );
    throw error;
  }
}

/**
 * An importer's value handed to a module's function: data as it is (a data tensor as its shape),
 * code (functions, models, layers, symbolic tensors) open: its nodes belong to the importer's tree.
 */
function passed(v: Value, depth: number, tick: (cost: number) => void): Value {
  tick(1);
  switch (v.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'tf':
    case 'unknown':
      return v;
    case 'array':
      if (depth >= MAX_DEPTH) return opaque('argument', 'a value passed from another file', null);
      return { ...v, items: v.items.slice(0, MAX_ITEMS).map((x) => passed(x, depth + 1, tick)) };
    case 'object': {
      if (depth >= MAX_DEPTH) return opaque('argument', 'a value passed from another file', null);
      const props = new Map<string, Value>();
      for (const [k, x] of [...v.props].slice(0, MAX_ITEMS)) props.set(k, passed(x, depth + 1, tick));
      return { kind: 'object', props, ...(v.partial ? { partial: true } : {}) };
    }
    case 'tensor':
      if (v.tensor.dims) return dataTensor(v.tensor.dims);
      return opaque('argument', 'a tensor passed from another file', null);
    default:
      return opaque('argument', 'code passed from another file', null);
  }
}

/**
 * A value as another file sees it: numbers labelled with where they were written, data copied,
 * functions and classes run in their own file when called (a class instance comes back as its
 * fields and getters, read there), and other code (models, layers) left open: its nodes belong to
 * the other file's tree.
 */
function exported(v: Value, name: string, line: number, depth: number, view: View): Value {
  const { file, standIn } = view;
  view.interpreter.charge(1);
  switch (v.kind) {
    case 'function':
    case 'class':
      return (
        standIn?.(file, v.node) ??
        builtin(name, (args) => {
          const made = runIn(view, v, args, name, line);
          // What the constructor did not set, a method may set later: it is open, not undefined.
          return v.kind === 'class' && made.kind === 'object' ? { ...made, partial: true } : made;
        })
      );
    case 'number':
      return v.from ? v : { ...v, from: [{ name, value: v.value, file, line }] };
    case 'string':
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'tf':
      return v;
    // Its ranges are in the other file: the importer keeps the names and says where they are open.
    case 'unknown':
      return {
        kind: 'unknown',
        free: v.free.map((f) => ({ symbol: f.symbol, origin: `${f.origin} (in ${file})`, range: null })),
        expr: v.expr,
      };
    case 'array':
      if (depth >= MAX_DEPTH || v.openLength) return opaque(name, `\`${name}\`, defined in ${file}`, null);
      return {
        kind: 'array',
        items: v.items.slice(0, MAX_ITEMS).map((x, i) => exported(x, `${name}[${i}]`, line, depth + 1, view)),
      };
    case 'object': {
      if (depth >= MAX_DEPTH) return opaque(name, `\`${name}\`, defined in ${file}`, null);
      const props = new Map<string, Value>();
      for (const [k, x] of [...v.props].slice(0, MAX_ITEMS))
        props.set(k, exported(x, `${name}.${k}`, line, depth + 1, view));
      return { kind: 'object', props, ...(v.partial ? { partial: true } : {}) };
    }
    // A tensor of data is its shape, each size labelled (`getIrisData()[0].shape[1] = 4, from data.js:153`).
    case 'tensor':
      if (v.tensor.dims)
        return dataTensor(v.tensor.dims.map((d, i) => exported(d, `${name}.shape[${i}]`, line, depth + 1, view)));
      return opaque(name, `\`${name}\`, code defined in ${file}`, null);
    default:
      return opaque(name, `\`${name}\`, code defined in ${file}`, null);
  }
}
