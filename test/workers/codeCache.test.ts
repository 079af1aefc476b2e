// V8's code cache for the analysis worker's body: the first load compiles and writes it, later
// loads take it (the same exports either way); a cache from other code is rejected and rewritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCached } from '../../src/workers/codeCache';

test('the first load writes the code cache after its first work, the next one runs from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
  const file = join(dir, 'body.js');
  writeFileSync(file, 'exports.twice = (x) => 2 * x; exports.path = require("node:path").sep;');
  const first = loadCached(file, join(dir, 'cache'));
  assert.equal(first.fromCache, false);
  assert.equal((first.exports['twice'] as (x: number) => number)(21), 42);
  first.save();
  const cache = readFileSync(join(dir, 'cache', 'body.js.v8-cache'));
  assert.ok(cache.length > 0);
  const second = loadCached(file, join(dir, 'cache'));
  assert.equal(second.fromCache, true);
  assert.equal((second.exports['twice'] as (x: number) => number)(4), 8);
  assert.equal(second.exports['path'], '/');
  // Other code under the same name: V8 rejects the cache, the module still loads, and a new cache is written.
  writeFileSync(file, 'exports.twice = (x) => x + x + 0;');
  const changed = loadCached(file, join(dir, 'cache'));
  assert.equal(changed.fromCache, false);
  assert.equal((changed.exports['twice'] as (x: number) => number)(5), 10);
  changed.save();
  assert.equal(loadCached(file, join(dir, 'cache')).fromCache, true);
  // No directory: nothing is cached.
  assert.equal(loadCached(file, null).fromCache, false);
});
