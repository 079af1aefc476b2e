// Worker-thread entry (bundled as dist/editorCheckWorker.js): the editor's check by training, away
// from the extension host's thread (check.js, loaded here, trains in worker threads of its own).
// Cancelling ends this thread, and the training threads with it, at once (src/workers/checkBundle.ts).
import { parentPort } from 'node:worker_threads';
import { loadCheckModule } from '../check/load';
import type { CheckProgress, CheckResult, CheckSpec } from '../check/types';
import { serveWorker } from './supervisor';

/** A failure keeps its error's name: the runner tells a bad spec (CheckInputError) from a crash. */
export type CheckAnswer = { ok: true; result: CheckResult } | { ok: false; name: string; message: string };

export interface CheckWorkerMethods {
  run: { params: CheckSpec; result: CheckAnswer };
}

export interface CheckHostMethods {
  progress: { params: CheckProgress; result: null };
}

const host = serveWorker<CheckWorkerMethods, CheckHostMethods>(parentPort, {
  run: async (spec) => {
    try {
      const check = await loadCheckModule();
      const result = await check.runCheck(spec, {
        onProgress: (p) => void host?.request('progress', p).catch(() => undefined),
      });
      return { ok: true, result };
    } catch (e) {
      return {
        ok: false,
        name: e instanceof Error ? e.name : 'Error',
        message: e instanceof Error ? e.message : String(e),
      };
    }
  },
});
