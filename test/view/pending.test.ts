import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PendingRequests } from '../../src/view/pending';

test('a reply reaches the request with its id, once; other ids are not touched', async () => {
  const pending = new PendingRequests<string>('export');
  const a = pending.open(10_000);
  const b = pending.open(10_000);
  assert.notEqual(a.requestId, b.requestId);
  assert.match(a.requestId, /^export-\d+$/);
  assert.equal(pending.settle(b.requestId, 'png of b'), true);
  assert.equal(await b.reply, 'png of b');
  assert.equal(pending.settle(b.requestId, 'again'), false, 'a second reply to the same id finds nobody waiting');
  assert.equal(pending.settle('export-999', 'stray'), false, 'a reply nobody asked for');
  assert.equal(pending.size, 1);
  assert.equal(pending.settle(a.requestId, 'png of a'), true);
  assert.equal(await a.reply, 'png of a');
  assert.equal(pending.size, 0);
});

test('without a reply by its deadline a request settles as null, and a late reply is refused', async () => {
  const pending = new PendingRequests<string>('export');
  const { requestId, reply } = pending.open(20);
  assert.equal(await reply, null);
  assert.equal(pending.size, 0);
  assert.equal(pending.settle(requestId, 'too late'), false);
});

test('disposing settles every waiting request as null at once', async () => {
  const pending = new PendingRequests<number>('export');
  const replies = [pending.open(60_000), pending.open(60_000)].map((r) => r.reply);
  pending.dispose();
  assert.deepEqual(await Promise.all(replies), [null, null]);
  assert.equal(pending.size, 0);
});
