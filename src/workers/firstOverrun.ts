// Which document versions have already run past the analysis deadline once. A deadline can be the
// machine (a cold worker under heavy load) rather than the file, so the first overrun of a version
// earns one more reading; a file that overruns twice at the same version stays skipped, so a
// hostile file costs at most two deadlines per edit.

export class FirstOverrun {
  private readonly seen = new Map<string, number>();

  /** True the first time `key` overruns at `version`; false after, until the version changes. */
  first(key: string, version: number): boolean {
    if (this.seen.get(key) === version) return false;
    this.seen.set(key, version);
    return true;
  }

  /** Drops `key` and the keys of its parts (`key#…`: one model of a document). */
  forget(key: string): void {
    for (const k of [...this.seen.keys()]) if (k === key || k.startsWith(`${key}#`)) this.seen.delete(k);
  }
}
