// The host's core, free of `vscode`: from a detected model (or a hand-entered architecture),
// the user's inputs and the settings, build everything the sidebar, CodeLens, hover and
// commands show. Engine calls go through memo caches keyed by their exact inputs, so an edit
// that changes nothing the engine sees costs no engine work.
import type { DetectedLayer, ModelSpec, SizeValue, TrainingSamples } from '../detect/types';
import { originText, toArchitecture } from '../detect/index';
import { own } from '../own';
import { analyze } from '../engine/index';
import { budgetSentence } from '../engine/budget';
import {
  EngineInputError,
  type Analysis,
  type AnalysisOptions,
  type AnalysisResult,
  type Architecture,
} from '../engine/types';
import type {
  BudgetView,
  ChartsView,
  LayerRow,
  ModelChoice,
  ResultView,
  SamplesControl,
  UnknownControl,
  ValueSource,
  ViewState,
} from '../protocol';
import { applyWhatIf, hiddenSizeName, layerWidth, whatIfControls } from './architecture';
import { REGIME_POINTS, SWEEP_POINTS, sizeValue, sweepableSizes, type ChartData, type ChartJob } from './chartData';
import { canonicalKey, Memo } from './debounce';
import { formatNumber } from '../present/numbers';
import {
  competingLabels,
  exponentText,
  flagViews,
  layerShort,
  layerVerdict,
  pStarText,
  whyView,
  type LayerUnitKind,
} from './format';
import type { PredictionReport } from './report';
import type { Settings } from './settings';

/** What the user changed in the sidebar for one model; absent fields follow the settings and the code. */
export interface UserParams {
  degree?: number;
  kappa?: number;
  unknowns: Record<string, number>;
  whatIf: Record<string, number>;
  sweepSize?: string;
  /** The training-set size P typed in the sidebar. */
  samples?: number;
}

export type Subject =
  | { origin: 'file'; fileName: string; models: ModelSpec[]; selected: string }
  | { origin: 'manual'; name: string; architecture: Architecture };

export type EngineOutcome = AnalysisResult | { error: string };

export interface Computed {
  view: ViewState;
  /** The architecture the numbers are for (what-if applied), when there is one. */
  architecture: Architecture | null;
  outcome: EngineOutcome | null;
  report: PredictionReport | null;
  /** Chart data the view still needs (null when it has it, or needs none). */
  chartJob: ChartJob | null;
}

export {
  computeChartData,
  dimRange,
  sizeValue,
  sweepRange,
  sweepableSizes,
  type ChartData,
  type ChartJob,
} from './chartData';

export { chooseModel, EMPTY_MESSAGE, modelAt, modelIds } from './models';
import { EMPTY_MESSAGE, emptyComputed, modelIds } from './models';

// ---- engine calls, memoised ----

function engineError(e: unknown): { error: string } {
  if (e instanceof EngineInputError) return { error: e.message };
  // Anything else is a bug in the engine; still never thrown into VS Code.
  return { error: `internal error in the engine: ${e instanceof Error ? e.message : String(e)}` };
}

export class EngineCache {
  readonly analyses = new Memo<EngineOutcome>(256);

  analyze(arch: Architecture, options: AnalysisOptions): EngineOutcome {
    return this.analyses.get(canonicalKey({ arch, options }), () => {
      try {
        return analyze(arch, options);
      } catch (e) {
        return engineError(e);
      }
    });
  }
}

// ---- the view ----

function sizeText(v: SizeValue | null): string {
  if (v === null) return '—';
  return v.kind === 'known' ? String(v.value) : v.symbol;
}

function unitKind(arch: Architecture | null, i: number): LayerUnitKind {
  const k = arch?.layers[i]?.kind;
  return k === 'conv' ? 'conv' : k === 'attention' ? 'attention' : 'dense';
}

function layerRows(
  layers: readonly DetectedLayer[],
  arch: Architecture | null,
  outcome: EngineOutcome | null,
): LayerRow[] {
  let hidden = 0;
  const winner = outcome && !('error' in outcome) && outcome.reachable ? outcome.winner : null;
  return layers.map((l, index) => {
    let size: string | null = null;
    let verdict: string | null = null;
    if (l.role === 'hidden') {
      const i = hidden++;
      if (arch && i < arch.layers.length) {
        size = hiddenSizeName(arch, i);
        const lp = winner?.layers[i];
        const layer = arch.layers[i];
        if (lp && layer) verdict = layerShort(lp, unitKind(arch, i));
      }
    }
    return {
      index,
      kind: l.kind,
      role: l.role,
      units: sizeText(l.units),
      activation: l.activation ?? (l.role === 'hidden' || l.role === 'readout' ? 'linear' : '—'),
      line: l.range.startLine,
      size,
      verdict,
    };
  });
}

