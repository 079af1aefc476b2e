// A plain SVG line chart of mean alignment against P / P*, one curve per input dimension,
// written by hand so the CLI can draw the README's figure without a browser.
import type { CheckResult } from './types';
import { formatFixed, formatNumber } from '../present/numbers';
import { ONSET_ALIGNMENT } from './onset';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
/** A plot's size and margins (the legend sits in the right one). */
export interface PlotFrame {
  W: number;
  H: number;
  M: { left: number; right: number; top: number; bottom: number };
}
const ONSET_FRAME: PlotFrame = { W: 640, H: 420, M: { left: 64, right: 190, top: 40, bottom: 56 } };
const { W, H, M } = ONSET_FRAME;

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const num = (v: number): string => (Math.round(v * 10) / 10).toString();

function ratioLabel(r: number): string {
  if (r >= 1) return formatNumber(r, 3);
  const inv = 1 / r;
  return Number.isInteger(Math.round(inv * 1000) / 1000) ? `1/${Math.round(inv)}` : formatNumber(r);
}

/**
 * The parts every plot of a check shares: the x mapping (log2 between powers of two lx0..lx1),
 * the SVG header and background, the title, and the vertical grid with a label at each power of two.
 */
export function logXFrame(
  frame: PlotFrame,
  title: string,
  titleSize: number,
  lx0: number,
  lx1: number,
  tick: (v: number) => string,
): { out: string[]; px: (v: number) => number } {
  const { W, H, M } = frame;
  const px = (v: number): number =>
    M.left + ((Math.log2(v) - lx0) / Math.max(1e-9, lx1 - lx0)) * (W - M.left - M.right);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="22" font-size="${titleSize}" font-weight="bold">${esc(title)}</text>`);
  for (let k = lx0; k <= lx1; k++) {
    const x = num(px(2 ** k));
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${H - M.bottom + 18}" text-anchor="middle">${tick(2 ** k)}</text>`);
  }
  return { out, px };
}

