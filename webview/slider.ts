// Slider positions for the what-if controls: widths move on a log scale (256 → 512 is as far as
// 512 → 1024), depth in steps of one. Pure, tested under node.

export const STEPS = 1000;

export function toPosition(value: number, min: number, max: number, scale: 'log' | 'linear'): number {
  if (max <= min) return 0;
  const v = Math.min(max, Math.max(min, value));
  const t = scale === 'log' ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
  return Math.round(t * STEPS);
}

export function fromPosition(position: number, min: number, max: number, scale: 'log' | 'linear'): number {
  const t = Math.min(STEPS, Math.max(0, position)) / STEPS;
  const v = scale === 'log' ? min * (max / min) ** t : min + t * (max - min);
  return Math.min(max, Math.max(min, Math.round(v)));
}
