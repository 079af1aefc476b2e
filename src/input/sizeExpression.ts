// Numbers people type where a size goes (sidebar fields, "Enter architecture…", `--set`, `--d`):
// `28*28*3`, `2^10`, `[28, 28, 1]` (a shape: its product), names of sizes already known.
//
// mathjs parses the text; this module evaluates the tree itself, allowing numbers, + - * / ^,
// unary minus, parentheses, one top-level [a, b, …] and known names, nothing else. The instance
// holds only the parser: no `evaluate`, no `import` or `createUnit` (which would let typed text
// redefine the instance for everyone after), no functions or ranges (`range(1, 1e9)` allocates
// without bound), no units or strings. Text a user types can then only ever do arithmetic.
import { create, parseDependencies, type FactoryFunctionMap, type MathNode } from 'mathjs';
import { own } from '../own';
import { LIMITS } from '../protocol';

// The typings mark each dependency map optional; this one is always in the package.
const math = create({ parseDependencies } as FactoryFunctionMap);

/** What a typed value must be: a size (a whole number), the target degree, or κ. */
export interface NumberRule {
  what: string;
  min: number;
  max: number;
  whole: boolean;
}

export const SIZE_RULE: NumberRule = { what: 'a size', min: LIMITS.size.min, max: LIMITS.size.max, whole: true };
/** A value for an open name in the code: a width, or how often a loop runs (0 is a count too). */
export const COUNT_RULE: NumberRule = { what: 'a size or count', min: 0, max: LIMITS.size.max, whole: true };
export const DEGREE_RULE: NumberRule = {
  what: 'the target degree',
  min: LIMITS.degree.min,
  max: LIMITS.degree.max,
  whole: true,
};
export const KAPPA_RULE: NumberRule = { what: 'κ', min: LIMITS.kappa.min, max: LIMITS.kappa.max, whole: false };

export type Evaluated =
  | {
      ok: true;
      value: number;
      /** "= 2352" when the text was more than the number itself, else null. */
      echo: string | null;
    }
  | { ok: false; reason: string };

/** Longer text than any size expression a person types; parsing stops there. */
const MAX_TEXT = 200;

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
};
const ALLOWED = 'numbers, + - * / ^, parentheses, [a, b, …] and names of sizes already known';

class Refused extends Error {}

function evaluateNode(node: MathNode, known: Readonly<Record<string, number>>, top: boolean): number {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number') throw new Refused(`${JSON.stringify(String(value))} is not a number`);
      return value;
    }
    case 'ParenthesisNode':
      return evaluateNode((node as unknown as { content: MathNode }).content, known, false);
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      const value = own(known, name);
      if (typeof value !== 'number') {
        const names = Object.keys(known);
        throw new Refused(`'${name}' is not a known size${names.length > 0 ? ` (known: ${names.join(', ')})` : ''}`);
      }
      return value;
    }
    case 'OperatorNode': {
      const { fn, op, args } = node as unknown as { fn: string; op: string; args: MathNode[] };
      if (args.length === 1 && (fn === 'unaryMinus' || fn === 'unaryPlus')) {
        const x = evaluateNode(args[0]!, known, false);
        return fn === 'unaryMinus' ? -x : x;
      }
      // "2 N1" or "2(N1)" would multiply silently: a product must be written with *.
      if ((node as unknown as { implicit?: boolean }).implicit) throw new Refused('write * between factors');
      const apply = OPERATORS[fn];
      if (!apply || args.length !== 2) throw new Refused(`'${op}' is not allowed; use ${ALLOWED}`);
      return apply(evaluateNode(args[0]!, known, false), evaluateNode(args[1]!, known, false));
    }
    case 'ArrayNode': {
      // A shape such as an inputShape: the size is the number of entries it flattens to.
      if (!top) throw new Refused('a [shape] may only stand alone');
      const items = (node as unknown as { items: MathNode[] }).items;
      if (items.length === 0) throw new Refused('the shape [] is empty');
      return items.reduce((p, item) => p * evaluateNode(item, known, false), 1);
    }
    case 'FunctionNode':
    case 'FunctionAssignmentNode':
      throw new Refused(`functions are not allowed; use ${ALLOWED}`);
    default:
      throw new Refused(`only ${ALLOWED} are allowed`);
  }
}

function formatValue(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * The value of a typed expression under a rule, or why it is refused. `known` maps names of
 * sizes already known (N1, d, hiddenUnits) to their values. Never throws.
 */
export function evaluateExpression(
  text: string,
  rule: NumberRule = SIZE_RULE,
  known: Readonly<Record<string, number>> = {},
): Evaluated {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `give ${rule.what}` };
  if (trimmed.length > MAX_TEXT) return { ok: false, reason: `longer than ${MAX_TEXT} characters` };
  let value: number;
  try {
    // Digit groups as people write them (1_000); an underscore in a name (d_k) stays.
    value = evaluateNode(math.parse(trimmed.replace(/(\d)_(?=\d)/g, '$1')), known, true);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    // mathjs's own syntax errors ("Unexpected end of expression (char 4)").
    return { ok: false, reason: `cannot read '${trimmed}': ${error instanceof Error ? error.message : String(error)}` };
  }
  const shown = formatValue(value);
  if (!Number.isFinite(value)) return { ok: false, reason: `'${trimmed}' is not a finite number` };
  if (rule.whole && !Number.isInteger(value))
    return {
      ok: false,
      reason: `${rule.what} must be a whole number, ${trimmed === shown ? 'got' : `'${trimmed}' is`} ${shown}`,
    };
  if (value < rule.min || value > rule.max) {
    return {
      ok: false,
      reason: `${rule.what} must be from ${rule.min} to ${rule.max}, ${trimmed === shown ? 'got' : `'${trimmed}' is`} ${shown}`,
    };
  }
  return { ok: true, value, echo: trimmed === shown ? null : `= ${shown}` };
}

/** The rules by name, for callers that say which rule over a message channel (the editor's worker). */
export const RULES = { size: SIZE_RULE, count: COUNT_RULE, degree: DEGREE_RULE, kappa: KAPPA_RULE } as const;
export type RuleName = keyof typeof RULES;
