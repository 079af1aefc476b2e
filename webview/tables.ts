// Text alternatives of the three charts: the same numbers as tables, for screen readers and for
// anyone who wants the values. Pure (no DOM), tested under node.
import { formatExact, formatNumber } from '../src/present/numbers';
import type { Table } from '../src/present/table';
import type { ChartId, ChartsView } from '../src/protocol';

// A scale (P*, E, κ) and a size (a width, d: whole numbers on the swept grid), by the one rule of src/present.
const num = (x: number | null | undefined): string => formatNumber(x ?? NaN);
const size = (x: number): string => formatExact(x);

/** The shaded stretches in words: "; shaded: P* ≤ P for N2 from 40 to 900 and from 5000 up". */
function bandText(view: ChartsView): string {
  if (view.bands.length === 0) return '';
  if (view.bands.every((b) => b.openBelow && b.openAbove))
    return `; shaded: P* ≤ P for every ${view.size} on the chart`;
  const words = view.bands.map((b) => {
    if (b.openBelow) return `up to ${size(b.to)}`;
    return b.openAbove ? `from ${size(b.from)} up` : `from ${size(b.from)} to ${size(b.to)}`;
  });
  return `; shaded: P* ≤ P for ${view.size} ${words.join(' and ')}`;
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
        caption: `P* against ${s.size} (κ = ${num(view.kappa)}); your model has ${s.size} = ${size(view.userValue)}, P* ≈ ${num(view.userPStar)}${bandText(view)}`,
        head: [s.size, 'P*', 'winning pattern'],
        rows: s.values.map((v, i) => [size(v), num(s.pStar[i]), label(view, s.winners[i])]),
      };
    case 'energy':
      return {
        caption: `Energy E of every candidate pattern against ${s.size} (P* = κE); — where a pattern has no optimum`,
        head: [s.size, ...s.series.map((x) => x.label)],
        rows: s.values.map((v, i) => [size(v), ...s.series.map((x) => num(x.energy[i]))]),
      };
    case 'regime': {
      const r = view.regime;
      if (r === null) return { caption: 'Regime map not available for this architecture', head: [], rows: [] };
      return {
        caption: `Winning pattern by input dimension d (rows) and ${r.size} (columns)`,
        head: [`d \\ ${r.size}`, ...r.widths.map(size)],
        rows: r.dims.map((d, i) => [
          size(d),
          ...r.widths.map((_, j) => {
            const k = r.cells[i]?.[j] ?? -1;
            return k < 0 ? 'unreachable' : (r.labelText[k] ?? r.labels[k] ?? '?');
          }),
        ]),
      };
    }
  }
}
