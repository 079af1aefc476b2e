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
  /** The workbench's font, so chart text reads like the sidebar's text around it. */
  fontFamily: string;
}

const SERIES_VARS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  // The theme has six chart colours; 3–4-layer networks have 7–8 patterns. Every theme also
  // defines the terminal's colours, and these two differ from the six above.
  '--vscode-terminal-ansiCyan',
  '--vscode-terminal-ansiMagenta',
];
// Used only when a variable is missing (a browser outside VS Code, e.g. a screenshot test).
const FALLBACK_SERIES = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#11a8cd', '#bc3fbc'];

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
    fontFamily: cssVar(style, '--vscode-font-family', 'system-ui, sans-serif'),
  };
}

/** The i-th series colour; after the theme's colours, dashes (lines) or fills (the regime map) tell series apart. */
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
