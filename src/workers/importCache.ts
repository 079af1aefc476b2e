// The files detection reads besides the one it analyses (the analysis worker follows imports and
// asks the host for each, and lists the entry's folder for files that may call its functions),
// kept so a re-analysis does not read or list them again, and the graph of who read what, so a
// change to `data.js` re-analyses the `index.js` that imports it, and a file created beside a
// model re-analyses it. Paths are as the worker names them (workspace-relative). Free of
// `vscode`: the host supplies the reads.
import { folderOf } from '../detect/paths';

export interface FileSource {
  /** The text of an open editor for `path`, unsaved changes included; undefined when none is open. */
  buffer(path: string): string | undefined;
  /** The text on disk (through the workspace file system); undefined when it is missing or unreadable. */
  disk(path: string): Promise<string | undefined>;
  /** The source files directly in a folder, by path, at most `MAX_LISTED` of them; none when it cannot be listed. */
  listing(folder: string): Promise<string[]>;
}

/** Source files of one folder offered as possible callers: past it, a folder is a bundle or data, not a project's sources. */
export const MAX_LISTED = 64;

/** Files whose disk text is kept; past it the oldest are dropped (read again if needed). */
const MAX_KEPT = 200;

interface Listing {
  listing: Promise<readonly string[]>;
  /** The listing once it is in. */
  paths: readonly string[] | null;
}

export class ImportCache {
  /** Disk reads by path, missing files included (undefined): a miss is asked for on every import otherwise. */
  private readonly texts = new Map<string, Promise<string | undefined>>();
  /** Folder listings by folder path, kept until a file appears in the folder; `paths` once the listing is in. */
  private readonly listings = new Map<string, Listing>();
  /** For each entry (a document key), the paths its last detection asked for. */
  private readonly reads = new Map<string, ReadonlySet<string>>();
  /** For each entry, the folders its last detection listed. */
  private readonly listed = new Map<string, ReadonlySet<string>>();

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

  /** The source files of a folder (kept; the source lists at most MAX_LISTED). */
  list(folder: string): Promise<readonly string[]> {
    const kept = this.listings.get(folder);
    if (kept) return kept.listing;
    const entry: Listing = { listing: Promise.resolve([]), paths: null };
    entry.listing = this.source.listing(folder).then(
      (paths) => (entry.paths = paths),
      () => (entry.paths = []),
    );
    this.listings.set(folder, entry);
    return entry.listing;
  }

  /**
   * The paths `entry`'s detection depends on, found or not (a missing file that appears counts as
   * a change), and the folders it listed for callers (a change to any file in one counts).
   */
  record(entry: string, paths: readonly string[], folders: readonly string[] = []): void {
    if (paths.length === 0) this.reads.delete(entry);
    else this.reads.set(entry, new Set(paths));
    if (folders.length === 0) this.listed.delete(entry);
    else this.listed.set(entry, new Set(folders));
  }

  forget(entry: string): void {
    this.reads.delete(entry);
    this.listed.delete(entry);
  }

  /** Whether `entry`'s detection used `path` (an import, or a file whose calls fixed its sizes). */
  dependsOn(entry: string, path: string): boolean {
    return this.reads.get(entry)?.has(path) ?? false;
  }

  /**
   * `path` changed (edited, saved, created, deleted, closed with unsaved changes dropped): its kept
   * text goes, and the entries that read it are returned, to be analysed again.
   */
  changed(path: string): string[] {
    this.texts.delete(path);
    const entries = new Set([...this.reads].filter(([, paths]) => paths.has(path)).map(([entry]) => entry));
    // Any file of a folder an entry listed may now call the entry's functions (or no longer).
    const folder = folderOf(path);
    for (const [entry, folders] of this.listed) if (folders.has(folder)) entries.add(entry);
    // A file the folder's listing does not have was created (or the listing is still on its way):
    // the listing goes. A file deleted stays listed, harmlessly: its read finds nothing.
    const kept = this.listings.get(folder);
    if (kept && !kept.paths?.includes(path)) this.listings.delete(folder);
    return [...entries];
  }
}
