// The analysis worker's body (bundled as dist/analysisCore.js, loaded by analysisWorker.js through
// V8's code cache): detection, architectures and the engine, away from the extension host's
// thread. The host's supervisor (src/workers/supervisor.ts) gives it a deadline per request and
// memory limits, and replaces it when it overruns or dies.
import { parentPort } from 'node:worker_threads';
import { analysisHandlers, type AnalysisMethods, type HostMethods } from './analysis';
import type { Channel } from './rpc';
import { EngineCache } from '../view/session';
import { serveWorker } from './supervisor';

let worked: () => void = () => undefined;
/** Settles after the first detection: the parser's functions are compiled then, for the code cache to keep. */
export const firstWork = new Promise<void>((resolve) => (worked = resolve));

const handlers = analysisHandlers(new EngineCache(), (path) =>
  host ? host.request('read', { path }) : Promise.resolve(undefined),
);

/** The channel back to the host; detection that follows imports asks it for files (`read`). */
const host: Channel<HostMethods, AnalysisMethods> | null = serveWorker<AnalysisMethods, HostMethods>(parentPort, {
  ...handlers,
  detect: async (request) => {
    try {
      return await handlers.detect(request);
    } finally {
      setImmediate(worked);
    }
  },
});
