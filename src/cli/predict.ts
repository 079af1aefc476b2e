// `tfjs-scaling predict <file>`: finds the tfjs models in a source file or model.json and runs
// the engine on each, saying which sizes were assumed and why.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { EngineInputError, analyze, explainCandidate, toReportJson, type AnalysisResult } from '../engine/index';
import {
  detectModels,
  gatherImports,
  originText,
  toArchitecture,
  type ArchitectureResult,
  type ModelSpec,
  type SizeValue,
} from '../detect/index';
import { own, setOwn } from '../own';
import { firstSyntaxError } from '../detect/syntaxError';
import { evalSizeExpr } from '../detect/values';
import { UsageError, countFlag, degreeFlag, kappaFlag, samplesFlag, sizeFlag } from './flags';
import { dataBudget } from '../engine/budget';
import { formatNumber } from '../present/numbers';
import type { CliIo } from './main';

const HELP = `usage: tfjs-scaling predict <file> [options]

Finds every TensorFlow.js model in <file> (.ts, .tsx, .js, .jsx, .mjs or a tfjs model.json)
and predicts its feature-learning pattern and sample complexity P*.

  --d <n>            input dimension, used when the code does not fix it (no default)
  --set name=value   value for a size the code leaves open (repeatable), e.g. --set hiddenUnits=128
  --degree <m>       target degree m, a whole number from 1 to 12 (default 3)
  --kappa <k>        noise / ridge variance, positive (default 1)
  --samples <P>      your training-set size: P against P*, and the widths whose P* fits in P
                     (without it: the size the code fixes, the tensor handed to fit, if any)
  --json             print the result as JSON
  --explain          for the winner and its runners-up: the energy term by term (who pays
                     what, in symbols and numbers), the optimum, binding bounds, provenance
  --budget <ms>      time the reading of the file may take before it is skipped (default 500);
                     raise it on a slow or busy machine

Sizes (--d, --set) may be expressions: 28*28*3, 2^10, [28, 28, 1] (a shape: its product), or
names given earlier with --set.`;

interface PredictOptions {
  file: string;
  inputDim: number | null;
  overrides: Record<string, number>;
  degree: number;
  kappa: number;
  samples: number | null;
  json: boolean;
  explain: boolean;
  budgetMs: number | undefined;
}

function parseArgs(args: string[]): PredictOptions | 'help' {
  const opts: PredictOptions = {
    file: '',
    inputDim: null,
    overrides: {},
    degree: 3,
    kappa: 1,
    samples: null,
    json: false,
    explain: false,
    budgetMs: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        opts.json = true;
        break;
      case '--explain':
        opts.explain = true;
        break;
      case '--d':
        opts.inputDim = sizeFlag('--d', args[++i], opts.overrides);
        break;
      case '--degree':
        opts.degree = degreeFlag(args[++i]);
        break;
      case '--kappa':
        opts.kappa = kappaFlag(args[++i]);
        break;
      case '--samples':
        opts.samples = samplesFlag(args[++i]);
        break;
      case '--budget':
        opts.budgetMs = sizeFlag('--budget', args[++i]);
        break;
      case '--set': {
        const pair = args[++i] ?? '';
        const eq = pair.lastIndexOf('=');
        if (eq <= 0) throw new UsageError(`--set needs name=value, got '${pair}'`);
        setOwn(
          opts.overrides,
          pair.slice(0, eq),
          countFlag(`--set ${pair.slice(0, eq)}`, pair.slice(eq + 1), opts.overrides),
        );
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
        if (opts.file) throw new UsageError(`one file at a time (got '${opts.file}' and '${a}')`);
        opts.file = a;
    }
  }
  if (!opts.file) throw new UsageError('which file? tfjs-scaling predict <file>');
  return opts;
}

interface ModelReport {
  spec: ModelSpec;
  arch: ArchitectureResult;
  analysis: AnalysisResult | null;
  why: string | null;
}

function run(spec: ModelSpec, opts: PredictOptions): ModelReport {
  const arch = toArchitecture(spec, {
    overrides: opts.overrides,
    defaultInputDim: opts.inputDim,
    inputDimSupplied: true,
  });
  if (!arch.architecture) return { spec, arch, analysis: null, why: arch.why };
  try {
    return { spec, arch, analysis: analyze(arch.architecture, { degree: opts.degree, kappa: opts.kappa }), why: null };
  } catch (error) {
    if (error instanceof EngineInputError) return { spec, arch, analysis: null, why: error.message };
    throw error;
  }
}

