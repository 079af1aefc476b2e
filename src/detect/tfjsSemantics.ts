// What tfjs calls mean to detection: `tf.sequential`, `tf.model`, `tf.input`, `tf.layers.*`,
// `model.add`, `layer.apply` and `model.apply`, read as records of the models the code builds.
// The general interpreter (interpreter.ts) runs the JavaScript and hands this module the values
// of the tfjs namespace and everything made from them, through the `Library` interface.
import type ts from 'typescript';
import { isTfjsModule } from './catalog';
import type { CallSite, Library, Runtime } from './interpreter';
import { MAX_LAYERS } from './limits';
import { isMethod, tensorMethod, tfFunction } from './tfjsData';
import { MAX_RANK, sizeOf } from './tensorShapes';
import { lineOf, rangeOf, shortText } from './ranges';
import {
  isBindingElement,
  isCallExpression,
  isIdentifier,
  isImportSpecifier,
  isPropertyAccessExpression,
} from './syntax';
import {
  builtin,
  opaque,
  opaqueAt,
  UNDEFINED,
  type LayerUse,
  type ModelRecord,
  type TensorRecord,
  type Value,
} from './values';

/** A model the interpreter saw created, with the run that created it. */
export interface CreatedModel {
  record: ModelRecord;
  run: number;
  /** The calls whose arguments the model was read with, when its function was read from its calls. */
  calls?: CallSite[];
  /** Names the model value was bound to, innermost first. */
  names: string[];
}

/** The tfjs library as detection reads it; one per interpreter, collecting the models it creates. */
export class TfjsSemantics implements Library {
  readonly created: CreatedModel[] = [];
  private readonly modelInfo = new Map<ModelRecord, CreatedModel>();
  /** Repeat and condition in force where a layer value was created (a loop that pushes layers into a list). */
  private readonly layerContext = new WeakMap<Value, { repeat: Value | null; condition: string | null }>();

  constructor(private readonly rt: Runtime) {}

  imported(spec: string, name: string | null): Value | null {
    if (!isTfjsModule(spec)) return null;
    return { kind: 'tf', path: name === null || name === 'default' ? [] : [name] };
  }

  global(name: string): Value | null {
    // A page that loads tfjs with a <script> tag uses the global `tf`.
    return name === 'tf' ? { kind: 'tf', path: [] } : null;
  }

  property(obj: Value, key: string): Value | null {
    switch (obj.kind) {
      case 'tf':
        return { kind: 'tf', path: [...obj.path, key] };
      case 'model':
        return this.modelProp(obj.model, key);
      case 'layer':
        if (key === 'apply')
          return builtin('apply', (args) => this.applyLayerUse(this.useOf(obj), args[0] ?? UNDEFINED));
        return opaque(`layer.${key}`, 'a layer property read at run time', null);
      case 'tensor':
        return this.tensorProp(obj.tensor, key);
      default:
        return null;
    }
  }

  call(callee: Value, args: Value[], node: ts.CallExpression | ts.NewExpression | undefined): Value | null {
    if (callee.kind !== 'tf') return null;
    return node ? this.callTf(callee.path, args, node) : opaque('tf', 'a tfjs call', null);
  }

  /**
   * `new ZLayer(config)` of `class ZLayer extends tf.layers.Layer`: a layer of the code's own,
   * named by its class, which the theory does not cover (its `call` is arbitrary code).
   */
  derived(base: Value, className: string, args: Value[], node: ts.Node): Value | null {
    if (base.kind !== 'tf') return null;
    const p = base.path[0] === 'default' ? base.path.slice(1) : base.path;
    if (p.length !== 2 || p[0] !== 'layers' || p[1] !== 'Layer') return null;
    const value: Value = { kind: 'layer', layer: { kind: className, config: args[0] ?? UNDEFINED, node } };
    const { repeat, condition } = this.rt.circumstances();
    if (repeat || condition) this.layerContext.set(value, { repeat, condition });
    return value;
  }

  named(value: Value, name: string): void {
    if (value.kind !== 'model') return;
    const info = this.modelInfo.get(value.model);
    if (info && !info.names.includes(name)) info.names.push(name);
  }

  keepsResult(value: Value): boolean {
    return value.kind === 'model';
  }

