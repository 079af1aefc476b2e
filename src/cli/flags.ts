// Values of the flags `predict` and `analyze` share, checked before anything runs: a bad value
// stops the command with exit code 2 and our own message, never a default used in its place.
import {
  COUNT_RULE,
  DEGREE_RULE,
  KAPPA_RULE,
  SIZE_RULE,
  evaluateExpression,
  type NumberRule,
} from '../input/sizeExpression';

/** A command line the command cannot run; its message is printed above the help (exit code 2). */
export class UsageError extends Error {}

/** The value of `flag`, typed as a number or a size expression (`28*28`, `2^10`, `[28, 28, 1]`). */
export function ruledFlag(
  flag: string,
  text: string | undefined,
  rule: NumberRule,
  known: Readonly<Record<string, number>> = {},
): number {
  if (text === undefined) throw new UsageError(`${flag} needs a value`);
  const result = evaluateExpression(text, rule, known);
  if (!result.ok) throw new UsageError(`${flag}: ${result.reason}`);
  return result.value;
}

export const sizeFlag = (flag: string, text: string | undefined, known?: Readonly<Record<string, number>>): number =>
  ruledFlag(flag, text, SIZE_RULE, known);
/** A value for a name the code leaves open (`--set`): a width, or a loop's count, which may be 0. */
export const countFlag = (flag: string, text: string | undefined, known?: Readonly<Record<string, number>>): number =>
  ruledFlag(flag, text, COUNT_RULE, known);
export const degreeFlag = (text: string | undefined): number => ruledFlag('--degree', text, DEGREE_RULE);
/** A training-set size: a positive number (an expression such as 60e3 or 6*10^4 is fine). */
export const samplesFlag = (text: string | undefined): number => ruledFlag('--samples', text, SIZE_RULE);
export const kappaFlag = (text: string | undefined): number => ruledFlag('--kappa', text, KAPPA_RULE);

/**
 * `--widths -256,512` as `--widths=-256,512`: node's parseArgs takes a value that starts with a
 * dash for a forgotten one and says "ambiguous"; the value's own check says what is wrong with it.
 */
export function attachDashValues(args: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (valueFlags.has(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}
