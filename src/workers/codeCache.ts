// Loads a bundle with V8's code cache. Most of a cold worker's start is compiling the bundled
// TypeScript parser (3.5 MB of JavaScript) before the first detection can run. V8 can keep the
// compiled code of a script, including the functions the first run compiled lazily, and take it
// back in a new process in a fraction of the time: the first start writes the cache (after the
// first piece of work, so the parser's functions are in it), every later start reads it. A cache
// from another build or another V8 is rejected by V8 itself and written again. Free of `vscode`:
// the worker gets the directory (the extension's global storage) from the host.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

export interface CachedModule {
  exports: Record<string, unknown>;
  /** Whether the compiled code came from the cache. */
  fromCache: boolean;
  /** Writes the cache when it was missing or stale; call once the module has done its first work. */
  save(): void;
}

/** Runs the CommonJS bundle `file` (as `require` would) with its code cache in `cacheDir`, when given. */
export function loadCached(file: string, cacheDir: string | null): CachedModule {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir ? join(cacheDir, `${basename(file)}.v8-cache`) : null;
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: compile, and write one after the first work.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    require,
    module,
    file,
    dirname(file),
  );
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  let saved = fromCache || cacheFile === null;
  return {
    exports: module.exports,
    fromCache,
    save() {
      if (saved || !cacheFile) return;
      saved = true;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        // Written whole, then renamed: a reader never sees half a cache.
        const partial = `${cacheFile}.${process.pid}.${Date.now()}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start its speed.
      }
    },
  };
}
