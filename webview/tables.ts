// Text alternatives of the three charts: the same numbers as tables, for screen readers and for
// anyone who wants the values. Pure (no DOM), tested under node.
import type { ChartId, ChartsView } from '../src/protocol';

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
}

/** Numbers as in the sidebar text: two significant digits, exponent form for large and small values. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return '∞';
  const abs = Math.abs(x);
  if (abs >= 0.1 && abs < 1e4) return String(Number(x.toPrecision(abs >= 100 ? 4 : 3)));
  const [m, e] = x.toExponential(1).split('e') as [string, string];
  return `${m.replace(/\.0$/, '')}e${Number(e)}`;
}

/** The shaded band in words: "; shaded: P* ≤ P for N2 from 40 to 900". */
function bandText(view: ChartsView): string {
  const b = view.band;
  if (b === null) return '';
  const lo = b.openBelow ? `up to ${num(b.to)}` : `from ${num(b.from)}`;
  const hi = b.openBelow ? '' : b.openAbove ? ' up' : ` to ${num(b.to)}`;
  return `; shaded: P* ≤ P for ${view.size} ${lo}${hi}`;
}

function label(view: ChartsView, key: string | null | undefined): string {
  if (key === null || key === undefined) return 'unreachable';
  return view.labels[key] ?? key;
}

export function chartTable(chart: ChartId, view: ChartsView): Table {
  const s = view.sweep;
  switch (chart) {
    case 'pstar':
      return {
        caption: `P* against ${s.size} (κ = ${num(view.kappa)}); your model has ${s.size} = ${num(view.userValue)}, P* ≈ ${num(view.userPStar)}${bandText(view)}`,
        head: [s.size, 'P*', 'winning pattern'],
        rows: s.values.map((v, i) => [num(v), num(s.pStar[i]), label(view, s.winners[i])]),
      };
    case 'energy':
      return {
        caption: `Energy E of every candidate pattern against ${s.size} (P* = κE); — where a pattern has no optimum`,
        head: [s.size, ...s.series.map((x) => x.label)],
        rows: s.values.map((v, i) => [num(v), ...s.series.map((x) => num(x.energy[i]))]),
      };
    case 'regime': {
      const r = view.regime;
      if (r === null) return { caption: 'Regime map not available for this architecture', head: [], rows: [] };
      return {
        caption: `Winning pattern by input dimension d (rows) and ${r.size} (columns)`,
        head: [`d \\ ${r.size}`, ...r.widths.map(num)],
        rows: r.dims.map((d, i) => [
          num(d),
          ...r.widths.map((_, j) => {
            const k = r.cells[i]?.[j] ?? -1;
            return k < 0 ? 'unreachable' : (r.labelText[k] ?? r.labels[k] ?? '?');
          }),
        ]),
      };
    }
  }
}