  /** A tensor's `shape`, `rank`, `size`, and the methods that make data tensors from a data tensor. */
  private tensorProp(tensor: TensorRecord, key: string): Value {
    const dims = tensor.dims;
    if (key === 'shape') {
      if (dims) return { kind: 'array', items: [...dims] };
      const s = tensor.shape;
      return s && s.kind === 'array'
        ? { kind: 'array', items: [{ kind: 'null' }, ...s.items] }
        : opaque('tensor.shape', 'a tensor shape known at run time', null);
    }
    if (dims && key === 'rank') return { kind: 'number', value: dims.length };
    if (dims && key === 'size') return sizeOf(dims);
    if (dims && isMethod(key)) {
      return builtin(key, (args, node) => this.made(tensorMethod(key, dims, args), args) ?? this.openResult(node));
    }
    return opaque(`tensor.${key}`, 'a tensor property read at run time', null);
  }

  /** A tfjs op's result, charged by what it read and made (a list joined, pieces split, each shape). */
  private made<T extends Value | null | undefined>(result: T, args: readonly Value[]): T {
    const read = args.reduce((n, a) => n + (a.kind === 'array' ? a.items.length : 1), 1);
    const made = result?.kind === 'array' ? result.items.length * MAX_RANK : MAX_RANK;
    this.rt.tick(read + made);
    return result;
  }

  private openResult(node: ts.CallExpression | ts.NewExpression): Value {
    const text = shortText(node, this.rt.sf);
    return opaqueAt(text, `\`${text}\`, computed by tfjs at run time`, node, this.rt.sf);
  }

  private callTf(path: string[], args: Value[], node: ts.CallExpression | ts.NewExpression): Value {
    const p = path[0] === 'default' ? path.slice(1) : path;
    const head = p[0];
    if (p.length === 1 && head === 'tidy') {
      // `tf.tidy(fn)` or `tf.tidy(name, fn)`: what fn returns.
      const fn = args.at(-1);
      return fn ? this.rt.call(fn, []) : UNDEFINED;
    }
    if (p.length === 1 && head === 'keep') return args[0] ?? UNDEFINED;
    if (p.length === 1 && head) {
      const made = this.made(tfFunction(head, args), args);
      if (made) return made;
    }
    if (p.length === 1 && head === 'sequential') return this.createModel('sequential', args[0] ?? UNDEFINED, node);
    if (p.length === 1 && head === 'model') return this.createModel('functional', args[0] ?? UNDEFINED, node);
    if (p.length === 1 && head === 'input') {
      const cfg = args[0] ?? UNDEFINED;
      let shape = this.rt.getProp(cfg, 'shape');
      if (shape.kind === 'undefined') {
        const batch = this.rt.getProp(cfg, 'batchShape');
        shape = batch.kind === 'array' ? { kind: 'array', items: batch.items.slice(1) } : batch;
      }
      return {
        kind: 'tensor',
        tensor: { shape: shape.kind === 'undefined' ? null : shape, inputNode: node, chain: [], notes: [] },
      };
    }
    if (p.length === 2 && head === 'layers' && p[1]) {
      const value: Value = { kind: 'layer', layer: { kind: p[1], config: args[0] ?? UNDEFINED, node } };
      const { repeat, condition } = this.rt.circumstances();
      if (repeat || condition) this.layerContext.set(value, { repeat, condition });
      return value;
    }
    return this.openResult(node);
  }

