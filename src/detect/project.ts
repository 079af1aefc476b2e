// The files a source file imports, gathered before detection so that detection itself stays a
// pure, synchronous function of text. Reading is the caller's: the CLI reads from disk relative to
// the file, the editor through the workspace file system. Only relative imports are followed
// (packages are not the user's code), transitively, within a bound on files, bytes and time.
import ts from './typescript';
import { GATHER_LIMITS, type GatherLimits } from './limits';
import { folderOf, normalisePath } from './paths';

export { GATHER_LIMITS, type GatherLimits };
export { folderOf, normalisePath };

/** The text of a file at `path`, or undefined when there is none (or it cannot be read). */
export type ReadFile = (path: string) => Promise<string | undefined>;

/** An entry file and the files it imports, by normalised path ('/'-separated). */
export interface ProjectFiles {
  readonly files: ReadonlyMap<string, string>;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

export const isRelativeSpecifier = (spec: string): boolean =>
  spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');

/** The paths a relative specifier may name, in the order Node and bundlers try them. */
export function candidatePaths(fromFile: string, spec: string): string[] {
  const dir = folderOf(normalisePath(fromFile));
  // A file named without a folder (the editor's workspace-relative "index.js") imports beside itself, not from the root.
  const base = normalisePath(dir === '' ? spec : `${dir}/${spec}`);
  const ext = /\.[cm]?[jt]sx?$/.exec(base)?.[0];
  if (ext) {
    // TypeScript sources import their siblings as `./data.js`.
    const stem = base.slice(0, -ext.length);
    return [base, ...(ext.includes('j') ? [`${stem}${ext.replace('j', 't')}`] : [])];
  }
  return [...SOURCE_EXTENSIONS.map((e) => `${base}${e}`), ...SOURCE_EXTENSIONS.map((e) => `${base}/index${e}`)];
}

/**
 * Where a relative specifier can begin: a quote, then `.` or `..` closing the string or followed
 * by `/`; or a quote then an escape, which could spell one.
 */
const MAY_BE_RELATIVE = /['"`]\.\.?['"`/]|['"`]\\/;

/** The relative module specifiers of a file: imports, re-exports, `require` and `import()`. */
export function relativeImports(text: string): string[] {
  // Scanning the file is the costly part (several ms for 5,000 lines, on every detection), and
  // most files name no relative module at all.
  if (!MAY_BE_RELATIVE.test(text)) return [];
  const info = ts.preProcessFile(text, true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName).filter(isRelativeSpecifier))];
}

/** The gathered file a specifier names, or null when it was not found (or not gathered). */
export function resolveImport(project: ProjectFiles, fromFile: string, spec: string): string | null {
  if (!isRelativeSpecifier(spec)) return null;
  return candidatePaths(fromFile, spec).find((p) => project.files.has(p)) ?? null;
}

/**
 * Levels of importers gathered: the entry's, and the importers of those (whose calls fix the sizes
 * a caller leaves open: train.js's `new Agent(game)` for agent.js's `build(game.height)`); the
 * call-site reading goes as far (callSites.ts).
 */
export const IMPORTER_LEVELS = 2;

/**
 * The entry, the files among `importerCandidates` that import it (whose calls may fix its sizes)
 * or import one of those (IMPORTER_LEVELS), and every file these import, transitively, as far as
 * the limits allow. Never throws: a file that cannot be read is simply absent, and detection
 * leaves its sizes open as before.
 */
export async function gatherImports(
  entryPath: string,
  entryText: string,
  read: ReadFile,
  limits: GatherLimits = GATHER_LIMITS,
  importerCandidates: readonly string[] = [],
): Promise<ProjectFiles> {
  const entry = normalisePath(entryPath);
  const files = new Map<string, string>([[entry, entryText]]);
  const deadline = Date.now() + limits.timeMs;
  const tried = new Set<string>([entry]);
  let chars = 0;
  const readSafely = async (path: string): Promise<string | undefined> => {
    try {
      return await read(path);
    } catch {
      return undefined;
    }
  };
  /** Follows the imports of the files in `queue`, breadth first, as far as the limits allow. */
  const follow = async (queue: string[]): Promise<void> => {
    while (queue.length > 0 && Date.now() < deadline) {
      const from = queue.shift()!;
      for (const spec of relativeImports(files.get(from) ?? '')) {
        if (files.size > limits.maxFiles || Date.now() >= deadline) break;
        for (const path of candidatePaths(from, spec)) {
          if (files.has(path)) break;
          if (tried.has(path)) continue;
          tried.add(path);
          const text = await readSafely(path);
          if (text === undefined) continue;
          if (text.length <= limits.maxFileChars && chars + text.length <= limits.maxChars) {
            files.set(path, text);
            chars += text.length;
            queue.push(path);
          }
          break;
        }
      }
    }
  };
  // The entry's own imports first: they fix most sizes, and the callers below must not crowd them out of the time.
  await follow([entry]);
  // Files that may call the entry's functions (the caller's choice: the CLI gives the entry's
  // folder, the editor the folder's listing): read together; each that imports the entry, or
  // one of the importers kept at the level before, is kept, and its own imports followed.
  const offered = [...new Set(importerCandidates.map(normalisePath))].filter((p) => !files.has(p));
  if (offered.length === 0 || Date.now() >= deadline) return { files };
  const texts = await Promise.all(offered.map(readSafely));
  const callers: string[] = [];
  let targets = [entry];
  for (let level = 0; level < IMPORTER_LEVELS && targets.length > 0; level++) {
    const stems = targets.map((t) => /([^/]*?)(\.[cm]?[jt]sx?)?$/.exec(t)?.[1] ?? '');
    const kept: string[] = [];
    offered.forEach((path, i) => {
      const text = texts[i];
      if (text === undefined || files.has(path) || files.size > limits.maxFiles) return;
      if (!stems.some((stem) => text.includes(stem))) return;
      if (text.length > limits.maxFileChars || chars + text.length > limits.maxChars) return;
      const imported = relativeImports(text).flatMap((spec) => candidatePaths(path, spec));
      if (!targets.some((t) => imported.includes(t))) return;
      files.set(path, text);
      tried.add(path);
      chars += text.length;
      kept.push(path);
    });
    callers.push(...kept);
    targets = kept;
  }
  await follow(callers);
  return { files };
}

/**
 * "IMAGE_H = 28, from mnist/data.js:20", "latentDim = 2, from the call at train.js:45": where a size
 * came from; `shown` is the file as the reader should see it.
 */
export function originText(origin: { name: string; value: number; line: number; call?: true }, shown: string): string {
  return `${origin.name} = ${origin.value}, from ${origin.call ? 'the call at ' : ''}${shown}:${origin.line}`;
}
