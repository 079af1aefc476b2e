// Lays out the sidebar from the webview state. Sections are rebuilt only when their own data
// changed, and controls are updated in place, so a new view from the host never flickers and
// never moves a control the user is holding.
import {
  CHART_IDS,
  type BudgetView,
  type ChartId,
  type ChartsView,
  type CheckContext,
  type EditField,
  type ViewState,
  type WhatIfControl,
  type WhyView,
  type CheckResult,
} from '../src/protocol';
import { Charts } from './charts';
import { fitLines, runSummary, specialistLines, trainingTable } from '../src/present/check';
import { fromPosition, STEPS, toPosition } from './slider';
import { shown, shownCheck, type CheckPanel, type WebviewState } from './state';
import type { Table } from '../src/present/table';
import { chartTable } from './tables';
import { readPalette } from './theme';
import {
  button,
  dropdown,
  dropdownElement,
  setDropdownChoices,
  setFieldMessage,
  setTextField,
  textField,
} from './toolkit';

export interface Handlers {
  edit(edit: EditField): void;
  selectModel(id: string): void;
  reset(): void;
  reveal(line: number): void;
  enterArchitecture(): void;
  toggleTable(chart: ChartId, open: boolean): void;
  runCheck(): void;
}

type ModelView = Extract<ViewState, { kind: 'model' }>;

const CHART_TITLES: Record<ChartId, string> = {
  pstar: 'P* against width',
  energy: 'Energy of every candidate pattern',
  regime: 'Regime map: which pattern wins',
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'testid') e.dataset.testid = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** Rebuilds a section only when its key changed. */
class Section {
  private key: string | null = null;
  constructor(readonly node: HTMLElement) {}
  update(data: unknown, build: (node: HTMLElement) => void): void {
    const key = JSON.stringify(data);
    if (key === this.key) return;
    this.key = key;
    build(this.node);
  }
  invalidate(): void {
    this.key = null;
  }
}

export class SidebarView {
  private readonly empty = el('section', { id: 'empty', testid: 'empty-state', hidden: '' });
  private readonly model = el('section', { id: 'model', hidden: '' });
  private readonly header = new Section(el('header', { id: 'header' }));
  private readonly summary = new Section(
    el('section', { id: 'summary', 'aria-live': 'polite', 'aria-label': 'Prediction' }),
  );
  private readonly budget = new Section(
    el('section', { id: 'budget', 'aria-label': 'Your training set against P*', 'aria-live': 'polite' }),
  );
  private readonly layers = new Section(el('section', { id: 'layers', 'aria-label': 'Layers' }));
  private readonly controls = new Section(el('section', { id: 'controls', 'aria-label': 'Inputs and what-if' }));
  private readonly chartsSection = new Section(el('section', { id: 'charts', 'aria-label': 'Charts' }));
  private readonly check = new Section(
    el('section', { id: 'check', 'aria-label': 'Check by training', 'aria-live': 'polite' }),
  );
  private readonly assumptions = new Section(el('section', { id: 'assumptions', 'aria-label': 'Assumptions' }));
  private readonly charts = new Charts();
  private pickerWrap: HTMLElement | null = null;
  private state: WebviewState | null = null;
  /** The feedback each typed field last showed: a refusal resets the field once, not on every render. */
  private readonly lastFeedback: Record<string, { ok: boolean; message: string } | undefined> = {};

  constructor(
    root: HTMLElement,
    private readonly on: Handlers,
  ) {
    this.model.append(
      this.header.node,
      this.summary.node,
      this.budget.node,
      this.layers.node,
      this.controls.node,
      this.chartsSection.node,
      this.check.node,
      this.assumptions.node,
    );
    root.replaceChildren(this.empty, this.model);
  }

