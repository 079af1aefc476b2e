import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckCommand } from '../../src/cli/check';
import type { CheckResult } from '../../src/check/types';

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err };
}

test('bad flags exit 2 with a message that names the problem', async () => {
  for (const [args, pattern] of [
    [['--d', '8'], /--widths is required/],
    [['--widths', '64'], /--d is required/],
    [['--widths', '64', '--d', '8', '--activation', 'swishy'], /unknown activation 'swishy'/],
    [['--widths', '6.5', '--d', '8'], /whole numbers/],
    [['--widths', '64', '--d', '8,12', '--pstar', '40'], /one value per --d/],
    [['--widths', '64', '--d', '8', '--degree', '0'], /Target degree 0|degree/],
    [['--widths', '64', '--d', '8', '--bogus'], /unknown option '--bogus'/],
  ] as const) {
    const c = capture();
    assert.equal(await runCheckCommand([...args], c.io), 2, args.join(' '));
    assert.match(c.err.join('\n'), pattern);
    assert.equal(c.out.length, 0);
  }
});

test('a tiny run prints JSON with the engine prediction and writes the SVG', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-cli-'));
  const plot = join(dir, 'out.svg');
  const c = capture();
  const code = await runCheckCommand(
    [
      '--widths',
      '8',
      '--d',
      '4',
      '--degree',
      '3',
      '--no-bias',
      '--seeds',
      '1',
      '--grid',
      '1,8',
      '--start',
      '8',
      '--max-epochs',
      '200',
      '--parallel',
      '1',
      '--json',
      '--plot',
      plot,
    ],
    c.io,
  );
  assert.equal(code, 0, c.err.join('\n'));
  const result = JSON.parse(c.out.join('\n')) as CheckResult;
  const curve = result.curves[0];
  assert.ok(curve);
  // The engine's two-layer Spec prediction for N = 8, d = 4: P* = 2 sqrt(N d).
  assert.ok(Math.abs(curve.pStar - 2 * Math.sqrt(32)) < 1e-6);
  assert.equal(curve.pattern, 'Spec');
  // Starting at the top of the range (8 P*), the search can only go down.
  assert.equal(curve.onsets[0]?.runs[curve.onsets[0].runs.length - 1]?.p, Math.round(8 * 2 * Math.sqrt(32)));
  assert.ok(curve.onsets[0]?.runs.every((r) => r.p >= Math.round(2 * Math.sqrt(32))));
  assert.match(readFileSync(plot, 'utf8'), /<svg /);
});
