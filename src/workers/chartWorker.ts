// Worker-thread entry (bundled as dist/chartWorker.js): computes chart sweeps away from the
// extension host's main thread, so typing never waits for hundreds of analyses. Supervised like
// the analysis worker: a deadline per job, memory limits, replaced when it overruns or dies.
import { parentPort } from 'node:worker_threads';
import { ChartAbandoned } from '../engine/index';
import { computeChartData, type ChartData, type ChartJob } from '../view/chartData';
import { serveWorker } from './supervisor';

/**
 * A job, with the host's word on whether it still wants it: `wanted[0]` holds the number of the
 * job the host waits for (shared memory, so the worker reads it mid-job, between two columns).
 */
export interface ChartRequest {
  job: ChartJob;
  number: number;
  wanted: Int32Array;
}

export interface ChartMethods {
  /** Null: the host asked for a newer job while this one ran, and it was dropped. */
  charts: { params: ChartRequest; result: ChartData | null };
}

serveWorker<ChartMethods, Record<never, never>>(parentPort, {
  charts: ({ job, number, wanted }) => {
    try {
      return computeChartData(job, undefined, () => Atomics.load(wanted, 0) !== number);
    } catch (e) {
      if (e instanceof ChartAbandoned) return null;
      throw e;
    }
  },
});
