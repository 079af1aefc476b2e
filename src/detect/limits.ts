// How much reading one file may build. Every way the interpreter can grow a value has a cap here,
// so a short hostile file (an array doubled forty times, a model added to itself) ends quickly with
// a note instead of taking the process down. The CLI has no host to protect it: these caps are
// the protection, and the host's worker limits are the second line.

/** Iterations of one loop that are read; a longer loop is read this far, with a note. */
export const MAX_LOOP = 1000;
/** Nested calls that are followed; deeper calls are left open, with a note. */
export const MAX_CALL_DEPTH = 8;
/** Elements of an array (and properties of an object) the interpreter builds. */
export const MAX_ARRAY = 10_000;
/** Characters of a string the interpreter builds. */
export const MAX_STRING = 100_000;
/** Layers one model may collect; the model is declined above it (the engine reads far fewer). */
export const MAX_LAYERS = 1000;
/** Nodes of a size expression written out as a tree; a larger one is kept as one open size. */
export const MAX_EXPR_NODES = 256;
/**
 * Units of work (a statement, an expression, one element a built-in produces) reading may do,
 * whatever the clock says: it bounds memory as well as time when the time budget is generous
 * (the CLI's), and is the same on a fast and a slow machine. The 5,000-line file of fifty models
 * in bench/detect.ts takes about 5,000.
 */
export const MAX_WORK = 2_000_000;
/** Units of work between two reads of the clock. */
export const CLOCK_EVERY = 256;

/** How far the files a file imports are gathered (src/detect/project.ts); the editor reads no larger file. */
export interface GatherLimits {
  /** Most files read besides the entry. */
  maxFiles: number;
  /** Most characters in all files read. */
  maxChars: number;
  /** A larger file is not read (a bundle, data). */
  maxFileChars: number;
  /** Time the gathering may take. */
  timeMs: number;
}

export const GATHER_LIMITS: GatherLimits = { maxFiles: 40, maxChars: 2_000_000, maxFileChars: 300_000, timeMs: 2000 };
