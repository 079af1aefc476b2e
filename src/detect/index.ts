// Model detection: from a file's text to the tfjs models it defines. Pure functions of text.
import { mayBeModelJson, mayDefineModels, skipReason } from './guard';
import { BudgetExceeded } from './interpreter';
import { MAX_WORK } from './limits';
import { detectModelJson } from './modelJson';
import { detectInSource } from './source';
import type { ProjectFiles } from './project';
import type { DetectionResult } from './types';

export { toArchitecture, type ArchitectureResult, type ArchitectureValues } from './architecture';
export type * from './types';
export {
  folderOf,
  gatherImports,
  normalisePath,
  originText,
  GATHER_LIMITS,
  type GatherLimits,
  type ProjectFiles,
  type ReadFile,
} from './project';

export interface DetectOptions {
  /**
   * Time the reading of the code (following its loops and calls) may take before detection gives
   * up with a `skipped` reason. Default 500 ms. The parse is not counted: its time is bounded by
   * the file's size (see MAX_CHARS), and on a first run, before the JIT has warmed up, it alone can
   * take hundreds of milliseconds on a large file.
   */
  budgetMs?: number;
  /** The files the text imports (see gatherImports), whose constants then fix sizes; the text's own file among them. */
  project?: ProjectFiles;
}

export const DEFAULT_BUDGET_MS = 500;

/** Every tfjs model in the text. Never throws: text it cannot read comes back with `skipped` set. */
export function detectModels(text: string, fileName: string, options: DetectOptions = {}): DetectionResult {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  try {
    const skipped = skipReason(text);
    if (skipped) return { models: [], skipped };
    if (/\.json$/i.test(fileName)) {
      return { models: mayBeModelJson(text) ? detectModelJson(text, fileName) : [], skipped: null };
    }
    if (!mayDefineModels(text)) return { models: [], skipped: null };
    return { models: detectInSource(text, fileName, budget, options.project ?? null), skipped: null };
  } catch (error) {
    if (error instanceof BudgetExceeded) {
      const what =
        error.limit === 'time'
          ? `took longer than ${budget} ms`
          : `did more than ${MAX_WORK.toLocaleString('en-US')} steps of work`;
      return { models: [], skipped: `reading the code ${what} (a loop or recursion that does not end?)` };
    }
    // Pathological input (nesting deeper than the stack) must not reach the editor as an exception.
    const message = error instanceof Error ? error.message : String(error);
    return { models: [], skipped: `detection failed on this text: ${message}` };
  }
}