  render(state: WebviewState): void {
    this.state = state;
    const view = state.view;
    if (view === null) {
      this.showEmpty('Loading…', null);
      return;
    }
    if (view.kind === 'empty') {
      this.showEmpty(view.message, view.fileName);
      return;
    }
    this.empty.hidden = true;
    this.model.hidden = false;
    this.renderHeader(view, state);
    this.summary.update(view.result, (n) => this.buildSummary(n, view));
    this.budget.update(view.budget, (n) => buildBudget(n, view.budget));
    this.layers.update([view.layers, view.sizesFrom], (n) => this.buildLayers(n, view));
    this.controls.update(controlShape(view), (n) => this.buildControls(n, view));
    this.updateControls(view, state);
    // While new charts are computed the old ones stay, dimmed, rather than blinking out.
    const keepOld = view.charts === null && view.chartsPending && this.charts.showing();
    this.chartsSection.node.classList.toggle('stale', keepOld);
    this.chartsSection.node.setAttribute('aria-busy', String(view.chartsPending));
    if (!keepOld)
      this.chartsSection.update({ charts: view.charts, pending: view.chartsPending, open: state.openTables }, (n) =>
        this.buildCharts(n, view.charts, view.chartsPending, state.openTables),
      );
    this.check.update({ context: state.checkContext, panel: shownCheck(state) }, (n) =>
      this.buildCheck(n, state.checkContext, shownCheck(state)),
    );
    this.assumptions.update([view.assumptions, view.notes], (n) => this.buildAssumptions(n, view));
  }

  /** Repaints the charts with the current theme's colours. */
  repaintCharts(): void {
    this.chartsSection.invalidate();
    this.check.invalidate();
    if (this.state) this.render(this.state);
  }

  chartPng(id: ChartId): string | null {
    return this.charts.png(id);
  }

  private showEmpty(message: string, fileName: string | null): void {
    this.model.hidden = true;
    this.empty.hidden = false;
    this.charts.clear();
    for (const s of [
      this.header,
      this.summary,
      this.budget,
      this.layers,
      this.controls,
      this.chartsSection,
      this.check,
      this.assumptions,
    ])
      s.invalidate();
    this.pickerWrap = null;
    const where = fileName ? el('p', { class: 'muted', testid: 'empty-file' }, fileName) : '';
    this.empty.replaceChildren(
      el('p', { testid: 'empty-message' }, message),
      where,
      button({
        testId: 'enter-architecture',
        label: 'Enter architecture…',
        onClick: () => this.on.enterArchitecture(),
      }),
    );
  }

  private renderHeader(view: ModelView, state: WebviewState): void {
    const choices = view.models.map((m) => ({ value: m.id, label: `${m.label} (line ${m.line + 1})` }));
    const selected = shown(state, 'model', view.selected);
    this.header.update({ n: view.models.length, origin: view.origin, file: view.fileName }, (n) => {
      this.pickerWrap =
        view.models.length > 1
          ? dropdown({
              testId: 'model-picker',
              label: `${view.models.length} models in this file`,
              choices,
              value: selected,
              onChange: (id) => this.on.selectModel(id),
            })
          : null;
      const current = view.models.find((m) => m.id === view.selected);
      n.replaceChildren(
        el('h2', { testid: 'model-name' }, current?.label ?? 'model'),
        el(
          'p',
          { class: 'muted', testid: 'model-origin' },
          view.origin === 'manual' ? 'entered by hand' : (view.fileName ?? ''),
        ),
        ...(this.pickerWrap ? [this.pickerWrap] : []),
      );
    });
    const nameEl = this.header.node.querySelector('[data-testid="model-name"]');
    const current = view.models.find((m) => m.id === view.selected);
    if (nameEl) nameEl.textContent = current?.label ?? 'model';
    const picker = this.pickerWrap ? dropdownElement(this.pickerWrap) : null;
    if (picker) setDropdownChoices(picker, choices, selected);
  }

  private buildSummary(n: HTMLElement, view: ModelView): void {
    const r = view.result;
    if (!r.ok) {
      n.replaceChildren(el('p', { class: 'warning', testid: 'result-error', role: 'status' }, r.reason));
      return;
    }
    const parts: Node[] = [
      el('p', { class: 'winner', testid: 'winner-text' }, r.winnerLabel),
      el('p', { class: 'pstar', testid: 'pstar-text' }, r.pStarText),
    ];
    if (r.flags.length > 0) {
      parts.push(
        el(
          'ul',
          { class: 'flags', testid: 'validity-flags', 'aria-label': 'Where the number is not to be trusted' },
          ...r.flags.map((f) => el('li', { class: 'warning' }, el('strong', {}, `${f.mark}: `), f.sentence)),
        ),
      );
    }
    parts.push(
      el('p', { class: 'muted', testid: 'robustness-text' }, r.robustnessText),
      el('p', { class: 'exponents', testid: 'exponents-text' }, r.exponentText),
      el('ul', { class: 'patterns', testid: 'pattern-lines' }, ...r.patternLines.map((l) => el('li', {}, l))),
    );
    if (r.noLearning) parts.push(el('p', { class: 'muted', testid: 'no-learning' }, r.noLearning));
    if (r.competing.length > 0) {
      parts.push(
        el(
          'p',
          { class: 'muted', testid: 'competing-text' },
          `Same scaling, not separable by scale analysis: ${r.competing.join(', ')}`,
        ),
      );
    }
    if (r.runnersUp.length > 0) {
      parts.push(
        el(
          'details',
          { testid: 'runners-up' },
          el('summary', {}, 'Runner-up patterns'),
          el('ul', {}, ...r.runnersUp.map((u) => el('li', {}, `${u.label}: ${u.pStarText} — ${u.exponentText}`))),
        ),
      );
    }
    for (const w of r.warnings) parts.push(el('p', { class: 'warning' }, w));
    if (r.why.length > 0) parts.push(whySection(r.why));
    n.replaceChildren(...parts);
  }

