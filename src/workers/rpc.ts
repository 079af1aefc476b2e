// A typed request/response channel over a worker thread's message port. Either side may ask:
// the host asks the analysis worker to detect a file, and the worker may ask the host to read
// another workspace file (only the host can reach `vscode.workspace.fs`). Free of `vscode`.

/**
 * Methods one side serves, as an interface of `name: { params; result }` entries. (Not a Record
 * with an index signature: an interface of named methods must satisfy it.)
 */
export type Methods = object;
export type Params<M, K extends keyof M> = M[K] extends { params: infer P } ? P : never;
export type Result<M, K extends keyof M> = M[K] extends { result: infer R } ? R : never;

/** What serves `M`: one function per method; a thrown error becomes the caller's rejection. */
export type Handlers<M extends Methods> = {
  [K in keyof M]: (params: Params<M, K>) => Result<M, K> | Promise<Result<M, K>>;
};

export type RpcMessage =
  | { rpc: 'request'; id: number; method: string; params: unknown }
  | { rpc: 'response'; id: number; ok: true; value: unknown }
  | { rpc: 'response'; id: number; ok: false; error: string };

/** The part of a MessagePort (or Worker, or parentPort) the channel uses. */
export interface Port {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export function isRpcMessage(m: unknown): m is RpcMessage {
  if (typeof m !== 'object' || m === null) return false;
  const r = (m as { rpc?: unknown }).rpc;
  return (r === 'request' || r === 'response') && typeof (m as { id?: unknown }).id === 'number';
}

export class Channel<Remote extends Methods, Local extends Methods> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly port: Port,
    private readonly handlers: Handlers<Local>,
  ) {
    port.on('message', (m) => {
      if (isRpcMessage(m)) void this.receive(m);
    });
  }

  /** Asks the other side; rejects with its error message, or when `failAll` is called. */
  request<K extends keyof Remote & string>(method: K, params: Params<Remote, K>): Promise<Result<Remote, K>> {
    const id = this.next++;
    return new Promise<Result<Remote, K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ rpc: 'request', id, method, params } satisfies RpcMessage);
    });
  }

  /** Rejects every request still waiting (the other side is gone). */
  failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(error);
  }

  get waiting(): number {
    return this.pending.size;
  }

  private async receive(m: RpcMessage): Promise<void> {
    if (m.rpc === 'response') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (!m.ok) p.reject(new Error(m.error));
      else p.resolve(m.value);
      return;
    }
    let reply: RpcMessage;
    try {
      if (!Object.hasOwn(this.handlers, m.method)) throw new Error(`unknown method '${m.method}'`);
      const handler = this.handlers[m.method as keyof Local] as (params: unknown) => unknown;
      reply = { rpc: 'response', id: m.id, ok: true, value: await handler(m.params) };
    } catch (e) {
      reply = { rpc: 'response', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    this.port.postMessage(reply);
  }
}
