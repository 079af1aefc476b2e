// One rule for every number the extension and the CLI print, so the sidebar, the lens, the
// hover, the copies, the charts' tables and the command line say the same thing:
//   - significant figures, not decimals: two for a scale (P*, E, κ, ratios: the theory fixes
//     them up to an O(1) factor, so a third digit would claim what it cannot), four where a
//     reader redoes a sum by hand (the "why" terms, the CLI's report);
//   - plain from 0.001 up to a million, with thousands separators ("60,000"); outside, a
//     mantissa and a power of ten ("1.2e6", "3e-4"); trailing zeros dropped;
//   - the exact form prints whole numbers in full ("262,144"), so the sums check;
//   - NaN is "—" (nothing to show), infinities "∞" and "-∞".
// Numbers the user wrote (widths, d, seeds) are echoed as written, not through here.
// Pure: no platform types, imported by the host, the webview, the CLI and the engine's sentences.

/** Significant figures of a scale: P*, E, κ, ratios between them. */
export const SCALE_DIGITS = 2;
/** Significant figures where a reader must be able to redo the sums. */
export const EXACT_DIGITS = 4;

/** Plain decimals from here (inclusive)... */
const PLAIN_FROM = 1e-3;
/** ...up to here (exclusive); beyond, a power of ten. */
const PLAIN_TO = 1e6;

/** A number in exponent form, the mantissa with its trailing zeros dropped: 609.56, 2 → { "6.1", 2 }. */
export function scientific(x: number, digits: number = SCALE_DIGITS): { mantissa: string; exponent: number } {
  const [m, e] = x.toExponential(Math.max(0, digits - 1)).split('e') as [string, string];
  return { mantissa: trimZeros(m), exponent: Number(e) };
}

/** 609.56 → "610", 123456 → "120,000", 1e6 → "1e6", 0.00012 → "1.2e-4"; `digits` significant figures. */
export function formatNumber(x: number, digits: number = SCALE_DIGITS): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const rounded = Number(x.toPrecision(digits));
  if (inPlainRange(rounded)) return groupThousands(String(rounded));
  const { mantissa, exponent } = scientific(x, digits);
  return `${mantissa}e${exponent}`;
}

/** Four significant figures, whole numbers in full: the form of numbers a reader adds up. */
export function formatExact(x: number): string {
  const whole = Math.round(x);
  if (Number.isFinite(x) && whole !== 0 && inPlainRange(whole) && Math.abs(x - whole) < 1e-9 * Math.abs(x))
    return groupThousands(String(whole));
  return formatNumber(x, EXACT_DIGITS);
}

/**
 * Two decimals, for quantities of order one read down a column (alignment and MSE as fractions
 * of E[y²], fitted exponents): fixed decimals line up where significant figures would not.
 */
export function formatFixed(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x) ?? '—';
  const text = x.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** The same rule typeset for LaTeX: "610", "60{,}000", "1.2 \times 10^{6}". */
export function latexNumber(x: number, digits: number = SCALE_DIGITS): string {
  if (Number.isNaN(x)) return '\\text{n/a}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const text = formatNumber(x, digits);
  const e = text.indexOf('e');
  if (e < 0) return text.replace(/,/g, '{,}');
  return `${text.slice(0, e)} \\times 10^{${text.slice(e + 1)}}`;
}

/** "12 s", "5.3 min": how long a run took. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  return s < 90 ? `${formatNumber(s)} s` : `${formatNumber(s / 60)} min`;
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  return null;
}

function inPlainRange(x: number): boolean {
  const abs = Math.abs(x);
  return abs >= PLAIN_FROM && abs < PLAIN_TO;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** "1234567.5" → "1,234,567.5": separators in the whole part only. */
function groupThousands(s: string): string {
  const [whole, fraction] = s.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
