// Worker-thread entry (bundled as dist/chartWorker.js): computes chart sweeps away from the
// extension host's main thread, so typing never waits for hundreds of analyses.
import { parentPort } from 'node:worker_threads';
import { computeChartData, type ChartJob } from './chartData';

parentPort?.on('message', (job: ChartJob) => {
  parentPort?.postMessage({ key: job.key, data: computeChartData(job) });
});
