// The regime map: which pattern wins over a grid of (width, input dimension). Evaluating the
// full analysis per cell would cost ~1 ms a cell; instead each candidate and each choice of
// binding constraints (mode) is compiled once: for a fixed mode every block's log-energy and
// every parameter's log-value is exactly affine in the log-sizes, so along a row of the grid
// a block's energy grows by a constant factor per cell and a mode's validity is an interval.
// The winner rule is analyze()'s: least energy, ties (within 1e-9) to the paper's row, then the key.
import { analyze } from './analyze';
import { attentionProblems, attentionSizes } from './attention';
import { chainKey, chainLabel, chainProblem, enumerateChains, lazyKey, paperRef, parseChainKey } from './chain';
import { evaluate, type Mono } from './monomial';
import { buildNetwork } from './network';
import { allModes, solveWithModes, type Param } from './posynomial';
import { toNumber } from './rational';
import { logGrid, withSize } from './sweep';
import { validateArchitecture, validateOptions } from './validate';
import { EngineInputError, type AnalysisOptions, type Architecture, type RegimeMap, type SweepRange } from './types';

/** Networks with at most this many chains are mapped over all of them; larger ones over the chains that win on a coarse grid. */
const ALL_CHAINS_LIMIT = 400;
const COARSE = 7;
const TIE = 1e-9;

interface Problem {
  key: string;
  label: string;
  paper: boolean;
  terms: Mono[];
  params: Param[];
}

/** a0 + ax * log(width) + ay * log(d) */
interface Affine {
  a0: number;
  ax: number;
  ay: number;
}

interface CompiledMode {
  problem: number;
  blocks: Affine[];
  /** Each must be >= 0 (or > 0 when strict) for the mode to be valid. */
  constraints: { f: Affine; strict: boolean }[];
}

function problemsFor(arch: Architecture, degree: number, size: string, widths: number[], dims: number[], options: AnalysisOptions | undefined): Problem[] {
  const head = arch.layers[0];
  if (head?.kind === 'attention') {
    return attentionProblems().map((p) => ({ key: p.variant.key, label: p.variant.label, paper: p.paperRef !== null, terms: p.terms, params: p.params }));
  }
  const net = buildNetwork(arch, degree);
  const out: Problem[] = [];
  const lazy = net.lazyReadout[degree];
  if (lazy) out.push({ key: lazyKey(net.layers.length), label: net.layers.map(() => 'GP').join(' / '), paper: paperRef(net, lazyKey(net.layers.length)) !== null, terms: [lazy], params: [] });
  const all = enumerateChains(net);
  let chains = all;
  if (all.length > ALL_CHAINS_LIMIT) {
    // Deep networks: the chains that win, or survive, on a coarse grid of full analyses.
    const keys = new Set<string>();
    const pick = (xs: number[]) => Array.from({ length: COARSE }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (COARSE - 1))]!);
    for (const d of pick(dims)) {
      for (const w of pick(widths)) {
        const r = analyze(withSize(withSize(arch, 'd', d), size, w), options);
        if (r.reachable) for (const c of r.candidates) keys.add(c.key);
      }
    }
    chains = [...keys].map((k) => parseChainKey(net, k)).filter((c) => c !== null);
  }
  for (const chain of chains) {
    const key = chainKey(chain);
    const { terms, params } = chainProblem(net, chain);
    out.push({ key, label: chainLabel(chain), paper: paperRef(net, key) !== null, terms, params });
  }
  return out;
}

function affine(logValue: number, exps: Readonly<Record<string, number>>, size: string): Affine {
  return { a0: logValue, ax: exps[size] ?? 0, ay: exps['d'] ?? 0 };
}

function compile(problems: Problem[], base: Record<string, number>, size: string): CompiledMode[] {
  const out: CompiledMode[] = [];
  problems.forEach((problem, index) => {
    for (const modes of allModes(problem.params)) {
      const sol = solveWithModes(problem.terms, problem.params, base, modes, false);
      if (!sol) continue;
      const blocks = sol.blocks.map((b) => affine(Math.log(b.value), Object.fromEntries(Object.entries(b.exponents).map(([k, e]) => [k, toNumber(e)])), size));
      const constraints: CompiledMode['constraints'] = [];
      for (const p of problem.params) {
        if (modes[p.name] !== 'free') continue;
        const logP = affine(Math.log(sol.params[p.name]!), sol.paramExponents[p.name] ?? {}, size);
        if (p.lower) {
          const lo = affine(Math.log(evaluate(p.lower, base)), p.lower.exps, size);
          constraints.push({ f: { a0: logP.a0 - lo.a0, ax: logP.ax - lo.ax, ay: logP.ay - lo.ay }, strict: !p.lowerIsMode });
        }
        if (p.upper) {
          const hi = affine(Math.log(evaluate(p.upper, base)), p.upper.exps, size);
          constraints.push({ f: { a0: hi.a0 - logP.a0, ax: hi.ax - logP.ax, ay: hi.ay - logP.ay }, strict: false });
        }
      }
      out.push({ problem: index, blocks, constraints });
    }
  });
  return out;
}

