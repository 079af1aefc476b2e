// The npm package `argparse` (the port of Python's argparse the Node examples read their options
// with) as the interpreter sees it: `parseArgs()` gives every declared argument its default, so
// `args.numWords` is 10000 when `--numWords` defaults to 10000. A default is what the script runs
// with unless told otherwise, so each number says where it was declared ("--numWords default =
// 10000, from train.js:96"), and an argument without a default stays open.
import ts from './typescript';
import { lineOf, rangeOf } from './ranges';
import { UNDEFINED, bool, num, unknownAt, type Value } from './values';

/** Options that read their value as a number (`type: 'int'`, `type: parseFloat`). */
const NUMERIC_TYPES = /^(int|float|number|parseInt|parseFloat|Number)$/;

interface Declared {
  dest: string;
  value: Value;
}

const builtin = (name: string, call: (args: Value[], node: ts.CallExpression | ts.NewExpression) => Value): Value => ({
  kind: 'builtin',
  name,
  call,
});

/** What `import … from 'argparse'` or `require('argparse')` binds: the module, or one export of it; null for another module. */
export function argparseExport(spec: string, name: string | null, sf: ts.SourceFile): Value | null {
  if (spec !== 'argparse') return null;
  const parserClass = builtin('ArgumentParser', () => newParser(sf));
  const module: Value = { kind: 'object', props: new Map([['ArgumentParser', parserClass]]) };
  if (name === null || name === 'default') return module;
  return name === 'ArgumentParser' ? parserClass : null;
}

/** A parser: arguments added (also through groups) are kept in order; parsing gives their defaults. */
function newParser(sf: ts.SourceFile): Value {
  const declared: Declared[] = [];
  const add = builtin('addArgument', (args, node) => {
    const found = declaration(args, node, sf);
    if (found) declared.push(found);
    return UNDEFINED;
  });
  const parsed = (): Value => ({ kind: 'object', props: new Map(declared.map((d) => [d.dest, d.value])) });
  const group = (): Value => ({
    kind: 'object',
    props: new Map([
      ['addArgument', add],
      ['add_argument', add],
    ]),
  });
  const known = builtin('parseKnownArgs', () => ({ kind: 'array', items: [parsed(), { kind: 'array', items: [] }] }));
  return {
    kind: 'object',
    props: new Map<string, Value>([
      ['addArgument', add],
      ['add_argument', add],
      ['addArgumentGroup', builtin('addArgumentGroup', group)],
      ['add_argument_group', builtin('add_argument_group', group)],
      ['addMutuallyExclusiveGroup', builtin('addMutuallyExclusiveGroup', group)],
      ['add_mutually_exclusive_group', builtin('add_mutually_exclusive_group', group)],
      ['parseArgs', builtin('parseArgs', parsed)],
      ['parse_args', builtin('parse_args', parsed)],
      ['parseKnownArgs', known],
      ['parse_known_args', known],
    ]),
  };
}

/**
 * One `addArgument`: the option strings (an array in argparse 1, separate arguments in 2), then
 * the options. Its name is `dest`, else the first long option, else the first one, without dashes.
 */
function declaration(args: Value[], node: ts.Node, sf: ts.SourceFile): Declared | null {
  const flags: string[] = [];
  let options: Map<string, Value> = new Map();
  for (const a of args) {
    if (a.kind === 'string') flags.push(a.value);
    else if (a.kind === 'array') for (const x of a.items) if (x.kind === 'string') flags.push(x.value);
    if (a.kind === 'object') options = a.props;
  }
  const dest = options.get('dest');
  const flag = flags.find((f) => f.startsWith('--')) ?? flags[0];
  const name = dest?.kind === 'string' ? dest.value : flag?.replace(/^-+/, '').replace(/-/g, '_');
  if (!name) return null;
  const line = lineOf(rangeOf(node, sf));
  const shown = flag ?? name;
  const given = options.get('defaultValue') ?? options.get('default');
  const action = options.get('action');
  const type = options.get('type');
  const numeric =
    (type?.kind === 'string' && NUMERIC_TYPES.test(type.value)) ||
    (type?.kind === 'builtin' && NUMERIC_TYPES.test(type.name));
  let value: Value | null = null;
  if (given?.kind === 'number') value = given;
  else if (given?.kind === 'string' && numeric && given.value.trim() !== '' && Number.isFinite(Number(given.value)))
    value = num(Number(given.value));
  else if (given && given.kind !== 'undefined') value = given;
  else if (action?.kind === 'string' && /^store_?true$/i.test(action.value)) value = bool(false);
  else if (action?.kind === 'string' && /^store_?false$/i.test(action.value)) value = bool(true);
  if (value?.kind === 'number')
    value = { ...value, from: [{ name: `${shown} default`, value: value.value, file: sf.fileName, line }] };
  return {
    dest: name,
    value:
      value ??
      unknownAt(name, `\`${name}\`, the command-line argument ${shown} (line ${line}), which has no default`, node, sf),
  };
}
