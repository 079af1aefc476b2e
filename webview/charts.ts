// The three charts (chart.js, log axes, theme colours): P* against width with the user's model
// and the crossovers marked, the energy of every candidate against width, and the regime map;
// and the check's chart, measured alignment against P / P*.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
  type Scale,
} from 'chart.js';
import { CHART_IDS, type ChartId, type ChartsView, type CheckResult } from '../src/protocol';
import { checkSeries, ONSET_LINE, ratioRange } from './checkData';
import { labelSpots, patternStyle, type Fill, type Spot } from './regimeStyle';
import { formatExact, formatNumber as num } from '../src/present/numbers';
import { seriesColour, type Palette } from './theme';

Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LogarithmicScale,
  LinearScale,
  Legend,
  Tooltip,
  Title,
);

type XY = { x: number; y: number | null };
type Marks = {
  lines: { at: number; text: string; strong: boolean }[];
  cells: CellMap | null;
  palette: Palette;
  level?: { at: number; text: string };
  /** Stretches shaded on the x axis: where P* ≤ the user's training-set size. */
  bands?: { from: number; to: number }[];
};
interface CellMap {
  widths: number[];
  dims: number[];
  cells: number[][];
  /** Each pattern's fill (a colour, or a hatch of one), by pattern index. */
  fills: (string | CanvasPattern)[];
  marks: string[];
  /** Where each pattern's mark is written: inside its region. */
  spots: Map<number, Spot>;
}

/** A regime map cell's centre, with its pattern, for the per-cell tooltip. */
type CellPoint = XY & { k: number };

// Per-chart drawing data the plugins read; kept beside the chart rather than in its options.
const marks = new WeakMap<Chart, Marks>();