export function regimeMap(arch: Architecture, size: string, widthRange: SweepRange, dimRange: SweepRange, options?: AnalysisOptions): RegimeMap {
  const settings = validateOptions(options);
  validateArchitecture(arch);
  const widths = logGrid(widthRange, 'widthRange');
  const dims = logGrid(dimRange, 'dimRange');
  // Rows where the network is not valid (a convolution with fewer inputs than patches) stay empty.
  const rowValid = dims.map((d) => {
    try {
      const a = withSize(withSize(arch, 'd', d), size, widths[0]!);
      if (a.layers[0]?.kind !== 'attention') buildNetwork(a, settings.degree);
      return true;
    } catch (error) {
      if (error instanceof EngineInputError) return false;
      throw error;
    }
  });
  const firstValid = rowValid.indexOf(true);
  if (firstValid < 0) {
    throw new EngineInputError('invalid-size', 'dimRange', 'No input dimension in this range gives a valid network (a convolution needs at least as many inputs as patches).');
  }
  const baseArch = withSize(withSize(arch, 'd', dims[firstValid]!), size, widths[0]!);
  const head = baseArch.layers[0];
  const base = head?.kind === 'attention' ? attentionSizes(baseArch.inputDim, head) : buildNetwork(baseArch, settings.degree).sizes;
  const problems = problemsFor(baseArch, settings.degree, size, widths, dims, options);
  // analyze()'s tie order: the paper's rows first, then by key.
  const rank = problems.map((_, i) => i).sort((a, b) => {
    const pa = problems[a]!;
    const pb = problems[b]!;
    if (pa.paper !== pb.paper) return pa.paper ? -1 : 1;
    return pa.key < pb.key ? -1 : pa.key > pb.key ? 1 : 0;
  });
  const order = new Array<number>(problems.length);
  rank.forEach((p, r) => { order[p] = r; });
  const spanX = Math.log(widths[widths.length - 1]! / widths[0]!);
  const spanY = Math.log(dims[dims.length - 1]! / dims[firstValid]!);
  // An affine constraint is largest at a corner of the grid: a mode that fails one at every corner is never valid.
  const compiled = compile(problems, base, size).filter((mode) =>
    mode.constraints.every(({ f }) => f.a0 + Math.max(0, f.ax * spanX) + Math.max(0, f.ay * spanY) >= -1e-9),
  );

  const stepX = widths.length > 1 ? Math.log(widths[1]! / widths[0]!) : 0;
  const ly0 = Math.log(dims[firstValid]!);
  const labels: string[] = [];
  const labelText: string[] = [];
  const labelOf = new Map<number, number>();
  const nx = widths.length;
  const blockValue = new Float64Array(nx);
  const best = new Float64Array(nx);
  const bestProblem = new Int32Array(nx);

  const cells = dims.map((d, row) => {
    if (!rowValid[row]) return new Array<number>(nx).fill(-1);
    const y = Math.log(d) - ly0;
    best.fill(Infinity);
    bestProblem.fill(-1);
    for (const mode of compiled) {
      // Valid columns j: every constraint c0 + cx * j >= eps, an interval of j. The tolerances
      // mirror solveWithModes: 1e-9 relative, strict lower bounds held off the bound.
      let jlo = 0;
      let jhi = nx - 1;
      for (const { f, strict } of mode.constraints) {
        const c0 = f.a0 + f.ay * y;
        const cx = f.ax * stepX;
        const eps = strict ? 1e-9 : -1e-9;
        if (cx > 0) jlo = Math.max(jlo, Math.ceil((eps - c0) / cx));
        else if (cx < 0) jhi = Math.min(jhi, Math.floor((eps - c0) / cx));
        else if (c0 < eps) jhi = -1;
      }
      if (jlo > jhi) continue;
      blockValue.fill(0, jlo, jhi + 1);
      for (const b of mode.blocks) {
        let v = Math.exp(b.a0 + b.ay * y + b.ax * stepX * jlo);
        const ratio = Math.exp(b.ax * stepX);
        for (let j = jlo; j <= jhi; j++) {
          blockValue[j]! += v;
          v *= ratio;
        }
      }
      const p = mode.problem;
      for (let j = jlo; j <= jhi; j++) {
        const e = blockValue[j]!;
        const cur = best[j]!;
        const q = bestProblem[j]!;
        const take =
          q < 0 ||
          e < cur * (1 - TIE) ||
          (p === q ? e < cur : e <= cur * (1 + TIE) && order[p]! < order[q]!);
        if (take) {
          best[j] = e;
          bestProblem[j] = p;
        }
      }
    }
    return Array.from(bestProblem, (p) => {
      if (p < 0) return -1;
      let label = labelOf.get(p);
      if (label === undefined) {
        label = labels.push(problems[p]!.key) - 1;
        labelText.push(problems[p]!.label);
        labelOf.set(p, label);
      }
      return label;
    });
  });
  return { size, widths, dims, labels, labelText, cells };
}
