// Requests sent across a message boundary (to the webview) and waiting for their reply. Each is
// settled exactly once: by its reply, at its deadline, or when the waiting side goes away.
// Pure apart from timers, so it is tested under node.

export class PendingRequests<Reply> {
  private readonly waiting = new Map<
    string,
    { resolve: (reply: Reply | null) => void; timer: ReturnType<typeof setTimeout> }
  >();
  private counter = 0;

  /** `prefix` names the kind of request in its ids ("export-3"), which the log shows. */
  constructor(private readonly prefix: string) {}

  /** A fresh request id, and its reply: null if none came within `ms` or the map was disposed first. */
  open(ms: number): { requestId: string; reply: Promise<Reply | null> } {
    const requestId = `${this.prefix}-${++this.counter}`;
    const reply = new Promise<Reply | null>((resolve) => {
      const timer = setTimeout(() => this.finish(requestId, null), Math.max(0, ms));
      this.waiting.set(requestId, { resolve, timer });
    });
    return { requestId, reply };
  }

  /** Hands a reply to its request; false when nobody waits for that id (unknown, or already settled). */
  settle(requestId: string, reply: Reply): boolean {
    return this.finish(requestId, reply);
  }

  /** How many requests wait for a reply. */
  get size(): number {
    return this.waiting.size;
  }

  /** Every waiting request gets null, at once. */
  dispose(): void {
    for (const id of [...this.waiting.keys()]) this.finish(id, null);
  }

  private finish(requestId: string, reply: Reply | null): boolean {
    const pending = this.waiting.get(requestId);
    if (!pending) return false;
    clearTimeout(pending.timer);
    this.waiting.delete(requestId);
    pending.resolve(reply);
    return true;
  }
}
