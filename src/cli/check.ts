// `tfjs-scaling check`: trains a dense architecture on synthetic data at sizes around the
// predicted P* and prints where it starts to learn, one curve per input dimension.
import { writeFileSync } from 'node:fs';
import { ACTIVATIONS, EngineInputError, analyze, type Activation, type DenseLayer } from '../engine/index';
import { loadCheckModule } from '../check/load';
import { predictionFromAnalysis } from '../check/predict';
import { DEFAULT_BUDGET, DEFAULT_MULTIPLES, QUICK_BUDGET, QUICK_MULTIPLES } from '../check/plan';
import { CheckInputError, type CheckPrediction, type CheckResult, type CheckSpec } from '../check/types';
import type { CliIo } from './main';

const HELP = `usage: tfjs-scaling check [options]

Trains the dense network on x ~ N(0, I_d), y = He_m(w*.x) at training-set sizes around the
predicted P* and reports where the measured alignment <f,y>/<y,y> reaches 0.5.

  --widths 64[,N2,...]   hidden widths (required)
  --d 8,12,16            input dimensions to run, one curve each (required)
  --degree 3             target degree m (default 3)
  --activation erf       activation of every hidden layer, or one per layer (default erf)
  --no-bias              layers without bias (tfjs dense layers have one by default)
  --kappa 1              noise / ridge variance (default 1)
  --seeds 2              number of seeds, 1..N (default 2); or --seed-list 3,7
  --grid 0.125,...,8     training-set sizes as multiples of P* (default P*/8 ... 8 P*)
  --pstar 45,55,64       use these P* (one per d) instead of the engine's
  --max-samples N        budget: largest training set (default ${DEFAULT_BUDGET.maxTrainSamples})
  --max-epochs N         budget: Adam steps per run (default ${DEFAULT_BUDGET.maxEpochs})
  --quick                smaller budget and a coarser grid, for a first look
  --json                 print the result as JSON
  --plot out.svg         write alignment against P / P* as an SVG chart`;

class UsageError extends Error {}

function numberList(flag: string, text: string | undefined, integer: boolean): number[] {
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isFinite(v) || (integer && !Number.isInteger(v)))) {
    throw new UsageError(`${flag} takes ${integer ? 'whole numbers' : 'numbers'} separated by commas (got '${text}')`);
  }
  return values;
}

interface Parsed {
  spec: CheckSpec;
  json: boolean;
  plot: string | null;
  help: boolean;
}

function parse(args: string[]): Parsed {
  let widths: number[] | null = null;
  let dims: number[] | null = null;
  let degree = 3;
  let activations: string[] = ['erf'];
  let bias = true;
  let kappa = 1;
  let seeds = [1, 2];
  let grid: number[] | null = null;
  let pStars: number[] | null = null;
  let quick = false;
  let json = false;
  let plot: string | null = null;
  let maxSamples: number | null = null;
  let maxEpochs: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    switch (flag) {
      case '--help': case '-h': return { spec: {} as CheckSpec, json, plot, help: true };
      case '--widths': widths = numberList(flag, value(), true); break;
      case '--d': dims = numberList(flag, value(), true); break;
      case '--degree': degree = numberList(flag, value(), true)[0] ?? degree; break;
      case '--activation': {
        const v = value();
        if (v === undefined) throw new UsageError('--activation needs a value');
        activations = v.split(',').map((s) => s.trim());
        break;
      }
      case '--no-bias': bias = false; break;
      case '--kappa': kappa = numberList(flag, value(), false)[0] ?? kappa; break;
      case '--seeds': {
        const n = numberList(flag, value(), true)[0] ?? 0;
        if (n < 1 || n > 32) throw new UsageError('--seeds takes a count from 1 to 32');
        seeds = Array.from({ length: n }, (_, k) => k + 1);
        break;
      }
      case '--seed-list': seeds = numberList(flag, value(), true); break;
      case '--grid': grid = numberList(flag, value(), false); break;
      case '--pstar': pStars = numberList(flag, value(), false); break;
      case '--max-samples': maxSamples = numberList(flag, value(), true)[0] ?? null; break;
      case '--max-epochs': maxEpochs = numberList(flag, value(), true)[0] ?? null; break;
      case '--quick': quick = true; break;
      case '--json': json = true; break;
      case '--plot': {
        const v = value();
        if (v === undefined || v.startsWith('--')) throw new UsageError('--plot needs a file name');
        plot = v;
        break;
      }
      default: throw new UsageError(`unknown option '${flag}'`);
    }
  }
  if (!widths) throw new UsageError('--widths is required (hidden widths, e.g. --widths 64)');
  if (!dims) throw new UsageError('--d is required (input dimensions, e.g. --d 8,12,16)');
  if (activations.length !== 1 && activations.length !== widths.length) {
    throw new UsageError(`--activation takes one activation or one per hidden layer (${widths.length})`);
  }
  const unknown = activations.find((a) => !(ACTIVATIONS as readonly string[]).includes(a));
  if (unknown !== undefined) throw new UsageError(`unknown activation '${unknown}' (known: ${ACTIVATIONS.join(', ')})`);
  const layers: DenseLayer[] = widths.map((width, i) => ({
    kind: 'dense', width, activation: (activations[i] ?? activations[0]) as Activation, bias,
  }));
  const base = quick ? QUICK_BUDGET : DEFAULT_BUDGET;
  const budget = { ...base, ...(maxSamples !== null ? { maxTrainSamples: maxSamples } : {}), ...(maxEpochs !== null ? { maxEpochs } : {}) };
  let predictions: CheckPrediction[];
  if (pStars) {
    if (pStars.length !== dims.length) throw new UsageError(`--pstar takes one value per --d (${dims.length})`);
    predictions = pStars.map((pStar) => ({ pStar, pattern: 'given', specialists: null }));
  } else {
    predictions = dims.map((d) => predictionFromAnalysis(analyze({ inputDim: d, layers }, { degree, kappa })));
  }
  const spec: CheckSpec = {
    architecture: { inputDim: dims[0] ?? 1, layers },
    degree, kappa, dims, predictions, seeds,
    pMultiples: grid ?? (quick ? QUICK_MULTIPLES : DEFAULT_MULTIPLES),
    budget,
  };
  return { spec, json, plot, help: false };
}

