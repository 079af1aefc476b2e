// How the regime map tells every pattern apart, however many there are (a 3–4-layer network
// has 7–8, more than the theme has chart colours): each pattern gets a colour and a fill
// (solid first, then hatched in the same colours), and a number drawn inside its region and
// beside its name in the legend. Pure (no DOM): charts.ts paints what this decides.

/** Fills in the order they are used: every colour solid, then every colour hatched, and so on. */
export const FILLS = ['solid', 'diagonal', 'cross', 'dots'] as const;
export type Fill = (typeof FILLS)[number];

export interface PatternStyle {
  /** Index into the palette's series colours. */
  colour: number;
  fill: Fill;
  /** Drawn in the pattern's region and before its name in the legend. */
  mark: string;
}

/** Pattern k's look with `colours` colours: distinct for the first colours × 4 patterns, and every mark is distinct. */
export function patternStyle(k: number, colours: number): PatternStyle {
  const n = Math.max(1, colours);
  return { colour: k % n, fill: FILLS[Math.floor(k / n) % FILLS.length] ?? 'solid', mark: String(k + 1) };
}

export interface Spot {
  row: number;
  col: number;
  /** Cells from the spot to the nearest cell of another pattern or the map's edge (1: on the border). */
  depth: number;
}

/**
 * Where to write each pattern's mark: in the cell of its region farthest from any other
 * pattern and from the map's edge, so the mark sits inside the region even when the region
 * is not convex. `cells[row][col]` is the pattern index, -1 where nothing wins.
 */
export function labelSpots(cells: readonly (readonly number[])[]): Map<number, Spot> {
  const rows = cells.length;
  const cols = Math.max(0, ...cells.map((r) => r.length));
  const at = (r: number, c: number): number => cells[r]?.[c] ?? -1;
  // Breadth-first from the border cells inward (4-neighbours): depth = distance to a boundary.
  const depth = cells.map((r) => r.map(() => 0));
  let frontier: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = at(r, c);
      if (k < 0) continue;
      const border =
        r === 0 ||
        c === 0 ||
        r === rows - 1 ||
        c === cols - 1 ||
        at(r - 1, c) !== k ||
        at(r + 1, c) !== k ||
        at(r, c - 1) !== k ||
        at(r, c + 1) !== k;
      if (border) {
        depth[r]![c] = 1;
        frontier.push([r, c]);
      }
    }
  }
  for (let d = 2; frontier.length > 0; d++) {
    const next: [number, number][] = [];
    for (const [r, c] of frontier) {
      for (const [nr, nc] of [
        [r - 1, c],
        [r + 1, c],
        [r, c - 1],
        [r, c + 1],
      ] as const) {
        if (at(nr, nc) < 0 || depth[nr]![nc] !== 0) continue;
        depth[nr]![nc] = d;
        next.push([nr, nc]);
      }
    }
    frontier = next;
  }
  const spots = new Map<number, Spot>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = at(r, c);
      if (k < 0) continue;
      const d = depth[r]?.[c] ?? 0;
      const best = spots.get(k);
      if (!best || d > best.depth) spots.set(k, { row: r, col: c, depth: d });
    }
  }
  return spots;
}
