// The analysis worker as the worker tests start it: the fixture that loads the detector from
// source (seconds, so a generous start time), the extension's kind of limits, and a host that
// answers `read` as the test says.
import { join } from 'node:path';
import type { AnalysisMethods, HostMethods } from '../../src/workers/analysis';
import { Supervisor, type SupervisorOptions } from '../../src/workers/supervisor';

const WORKER = join(import.meta.dirname, '..', 'fixtures', 'workers', 'analysis.cjs');

export function analysisSupervisor(
  read: SupervisorOptions<HostMethods>['handlers']['read'],
  { memoryMb = 256, deadlineMs = 30_000 }: { memoryMb?: number; deadlineMs?: number } = {},
): Supervisor<AnalysisMethods, HostMethods> {
  return new Supervisor<AnalysisMethods, HostMethods>({
    path: WORKER,
    name: 'analysis',
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    deadlineMs,
    startMs: 60_000,
    handlers: { read },
  });
}
