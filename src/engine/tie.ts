// When two energies are the same: scale analysis cannot split energies closer than this (they are
// equal up to rounding), so the choice between them is a tie-break (the paper's row, then the key,
// in compareCandidates), never the last digits of a float. Every tie in the engine is this one.
export const TIE = 1e-9;

/** Whether two energies tie (relative difference within TIE). */
export function ties(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b));
}