  private createModel(style: 'sequential' | 'functional', cfg: Value, node: ts.Node): Value {
    this.rt.facts.link(node);
    const run = this.rt.run();
    const firstRun = this.rt.reach(node);
    const calls = this.rt.calls();
    const record: ModelRecord = {
      style,
      node,
      varName: null,
      layers: [],
      inputShape: null,
      inputNode: null,
      touched: [],
      notes: [],
      parts: new Set(),
      error: null,
    };
    if (firstRun === run || calls !== null) {
      const info: CreatedModel = { record, run, names: [], ...(calls ? { calls } : {}) };
      this.created.push(info);
      this.modelInfo.set(record, info);
    }
    if (style === 'sequential') {
      const layers = this.rt.getProp(cfg, 'layers');
      if (layers.kind === 'array') {
        for (const item of layers.items) {
          if (item.kind === 'layer') {
            if (!this.addUse(record, this.useOf(item), null)) break;
          } else record.notes.push('an element of the `layers` list is not fixed by the code; it is not counted');
        }
      } else if (layers.kind === 'unknown') {
        record.notes.push('the `layers` list is not fixed by the code; its layers are not counted');
      }
    } else {
      let outputs = this.rt.getProp(cfg, 'outputs');
      if (outputs.kind === 'array') {
        if (outputs.items.length > 1) {
          record.notes.push('the model has several outputs; only the first is followed');
          this.rt.tick(outputs.items.length);
          record.outputs = outputs.items.map((o) => (o.kind === 'tensor' && !o.tensor.tooDeep ? o.tensor.chain : null));
        }
        outputs = outputs.items[0] ?? UNDEFINED;
      }
      if (outputs.kind === 'tensor') {
        record.layers.push(...outputs.tensor.chain);
        if (outputs.tensor.tooDeep) record.error = tooManyLayers(null);
        record.inputShape = outputs.tensor.shape;
        record.inputNode = outputs.tensor.inputNode;
        record.notes.push(...new Set(outputs.tensor.notes));
      } else {
        record.notes.push("the model's `outputs` are not fixed by the code; its layers are not counted");
      }
    }
    return { kind: 'model', model: record };
  }

  private modelProp(model: ModelRecord, key: string): Value {
    // A functional model's input as a tensor, which another model can be applied to (`vae(enc, dec)`: `enc.apply(enc.inputs)`).
    if ((key === 'inputs' || key === 'input') && model.style === 'functional' && model.inputShape) {
      const input: Value = {
        kind: 'tensor',
        tensor: { shape: model.inputShape, inputNode: model.inputNode, chain: [], notes: [] },
      };
      return key === 'input' ? input : { kind: 'array', items: [input] };
    }
    if (key === 'add') {
      return builtin('add', (args, node) => {
        const v = args[0] ?? UNDEFINED;
        if (v.kind === 'layer') this.addUse(model, this.useOf(v), node);
        else if (v.kind === 'model') this.addModel(model, v.model, node);
        else
          model.notes.push(
            `model.add at line ${lineOf(rangeOf(node, this.rt.sf))} adds a value the code does not fix; it is not counted`,
          );
        return UNDEFINED;
      });
    }
    if (key === 'apply') {
      return builtin('apply', (args, node) => {
        const input = this.tensorOf(args[0] ?? UNDEFINED);
        // A model of several outputs gives one tensor per output, each through that output's layers.
        if (model.outputs)
          return {
            kind: 'array',
            items: model.outputs.map((chain) => (chain ? this.chained(input, chain) : this.openResult(node))),
          };
        return this.chained(input, model.layers);
      });
    }
    if (key === 'fit') {
      return builtin('fit', (args, node) => {
        const x = args[0] ?? UNDEFINED;
        // Examples are the first axis of data of two axes or more: one axis is no batch of inputs.
        const dims = x.kind === 'tensor' ? x.tensor.dims : undefined;
        const examples = dims && dims.length >= 2 ? dims[0] : undefined;
        const at = isCallExpression(node) ? node.arguments[0] : undefined;
        if (examples?.kind === 'number' && Number.isSafeInteger(examples.value) && examples.value >= 1 && at)
          model.samples ??= {
            value: examples.value,
            text: `${shortText(at, this.rt.sf)}.shape[0]`,
            line: lineOf(rangeOf(node, this.rt.sf)),
          };
        return opaque('model.fit()', 'a model method run at training time', null);
      });
    }
    return builtin(`model.${key}`, () => opaque(`model.${key}()`, 'a model method run at training time', null));
  }

  /** `model.add(other)`: other's layers, unless other is the model or holds it (tfjs rejects the cycle). */
  private addModel(model: ModelRecord, inner: ModelRecord, node: ts.Node): void {
    if (inner === model || inner.parts.has(model)) {
      const what = inner === model ? 'the model to itself' : 'a model that already contains this one';
      model.error ??= `model.add at line ${lineOf(rangeOf(node, this.rt.sf))} adds ${what}: a cycle, which tfjs rejects`;
      return;
    }
    this.rt.tick(inner.layers.length + inner.parts.size);
    for (const u of inner.layers) if (!this.addUse(model, u, node)) break;
    model.parts.add(inner);
    for (const p of inner.parts) model.parts.add(p);
  }