function manualRows(arch: Architecture, outcome: EngineOutcome | null): LayerRow[] {
  const winner = outcome && !('error' in outcome) && outcome.reachable ? outcome.winner : null;
  return arch.layers.map((layer, i) => {
    const lp = winner?.layers[i];
    return {
      index: i,
      kind: layer.kind,
      role: 'hidden',
      units: String(layerWidth(layer)),
      activation: layer.kind === 'attention' ? 'softmax' : layer.activation,
      line: -1,
      size: hiddenSizeName(arch, i),
      verdict: lp ? layerShort(lp, unitKind(arch, i)) : null,
    };
  });
}

/** The winner and the runners-up the "why" view derives. */
const WHY_COUNT = 4;

function resultView(a: Analysis, arch: Architecture): ResultView {
  const group = a.groups.find((g) => g.keys.includes(a.winner.key));
  const sameScaling = new Set(group?.keys ?? [a.winner.key]);
  return {
    winnerLabel: a.winner.label,
    pStarText: pStarText(a),
    exponentText: exponentText(a.winner.exponents),
    patternLines: a.winner.layers.map((lp, i) => {
      const layer = arch.layers[i];
      return layerVerdict(lp, unitKind(arch, i), layer ? layerWidth(layer) : null);
    }),
    competing: competingLabels(a),
    runnersUp: a.candidates
      .filter((c) => !sameScaling.has(c.key))
      .slice(0, 4)
      .map((c) => ({
        label: c.label,
        pStarText: `P* ≈ ${formatNumber(c.pStar)}`,
        exponentText: exponentText(c.exponents),
      })),
    warnings: a.warnings,
    flags: flagViews(a.flags),
    robustnessText: a.robustness.sentence,
    noLearning: a.noLearning,
    why: a.candidates.slice(0, WHY_COUNT).map((c) => whyView(c, a.kappa)),
  };
}

/** The chart job for an analysed architecture: which size to sweep (the user's pick, else the last width). */
export function chartJobFor(
  arch: Architecture,
  requested: string | undefined,
  options: AnalysisOptions,
  samples: number | null = null,
): ChartJob | null {
  const choices = sweepableSizes(arch);
  const fallback = choices.filter((s) => s !== 'L').at(-1) ?? choices[0];
  const size = requested !== undefined && choices.includes(requested) ? requested : fallback;
  if (size === undefined || sizeValue(arch, size) === null) return null;
  return {
    key: canonicalKey({ arch, size, options, samples, SWEEP_POINTS, REGIME_POINTS }),
    arch,
    size,
    options,
    samples,
  };
}

/** The training-set size in use: typed in the sidebar, else the code's (`fit`), else the `trainingSamples` setting. */
export function effectiveSamples(
  settings: Settings,
  user: UserParams,
  code: TrainingSamples | undefined = undefined,
): SamplesControl {
  if (user.samples !== undefined) return { value: user.samples, source: 'user', line: null };
  // A fit in another file (a caller that trains the model it built) has no line in this one.
  if (code) return { value: code.value, source: 'code', line: code.file ? null : code.line };
  return { value: settings.trainingSamples, source: 'setting', line: null };
}

/** P against P* in words; the width advisor's sentences once the chart worker has them. */
export function budgetView(samples: number, pStar: number, data: ChartData | undefined): BudgetView {
  return {
    sentence: budgetSentence(samples, pStar),
    enough: samples >= pStar,
    widths: data?.budget ? data.budget.widths.map((w) => w.sentence) : null,
  };
}