const f = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

export function formatCheckTable(result: CheckResult): string {
  const lines: string[] = [];
  for (const c of result.curves) {
    const scaled = c.scale < 1 ? `, scaled ×${c.scale.toFixed(3)} to d = ${c.trainedDim}, widths ${c.trainedWidths.join(',')}` : '';
    const m = c.predictedSpecialists !== null ? `, predicted specialists M = ${c.predictedSpecialists.toFixed(2)}` : '';
    lines.push(`d = ${c.d}  (${c.pattern}, P* = ${c.pStar.toFixed(1)}${m}${scaled})`);
    lines.push(`  ${'P'.padStart(6)}  ${'P/P*'.padStart(7)}  ${'alignment'.padEnd(15)}  ${'test MSE'.padEnd(15)}  ${'specialists'.padStart(11)}  epochs`);
    for (const p of c.points) {
      lines.push(`  ${String(p.p).padStart(6)}  ${f(p.ratio, 3).padStart(7)}  ${`${f(p.alignmentMean, 3)} ± ${f(p.alignmentStd, 3)}`.padEnd(15)}  ${`${f(p.mseMean, 3)} ± ${f(p.mseStd, 3)}`.padEnd(15)}  ${f(p.specialistsMean, 1).padStart(11)}  ${p.epochs.join(',')}`);
    }
    lines.push(`  onset (mean alignment reaches 0.5): ${c.onsetRatio === null ? 'not within the grid' : `${f(c.onsetRatio)} × P*`}`);
    lines.push('');
  }
  lines.push(`verdict: ${result.verdict.text}`);
  lines.push('');
  for (const n of result.notes) lines.push(`note: ${n}`);
  lines.push(`(${result.curves.reduce((n, c) => n + c.points.length, 0) * result.seeds.length} runs in ${(result.elapsedMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}

export async function runCheckCommand(args: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tfjs-scaling check: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof EngineInputError || error instanceof CheckInputError) {
      io.err(`tfjs-scaling check: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    io.out(HELP);
    return 0;
  }
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const check = await loadCheckModule();
    const result = await check.runCheck(parsed.spec, {
      signal: controller.signal,
      onProgress: (p) => { if (p.done < p.total) io.err(`[${p.done + 1}/${p.total}] ${p.message}`); },
    });
    io.out(parsed.json ? JSON.stringify(result, null, 2) : formatCheckTable(result));
    if (parsed.plot) {
      writeFileSync(parsed.plot, check.renderCollapseSvg(result, `Alignment against P / P*: widths ${parsed.spec.architecture.layers.map((l) => (l.kind === 'dense' ? l.width : '?')).join(',')}, degree ${result.degree}`));
      io.err(`wrote ${parsed.plot}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof Error && (error.name === 'CheckInputError' || error.name === 'AbortError')) {
      io.err(`tfjs-scaling check: ${error.message}`);
      return error.name === 'AbortError' ? 130 : 2;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
