// One training run as a self-contained job: the data are regenerated from the seed where the
// run happens, so a job crossing to a worker thread is a few numbers, not a dataset.
import type { DenseLayer } from '../engine/types';
import { sample, teacher, type Dataset } from './data';
import { loadTf, type BackendName } from './backend';
import { DEFAULT_TRAIN, trainAndMeasure } from './train';
import type { TrainedRun } from './types';

export interface TrainJob {
  layers: DenseLayer[];
  dim: number;
  degree: number;
  kappa: number;
  seed: number;
  p: number;
  testSamples: number;
  maxEpochs: number;
  backend: BackendName;
}

export interface JobOutcome {
  run: TrainedRun;
  backend: BackendName;
}

const tests = new Map<string, { w: Float32Array; test: Dataset }>();

export async function runJob(job: TrainJob, signal?: AbortSignal): Promise<JobOutcome> {
  const { tf, backend } = await loadTf(job.backend);
  const key = `${job.seed}:${job.dim}:${job.degree}:${job.testSamples}`;
  let fixed = tests.get(key);
  if (!fixed) {
    const w = teacher(job.seed, job.dim);
    fixed = { w, test: sample('test', job.seed, w, job.degree, job.testSamples) };
    tests.set(key, fixed);
  }
  // Training sets of one seed are prefixes of one stream: a larger P adds samples.
  const train = sample('train', job.seed, fixed.w, job.degree, job.p);
  const outcome = await trainAndMeasure(
    tf,
    job.layers,
    train,
    fixed.test,
    fixed.w,
    job.seed,
    {
      ...DEFAULT_TRAIN,
      kappa: job.kappa,
      maxEpochs: job.maxEpochs,
    },
    signal,
  );
  return { run: { p: job.p, ...outcome, capped: outcome.epochs >= job.maxEpochs }, backend };
}