const sizeNumber = (s: SizeValue | null): number | null => (s?.kind === 'known' ? s.value : null);
/** A size as the layers table shows it: its value, the value supplied for it ("128 (units)"), or "?units". */
function sizeText(s: SizeValue | null, overrides: Record<string, number>): string {
  if (s === null) return '';
  if (s.kind === 'known') return String(s.value);
  const value = s.expr
    ? evalSizeExpr(s.expr, (name) => own(overrides, name) ?? null)
    : (own(overrides, s.symbol) ?? null);
  return value === null ? `?${s.symbol}` : `${value} (${s.symbol})`;
}

function toJson(r: ModelReport, opts: PredictOptions): unknown {
  const { spec } = r;
  return {
    name: spec.name,
    line: spec.range.startLine + 1,
    inputDim: r.arch.architecture?.inputDim ?? sizeNumber(spec.inputDim),
    hiddenWidths: spec.layers.filter((l) => l.role === 'hidden').map((l) => sizeNumber(l.units)),
    layers: spec.layers.map((l) => ({
      kind: l.kind,
      ...(l.kind.toLowerCase().includes('conv') ? { filters: sizeNumber(l.units) } : { units: sizeNumber(l.units) }),
      activation: l.activation,
      line: l.range.startLine + 1,
    })),
    unknowns: spec.unknowns.map((u) => ({ name: u.symbol, reason: u.reason })),
    sizesFrom: (spec.origins ?? []).map((o) => ({ ...o, text: originText(o, shownPath(o.file)) })),
    ...(spec.calls ? { calls: spec.calls.map((c) => ({ file: shownPath(c.file), line: c.line })) } : {}),
    assumptions: r.arch.assumptions,
    notes: spec.notes,
    analysis: r.analysis === null ? null : toReportJson(r.analysis),
    ...(r.analysis === null ? { why: r.why } : {}),
    ...(spec.trainingSamples ? { trainingSamples: spec.trainingSamples } : {}),
    ...(samplesFor(r, opts) !== null && r.analysis?.reachable && r.arch.architecture
      ? {
          dataBudget: dataBudget(r.arch.architecture, r.analysis.pStar, samplesFor(r, opts)!, {
            degree: opts.degree,
            kappa: opts.kappa,
          }),
        }
      : {}),
  };
}

/** The training-set size: --samples, else the one the code fixes (the tensor handed to `fit`). */
function samplesFor(r: ModelReport, opts: PredictOptions): number | null {
  return opts.samples ?? r.spec.trainingSamples?.value ?? null;
}

