// scripts/system-packages.sh, the first step of `npm test`, on a simulated machine: a fake
// dpkg-query says which packages are installed and a fake apt-get records what it was asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Run {
  status: number | null;
  stderr: string;
  aptCalls: string[];
}

function run(installed: string[], env: Record<string, string>, withApt = true): Run {
  const dir = mkdtempSync(join(tmpdir(), 'syspkg-'));
  const dpkg = join(dir, 'dpkg-query');
  writeFileSync(
    dpkg,
    `#!/bin/sh\n# dpkg-query -W -f=... <package>\ncase " ${installed.join(' ')} " in *" $3 "*) printf 'install ok installed' ;; *) exit 1 ;; esac\n`,
  );
  chmodSync(dpkg, 0o755);
  const apt = join(dir, 'apt-get');
  const calls = join(dir, 'apt-calls');
  writeFileSync(apt, `#!/bin/sh\necho "$*" >> '${calls}'\n`);
  chmodSync(apt, 0o755);
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['CI', 'SKIP_BROWSER_E2E', 'E2E_CHROMIUM'].includes(k)),
  ) as Record<string, string>;
  const result = spawnSync('bash', ['scripts/system-packages.sh'], {
    encoding: 'utf8',
    env: {
      ...clean,
      TFJS_SCALING_DPKG_QUERY: dpkg,
      TFJS_SCALING_APT_GET: withApt ? apt : join(dir, 'no-apt-get'),
      ...env,
    },
  });
  const aptCalls = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
  return { status: result.status, stderr: result.stderr, aptCalls };
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

test('nothing to do when every package is there', () => {
  const r = run(['chromium', 'libkrb5-dev', 'unzip'], { CI: 'true' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.aptCalls, []);
});

test('missing packages are installed with apt-get when root', { skip: !asRoot && 'needs root' }, () => {
  const r = run(['unzip'], { CI: 'true' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.aptCalls.length, 2, r.aptCalls.join('\n'));
  assert.match(r.aptCalls[0]!, /^update/);
  assert.match(r.aptCalls[1]!, /^install -y .*\bchromium libkrb5-dev$/);
});

test('without apt-get it stops with the one command to run', () => {
  const r = run(['unzip'], { CI: 'true' }, false);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /sudo apt-get install -y chromium libkrb5-dev\n/);
  assert.deepEqual(r.aptCalls, []);
});

test('the browser packages are not asked for when the browser test is skipped', () => {
  const skipped = run(['unzip'], { SKIP_BROWSER_E2E: '1' }, false);
  assert.equal(skipped.status, 0, skipped.stderr);
  const noUnzip = run([], { SKIP_BROWSER_E2E: '1' }, false);
  assert.equal(noUnzip.status, 1);
  assert.match(noUnzip.stderr, /apt-get install -y unzip\n/);
  // CI runs everything, so SKIP_BROWSER_E2E does not lower what it needs.
  const ci = run(['unzip'], { SKIP_BROWSER_E2E: '1', CI: 'true' }, false);
  assert.equal(ci.status, 1);
  assert.match(ci.stderr, /chromium libkrb5-dev/);
});

test('a Chromium given by path replaces the chromium package', () => {
  const r = run(['unzip', 'libkrb5-dev'], { CI: 'true', E2E_CHROMIUM: '/opt/chrome/chrome' }, false);
  assert.equal(r.status, 0, r.stderr);
});
