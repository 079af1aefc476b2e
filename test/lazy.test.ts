import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lazy } from '../src/lazy';

test('lazy: loads once for every caller, and a failed load is tried again on the next call', async () => {
  let calls = 0;
  let fail = true;
  const get = lazy(async () => {
    calls++;
    if (fail) throw new Error('no backend');
    return calls;
  });
  await assert.rejects(get(), /no backend/);
  fail = false;
  const [a, b] = await Promise.all([get(), get()]);
  assert.deepEqual([a, b, await get(), calls], [2, 2, 2, 2]);
});