export function renderCollapseSvg(result: CheckResult, title = 'Measured alignment against P / P*'): string {
  const ratios = result.curves.flatMap((c) => c.points.map((p) => p.ratio)).filter((r) => r > 0);
  const values = result.curves.flatMap((c) =>
    c.points.flatMap((p) => [p.alignmentMean - p.alignmentStd, p.alignmentMean + p.alignmentStd]),
  );
  const lx0 = Math.floor(Math.log2(Math.min(...ratios, 1)));
  const lx1 = Math.ceil(Math.log2(Math.max(...ratios, 1)));
  const y0 = Math.min(0, Math.floor(Math.min(...values) * 10) / 10);
  const y1 = Math.max(1, Math.ceil(Math.max(...values) * 10) / 10);
  const py = (a: number): number => H - M.bottom - ((a - y0) / (y1 - y0)) * (H - M.top - M.bottom);

  // Axes, grid and ticks.
  const { out, px } = logXFrame(ONSET_FRAME, title, 15, lx0, lx1, ratioLabel);
  for (let t = Math.ceil(y0 * 4) / 4; t <= y1 + 1e-9; t += 0.25) {
    const y = num(py(t));
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${num(py(t) + 4)}" text-anchor="end">${formatFixed(t)}</text>`);
  }
  out.push(
    `<line x1="${M.left}" y1="${num(py(ONSET_ALIGNMENT))}" x2="${W - M.right}" y2="${num(py(ONSET_ALIGNMENT))}" stroke="#888" stroke-dasharray="5,4"/>`,
  );
  out.push(
    `<line x1="${num(px(1))}" y1="${M.top}" x2="${num(px(1))}" y2="${H - M.bottom}" stroke="#888" stroke-dasharray="2,3"/>`,
  );
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
  );
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">P / P* (log scale; P* predicted by the engine)</text>`,
  );
  out.push(
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">alignment A_f = &lt;f,y&gt;/&lt;y,y&gt;</text>`,
  );
  // Curves with one-standard-deviation bars over seeds.
  result.curves.forEach((curve, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#000';
    const pts = curve.points.map((p) => `${num(px(p.ratio))},${num(py(p.alignmentMean))}`).join(' ');
    out.push(`<g stroke="${colour}" fill="${colour}">`);
    for (const p of curve.points) {
      if (p.alignmentStd > 0)
        out.push(
          `<line x1="${num(px(p.ratio))}" y1="${num(py(p.alignmentMean - p.alignmentStd))}" x2="${num(px(p.ratio))}" y2="${num(py(p.alignmentMean + p.alignmentStd))}" stroke-width="1"/>`,
        );
      out.push(`<circle cx="${num(px(p.ratio))}" cy="${num(py(p.alignmentMean))}" r="3"/>`);
    }
    out.push(`<polyline points="${pts}" fill="none" stroke-width="2"/>`);
    out.push('</g>');
    const ly = M.top + 16 + i * 20;
    const label = curve.scale < 1 ? `d = ${curve.d} (scaled ${formatFixed(curve.scale)})` : `d = ${curve.d}`;
    out.push(
      `<line x1="${W - M.right + 12}" y1="${ly - 4}" x2="${W - M.right + 32}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
    );
    out.push(`<text x="${W - M.right + 38}" y="${ly}">${esc(label)}</text>`);
  });
  const notes = [
    `verdict: ${result.verdict.status}`,
    `seeds ${result.seeds.join(', ')}`,
    `kappa ${result.kappa}, degree ${result.degree}`,
  ];
  notes.forEach((note, k) => {
    out.push(
      `<text x="${W - M.right + 12}" y="${M.top + 26 + (result.curves.length + k) * 16}" font-size="10" fill="#555">${esc(note)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/**
 * The measured onsets against the engine's P* on log–log axes, one dot per seed (hollow: not
 * converged, left out of the fit). If P_onset ∝ P*, the dots lie on a line of slope 1 (dashed,
 * through the fitted O(1) factor); a different slope is a different scaling law.
 */
export function renderOnsetSvg(result: CheckResult, title = 'Measured onsets against the predicted P*'): string {
  const dots = result.curves.flatMap((c, i) =>
    c.onsets.flatMap((o) => (o.p !== null ? [{ x: c.pStar, y: o.p, i, ok: o.status === 'converged' }] : [])),
  );
  const xs = [...dots.map((d) => d.x), ...result.curves.map((c) => c.pStar)];
  const ys = dots.length > 0 ? dots.map((d) => d.y) : [1];
  const lx0 = Math.floor(Math.log2(Math.min(...xs)));
  const lx1 = Math.ceil(Math.log2(Math.max(...xs)));
  const ly0 = Math.floor(Math.log2(Math.min(...ys)));
  const ly1 = Math.ceil(Math.log2(Math.max(...ys)));
  const py = (v: number): number =>
    H - M.bottom - ((Math.log2(v) - ly0) / Math.max(1e-9, ly1 - ly0)) * (H - M.top - M.bottom);
  const { out, px } = logXFrame(ONSET_FRAME, title, 14, lx0, lx1, String);
  for (let k = ly0; k <= ly1; k++) {
    const y = num(py(2 ** k));
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${num(py(2 ** k) + 4)}" text-anchor="end">${2 ** k}</text>`);
  }
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
  );
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">predicted P* (engine, log scale)</text>`,
  );
  out.push(
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">measured onset P (alignment ${ONSET_ALIGNMENT}, log scale)</text>`,
  );
  const factor = result.fit.factor?.value;
  if (factor) {
    const a = 2 ** lx0;
    const b = 2 ** lx1;
    out.push(
      `<clipPath id="plot-area"><rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}"/></clipPath>`,
    );
    out.push(
      `<line x1="${num(px(a))}" y1="${num(py(a * factor))}" x2="${num(px(b))}" y2="${num(py(b * factor))}" stroke="#888" stroke-dasharray="5,4" clip-path="url(#plot-area)"/>`,
    );
  }
  for (const d of dots) {
    const colour = COLOURS[d.i % COLOURS.length] ?? '#000';
    out.push(
      `<circle cx="${num(px(d.x))}" cy="${num(py(d.y))}" r="4" stroke="${colour}" fill="${d.ok ? colour : 'none'}"/>`,
    );
  }
  result.curves.forEach((c, i) => {
    const ly = M.top + 14 + i * 17;
    out.push(`<circle cx="${W - M.right + 18}" cy="${ly - 4}" r="4" fill="${COLOURS[i % COLOURS.length] ?? '#000'}"/>`);
    out.push(
      `<text x="${W - M.right + 28}" y="${ly}" font-size="11">${esc(`d = ${c.trainedDim}, N = ${c.trainedWidths.join(',')}`)}</text>`,
    );
  });
  const lines = [
    `verdict: ${result.verdict.status}`,
    ...result.fit.exponents.map(
      (e) =>
        `${e.name}: ${formatFixed(e.value)} [${formatFixed(e.ci[0])}, ${formatFixed(e.ci[1])}], pred. ${formatFixed(e.predicted)}`,
    ),
    factor ? `dashed: ${formatNumber(factor)} × P*` : '',
    `${result.converged.count}/${result.converged.total} converged`,
  ].filter(Boolean);
  lines.forEach((t, k) => {
    out.push(
      `<text x="${W - M.right + 8}" y="${M.top + 30 + (result.curves.length + k) * 15}" font-size="10" fill="#333">${esc(t)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