  /** Adds one layer use, or declines the model once it has more layers than detection reads. */
  private addUse(model: ModelRecord, use: LayerUse, node: ts.Node | null): boolean {
    if (model.layers.length >= MAX_LAYERS) {
      model.error ??= tooManyLayers(node ? lineOf(rangeOf(node, this.rt.sf)) : null);
      return false;
    }
    if (node) {
      // The model's range is read off the functions around the statements that built it.
      this.rt.facts.link(node);
      model.touched.push(node);
    }
    model.layers.push(use);
    return true;
  }

  /** A layer value as used here: with the open loop and the open condition around this use, if any. */
  private useOf(v: Extract<Value, { kind: 'layer' }>): LayerUse {
    const { repeat, condition } = this.rt.circumstances();
    const created = this.layerContext.get(v);
    return {
      layer: v.layer,
      repeat: repeat ?? created?.repeat ?? null,
      condition: condition ?? created?.condition ?? null,
    };
  }

  private tensorOf(input: Value): TensorRecord {
    if (input.kind === 'tensor') return input.tensor;
    if (input.kind === 'array') {
      const first = input.items.find((v) => v.kind === 'tensor');
      if (first && first.kind === 'tensor') {
        const notes =
          input.items.length > 1 ? ['a layer merges several branches; only the first branch is followed'] : [];
        return { ...first.tensor, notes: [...first.tensor.notes, ...notes] };
      }
    }
    return { shape: null, inputNode: null, chain: [], notes: ['a layer is applied to a value the code does not fix'] };
  }

  private applyLayerUse(use: LayerUse, input: Value): Value {
    return this.chained(this.tensorOf(input), [use]);
  }

  /** The tensor after `uses` are applied to `base`; a chain past the layer cap is cut and marked. */
  private chained(base: TensorRecord, uses: readonly LayerUse[]): Value {
    this.rt.tick(base.chain.length + uses.length);
    if (base.chain.length + uses.length > MAX_LAYERS) {
      return { kind: 'tensor', tensor: { ...base, chain: base.chain.slice(0, MAX_LAYERS), tooDeep: true } };
    }
    return { kind: 'tensor', tensor: { ...base, chain: [...base.chain, ...uses] } };
  }
}

/** The tfjs semantics for an interpreter: `new Interpreter(sf, deadline, facts, tfjs, ...)`. */
export const tfjs = (rt: Runtime): TfjsSemantics => new TfjsSemantics(rt);

function tooManyLayers(line: number | null): string {
  return `the model has more than ${MAX_LAYERS} layers${line === null ? '' : ` (line ${line})`}; detection reads models of up to ${MAX_LAYERS} layers`;
}

export const CREATION_NAMES: ReadonlySet<string> = new Set(['sequential', 'model']);

/**
 * Calls that may create a model, by name only: `<anything>.sequential(...)`, `model(...)`, or a
 * local name `sequential`/`model` was imported or destructured as (`aliases`).
 */
export function isCreationCandidate(n: ts.Node, aliases: ReadonlySet<string> = CREATION_NAMES): boolean {
  if (!isCallExpression(n)) return false;
  const e = n.expression;
  const name = isPropertyAccessExpression(e) ? e.name.text : isIdentifier(e) ? e.text : null;
  return name !== null && (CREATION_NAMES.has(name) || aliases.has(name));
}

/** Local names given to `sequential` or `model` by `import { sequential as x }` or `const { sequential: x } = ...`. */
export function creationAliases(n: ts.Node, out: Set<string>): void {
  if (isImportSpecifier(n) && n.propertyName && CREATION_NAMES.has(n.propertyName.text)) out.add(n.name.text);
  if (
    isBindingElement(n) &&
    n.propertyName &&
    isIdentifier(n.propertyName) &&
    CREATION_NAMES.has(n.propertyName.text) &&
    isIdentifier(n.name)
  )
    out.add(n.name.text);
}
