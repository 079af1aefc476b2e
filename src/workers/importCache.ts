// The files detection reads besides the one it analyses (the analysis worker follows imports and
// asks the host for each), kept so a re-analysis does not read them again, and the graph of who
// read what, so a change to `data.js` re-analyses the `index.js` that imports it. Paths are as
// the worker names them (workspace-relative). Free of `vscode`: the host supplies the reads.

export interface FileSource {
  /** The text of an open editor for `path`, unsaved changes included; undefined when none is open. */
  buffer(path: string): string | undefined;
  /** The text on disk (through the workspace file system); undefined when it is missing or unreadable. */
  disk(path: string): Promise<string | undefined>;
}

/** Files whose disk text is kept; past it the oldest are dropped (read again if needed). */
const MAX_KEPT = 200;

export class ImportCache {
  /** Disk reads by path, missing files included (undefined): a miss is asked for on every import otherwise. */
  private readonly texts = new Map<string, Promise<string | undefined>>();
  /** For each entry (a document key), the paths its last detection asked for. */
  private readonly reads = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly source: FileSource,
    private readonly maxKept = MAX_KEPT,
  ) {}

  /** An open editor's text wins over the disk: the user sees the unsaved text, and so does the analysis. */
  read(path: string): Promise<string | undefined> {
    const open = this.source.buffer(path);
    if (open !== undefined) return Promise.resolve(open);
    const kept = this.texts.get(path);
    if (kept) return kept;
    const text = this.source.disk(path).catch(() => undefined);
    this.texts.set(path, text);
    for (const old of this.texts.keys()) {
      if (this.texts.size <= this.maxKept) break;
      this.texts.delete(old);
    }
    return text;
  }

  /** The paths `entry`'s detection asked for, found or not (a missing file that appears counts as a change). */
  record(entry: string, paths: readonly string[]): void {
    if (paths.length === 0) this.reads.delete(entry);
    else this.reads.set(entry, new Set(paths));
  }

  forget(entry: string): void {
    this.reads.delete(entry);
  }

  dependsOn(entry: string, path: string): boolean {
    return this.reads.get(entry)?.has(path) ?? false;
  }

  /**
   * `path` changed (edited, saved, created, deleted, closed with unsaved changes dropped): its kept
   * text goes, and the entries that read it are returned, to be analysed again.
   */
  changed(path: string): string[] {
    this.texts.delete(path);
    return [...this.reads].filter(([, paths]) => paths.has(path)).map(([entry]) => entry);
  }
}
