// `tfjs-scaling analyze`: an architecture given by flags, through the engine, to a report.
import { parseArgs } from 'node:util';
import { ACTIVATIONS, EngineInputError, analyze, formatReport, toReportJson } from '../engine/index';
import type { Activation, Architecture, ConvLayer, HiddenLayer } from '../engine/index';
import { UsageError, attachDashValues, degreeFlag, kappaFlag, ruledFlag, samplesFlag, sizeFlag } from './flags';
import { dataBudget } from '../engine/budget';
import type { CliIo } from './main';

const HELP = `usage: tfjs-scaling analyze --d <input dim> (--widths N1,N2,... | --conv C:S:n ... | --attention L:d_k) [options]

Architecture
  --d <n>                 input dimension d (token dimension for --attention)
  --widths <list>         hidden dense widths, comma separated, e.g. 256,512
  --conv <C:S:n>          a convolution read as non-overlapping patches, before the dense
                          layers: C channels, patch size S, n patches, S x n = the positions
                          coming in: d, then the previous n (repeatable)
  --attention <L:d_k>     one softmax attention head: context length L, d_k query-key rows
  --activation <name>     activation of every hidden layer (default erf): ${ACTIVATIONS.join(', ')}
  --no-bias               hidden layers without bias (tfjs dense layers have one by default)

Target and noise
  --degree <m>            target degree of y = He_m(w*.x) (default 3)
  --kappa <k>             ridge / noise variance kappa (default 1)

Output
  --samples <P>           your training-set size: P against P*, and the widths whose P* fits in P
  --json                  one JSON object instead of the report
  --explain               for every candidate, its energy term by term (who pays what, in
                          symbols and numbers), its optimum, binding bounds and the rules'
                          provenance
  --candidates <n>        how many candidates to list (default 24)

Sizes may be expressions: 28*28*3, 2^10, [28, 28, 1] (a shape: its product).`;

function sizeList(value: string, flag: string, sep: string): number[] {
  return value.split(sep).map((part) => sizeFlag(flag, part));
}

const VALUE_FLAGS = new Set([
  '--d',
  '--widths',
  '--conv',
  '--attention',
  '--activation',
  '--degree',
  '--kappa',
  '--candidates',
  '--samples',
]);
const CANDIDATES_RULE = { what: 'the number of candidates', min: 1, max: 10_000, whole: true };

export function architectureFromFlags(values: Record<string, string | boolean | string[] | undefined>): Architecture {
  if (values['d'] === undefined) throw new UsageError('give the input dimension with --d');
  const d = sizeFlag('--d', values['d'] as string);
  const activationName = (values['activation'] as string | undefined) ?? 'erf';
  if (!(ACTIVATIONS as readonly string[]).includes(activationName)) {
    throw new EngineInputError(
      'unknown-activation',
      '--activation',
      `Unknown activation '${activationName}'; use one of ${ACTIVATIONS.join(', ')}.`,
    );
  }
  const activation = activationName as Activation;
  const bias = values['no-bias'] !== true;
  const layers: HiddenLayer[] = [];
  for (const conv of (values['conv'] as string[] | undefined) ?? []) {
    const parts = sizeList(conv, '--conv', ':');
    if (parts.length !== 3)
      throw new EngineInputError(
        'invalid-architecture',
        '--conv',
        `--conv takes C:S:n (channels, patch size, patches), got '${conv}'.`,
      );
    const [channels, patchSize, patchCount] = parts as [number, number, number];
    // The paper's tiling: n patches of S positions cover what comes in (d, then the previous n).
    const coming = layers.at(-1)?.kind === 'conv' ? (layers.at(-1) as ConvLayer).patchCount : d;
    if (patchSize * patchCount !== coming)
      throw new EngineInputError(
        'invalid-architecture',
        '--conv',
        `--conv ${conv}: ${patchCount} patches of ${patchSize} cover ${patchSize * patchCount} positions, but ${coming} come in (${layers.length === 0 ? 'd' : 'the previous n'}); S x n must equal them.`,
      );
    layers.push({ kind: 'conv', channels, patchSize, patchCount, activation, bias });
  }
  const widths = values['widths'] as string | undefined;
  if (widths !== undefined)
    for (const width of sizeList(widths, '--widths', ',')) layers.push({ kind: 'dense', width, activation, bias });
  const attention = values['attention'] as string | undefined;
  if (attention !== undefined) {
    const parts = sizeList(attention, '--attention', ':');
    if (parts.length !== 2)
      throw new EngineInputError('invalid-architecture', '--attention', `--attention takes L:d_k, got '${attention}'.`);
    layers.push({ kind: 'attention', contextLength: parts[0]!, queryKeyRows: parts[1]! });
  }
  return { inputDim: d, layers };
}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachDashValues(args, VALUE_FLAGS),
      options: {
        d: { type: 'string' },
        widths: { type: 'string' },
        conv: { type: 'string', multiple: true },
        attention: { type: 'string' },
        activation: { type: 'string' },
        'no-bias': { type: 'boolean' },
        degree: { type: 'string' },
        kappa: { type: 'string' },
        samples: { type: 'string' },
        json: { type: 'boolean' },
        explain: { type: 'boolean' },
        candidates: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    io.err(`tfjs-scaling analyze: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    io.out(HELP);
    return 0;
  }
  try {
    const arch = architectureFromFlags(v);
    const options = {
      degree: v.degree === undefined ? undefined : degreeFlag(v.degree),
      kappa: v.kappa === undefined ? undefined : kappaFlag(v.kappa),
      maxCandidates: v.candidates === undefined ? undefined : ruledFlag('--candidates', v.candidates, CANDIDATES_RULE),
    };
    const samples = v.samples === undefined ? null : samplesFlag(v.samples);
    const result = analyze(arch, options);
    const budget = samples !== null && result.reachable ? dataBudget(arch, result.pStar, samples, options) : null;
    if (v.json) {
      io.out(JSON.stringify({ ...toReportJson(result), ...(budget ? { dataBudget: budget } : {}) }, null, 2));
    } else {
      const lines = budget
        ? ['', `data: ${budget.sentence}`, ...budget.widths.map((w) => `widths: ${w.sentence}`)]
        : [];
      io.out([formatReport(result, { explain: v.explain === true }), ...lines].join('\n'));
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tfjs-scaling analyze: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof EngineInputError) {
      io.err(`tfjs-scaling analyze: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
