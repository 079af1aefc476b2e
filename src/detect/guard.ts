// Cheap checks made before parsing: text detection should not read at all.

/** Largest text detection parses; above it the file is skipped with a reason. */
export const MAX_CHARS = 1_000_000;

/** Why the text is not analysed, or null when it should be. */
export function skipReason(text: string): string | null {
  if (text.length > MAX_CHARS) {
    return `file is ${(text.length / 1_000_000).toFixed(1)} MB; detection reads files up to ${MAX_CHARS / 1_000_000} MB`;
  }
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return 'binary content';
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) control += 1;
  }
  if (sample.length > 0 && control / sample.length > 0.05) return 'binary content';
  return null;
}

/** Source text that cannot build a model (no tfjs import, no `sequential(` or `model(` call): no need to parse it. */
export function mayDefineModels(text: string): boolean {
  return text.includes('@tensorflow/tfjs') || /\b(?:sequential|model)\s*\(/.test(text);
}

/** JSON that cannot be a layers-model topology. */
export function mayBeModelJson(text: string): boolean {
  return text.includes('"class_name"');
}
