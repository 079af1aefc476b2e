// The regime map: which pattern wins over a grid of (swept size, input dimension). Each column
// (one value of the swept size) gives the exact winner at every input dimension (see
// columns.ts), with analyze()'s energies and tie rule, so every cell is analyze()'s winner.
import { logGrid } from './grid';
import { chartColumns, type ChartColumns } from './sweep';
import { EngineInputError, type AnalysisOptions, type Architecture, type RegimeMap, type SweepRange } from './types';

/** The map over the columns' widths and a log grid of input dimensions. */
export function mapOf(cols: ChartColumns, dimRange: SweepRange): RegimeMap {
  const { source, values: widths, columns } = cols;
  const dims = logGrid(dimRange, 'dimRange');
  // Rows where the network is not valid (a convolution with fewer inputs than patches) stay empty.
  const rowValid = dims.map((d) => source.validDim(d));
  if (!rowValid.includes(true)) {
    throw new EngineInputError(
      'invalid-size',
      'dimRange',
      'No input dimension in this range gives a valid network (a convolution needs at least as many inputs as patches).',
    );
  }
  const labels: string[] = [];
  const labelText: string[] = [];
  const labelOf = new Map<string, number>();
  const cells = dims.map((d, row) =>
    columns.map((column) => {
      if (!rowValid[row]) return -1;
      const key = column.winner(d)?.key;
      if (key === undefined) return -1;
      let label = labelOf.get(key);
      if (label === undefined) {
        label = labels.push(key) - 1;
        labelText.push(column.label(key));
        labelOf.set(key, label);
      }
      return label;
    }),
  );
  return { size: source.size, widths, dims, labels, labelText, cells };
}

export function regimeMap(
  arch: Architecture,
  size: string,
  widthRange: SweepRange,
  dimRange: SweepRange,
  options?: AnalysisOptions,
): RegimeMap {
  return mapOf(chartColumns(arch, size, widthRange, options), dimRange);
}