export function chartsViewFrom(job: ChartJob, a: Analysis, data: ChartData): ChartsView | null {
  const { sweep, regime } = data;
  if ('error' in sweep) return null;
  // Every candidate by its engine label ("GP → Spec"), those the sweep found and those the analysis listed.
  const labels: Record<string, string> = {};
  for (const s of sweep.series) labels[s.key] = s.label;
  for (const c of a.candidates) labels[c.key] = c.label;
  return {
    size: job.size,
    sizeChoices: sweepableSizes(job.arch),
    userValue: sizeValue(job.arch, job.size) ?? 1,
    userPStar: a.pStar,
    kappa: a.kappa,
    sweep,
    crossovers: sweep.crossovers.map((c) => ({
      ...c,
      fromLabel: labels[c.from] ?? c.from,
      toLabel: labels[c.to] ?? c.to,
    })),
    labels,
    regime: 'error' in regime ? null : regime,
    userDim: job.arch.inputDim,
    samples: job.samples,
    bands: data.bands ?? [],
  };
}

export interface BuildInput {
  subject: Subject;
  settings: Settings;
  user: UserParams;
  /** Chart data already computed, by job key; a missing entry leaves the charts pending. */
  chartData?: (key: string) => ChartData | undefined;
}

/** Degree and kappa in use, and where each came from. */
export function effectiveParams(
  settings: Settings,
  user: UserParams,
): { degree: number; kappa: number; sources: { degree: ValueSource; kappa: ValueSource } } {
  return {
    degree: user.degree ?? settings.degree,
    kappa: user.kappa ?? settings.kappa,
    sources: {
      degree: user.degree !== undefined ? 'user' : 'setting',
      kappa: user.kappa !== undefined ? 'user' : 'setting',
    },
  };
}

type ModelView = Extract<ViewState, { kind: 'model' }>;

/** The subject as the view reads it before the engine: the models to pick from, the architecture, what the code leaves open. */
interface SubjectReading {
  name: string;
  selected: string;
  models: ModelChoice[];
  base: Architecture | null;
  /** What reading the subject assumed (values supplied for the code's open sizes, an architecture entered by hand). */
  assumptions: string[];
  notes: string[];
  sizesFrom: string[];
  codeSamples: TrainingSamples | undefined;
  unknowns: UnknownControl[];
  detectedLayers: readonly DetectedLayer[] | null;
  missingReason: string | null;
}

export function buildView(cache: EngineCache, input: BuildInput): Computed {
  const { subject, settings, user } = input;
  const params = effectiveParams(settings, user);
  const options: AnalysisOptions = { degree: params.degree, kappa: params.kappa };
  const reading = subject.origin === 'file' ? readFile(subject, settings, user) : readManual(subject);
  if (reading === null) return emptyComputed(EMPTY_MESSAGE, subject.origin === 'file' ? subject.fileName : null);
  const assumptions: string[] = [
    `target y = He${params.degree}(w*·x) on isotropic Gaussian inputs, degree m = ${params.degree} (${params.sources.degree === 'user' ? 'set in the sidebar' : 'from settings'})`,
    `κ = ${params.kappa} (${params.sources.kappa === 'user' ? 'set in the sidebar' : 'from settings'})`,
    ...reading.assumptions,
  ];

  const { base } = reading;
  const arch = base ? applyWhatIf(base, user.whatIf) : null;
  if (base && arch) {
    for (const c of whatIfControls(base, user.whatIf)) {
      if (c.value !== c.base) assumptions.push(`what-if: ${c.label} = ${c.value} (the code has ${c.base})`);
    }
  }
  const outcome = arch ? cache.analyze(arch, options) : null;
  if (outcome && !('error' in outcome)) {
    for (const a of outcome.assumptions) if (!assumptions.includes(a)) assumptions.push(a);
  }

  const samples = effectiveSamples(settings, user, reading.codeSamples);
  const shown = outcomeView(
    arch,
    outcome,
    reading.missingReason,
    { chartData: input.chartData, sweepSize: user.sweepSize, options, samples: samples.value },
    { model: reading.name, fileName: subject.origin === 'file' ? subject.fileName : null, assumptions },
  );
  const view: ViewState = {
    kind: 'model',
    origin: subject.origin,
    fileName: subject.origin === 'file' ? subject.fileName : null,
    models: reading.models,
    selected: reading.selected,
    layers: reading.detectedLayers
      ? layerRows(reading.detectedLayers, arch, outcome)
      : arch
        ? manualRows(arch, outcome)
        : [],
    params: { degree: params.degree, kappa: params.kappa },
    paramSources: params.sources,
    unknowns: reading.unknowns,
    whatIf: base ? whatIfControls(base, user.whatIf) : [],
    sizesFrom: reading.sizesFrom,
    samples,
    budget: shown.budget,
    assumptions,
    notes: reading.notes,
    result: shown.result,
    charts: shown.charts,
    chartsPending: shown.chartJob !== null,
  };
  return { view, architecture: arch, outcome, report: shown.report, chartJob: shown.chartJob };
}

