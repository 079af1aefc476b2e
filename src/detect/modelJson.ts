// Detection in a tfjs `model.json` (the layers-model topology the converter and `model.save` write).
// The JSON is parsed with TypeScript's JSON parser so every layer keeps its position in the text.
import ts from './typescript';
import { factoryForClassName } from './catalog';
import { rangeOf } from './ranges';
import { assignReadout, firstLayerShape, inputSizes, readLayer, UnknownCollector } from './specs';
import type { ModelSpec } from './types';
import type { LayerUse, Value } from './values';

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** JSON syntax to an abstract value; keys are turned to the camelCase the tfjs source API uses. */
function toValue(node: ts.Node): Value {
  if (ts.isObjectLiteralExpression(node)) {
    const props = new Map<string, Value>();
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name))) {
        let v = toValue(p.initializer);
        if (p.name.text === 'data_format' && v.kind === 'string') v = { kind: 'string', value: camel(v.value) };
        props.set(camel(p.name.text), v);
      }
    }
    return { kind: 'object', props };
  }
  if (ts.isArrayLiteralExpression(node)) return { kind: 'array', items: node.elements.map(toValue) };
  if (ts.isStringLiteral(node)) return { kind: 'string', value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: 'number', value: Number(node.text) };
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return { kind: 'number', value: -Number(node.operand.text) };
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'boolean', value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'boolean', value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
  return { kind: 'undefined' };
}

/** The syntax node of `key` in a JSON object node (snake_case or camelCase); the last one, as JSON.parse reads duplicates. */
function child(node: ts.Node | undefined, key: string): ts.Node | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  let found: ts.Node | undefined;
  for (const p of node.properties) {
    if (
      ts.isPropertyAssignment(p) &&
      (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) &&
      camel(p.name.text) === camel(key)
    ) {
      found = p.initializer;
    }
  }
  return found;
}

function text(node: ts.Node | undefined): string | null {
  return node && ts.isStringLiteral(node) ? node.text : null;
}

function layerNodes(config: ts.Node | undefined): ts.Node[] {
  if (!config) return [];
  if (ts.isArrayLiteralExpression(config)) return [...config.elements];
  const layers = child(config, 'layers');
  return layers && ts.isArrayLiteralExpression(layers) ? [...layers.elements] : [];
}

export function detectModelJson(source: string, fileName: string): ModelSpec[] {
  const sf = ts.parseJsonText(fileName, source);
  const rootStatement = sf.statements[0];
  const root = rootStatement && ts.isExpressionStatement(rootStatement) ? rootStatement.expression : undefined;
  if (!root || !ts.isObjectLiteralExpression(root)) return [];
  const topology = child(root, 'modelTopology') ?? root;
  const modelConfig = child(topology, 'model_config') ?? topology;
  const className = text(child(modelConfig, 'class_name'));
  if (className === null) return [];
  const config = child(modelConfig, 'config');
  const functional = className !== 'Sequential';
  const notes: string[] = [];
  const uses: LayerUse[] = [];
  let inputShape: Value | null = null;
  for (const node of layerNodes(config)) {
    const cls = text(child(node, 'class_name'));
    const cfgNode = child(node, 'config');
    if (cls === null) continue;
    const cfg = cfgNode ? toValue(cfgNode) : { kind: 'undefined' as const };
    const kind = factoryForClassName(cls);
    if (functional) {
      const inbound = child(node, 'inbound_nodes');
      const first = inbound && ts.isArrayLiteralExpression(inbound) ? inbound.elements[0] : undefined;
      const count =
        first && ts.isArrayLiteralExpression(first)
          ? first.elements.length
          : first && ts.isObjectLiteralExpression(first)
            ? 1
            : 0;
      if (count > 1)
        notes.push(
          `the ${kind} layer at line ${rangeOf(node, sf).startLine + 1} merges several branches; layers are read in file order`,
        );
    }
    if (kind === 'inputLayer') {
      const batch =
        cfg.kind === 'object' ? (cfg.props.get('batchInputShape') ?? cfg.props.get('batchShape')) : undefined;
      if (batch?.kind === 'array') inputShape = { kind: 'array', items: batch.items.slice(1) };
      continue;
    }
    uses.push({ layer: { kind, config: cfg, node }, repeat: null, condition: null });
  }
  const unknowns = new UnknownCollector();
  const layers = uses.map((u) => readLayer(u, sf, unknowns, notes));
  assignReadout(layers);
  const shape = inputShape ?? firstLayerShape(uses);
  const inputUnknowns = new UnknownCollector();
  const input = inputSizes(shape, layers[0]?.range ?? rangeOf(root, sf), inputUnknowns);
  for (const u of unknowns.list) inputUnknowns.add(u);
  const name = text(child(config, 'name')) ?? fileName.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  return [
    {
      name,
      style: 'model.json',
      range: rangeOf(root, sf),
      inputShape: input.inputShape,
      inputDim: input.inputDim,
      layers,
      unknowns: inputUnknowns.list,
      notes: [...new Set(notes)],
    },
  ];
}
