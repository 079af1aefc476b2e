import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('analyze --json prints the fields the product relies on', async () => {
  const { code, out } = await run([
    'analyze',
    '--widths',
    '256,512',
    '--d',
    '64',
    '--degree',
    '3',
    '--activation',
    'erf',
    '--no-bias',
    '--kappa',
    '2',
    '--json',
  ]);
  assert.equal(code, 0);
  const j = JSON.parse(out);
  assert.deepEqual(j.winner.patterns, ['GP', 'Spec']);
  assert.deepEqual(j.winner.degrees, [null, 1]);
  assert.equal(j.winner.params[0], null);
  assert.ok(Math.abs(j.winner.params[1].M - Math.sqrt(512 / 64)) < 1e-9);
  assert.ok(Math.abs(j.energy - 2 * Math.sqrt(512 * 64)) < 1e-9);
  assert.ok(Math.abs(j.pStar - 2 * j.energy) < 1e-9);
  assert.deepEqual(j.exponents, { d: '1/2', N1: '0', N2: '1/2' });
  const specMag = j.candidates.find(
    (c: { patterns: string[]; source: string }) => c.patterns.join('/') === 'Spec/Mag' && c.source === 'paper',
  );
  assert.deepEqual(specMag.exponents, { d: '1/3', N1: '1/3', N2: '1/3' });
  for (const c of j.candidates) assert.ok(['paper', 'rules'].includes(c.source));
});

test('analyze prints a readable report, and bad flags a message with exit code 2', async () => {
  const ok = await run(['analyze', '--attention', '128:64', '--d', '64']);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /Winner: value Spec \+ query-key GFL/);
  assert.match(ok.out, /P\* ∝ d · L\^1\/2 · d_k\^1\/2/);
  const bad = await run(['analyze', '--widths', '256,-1', '--d', '64']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--widths: a size must be from 1 to \d+, got -1/);
  const missing = await run(['analyze', '--widths', '256']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--d/);
  const unknown = await run(['frobnicate']);
  assert.equal(unknown.code, 2);
});

test('analyze --conv takes the paper tiling: S x n must equal the positions coming in, else a message and exit code 2', async () => {
  const ok = await run(['analyze', '--d', '64', '--conv', '4:4:16', '--conv', '8:4:4', '--widths', '32']);
  assert.equal(ok.code, 0, ok.err);
  const first = await run(['analyze', '--d', '100', '--conv', '4:4:16']);
  assert.equal(first.code, 2);
  assert.match(first.err, /16 patches of 4 cover 64 positions, but 100 come in \(d\)/);
  const second = await run(['analyze', '--d', '64', '--conv', '4:4:16', '--conv', '8:3:4']);
  assert.equal(second.code, 2);
  assert.match(second.err, /4 patches of 3 cover 12 positions, but 16 come in \(the previous n\)/);
});
