// The charts' axes: log grids of a size, and an architecture with one named size replaced.
import { EngineInputError, type Architecture, type SweepRange } from './types';

export function logGrid(range: SweepRange, field = 'range'): number[] {
  const { from, to, points } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from < 1 || to < from) {
    throw new EngineInputError(
      'invalid-size',
      field,
      `A sweep runs from a size of at least 1 up to a larger one, got ${from} to ${to}.`,
    );
  }
  if (!Number.isInteger(points) || points < 2 || points > 2000) {
    throw new EngineInputError('invalid-size', `${field}.points`, `A sweep has from 2 to 2000 points, got ${points}.`);
  }
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: points }, (_, i) => Math.exp(a + ((b - a) * i) / (points - 1)));
}

/** The architecture with one named size replaced, the others held: d, N<l>, n<l>, p<l>, L or d_k (docs/theory.md: d varies with the patch counts fixed). */
export function withSize(arch: Architecture, name: string, value: number): Architecture {
  if (name === 'd') return { ...arch, inputDim: value };
  const match = /^(N|n|p)(\d+)$/.exec(name);
  const layers = arch.layers.map((l) => ({ ...l }));
  if (match) {
    const layer = layers[Number(match[2]) - 1];
    if (layer?.kind === 'dense' && match[1] === 'N') layer.width = value;
    else if (layer?.kind === 'conv' && match[1] === 'N') layer.channels = value;
    else if (layer?.kind === 'conv' && match[1] === 'n') layer.patchCount = value;
    else if (layer?.kind === 'conv' && match[1] === 'p' && layer.positions !== undefined) layer.positions = value;
    else throw new EngineInputError('invalid-size', 'size', `This network has no size named ${name}.`);
    return { ...arch, layers };
  }
  const head = layers[0];
  if (head?.kind === 'attention' && name === 'L') head.contextLength = value;
  else if (head?.kind === 'attention' && name === 'd_k') head.queryKeyRows = value;
  else throw new EngineInputError('invalid-size', 'size', `This network has no size named ${name}.`);
  return { ...arch, layers };
}
