// `tfjs-scaling check`: trains a dense architecture on synthetic data at sizes around the
// predicted P* and prints where it starts to learn, one curve per input dimension.
import { writeFileSync } from 'node:fs';
import { ACTIVATIONS, EngineInputError, analyze, type Activation, type DenseLayer } from '../engine/index';
import { loadCheckModule } from '../check/load';
import { predictionFromAnalysis } from '../check/predict';
import { DEFAULT_BUDGET, DEFAULT_MULTIPLES, QUICK_BUDGET, QUICK_MULTIPLES } from '../check/plan';
import { ONSET_ALIGNMENT } from '../check/onset';
import { STUDY_NAMES, THREE_LAYER, studySpec, type SpecialistSpec, type StudyName } from '../check/studies';
import { CheckInputError, type CheckPrediction, type CheckResult, type CheckSpec } from '../check/types';
import { fitLines, onsetTable, runSummary } from '../present/check';
import { formatExact } from '../present/numbers';
import { textTable } from '../present/table';
import type { CliIo } from './main';

const HELP = `usage: tfjs-scaling check [options]
       tfjs-scaling check --study ${STUDY_NAMES.join('|')} [--seeds N] [--json] [--plot out.svg]

Trains the dense network on x ~ N(0, I_d), y = He_m(w*.x), finds for every d and seed the
training-set size where the alignment <f,y>/<y,y> crosses ${ONSET_ALIGNMENT} (bracket, then bisect in log P),
and fits how those onsets scale: log P = a log d + sum b_l log N_l + c, with 95% bootstrap CIs,
against the engine's prediction, the lazy (GP) law d^m and P ∝ d.

  --widths 64[,N2,...]   hidden widths (required)
  --d 8,12,16            input dimensions to run, one curve each (required)
  --degree 3             target degree m (default 3)
  --activation erf       activation of every hidden layer, or one per layer (default erf)
  --no-bias              layers without bias (tfjs dense layers have one by default)
  --kappa 1              noise / ridge variance (default 1)
  --seeds 2              number of seeds, 1..N (default 2); or --seed-list 3,7
  --study NAME           run a study of the paper's claims instead (its own network and sizes)
  --grid 0.5,64          range the onset search may use, multiples of P* (smallest, largest)
  --start 16             where the onset search starts, a multiple of P*
  --parallel 2           training runs in parallel (worker threads; default: cores, at most 4)
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
  /** The three-layer study counts specialists rather than finding onsets. */
  specialists?: SpecialistSpec;
  title: string | null;
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
  let study: StudyName | null = null;
  let start: number | null = null;
  let parallel: number | null = null;
  let seedsGiven = false;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return { spec: {} as CheckSpec, title: null, json, plot, help: true };
      case '--study': {
        const v = value();
        if (!(STUDY_NAMES as readonly (string | undefined)[]).includes(v))
          throw new UsageError(`--study takes one of ${STUDY_NAMES.join(', ')}`);
        study = v as StudyName;
        break;
      }
      case '--start':
        start = numberList(flag, value(), false)[0] ?? null;
        break;
      case '--parallel':
        parallel = numberList(flag, value(), true)[0] ?? null;
        break;
      case '--widths':
        widths = numberList(flag, value(), true);
        break;
      case '--d':
        dims = numberList(flag, value(), true);
        break;
      case '--degree':
        degree = numberList(flag, value(), true)[0] ?? degree;
        break;
      case '--activation': {
        const v = value();
        if (v === undefined) throw new UsageError('--activation needs a value');
        activations = v.split(',').map((s) => s.trim());
        break;
      }
      case '--no-bias':
        bias = false;
        break;
      case '--kappa':
        kappa = numberList(flag, value(), false)[0] ?? kappa;
        break;
      case '--seeds': {
        const n = numberList(flag, value(), true)[0] ?? 0;
        if (n < 1 || n > 32) throw new UsageError('--seeds takes a count from 1 to 32');
        seeds = Array.from({ length: n }, (_, k) => k + 1);
        seedsGiven = true;
        break;
      }
      case '--seed-list':
        seeds = numberList(flag, value(), true);
        seedsGiven = true;
        break;
      case '--grid':
        grid = numberList(flag, value(), false);
        break;
      case '--pstar':
        pStars = numberList(flag, value(), false);
        break;
      case '--max-samples':
        maxSamples = numberList(flag, value(), true)[0] ?? null;
        break;
      case '--max-epochs':
        maxEpochs = numberList(flag, value(), true)[0] ?? null;
        break;
      case '--quick':
        quick = true;
        break;
      case '--json':
        json = true;
        break;
      case '--plot': {
        const v = value();
        if (v === undefined || v.startsWith('--')) throw new UsageError('--plot needs a file name');
        plot = v;
        break;
      }
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  const extra = { ...(start !== null ? { search: { start } } : {}), ...(parallel !== null ? { parallel } : {}) };
  if (study === 'three-layer')
    return {
      spec: {} as CheckSpec,
      title: null,
      json,
      plot,
      help: false,
      specialists: {
        ...THREE_LAYER,
        seeds: seedsGiven ? seeds : Array.from({ length: THREE_LAYER.seeds }, (_, k) => k + 1),
        ...(maxEpochs !== null ? { maxEpochs } : {}),
        ...(parallel !== null ? { parallel } : {}),
      },
    };
  if (study) {
    const made = studySpec(study, { ...(seedsGiven ? { seeds } : {}), ...(maxEpochs !== null ? { maxEpochs } : {}) });
    return {
      spec: { ...made.spec, ...extra, ...(parallel !== null ? { parallel } : {}) },
      title: made.title,
      json,
      plot,
      help: false,
    };
  }
  if (!widths) throw new UsageError('--widths is required (hidden widths, e.g. --widths 64)');
  if (!dims) throw new UsageError('--d is required (input dimensions, e.g. --d 8,12,16)');
  if (activations.length !== 1 && activations.length !== widths.length) {
    throw new UsageError(`--activation takes one activation or one per hidden layer (${widths.length})`);
  }
  const unknown = activations.find((a) => !(ACTIVATIONS as readonly string[]).includes(a));
  if (unknown !== undefined) throw new UsageError(`unknown activation '${unknown}' (known: ${ACTIVATIONS.join(', ')})`);
  const layers: DenseLayer[] = widths.map((width, i) => ({
    kind: 'dense',
    width,
    activation: (activations[i] ?? activations[0]) as Activation,
    bias,
  }));
  const base = quick ? QUICK_BUDGET : DEFAULT_BUDGET;
  const budget = {
    ...base,
    ...(maxSamples !== null ? { maxTrainSamples: maxSamples } : {}),
    ...(maxEpochs !== null ? { maxEpochs } : {}),
  };
  let predictions: CheckPrediction[];
  if (pStars) {
    if (pStars.length !== dims.length) throw new UsageError(`--pstar takes one value per --d (${dims.length})`);
    predictions = pStars.map((pStar) => ({ pStar, pattern: 'given', specialists: null }));
  } else {
    predictions = dims.map((d) => predictionFromAnalysis(analyze({ inputDim: d, layers }, { degree, kappa })));
  }
  const spec: CheckSpec = {
    architecture: { inputDim: dims[0] ?? 1, layers },
    degree,
    kappa,
    dims,
    predictions,
    seeds,
    pMultiples: grid ?? (quick ? QUICK_MULTIPLES : DEFAULT_MULTIPLES),
    budget,
    ...extra,
  };
  return { spec, title: null, json, plot, help: false };
}

/** The check as the terminal prints it: the onsets per seed, the fit, the verdict; the sidebar shows the same lines. */
export function formatCheckTable(result: CheckResult): string {
  const onsets = onsetTable(result);
  const fit = result.fit;
  const lines = [...textTable(onsets).map((l) => `  ${l}`), `  ${onsets.caption}`, ''];
  if (fit.exponents.length > 0) {
    lines.push(...fitLines(result).map((l) => `  ${l}`));
    lines.push(
      `  residual sd of log P_onset: ${formatExact(fit.residualSd ?? NaN)} (${fit.observations} onsets, ${fit.dof} dof, ${fit.replicates} bootstrap replicates)`,
      '',
    );
  }
  lines.push(`verdict: ${result.verdict.text}`, '');
  for (const n of result.notes) lines.push(`note: ${n}`);
  lines.push(`(${runSummary(result)})`);
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
    if (parsed.specialists) {
      const counted = await check.runSpecialistStudy(parsed.specialists, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done < p.total) io.err(`[${p.done + 1}/${p.total}] ${p.message}`);
        },
      });
      io.out(parsed.json ? JSON.stringify(counted, null, 2) : check.formatSpecialistTable(counted));
      if (parsed.plot) {
        writeFileSync(parsed.plot, check.renderSpecialistSvg(counted));
        io.err(`wrote ${parsed.plot}`);
      }
      return 0;
    }
    const result = await check.runCheck(parsed.spec, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done < p.total) io.err(`[${p.done + 1}/${p.total}] ${p.message}`);
      },
    });
    io.out(parsed.json ? JSON.stringify(result, null, 2) : formatCheckTable(result));
    if (parsed.plot) {
      writeFileSync(
        parsed.plot,
        check.renderOnsetSvg(
          result,
          parsed.title ??
            `Measured onsets: widths ${parsed.spec.architecture.layers.map((l) => (l.kind === 'dense' ? l.width : '?')).join(',')}, degree ${result.degree}`,
        ),
      );
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
