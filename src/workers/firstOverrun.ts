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

  forget(key: string): void {
    this.seen.delete(key);
  }
}
