// Worker-thread entry (bundled as dist/checkWorker.js): trains the jobs the pool sends, one at a time.
import { parentPort } from 'node:worker_threads';
import { runJob, type TrainJob } from './job';

parentPort?.on('message', (message: { id: number; job: TrainJob }) => {
  runJob(message.job).then(
    (outcome) => parentPort?.postMessage({ id: message.id, ok: true, outcome }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
