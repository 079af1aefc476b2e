// A table as rows of text: the sidebar lays it out as HTML, the CLI pads it into columns.

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
}

/** The table in fixed-width columns, numbers right-aligned, the caption left out: one string per line. */
export function textTable(table: Table): string[] {
  const all = [table.head, ...table.rows];
  const widths = table.head.map((_, j) => Math.max(...all.map((row) => (row[j] ?? '').length)));
  const numeric = table.head.map((_, j) => table.rows.every((row) => /^[-\d.,e∞—]*$/.test(row[j] ?? '')));
  return all.map((row) =>
    widths
      .map((w, j) => {
        const cell = row[j] ?? '';
        return numeric[j] ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd(),
  );
}
