// The check bundle the editor's runner uses: each run in its own worker thread (tfjs and the
// training stay off the extension host's thread), ended at once when the run is cancelled.
import type { CheckOptions } from '../check/options';
import type { CheckResult, CheckSpec } from '../check/types';
import type { CheckHostMethods, CheckWorkerMethods } from './editorCheckWorker';
import { Supervisor } from './supervisor';
import type { CheckBundle } from './checkRunner';

/** Far beyond the full budget's tens of minutes: only a run that has stopped making progress hits it. */
const CHECK_DEADLINE_MS = 3 * 60 * 60 * 1000;
const CHECK_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };

function named(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export function workerCheckBundle(path: string, log: (message: string) => void): CheckBundle {
  return { runCheck: (spec, opts) => runInWorker(path, spec, opts ?? {}, log) };
}

async function runInWorker(
  path: string,
  spec: CheckSpec,
  opts: CheckOptions,
  log: (message: string) => void,
): Promise<CheckResult> {
  if (opts.signal?.aborted) throw named('AbortError', 'The check was cancelled.');
  const worker = new Supervisor<CheckWorkerMethods, CheckHostMethods>({
    path,
    name: 'check',
    resourceLimits: CHECK_LIMITS,
    deadlineMs: CHECK_DEADLINE_MS,
    handlers: {
      progress: (p) => {
        opts.onProgress?.(p);
        return null;
      },
    },
    log,
  });
  const cancel = (): void => worker.terminate('cancelled');
  opts.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const outcome = await worker.call('run', spec);
    if (opts.signal?.aborted) throw named('AbortError', 'The check was cancelled.');
    if (!outcome.ok) throw new Error(`the training ${outcome.skipped}`);
    if (!outcome.value.ok) throw named(outcome.value.name, outcome.value.message);
    return outcome.value.result;
  } finally {
    opts.signal?.removeEventListener('abort', cancel);
    worker.dispose();
  }
}
