// Paths as detection names files ('/'-separated, relative to a workspace or absolute). Kept apart
// from project.ts, which loads the TypeScript parser: the extension host needs these and nothing
// of the parser.

/** `a/b/../c/./d` → `a/c/d`; backslashes read as separators. A leading `/` or drive is kept. */
export function normalisePath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const [i, p] of parts.entries()) {
    if (p === '.' || (p === '' && i > 0 && i < parts.length - 1)) continue;
    if (p === '..' && out.length > 0 && out.at(-1) !== '..' && out.at(-1) !== '') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** The folder of a file: '' for a bare relative name ("index.js"), '/' for a file at the root. */
export const folderOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash === 0 ? '/' : path.slice(0, Math.max(0, slash));
};