/** The model of a file the user picked, read with the user's values for what its code leaves open; null when there is none. */
function readFile(
  subject: Extract<Subject, { origin: 'file' }>,
  settings: Settings,
  user: UserParams,
): SubjectReading | null {
  const ids = modelIds(subject.models);
  const index = Math.max(0, ids.indexOf(subject.selected));
  const model = subject.models[index];
  if (!model) return null;
  const converted = toArchitecture(model, { overrides: user.unknowns, defaultInputDim: settings.defaultInputDim });
  const missing = new Set(converted.missing.map((m) => m.symbol));
  return {
    name: model.name,
    selected: ids[index] ?? model.name,
    models: subject.models.map((m, i) => ({ id: ids[i] ?? m.name, label: m.name, line: m.range.startLine })),
    base: converted.architecture,
    assumptions: converted.assumptions,
    notes: [...model.notes],
    // Detection in the editor names files by their workspace path, as the user should read them.
    sizesFrom: (model.origins ?? []).map((o) => originText(o, o.file)),
    codeSamples: model.trainingSamples,
    unknowns: model.unknowns.map((u) => {
      const userValue = own(user.unknowns, u.symbol);
      if (userValue !== undefined)
        return { symbol: u.symbol, reason: u.reason, value: userValue, source: 'user' as const };
      if (missing.has(u.symbol)) return { symbol: u.symbol, reason: u.reason, value: null, source: 'setting' as const };
      return { symbol: u.symbol, reason: u.reason, value: settings.defaultInputDim, source: 'setting' as const };
    }),
    detectedLayers: model.layers,
    missingReason: converted.architecture === null ? (converted.why ?? 'The model cannot be analysed.') : null,
  };
}

function readManual(subject: Extract<Subject, { origin: 'manual' }>): SubjectReading {
  return {
    name: subject.name,
    selected: 'manual',
    models: [{ id: 'manual', label: subject.name, line: 0 }],
    base: subject.architecture,
    assumptions: ['architecture entered by hand'],
    notes: [],
    sizesFrom: [],
    codeSamples: undefined,
    unknowns: [],
    detectedLayers: null,
    missingReason: null,
  };
}

interface OutcomeView {
  result: ModelView['result'];
  charts: ChartsView | null;
  /** Chart data the view still needs. */
  chartJob: ChartJob | null;
  budget: BudgetView | null;
  report: PredictionReport | null;
}

/** The engine's answer as the sidebar shows it: the result, the charts (or the job that computes them), the budget and the report. */
function outcomeView(
  arch: Architecture | null,
  outcome: EngineOutcome | null,
  missingReason: string | null,
  charting: {
    chartData: BuildInput['chartData'];
    sweepSize: string | undefined;
    options: AnalysisOptions;
    samples: number | null;
  },
  about: Pick<PredictionReport, 'model' | 'fileName' | 'assumptions'>,
): OutcomeView {
  const none = { charts: null, chartJob: null, budget: null, report: null };
  if (outcome === null) return { result: { ok: false, reason: missingReason ?? 'Nothing to analyse.' }, ...none };
  if ('error' in outcome) return { result: { ok: false, reason: outcome.error }, ...none };
  if (!outcome.reachable) return { result: { ok: false, reason: outcome.reason }, ...none };
  // An outcome is computed only for an architecture.
  const architecture = arch as Architecture;
  const result = { ok: true as const, ...resultView(outcome, architecture) };
  const job = chartJobFor(architecture, charting.sweepSize, charting.options, charting.samples);
  const data = job ? charting.chartData?.(job.key) : undefined;
  return {
    result,
    charts: job && data ? chartsViewFrom(job, outcome, data) : null,
    chartJob: job && data ? null : job,
    budget: charting.samples !== null ? budgetView(charting.samples, outcome.pStar, data) : null,
    report: {
      model: about.model,
      fileName: about.fileName,
      architecture,
      analysis: outcome,
      verdicts: result.patternLines,
      assumptions: about.assumptions,
    },
  };
}