/** Fills the background so the chart (and an exported PNG) reads on any theme. */
const background: Plugin = {
  id: 'tfjsBackground',
  beforeDraw(chart) {
    const m = marks.get(chart);
    if (!m) return;
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = m.palette.background;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Vertical lines: crossovers (dashed) and the user's width (solid). */
const verticals: Plugin = {
  id: 'tfjsVerticals',
  afterDatasetsDraw(chart) {
    const m = marks.get(chart);
    const x = chart.scales.x;
    if (!m || !x) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = `10px ${m.palette.fontFamily}`;
    m.lines.forEach((line, i) => {
      const px = x.getPixelForValue(line.at);
      if (px < chartArea.left || px > chartArea.right) return;
      ctx.strokeStyle = line.strong ? m.palette.accent : m.palette.muted;
      ctx.fillStyle = m.palette.foreground;
      ctx.lineWidth = line.strong ? 1.5 : 1;
      ctx.setLineDash(line.strong ? [] : [4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      if (line.text) {
        const w = ctx.measureText(line.text).width;
        const tx = px + 3 + w > chartArea.right ? px - 3 - w : px + 3;
        ctx.fillText(line.text, tx, chartArea.top + 10 + 12 * (i % 3));
      }
    });
    ctx.restore();
  },
};

/** A dashed horizontal line: the alignment at which the check counts a curve as learning. */
const level: Plugin = {
  id: 'tfjsLevel',
  afterDatasetsDraw(chart) {
    const m = marks.get(chart);
    const y = chart.scales.y;
    if (!m?.level || !y) return;
    const { ctx, chartArea } = chart;
    const py = y.getPixelForValue(m.level.at);
    // A level off the axis's range (P far from the P* curve) is not drawn over the axes.
    if (!(py >= chartArea.top && py <= chartArea.bottom)) return;
    ctx.save();
    ctx.strokeStyle = m.palette.muted;
    ctx.fillStyle = m.palette.muted;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(chartArea.left, py);
    ctx.lineTo(chartArea.right, py);
    ctx.stroke();
    ctx.font = `10px ${m.palette.fontFamily}`;
    ctx.fillText(m.level.text, chartArea.left + 4, py - 4);
    ctx.restore();
  },
};

function edges(values: number[]): number[] {
  // Cell borders halfway between grid points in log space.
  const out: number[] = [];
  for (let i = 0; i <= values.length; i++) {
    const a = values[Math.max(0, i - 1)] ?? 1;
    const b = values[Math.min(values.length - 1, i)] ?? 1;
    if (i === 0) out.push(a * Math.sqrt(a / (values[1] ?? a * 2)));
    else if (i === values.length) out.push(a * Math.sqrt(a / (values[values.length - 2] ?? a / 2)));
    else out.push(Math.sqrt(a * b));
  }
  return out;
}

/** Shades the stretches of the swept size for which P* fits in the user's training set, under the curve. */
const band: Plugin = {
  id: 'tfjsBand',
  beforeDatasetsDraw(chart) {
    const m = marks.get(chart);
    const x = chart.scales.x;
    if (!m?.bands || !x) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    for (const b of m.bands) {
      const left = Math.max(chartArea.left, x.getPixelForValue(b.from));
      const right = Math.min(chartArea.right, x.getPixelForValue(b.to));
      if (right <= left) continue;
      ctx.globalAlpha = m.palette.highContrast ? 0.35 : 0.18;
      ctx.fillStyle = m.palette.accent;
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      ctx.globalAlpha = 1;
      ctx.fillStyle = m.palette.foreground;
      ctx.font = '10px sans-serif';
      ctx.fillText('P* ≤ P', left + 3, chartArea.bottom - 4);
    }
    ctx.restore();
  },
};

/** Paints the regime map's cells under the datasets (only the user's point is a dataset). */
const regimeCells: Plugin = {
  id: 'tfjsRegimeCells',
  beforeDatasetsDraw(chart) {
    const m = marks.get(chart);
    const x = chart.scales.x;
    const y = chart.scales.y;
    if (!m?.cells || !x || !y) return;
    const { ctx } = chart;
    const { fills, widths, dims } = m.cells;
    const xe = edges(widths);
    const ye = edges(dims);
    ctx.save();
    ctx.globalAlpha = m.palette.highContrast ? 0.9 : 0.55;
    m.cells.cells.forEach((row, i) =>
      row.forEach((k, j) => {
        if (k < 0) return;
        const x0 = x.getPixelForValue(xe[j] ?? 1);
        const x1 = x.getPixelForValue(xe[j + 1] ?? 1);
        const y0 = y.getPixelForValue(ye[i] ?? 1);
        const y1 = y.getPixelForValue(ye[i + 1] ?? 1);
        ctx.fillStyle = fills[k] ?? seriesColour(m.palette, k);
        ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0) + 0.5, Math.abs(y1 - y0) + 0.5);
      }),
    );
    // Each pattern's number inside its region, the same number as in the legend: the map reads
    // without telling colours apart.
    ctx.globalAlpha = 1;
    ctx.font = `bold 11px ${m.palette.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = m.palette.background;
    ctx.fillStyle = m.palette.foreground;
    for (const [k, spot] of m.cells.spots) {
      const px = x.getPixelForValue(widths[spot.col] ?? 1);
      const py = y.getPixelForValue(dims[spot.row] ?? 1);
      const mark = m.cells.marks[k] ?? '';
      ctx.strokeText(mark, px, py);
      ctx.fillText(mark, px, py);
    }
    ctx.restore();
  },
};

function logAxis(p: Palette, title: string, range?: { min: number; max: number }): Record<string, unknown> {
  return {
    type: 'logarithmic',
    ...(range ?? {}),
    title: { display: true, text: title, color: p.foreground },
    ticks: {
      color: p.muted,
      autoSkip: true,
      maxRotation: 0,
      callback(this: Scale, value: number | string) {
        // Powers of ten always; 2 and 5 as well when the axis spans under two decades.
        const v = Number(value);
        const mantissa = Math.round((v / 10 ** Math.floor(Math.log10(v) + 1e-9)) * 1e6) / 1e6;
        const narrow = Math.log10(this.max / this.min) < 2;
        return mantissa === 1 || (narrow && (mantissa === 2 || mantissa === 5)) ? num(v) : '';
      },
    },
    grid: { color: p.grid },
    border: { color: p.grid },
  };
}

function baseOptions(
  p: Palette,
  xTitle: string,
  yTitle: string,
  legend: boolean,
  ranges: { x?: { min: number; max: number }; y?: { min: number; max: number } } = {},
): ChartConfiguration['options'] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: true,
    aspectRatio: 1.3,
    parsing: false,
    normalized: true,
    color: p.foreground,
    scales: { x: logAxis(p, xTitle, ranges.x), y: logAxis(p, yTitle, ranges.y) } as never,
    plugins: {
      legend: {
        display: legend,
        position: 'bottom',
        labels: { color: p.foreground, boxWidth: 12, font: { size: 10 } },
      },
      tooltip: { enabled: true },
    },
  };
}

function points(xs: number[], ys: (number | null)[]): XY[] {
  return xs.map((x, i) => ({ x, y: ys[i] ?? null }));
}

function configFor(id: ChartId, view: ChartsView, p: Palette): { config: ChartConfiguration; marks: Marks } {
  const s = view.sweep;
  const you: ChartDataset<'scatter', XY[]> = {
    type: 'scatter',
    label: 'your model',
    data:
      id === 'regime'
        ? [{ x: view.userValue, y: view.userDim }]
        : [{ x: view.userValue, y: id === 'pstar' ? view.userPStar : view.userPStar / view.kappa }],
    pointStyle: 'crossRot',
    pointRadius: 8,
    pointBorderWidth: 2.5,
    borderColor: p.accent,
    backgroundColor: p.accent,
  };
  const crossLines = view.crossovers.map((c) => ({ at: c.at, text: `${c.fromLabel} ⇒ ${c.toLabel}`, strong: false }));
  switch (id) {
    case 'pstar': {
      const data: ChartDataset<'line', XY[]> = {
        type: 'line',
        label: 'P* (winning pattern)',
        data: points(s.values, s.pStar),
        borderColor: seriesColour(p, 0),
        backgroundColor: seriesColour(p, 0),
        pointRadius: 0,
        borderWidth: 2,
        spanGaps: false,
      };
      return {
        config: {
          type: 'line',
          data: { datasets: [data, you] as ChartDataset[] },
          options: baseOptions(p, s.size, 'P* (samples, κ·E)', true),
        },
        marks: {
          lines: crossLines,
          cells: null,
          palette: p,
          bands: view.bands,
          ...(view.samples === null ? {} : { level: { at: view.samples, text: `P = ${num(view.samples)}` } }),
        },
      };
    }
    case 'energy': {
      const datasets: ChartDataset[] = s.series.map((series, i) => ({
        type: 'line',
        label: series.label,
        data: points(s.values, series.energy),
        borderColor: seriesColour(p, i),
        backgroundColor: seriesColour(p, i),
        borderDash: i >= p.series.length ? [6, 3] : [],
        pointRadius: 0,
        borderWidth: 1.5,
        spanGaps: false,
      }));
      return {
        config: {
          type: 'line',
          data: { datasets: [...datasets, you] },
          options: baseOptions(p, s.size, 'energy E', true),
        },
        marks: {
          lines: [...crossLines.map((l) => ({ ...l, text: '' })), { at: view.userValue, text: 'you', strong: true }],
          cells: null,
          palette: p,
        },
      };
    }
    case 'regime': {
      const r = view.regime;
      // The cells are painted by a plugin, so the axes must be told the map's extent.
      const xe = r ? edges(r.widths) : [];
      const ye = r ? edges(r.dims) : [];
      const ranges = r
        ? { x: { min: xe[0] ?? 1, max: xe[xe.length - 1] ?? 10 }, y: { min: ye[0] ?? 1, max: ye[ye.length - 1] ?? 10 } }
        : {};
      // The legend is the patterns that win somewhere on this map, each with its fill and number.
      const fills = (r?.labelText ?? []).map((_, k) => regimeFill(p, k));
      const marksText = (r?.labelText ?? []).map((_, k) => patternStyle(k, p.series.length).mark);
      const legend: ChartDataset[] = (r?.labelText ?? []).map((text, k) => ({
        type: 'scatter',
        label: `${marksText[k]} ${text}`,
        data: [],
        backgroundColor: fills[k],
        borderColor: seriesColour(p, patternStyle(k, p.series.length).colour),
        pointStyle: 'rect',
      }));
      // An invisible point at each cell's centre gives every cell its tooltip (pattern, width, d).
      const centres: CellPoint[] = r
        ? r.dims.flatMap((y, i) => r.widths.map((x, j) => ({ x, y, k: r.cells[i]?.[j] ?? -1 }))).filter((c) => c.k >= 0)
        : [];
      const cellTips: ChartDataset<'scatter', CellPoint[]> = {
        type: 'scatter',
        label: CELLS_LABEL,
        data: centres,
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 0,
      };
      const size = r?.size ?? s.size;
      const base = baseOptions(p, size, 'input dimension d', true, ranges) ?? {};
      const options: ChartConfiguration['options'] = {
        ...base,
        // The cell under the pointer answers, not only a point exactly under it.
        interaction: { mode: 'nearest', intersect: false },
        plugins: {
          ...base.plugins,
          legend: {
            ...base.plugins?.legend,
            labels: { ...base.plugins?.legend?.labels, filter: (item) => item.text !== CELLS_LABEL },
          },
          tooltip: {
            callbacks: {
              title: (items) => {
                const c = items[0]?.raw as XY | undefined;
                return c ? `${size} = ${formatExact(c.x ?? NaN)}, d = ${formatExact(c.y ?? NaN)}` : '';
              },
              label: (item) => {
                const k = (item.raw as Partial<CellPoint>).k;
                if (item.dataset.label !== CELLS_LABEL || k === undefined) return item.dataset.label ?? '';
                return `${marksText[k] ?? ''} ${r?.labelText[k] ?? ''} wins here`;
              },
            },
          },
        },
      };
      return {
        config: {
          type: 'scatter',
          data: { datasets: [you, ...legend, cellTips as ChartDataset] },
          options,
        },
        marks: {
          lines: [],
          cells: r
            ? { widths: r.widths, dims: r.dims, cells: r.cells, fills, marks: marksText, spots: labelSpots(r.cells) }
            : null,
          palette: p,
        },
      };
    }
  }
}

/** The name of the regime map's invisible per-cell dataset: kept out of the legend. */
const CELLS_LABEL = 'cells';

/** Hatches drawn once per colour, fill and background, for the map's cells and its legend. */
const hatches = new Map<string, string | CanvasPattern>();

/** Pattern k's fill: its colour solid, or hatched in the background colour once the colours run out. */
function regimeFill(p: Palette, k: number): string | CanvasPattern {
  const style = patternStyle(k, p.series.length);
  const colour = seriesColour(p, style.colour);
  if (style.fill === 'solid') return colour;
  const key = `${colour}|${p.background}|${style.fill}`;
  const cached = hatches.get(key);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = TILE;
  tile.height = TILE;
  const ctx = tile.getContext('2d');
  if (!ctx) return colour;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, TILE, TILE);
  ctx.strokeStyle = p.background;
  ctx.fillStyle = p.background;
  ctx.lineWidth = 1.5;
  drawFill(ctx, style.fill);
  const pattern = ctx.createPattern(tile, 'repeat') ?? colour;
  hatches.set(key, pattern);
  return pattern;
}

const TILE = 8;

function drawFill(ctx: CanvasRenderingContext2D, fill: Exclude<Fill, 'solid'>): void {
  const line = (x0: number, y0: number, x1: number, y1: number): void => {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  };
  switch (fill) {
    case 'diagonal':
      // The corners too, so the stripes join across tiles.
      line(0, TILE, TILE, 0);
      line(-1, 1, 1, -1);
      line(TILE - 1, TILE + 1, TILE + 1, TILE - 1);
      break;
    case 'cross':
      line(0, TILE, TILE, 0);
      line(0, 0, TILE, TILE);
      break;
    case 'dots':
      ctx.beginPath();
      ctx.arc(TILE / 2, TILE / 2, 1.6, 0, 2 * Math.PI);
      ctx.fill();
      break;
  }
}

/** Alignment against P / P* (log), one line per d, with P = P* and the onset level marked. */
export function checkConfig(result: CheckResult, p: Palette): { config: ChartConfiguration; marks: Marks } {
  const datasets: ChartDataset[] = checkSeries(result).map((series, i) => ({
    type: 'line',
    label: series.label,
    data: series.points,
    borderColor: seriesColour(p, i),
    backgroundColor: seriesColour(p, i),
    borderDash: i >= p.series.length ? [6, 3] : [],
    pointRadius: 3,
    borderWidth: 2,
  }));
  const range = ratioRange(result);
  const ys = result.curves.flatMap((c) => c.points.map((pt) => pt.alignmentMean));
  const options = baseOptions(
    p,
    'P / P* (training samples in units of the prediction)',
    'alignment',
    true,
    range ? { x: { min: range.min / 1.2, max: range.max * 1.2 } } : {},
  );
  // Alignment is a fraction (it can dip just below 0), so its axis is linear.
  (options as { scales: Record<string, unknown> }).scales.y = {
    type: 'linear',
    min: Math.min(0, ...ys.map((y) => Math.floor(y * 10) / 10)),
    max: Math.max(1, ...ys),
    title: { display: true, text: 'alignment ⟨f, y⟩/⟨y, y⟩', color: p.foreground },
    ticks: { color: p.muted },
    grid: { color: p.grid },
    border: { color: p.grid },
  };
  return {
    config: { type: 'line', data: { datasets }, options },
    marks: {
      lines: [{ at: 1, text: 'P = P*', strong: true }],
      cells: null,
      palette: p,
      level: { at: ONSET_LINE, text: `learning (${ONSET_LINE})` },
    },
  };
}

/** Owns the chart instances; updates them in place so a new view never flashes an empty canvas. */
export class Charts {
  private readonly charts = new Map<ChartId | 'check', Chart>();

  render(id: ChartId, canvas: HTMLCanvasElement, view: ChartsView, palette: Palette): void {
    const { config, marks: m } = configFor(id, view, palette);
    this.draw(id, canvas, config, m);
  }

  renderCheck(canvas: HTMLCanvasElement, result: CheckResult, palette: Palette): void {
    const { config, marks: m } = checkConfig(result, palette);
    this.draw('check', canvas, config, m);
  }

  private draw(id: ChartId | 'check', canvas: HTMLCanvasElement, config: ChartConfiguration, m: Marks): void {
    // Axis titles, ticks, legends and tooltips in the workbench's font (it follows the theme too).
    Chart.defaults.font.family = m.palette.fontFamily;
    const existing = this.charts.get(id);
    if (existing && existing.canvas === canvas && (existing.config as { type?: string }).type === config.type) {
      existing.data = config.data;
      existing.options = config.options ?? {};
      marks.set(existing, m);
      existing.update('none');
      return;
    }
    existing?.destroy();
    const chart = new Chart(canvas, { ...config, plugins: [background, band, regimeCells, verticals, level] });
    marks.set(chart, m);
    chart.update('none');
    this.charts.set(id, chart);
  }

  /** Drops one chart (its section no longer shows it). */
  drop(id: ChartId | 'check'): void {
    this.charts.get(id)?.destroy();
    this.charts.delete(id);
  }

  /** Whether any of the three model charts is on screen (the check's chart is not one of them). */
  showing(): boolean {
    return CHART_IDS.some((id) => this.charts.has(id));
  }

  clear(): void {
    for (const c of this.charts.values()) c.destroy();
    this.charts.clear();
  }

  /** The chart as a PNG data URL, or null when it is not on screen. */
  png(id: ChartId): string | null {
    const chart = this.charts.get(id);
    return chart ? chart.toBase64Image('image/png', 1) : null;
  }
}
