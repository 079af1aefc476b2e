// Worker-thread entry (bundled as dist/chartWorker.js): computes chart sweeps away from the
// extension host's main thread, so typing never waits for hundreds of analyses. Supervised like
// the analysis worker: a deadline per job, memory limits, replaced when it overruns or dies.
import { parentPort } from 'node:worker_threads';
import { computeChartData, type ChartData, type ChartJob } from '../view/chartData';
import { serveWorker } from './supervisor';

export interface ChartMethods {
  charts: { params: ChartJob; result: ChartData };
}

serveWorker<ChartMethods, Record<never, never>>(parentPort, { charts: (job) => computeChartData(job) });
