// Worker-thread entry (bundled as dist/checkWorker.js): trains the jobs the pool sends, one at a
// time. Required anywhere else (the main thread, or a host worker that runs the check) it only
// exports runJob: it listens only in a thread the pool started for it.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type TrainJob } from './job';
import { TRAINER_ROLE } from './pool';

export { runJob };

const port = (workerData as { role?: unknown } | null)?.role === TRAINER_ROLE ? parentPort : null;

port?.on('message', (message: { id: number; job: TrainJob }) => {
  runJob(message.job).then(
    (outcome) => port?.postMessage({ id: message.id, ok: true, outcome }),
    (error: unknown) =>
      port?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
