// The other files of a project as the interpreter sees them: each imported module's top level run
// once (by an interpreter of its own, sharing the reading's deadline), its exports handed to the
// importer with the place each number was written, so a size from `./data` says where it came from.
import type ts from 'typescript';
import { SourceFacts } from './facts';
import { Interpreter, type ModuleLoader } from './interpreter';
import { Locator } from './locate';
import { tfjs } from './tfjsSemantics';
import { normalisePath, resolveImport, type ProjectFiles } from './project';
import { lineOf, rangeOf } from './ranges';
import { parseWhole } from './parse';
import { opaque, type Value } from './values';

/** How deep exported objects and arrays are copied (and their numbers labelled). */
const MAX_DEPTH = 4;
const MAX_ITEMS = 256;

/**
 * What importers see instead of a function's code (`fn`, declared in `file`), or null for its code
 * left open: the call-site reading records the calls of a function under whatever name each file
 * gives it.
 */
export type StandIn = (file: string, fn: ts.FunctionLikeDeclaration) => Value | null;

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
      for (const [name, { value, node }] of interpreter.runModule()) {
        exports.set(name, exported(value, name, path, lineOf(rangeOf(node, sf)), 0, this.standIn));
      }
      this.done.set(path, exports);
      return exports;
    } finally {
      this.running.delete(path);
    }
  }
}

/**
 * A value as another file sees it: numbers labelled with where they were written, data copied,
 * and code (functions, classes, models) left open: its nodes belong to the other file's tree.
 */
function exported(v: Value, name: string, file: string, line: number, depth: number, standIn: StandIn | null): Value {
  switch (v.kind) {
    case 'function':
      return standIn?.(file, v.node) ?? opaque(name, `\`${name}\`, code defined in ${file}`, null);
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
        items: v.items.slice(0, MAX_ITEMS).map((x, i) => exported(x, `${name}[${i}]`, file, line, depth + 1, standIn)),
      };
    case 'object': {
      if (depth >= MAX_DEPTH) return opaque(name, `\`${name}\`, defined in ${file}`, null);
      const props = new Map<string, Value>();
      for (const [k, x] of [...v.props].slice(0, MAX_ITEMS))
        props.set(k, exported(x, `${name}.${k}`, file, line, depth + 1, standIn));
      return { kind: 'object', props };
    }
    default:
      return opaque(name, `\`${name}\`, code defined in ${file}`, null);
  }
}