  private buildLayers(n: HTMLElement, view: ModelView): void {
    const rows = view.layers.map((l) =>
      el(
        'tr',
        { class: `role-${l.role}`, testid: `layer-row-${l.index}` },
        el('td', {}, l.line >= 0 ? reveal(`${l.line + 1}`, l.line, this.on) : '—'),
        el('td', {}, l.kind),
        el('td', {}, l.units),
        el('td', {}, l.activation),
        el('td', {}, l.verdict ?? roleText(l.role)),
      ),
    );
    n.replaceChildren(
      el('h3', {}, 'Layers'),
      el(
        'table',
        { testid: 'layers-table' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['line', 'layer', 'units', 'activation', 'pattern'].map((h) => el('th', { scope: 'col' }, h)),
          ),
        ),
        el('tbody', {}, ...rows),
      ),
      ...(view.sizesFrom.length > 0
        ? [
            el(
              'ul',
              { class: 'muted small', testid: 'sizes-from', 'aria-label': 'Sizes fixed in other files' },
              ...view.sizesFrom.map((t) => el('li', {}, t)),
            ),
          ]
        : []),
    );
  }

  private buildControls(n: HTMLElement, view: ModelView): void {
    const st = () => this.state;
    // The host reads what is typed (a size may be `28*28` or `2^10`) and answers each field.
    const withMessage = (field: HTMLElement, control: string): HTMLElement =>
      el(
        'div',
        { class: 'field' },
        field,
        el('p', { class: 'muted small field-message', testid: `feedback-${control}`, 'aria-live': 'polite' }),
      );
    const degree = withMessage(
      textField({
        testId: 'control-degree',
        label: `Target degree m (${view.paramSources.degree})`,
        value: String(view.params.degree),
        onCommit: (text) => this.on.edit({ field: 'degree', text }),
      }),
      'degree',
    );
    const kappa = withMessage(
      textField({
        testId: 'control-kappa',
        label: `κ, noise / ridge (${view.paramSources.kappa})`,
        value: String(view.params.kappa),
        onCommit: (text) => this.on.edit({ field: 'kappa', text }),
      }),
      'kappa',
    );
    const samples = withMessage(
      textField({
        testId: 'control-samples',
        label: `Training samples P (${view.samples.value === null ? 'not set' : view.samples.line !== null ? `code, line ${view.samples.line}` : view.samples.source})`,
        value: view.samples.value === null ? '' : String(view.samples.value),
        placeholder: 'e.g. 60000, 6*10^4',
        onCommit: (text) => this.on.edit({ field: 'samples', text }),
      }),
      'samples',
    );
    samples.title = 'Your training-set size: compared with P*, and the widths for which P* ≤ P';
    const unknowns = view.unknowns.map((u) => {
      const field = textField({
        testId: `control-unknown-${u.symbol}`,
        label: `${u.symbol} (${u.value === null ? 'needed' : u.source})`,
        value: u.value === null ? '' : String(u.value),
        placeholder: 'a size: 784, 28*28, [28, 28, 1]',
        onCommit: (text) => this.on.edit({ field: 'unknown', symbol: u.symbol, text }),
      });
      field.title = u.reason;
      return el(
        'div',
        { class: 'unknown' },
        withMessage(field, `unknown:${u.symbol}`),
        el('p', { class: 'muted small' }, u.reason),
      );
    });
    const sliders = view.whatIf.map((c) => slider(c, this.on, st));
    n.replaceChildren(
      el('h3', {}, 'Inputs'),
      el('div', { class: 'row' }, degree, kappa),
      samples,
      ...(unknowns.length > 0 ? [el('h4', {}, 'Sizes the code does not fix'), ...unknowns] : []),
      ...(sliders.length > 0 ? [el('h4', {}, 'What if… (the code is not changed)'), ...sliders] : []),
      button({ testId: 'reset-button', label: 'Reset', secondary: true, onClick: () => this.on.reset() }),
    );
  }

  /** Puts the host's values (or the user's unconfirmed ones) into existing controls. */
  private updateControls(view: ModelView, state: WebviewState): void {
    const q = (id: string) => this.controls.node.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`);
    const typed = (testId: string, control: string, value: number | null): void => {
      const f = q(testId);
      const message = q(`feedback-${control}`);
      if (!f || !message) return;
      const feedback = state.feedback[control];
      // A refused value is replaced by the one in use even while the field has the focus.
      const refused = feedback !== undefined && !feedback.ok && state.drafts[control] === undefined;
      const force = refused && this.lastFeedback[control] !== feedback;
      if (value !== null || force) setTextField(f, value === null ? '' : String(shown(state, control, value)), force);
      this.lastFeedback[control] = feedback;
      setFieldMessage(f, message, feedback);
    };
    typed('control-degree', 'degree', view.params.degree);
    typed('control-kappa', 'kappa', view.params.kappa);
    typed('control-samples', 'samples', view.samples.value);
    for (const u of view.unknowns) typed(`control-unknown-${u.symbol}`, `unknown:${u.symbol}`, u.value);
    for (const c of view.whatIf) {
      const input = q(`whatif-${c.size}`) as HTMLInputElement | null;
      const value = shown(state, `whatIf:${c.size}`, c.value);
      if (input && document.activeElement !== input) input.value = String(toPosition(value, c.min, c.max, c.scale));
      const out = q(`whatif-${c.size}-value`);
      if (out) out.textContent = sliderText(c, value);
    }
  }

  private buildCharts(n: HTMLElement, charts: ChartsView | null, pending: boolean, open: ChartId[]): void {
    if (charts === null) {
      for (const id of CHART_IDS) this.charts.drop(id);
      n.replaceChildren(
        pending
          ? el('p', { class: 'muted', testid: 'charts-pending' }, 'Computing the charts…')
          : el('p', { class: 'muted', testid: 'charts-unavailable' }, 'Charts appear once the model can be analysed.'),
      );
      return;
    }
    const palette = readPalette();
    const picker =
      charts.sizeChoices.length > 1
        ? dropdown({
            testId: 'sweep-size',
            label: 'Width on the charts',
            choices: charts.sizeChoices.map((s) => ({ value: s, label: s })),
            value: charts.size,
            onChange: (size) => this.on.edit({ field: 'sweepSize', size }),
          })
        : null;
    const figures = CHART_IDS.map((id) => {
      const existing = n.querySelector<HTMLCanvasElement>(`canvas[data-testid="chart-${id}"]`);
      const canvas = existing ?? el('canvas', { testid: `chart-${id}`, role: 'img' });
      canvas.setAttribute('aria-label', `${CHART_TITLES[id]}; the data table below has the values`);
      const details = dataTable(id, chartTable(id, charts));
      if (open.includes(id)) details.setAttribute('open', '');
      details.addEventListener('toggle', () => this.on.toggleTable(id, details.open));
      return {
        id,
        figure: el(
          'figure',
          { testid: `figure-${id}` },
          el('figcaption', {}, CHART_TITLES[id]),
          el('div', { class: 'canvas-wrap' }, canvas),
          details,
        ),
        canvas,
      };
    });
    n.replaceChildren(el('h3', {}, 'Charts'), ...(picker ? [picker] : []), ...figures.map((f) => f.figure));
    for (const f of figures) {
      if (f.id === 'regime' && charts.regime === null) continue;
      this.charts.render(f.id, f.canvas, charts, palette);
    }
  }

  private buildCheck(n: HTMLElement, context: CheckContext | null, panel: CheckPanel | null): void {
    const title = el('h3', {}, 'Check by training');
    if (context === null || context.key === null) {
      this.charts.drop('check');
      n.replaceChildren(
        title,
        el('p', { class: 'muted', testid: 'check-blocked' }, context?.blocked ?? 'Waiting for the prediction…'),
      );
      return;
    }
    const intro = el(
      'p',
      { class: 'muted small' },
      `Trains this network on synthetic data y = He_m(w*·x) at d/2, d and 2d, finds for each d and seed the training-set size where it starts to learn, and fits how that onset scales with d against the prediction (${context.budget} budget; setting tfjsScaling.check.budget).`,
    );
    const run = button({
      testId: 'check-button',
      label: 'Check prediction by training…',
      onClick: () => this.on.runCheck(),
    });
    if (panel === null || panel.phase !== 'done') this.charts.drop('check');
    if (panel === null) {
      n.replaceChildren(title, intro, run);
      return;
    }
    switch (panel.phase) {
      case 'running': {
        const bar = el('progress', {
          testid: 'check-progressbar',
          max: String(Math.max(1, panel.total)),
          value: String(panel.done),
        });
        const text =
          panel.total > 0
            ? `Training run ${Math.min(panel.done + 1, panel.total)} of ${panel.total}: ${panel.message}`
            : `Preparing: ${panel.message}`;
        n.replaceChildren(
          title,
          intro,
          el('p', { testid: 'check-progress', role: 'status' }, text),
          bar,
          el('p', { class: 'muted small' }, 'Cancel from the progress notification.'),
        );
        return;
      }
      case 'error':
        n.replaceChildren(
          title,
          intro,
          el(
            'p',
            { class: panel.cancelled ? 'muted' : 'warning', testid: 'check-error', role: 'status' },
            panel.message,
          ),
          run,
        );
        return;
      case 'done':
        this.buildCheckResult(n, title, panel.result, panel.cached);
        return;
    }
  }

  private buildCheckResult(n: HTMLElement, title: HTMLElement, result: CheckResult, cached: boolean): void {
    const existing = n.querySelector<HTMLCanvasElement>('canvas[data-testid="chart-check"]');
    const canvas = existing ?? el('canvas', { testid: 'chart-check', role: 'img' });
    canvas.setAttribute(
      'aria-label',
      'Alignment against P / P*, one curve per input dimension; the data table below has the values',
    );
    const v = result.verdict;
    const verdictText = v.text.charAt(0).toUpperCase() + v.text.slice(1);
    n.replaceChildren(
      title,
      el(
        'p',
        { class: `verdict verdict-${v.status}`, testid: 'check-verdict' },
        el('strong', {}, `${VERDICT_LABELS[v.status]}. `),
        verdictText,
      ),
      el('ul', { class: 'fit', testid: 'check-fit' }, ...fitLines(result).map((l) => el('li', {}, l))),
      el(
        'ul',
        { class: 'specialists', testid: 'check-specialists' },
        ...specialistLines(result).map((l) => el('li', {}, l)),
      ),
      el(
        'figure',
        { testid: 'figure-check' },
        el('figcaption', {}, 'Alignment against P / P*'),
        el('div', { class: 'canvas-wrap' }, canvas),
        dataTable('check', trainingTable(result)),
      ),
      el(
        'p',
        { class: 'muted small', testid: 'check-summary' },
        `${runSummary(result)}${cached ? ' (kept from earlier in this session)' : ''}.`,
      ),
      el(
        'details',
        { testid: 'check-notes' },
        el('summary', {}, 'How this was measured'),
        el('ul', {}, ...result.notes.map((t) => el('li', {}, t))),
      ),
    );
    this.charts.renderCheck(canvas, result, readPalette());
  }

  private buildAssumptions(n: HTMLElement, view: ModelView): void {
    n.replaceChildren(
      el('h3', {}, 'Assumptions'),
      el('ul', { testid: 'assumptions' }, ...view.assumptions.map((a) => el('li', {}, a))),
      ...(view.notes.length > 0
        ? [el('h4', {}, 'Notes'), el('ul', { testid: 'notes' }, ...view.notes.map((a) => el('li', {}, a)))]
        : []),
      el(
        'p',
        { class: 'muted small' },
        'Scale analysis of Rubin, Davidovich & Ringel, "Mitigating the Curse of Detail" (ICLR 2026, arXiv:2512.04165): equilibrium networks, heuristic; compare models and read exponents, not exact counts.',
      ),
    );
  }
}

const VERDICT_LABELS: Record<CheckResult['verdict']['status'], string> = {
  consistent: 'Consistent with the prediction',
  inconsistent: 'Not consistent with the prediction',
  inconclusive: 'Inconclusive',
};

/** "Why this pattern": each candidate's energy term by term, its optimum and its rules' provenance. */
function whySection(why: readonly WhyView[]): HTMLElement {
  const one = (w: WhyView, i: number): HTMLElement =>
    el(
      'section',
      { class: 'why-candidate', testid: `why-${i}` },
      el('h4', {}, `${i === 0 ? 'Winner' : 'Runner-up'}: ${w.label} — ${w.heading}`),
      el(
        'table',
        { class: 'why-terms' },
        el(
          'thead',
          {},
          el('tr', {}, ...['who pays', 'term', 'at the optimum', 'value'].map((h) => el('th', { scope: 'col' }, h))),
        ),
        el(
          'tbody',
          {},
          ...w.terms.map((t) =>
            el(
              'tr',
              { title: t.role },
              el('th', { scope: 'row' }, t.payer),
              el('td', {}, t.symbolic),
              el('td', {}, t.numeric),
              el('td', {}, t.value),
            ),
          ),
        ),
      ),
      el('p', { class: 'why-sum' }, w.sum),
      ...(w.optimum ? [el('p', { class: 'muted small' }, w.optimum)] : []),
      el(
        'ul',
        { class: 'why-rules small' },
        ...w.rules.map((r) => el('li', {}, el('strong', {}, `[${r.provenance}] `), r.rule)),
      ),
    );
  return el('details', { testid: 'why-view' }, el('summary', {}, 'Why this pattern'), ...why.map(one));
}

/** A chart's text alternative: its numbers as a table inside a disclosure, with matching test ids. */
function dataTable(id: string, table: Table): HTMLDetailsElement {
  return el(
    'details',
    { testid: `chart-${id}-details` },
    el('summary', {}, 'Data table'),
    el(
      'table',
      { testid: `chart-${id}-table` },
      el('caption', {}, table.caption),
      el('thead', {}, el('tr', {}, ...table.head.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...table.rows.map((r) =>
          el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))),
        ),
      ),
    ),
  );
}

/** P against P* in words, and the widths for which P* ≤ P (worked out with the charts). */
function buildBudget(n: HTMLElement, budget: BudgetView | null): void {
  if (budget === null) {
    n.replaceChildren();
    return;
  }
  n.replaceChildren(
    el('p', { class: budget.enough ? 'budget' : 'budget warning', testid: 'budget-text' }, budget.sentence),
    budget.widths === null
      ? el('p', { class: 'muted small', testid: 'budget-widths-pending' }, 'Working out the widths that fit…')
      : el(
          'ul',
          { class: 'small', testid: 'budget-widths', 'aria-label': 'Widths for which P* ≤ P' },
          ...budget.widths.map((w) => el('li', {}, w)),
        ),
  );
}

/** What decides whether the controls are rebuilt: which controls exist, not their values. */
function controlShape(view: ModelView): unknown {
  return {
    sources: view.paramSources,
    samples: [view.samples.source, view.samples.value === null, view.samples.line],
    unknowns: view.unknowns.map((u) => [u.symbol, u.source, u.value === null, u.reason]),
    whatIf: view.whatIf.map((c) => [c.size, c.min, c.max, c.scale, c.base]),
  };
}

function roleText(role: string): string {
  switch (role) {
    case 'readout':
      return 'linear readout';
    case 'passthrough':
      return 'does not change widths';
    case 'outside-theory':
      return 'outside the theory';
    default:
      return '';
  }
}

function reveal(text: string, line: number, on: Handlers): HTMLElement {
  const a = el('a', { href: '#', class: 'line-link', 'aria-label': `reveal line ${line + 1} in the editor` }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    on.reveal(line);
  });
  return a;
}

function sliderText(c: WhatIfControl, value: number): string {
  return value === c.base ? `${value}` : `${value} (code: ${c.base})`;
}

function slider(c: WhatIfControl, on: Handlers, state: () => WebviewState | null): HTMLElement {
  const id = `whatif-input-${c.size}`;
  const input = el('input', { type: 'range', id, testid: `whatif-${c.size}`, min: '0', max: String(STEPS), step: '1' });
  const s = state();
  const value = s ? shown(s, `whatIf:${c.size}`, c.value) : c.value;
  input.value = String(toPosition(value, c.min, c.max, c.scale));
  input.setAttribute('aria-valuetext', String(value));
  const out = el('output', { for: id, testid: `whatif-${c.size}-value` }, sliderText(c, value));
  input.addEventListener('input', () => {
    const v = fromPosition(Number(input.value), c.min, c.max, c.scale);
    out.textContent = sliderText(c, v);
    input.setAttribute('aria-valuetext', String(v));
    on.edit({ field: 'whatIf', size: c.size, value: v });
  });
  return el('div', { class: 'slider' }, el('label', { for: id }, c.label), input, out);
}