/** A file as the user ran the command from: relative to the working directory. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** The other source files of the file's folder: those that import it may fix its sizes by their calls. */
function siblingSources(file: string): string[] {
  const dir = dirname(file);
  try {
    return readdirSync(dir)
      .filter((name) => /\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.d.ts'))
      .map((name) => join(dir, name))
      .filter((path) => resolve(path) !== resolve(file))
      .sort();
  } catch {
    return [];
  }
}

/** A file the entry imports, or undefined when it cannot be read (detection then leaves its sizes open). */
async function readSource(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function toText(r: ModelReport, opts: PredictOptions): string {
  const overrides = opts.overrides;
  const { spec } = r;
  const lines = [`${spec.name} (line ${spec.range.startLine + 1}, ${spec.style})`];
  const inputText = sizeText(spec.inputDim, overrides);
  const inputDim = r.arch.architecture
    ? String(r.arch.architecture.inputDim)
    : inputText.startsWith('?') && opts.inputDim !== null
      ? `${opts.inputDim} (--d)`
      : inputText;
  lines.push(`  input dimension: ${inputDim}`);
  lines.push('  layers:');
  const unitsWidth = Math.max(10, ...spec.layers.map((l) => sizeText(l.units, overrides).length));
  for (const l of spec.layers) {
    const units = sizeText(l.units, overrides);
    const repeat = l.repeat ? ` x${sizeText(l.repeat, overrides)}` : '';
    lines.push(
      `    line ${String(l.range.startLine + 1).padEnd(5)} ${l.kind.padEnd(20)} ${units.padEnd(unitsWidth)} ${(l.activation ?? 'linear').padEnd(10)} ${l.role}${repeat}`,
    );
  }
  for (const o of spec.origins ?? []) lines.push(`  from: ${originText(o, shownPath(o.file))}`);
  for (const a of r.arch.assumptions) lines.push(`  assumed: ${a}`);
  const inputSymbol = spec.inputDim.kind === 'unknown' ? spec.inputDim.symbol : null;
  for (const m of r.arch.missing) {
    const how = m.symbol === inputSymbol ? `--d <n> or --set ${m.symbol}=<n>` : `--set ${m.symbol}=<n>`;
    lines.push(`  open: ${m.symbol}: ${m.reason} (give it with ${how})`);
  }
  for (const n of spec.notes) lines.push(`  note: ${n}`);
  const a = r.analysis;
  if (a === null) {
    lines.push(`  no prediction: ${r.why ?? 'unknown reason'}`);
  } else if (!a.reachable) {
    lines.push(`  unreachable: ${a.reason}`);
  } else {
    lines.push(`  winner: ${a.winner.label}   P* ~ ${formatNumber(a.pStar)} (kappa x E, scale only)`);
    lines.push(`  robustness: ${a.robustness.sentence}`);
    for (const f of a.flags) lines.push(`  flag (${f.kind}): ${f.sentence}`);
    if (a.noLearning) lines.push(`  no learning pattern: ${a.noLearning}`);
    const runnersUp = a.candidates.filter((c) => c.key !== a.winner.key).slice(0, 2);
    for (const c of runnersUp) lines.push(`  runner-up: ${c.label}   P* ~ ${formatNumber(c.pStar)}`);
    for (const w of a.warnings) lines.push(`  warning: ${w}`);
    const samples = samplesFor(r, opts);
    if (samples !== null && r.arch.architecture) {
      const budget = dataBudget(r.arch.architecture, a.pStar, samples, { degree: opts.degree, kappa: opts.kappa });
      const code = opts.samples === null ? r.spec.trainingSamples : undefined;
      lines.push(
        `  data: ${budget.sentence}${code ? ` (P = ${code.text}, the tensor fit is given at ${code.file ? `${shownPath(code.file)}:` : 'line '}${code.line})` : ''}`,
      );
      for (const w of budget.widths) lines.push(`  widths: ${w.sentence}`);
    }
    if (opts.explain)
      for (const c of [a.winner, ...runnersUp]) lines.push('', ...explainCandidate(c).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

export async function runPredict(args: string[], io: CliIo): Promise<number> {
  let opts: PredictOptions | 'help';
  try {
    opts = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tfjs-scaling predict: ${error.message}\n\n${HELP}`);
    return 2;
  }
  if (opts === 'help') {
    io.out(HELP);
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(opts.file, 'utf8');
  } catch (error) {
    io.err(
      `tfjs-scaling predict: cannot read '${opts.file}': ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const project = await gatherImports(opts.file, text, readSource, undefined, siblingSources(opts.file));
  const result = detectModels(text, opts.file, { project, budgetMs: opts.budgetMs });
  if (result.skipped) {
    io.err(`tfjs-scaling predict: ${opts.file} skipped: ${result.skipped}`);
    return 1;
  }
  const o = opts;
  const reports = result.models.map((m) => run(m, o));
  // With no model, say whether the file parsed: a syntax error is what to fix, not the model.
  const syntaxError = reports.length === 0 ? firstSyntaxError(text, o.file) : null;
  if (o.json) {
    io.out(
      JSON.stringify({ models: reports.map((r) => toJson(r, o)), ...(syntaxError ? { syntaxError } : {}) }, null, 2),
    );
  } else if (syntaxError) {
    io.err(`tfjs-scaling predict: ${o.file} does not parse (${syntaxError}); no models read`);
  } else if (reports.length === 0) {
    io.out(
      `no TensorFlow.js models found in ${o.file} (it parses, but builds no tf.sequential, tf.model or model.json topology)`,
    );
  } else {
    io.out(reports.map((r) => toText(r, o)).join('\n\n'));
  }
  return syntaxError ? 1 : 0;
}
