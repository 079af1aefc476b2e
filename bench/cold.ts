// One cold first detection, run in a new process by bench/run.ts: loads the detector bundle
// through the code cache (as the analysis worker loads its body), detects the one-model fixture
// and prints the times as JSON. argv: the detector bundle, the fixture, the cache directory.
import { readFileSync } from 'node:fs';
import type { detectModels } from '../src/detect/index';
import { loadCached } from '../src/workers/codeCache';

const [detector, fixture, cacheDir] = process.argv.slice(2) as [string, string, string];
const text = readFileSync(fixture, 'utf8');
const started = performance.now();
const loaded = loadCached(detector, cacheDir);
const loadMs = performance.now() - started;
const detect = loaded.exports['detectModels'] as typeof detectModels;
const models = detect(text, 'one-model.js').models.length;
const totalMs = performance.now() - started;
loaded.save();
console.log(JSON.stringify({ loadMs, totalMs, models, fromCache: loaded.fromCache }));
