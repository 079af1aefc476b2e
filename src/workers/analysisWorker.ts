// Worker-thread entry (bundled as dist/analysisWorker.js): loads the analysis worker's body
// (dist/analysisCore.js: detection with the bundled TypeScript parser, architectures, the engine)
// through V8's code cache kept in the directory the host names (the extension's global storage),
// and writes that cache after the first detection when it was missing or stale.
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { loadCached } from './codeCache';

/** What the host tells the worker: where the code cache lives (none: compile every time). */
export interface AnalysisWorkerData {
  cacheDir: string | null;
}

const { cacheDir } = (workerData ?? { cacheDir: null }) as AnalysisWorkerData;
const core = loadCached(join(__dirname, 'analysisCore.js'), cacheDir);
void (core.exports['firstWork'] as Promise<void> | undefined)?.then(() => core.save());
