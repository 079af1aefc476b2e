// Chart colours from the VS Code theme's CSS variables, so charts read in light, dark and
// high-contrast themes. Re-read whenever the theme changes (VS Code swaps the body class).

export interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  accent: string;
  series: string[];
  highContrast: boolean;
}

const SERIES_VARS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];
// Used only when a variable is missing (a browser outside VS Code, e.g. a screenshot test).
const FALLBACK_SERIES = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v.length > 0 ? v : fallback;
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  const foreground = cssVar(style, '--vscode-charts-foreground', cssVar(style, '--vscode-foreground', '#cccccc'));
  return {
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', foreground),
    grid: cssVar(style, '--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    background: cssVar(style, '--vscode-sideBar-background', cssVar(style, '--vscode-editor-background', '#1e1e1e')),
    accent: cssVar(style, '--vscode-focusBorder', '#007fd4'),
    series: SERIES_VARS.map((v, i) => cssVar(style, v, FALLBACK_SERIES[i] ?? '#888888')),
    highContrast,
  };
}

/** The i-th series colour; after the six theme colours, dashes tell series apart (see charts.ts). */
export function seriesColour(p: Palette, i: number): string {
  return p.series[i % p.series.length] ?? p.foreground;
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body's class list). */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-kind'],
  });
}
