import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}

const OPEN = 'test/fixtures/detect/18-open-parameters.ts';
const EXAMPLE = 'examples/mnist-models.ts';

for (const [flag, value, reason] of [
  ['--d', '-5', /--d: a size must be from 1 to \d+, got -5/],
  ['--d', '0', /--d: a size must be from 1 to \d+, got 0/],
  ['--d', '2.5', /--d: a size must be a whole number, got 2\.5/],
  ['--degree', '0', /--degree: the target degree must be from 1 to 12, got 0/],
  ['--degree', '2.5', /--degree: the target degree must be a whole number, got 2\.5/],
  ['--kappa', '0', /--kappa: κ must be from [\d.e-]+ to \d+, got 0/],
  ['--kappa', '-1', /--kappa: κ must be from [\d.e-]+ to \d+, got -1/],
] as const) {
  test(`predict and analyze refuse ${flag} ${value} up front with exit code 2`, async () => {
    const predict = await run(['predict', EXAMPLE, flag, value]);
    assert.equal(predict.code, 2);
    assert.match(predict.err, reason);
    assert.equal(predict.out, '', 'nothing was analysed');
    const analyze = await run(['analyze', '--widths', '256', '--d', '64', flag, value]);
    assert.equal(analyze.code, 2);
    assert.match(analyze.err, reason);
    assert.equal(analyze.out, '');
  });
}

test("analyze: a negative or fractional width gets our message, not the parser's", async () => {
  const negative = await run(['analyze', '--widths', '-256,512', '--d', '64']);
  assert.equal(negative.code, 2);
  assert.doesNotMatch(negative.err, /ambiguous/);
  assert.match(negative.err, /--widths: a size must be from 1 to \d+, got -256/);
  const fractional = await run(['analyze', '--widths', '256,2.5', '--d', '64']);
  assert.equal(fractional.code, 2);
  assert.match(fractional.err, /--widths: a size must be a whole number, got 2\.5/);
});

test('sizes typed as expressions: --d 28*28, --set hiddenUnits=2^7, --d [28, 28, 1]', async () => {
  const r = await run([
    'predict',
    OPEN,
    '--d',
    '28*28',
    '--set',
    'hiddenUnits=2^7',
    '--set',
    'numLayers=hiddenUnits/64',
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /input dimension d = 784 \(supplied;/);
  assert.match(r.out, /`hiddenUnits` = 128 \(supplied;/);
  assert.match(r.out, /`numLayers` = 2 \(supplied;/);
  const shape = await run(['analyze', '--d', '[28, 28, 1]', '--widths', '2^8', '--json']);
  assert.equal(shape.code, 0, shape.err);
  const plain = await run(['analyze', '--d', '784', '--widths', '256', '--json']);
  assert.deepEqual(JSON.parse(shape.out), JSON.parse(plain.out));
  // A loop's count may be 0; a negative one may not.
  const zero = await run(['predict', OPEN, '--d', '8', '--set', 'hiddenUnits=4', '--set', 'numLayers=0']);
  assert.equal(zero.code, 0, zero.err);
  assert.match(zero.out, /`numLayers` = 0 \(supplied;/);
  const negative = await run(['predict', OPEN, '--set', 'numLayers=-1']);
  assert.equal(negative.code, 2);
  assert.match(negative.err, /--set numLayers: a size or count must be from 0 to \d+, got -1/);
  const bad = await run(['predict', OPEN, '--set', 'hiddenUnits=range(1,9)']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--set hiddenUnits: functions are not allowed/);
});

test('the layers table shows supplied sizes, and --d is labelled "supplied" like --set', async () => {
  const open = await run(['predict', OPEN]);
  assert.match(open.out, /\?hiddenUnits/);
  const supplied = await run(['predict', OPEN, '--d', '64', '--set', 'hiddenUnits=128', '--set', 'numLayers=2']);
  assert.equal(supplied.code, 0, supplied.err);
  assert.doesNotMatch(supplied.out, /\?hiddenUnits|\?numLayers/);
  assert.match(supplied.out, /dense +128 \(hiddenUnits\) +relu +hidden\n/);
  assert.match(supplied.out, /dense +256 \(hiddenUnits\) +relu +hidden x2 \(numLayers\)\n/);
  assert.match(supplied.out, /input dimension d = 64 \(supplied;/);
  assert.doesNotMatch(supplied.out, /\(default;/);
});

test('the help shows no default that does not exist', async () => {
  const help = await run(['predict', '--help']);
  assert.equal(help.code, 0);
  // --d has no default in predict: without it an open input dimension stays open.
  assert.doesNotMatch(help.out, /--d \d/);
  const open = await run(['predict', OPEN, '--set', 'hiddenUnits=1', '--set', 'numLayers=1']);
  assert.match(open.out, /open: inputShape/);
  // The defaults it does state are the ones used.
  assert.match(help.out, /--degree <m>.*\(default 3\)/);
  assert.match(help.out, /--kappa <k>.*\(default 1\)/);
  const json = JSON.parse((await run(['predict', EXAMPLE, '--d', '64', '--json'])).out);
  assert.equal(json.models[0].analysis.degree, 3);
  assert.equal(json.models[0].analysis.kappa, 1);
});

test('a file with no model and a file that does not parse say which', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'predict-'));
  const none = join(dir, 'plain.ts');
  writeFileSync(none, 'export const x = 1;\n');
  const noModel = await run(['predict', none]);
  assert.equal(noModel.code, 0);
  assert.match(noModel.out, /no TensorFlow\.js models found in .*plain\.ts \(it parses/);
  const broken = join(dir, 'broken.ts');
  writeFileSync(broken, 'import * as tf from "@tensorflow/tfjs";\nconst x = (;\n');
  const parseError = await run(['predict', broken]);
  assert.equal(parseError.code, 1);
  assert.match(parseError.err, /broken\.ts does not parse \(line 2: Expression expected\.\)/);
  const json = join(dir, 'model.json');
  writeFileSync(json, '{"modelTopology": ');
  const badJson = await run(['predict', json]);
  assert.equal(badJson.code, 1);
  assert.match(badJson.err, /model\.json does not parse \(line 1: /);
});

test('the built dist/cli.js runs as a command (executable, with its shebang)', () => {
  const out = mkdtempSync(join(tmpdir(), 'cli-build-'));
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', out], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok((statSync(join(out, 'cli.js')).mode & 0o111) !== 0, 'cli.js has an execute bit');
  const help = execFileSync(join(out, 'cli.js'), ['--help'], { encoding: 'utf8' });
  assert.match(help, /usage: tfjs-scaling <command>/);
});
