// Measures detection on a real corpus: runs `tfjs-scaling predict --json` (the built CLI,
// dist/cli.js) on every source file of a checkout and prints, per model, whether it got a
// prediction, which sizes stay open, what lies outside the theory, or why there is no readout.
// A model read once per distinct call of its function ("encoder (call at train.js:51)") is one
// model here: it counts as predicted when one of its readings is, and its readings are listed.
// Not a test: the corpus is fetched (e.g. tensorflow/tfjs-examples), never committed.
// Each file gets a reading budget of 10 s (`predict --budget`), not the 500 ms default: on a busy
// machine the default cut readings short (callers not reached, files skipped) and the figures
// moved from run to run.
//
//   npm run build && node scripts/corpus.mjs /tmp/tfjs-examples [--d 784] [--budget ms] [--json]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const valueOf = (flag) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : null);
const root = args.find((a, i) => !a.startsWith('--') && !['--d', '--budget'].includes(args[i - 1]));
const inputDim = valueOf('--d');
const budget = valueOf('--budget') ?? '10000';
const asJson = args.includes('--json');
if (!root) {
  process.stderr.write('usage: node scripts/corpus.mjs <checkout> [--d 784] [--budget ms] [--json]\n');
  process.exit(2);
}
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SOURCE = /\.(m?js|jsx|ts|tsx)$/;
const SKIP_DIR = new Set(['node_modules', 'dist', '.git', 'build', '.cache']);

function* sources(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (!SKIP_DIR.has(name)) yield* sources(path);
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts') && !/\.min\.js$/.test(name)) yield path;
  }
}

/** One of five outcomes per model, the first that applies. */
function classify(m) {
  // A linear model (no hidden layer) is read in full, and the engine's answer is that degree 3 is
  // out of its reach: an answer, but no P* to count as a prediction.
  if (m.analysis !== null && m.analysis.reachable === false)
    return { outcome: 'unreachable', detail: 'sizes read; the engine finds the target out of reach' };
  if (m.analysis !== null)
    return {
      outcome: 'predicted',
      detail: `P* ~ ${Number(m.analysis.pStar).toPrecision(3)}`,
    };
  const why = m.why ?? '';
  if (/^sizes the code does not fix/.test(why) || (m.unknowns.length > 0 && /not fix/.test(why))) {
    return { outcome: 'open sizes', detail: m.unknowns.map((u) => u.name).join(', ') };
  }
  if (/outside the theory/.test(why)) return { outcome: 'outside the theory', detail: why };
  if (/readout|linear model/.test(why)) return { outcome: 'no readout', detail: why };
  return { outcome: 'other', detail: why };
}

/** Which outcome a model with several readings counts as: the best of them. */
const RANK = ['predicted', 'unreachable', 'open sizes', 'no readout', 'outside the theory', 'other'];

const rows = [];
let files = 0;
let filesWithModels = 0;
for (const file of sources(root)) {
  files++;
  const cliArgs = [cli, 'predict', file, '--json', '--budget', budget, ...(inputDim ? ['--d', inputDim] : [])];
  const run = spawnSync(process.execPath, cliArgs, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const rel = relative(root, file);
  if (run.status !== 0) {
    rows.push({
      file: rel,
      model: '-',
      line: 0,
      outcome: 'skipped',
      detail: (run.stderr || run.stdout).trim().split('\n')[0],
    });
    continue;
  }
  const { models } = JSON.parse(run.stdout);
  if (models.length > 0) filesWithModels++;
  const byDefinition = new Map();
  for (const m of models) {
    const name = m.calls ? m.name.replace(/ \(calls? at .*\)$/, '') : m.name;
    const key = `${m.line}:${name}`;
    const reading = { ...classify(m), call: m.calls ? m.name.slice(name.length + 1) : null };
    const found = byDefinition.get(key);
    if (found) found.readings.push(reading);
    else byDefinition.set(key, { file: rel, model: name, line: m.line, readings: [reading] });
  }
  for (const d of byDefinition.values()) {
    const best = [...d.readings].sort((a, b) => RANK.indexOf(a.outcome) - RANK.indexOf(b.outcome))[0];
    const detail =
      d.readings.length === 1 && !best.call
        ? best.detail
        : d.readings.map((r) => `${r.call ?? 'own code'}: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}`).join('; ');
    rows.push({
      file: d.file,
      model: d.model,
      line: d.line,
      outcome: best.outcome,
      detail,
      readings: d.readings.length,
    });
  }
}

const totals = {};
for (const r of rows) totals[r.outcome] = (totals[r.outcome] ?? 0) + 1;
if (asJson) {
  process.stdout.write(`${JSON.stringify({ files, filesWithModels, models: rows.length, totals, rows }, null, 2)}\n`);
} else {
  for (const r of rows)
    process.stdout.write(
      `${`${r.file}:${r.line}`.padEnd(60)} ${r.model.padEnd(28)} ${r.outcome.padEnd(19)} ${r.detail}\n`,
    );
  process.stdout.write(
    `\n${files} source files, ${filesWithModels} define models, ${rows.filter((r) => r.outcome !== 'skipped').length} models${inputDim ? ` (--d ${inputDim})` : ''}, reading budget ${budget} ms per file\n`,
  );
  for (const [k, v] of Object.entries(totals).sort()) process.stdout.write(`  ${k.padEnd(19)} ${v}\n`);
}
