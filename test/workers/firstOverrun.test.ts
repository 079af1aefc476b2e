// A detection that runs past its deadline is read once more per document version (a cold worker on
// a busy machine can overrun where the file is not at fault), and only once: a file that overruns
// again at the same version stays skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FirstOverrun } from '../../src/workers/firstOverrun';

test('the first overrun of a version earns one more reading; the second does not; a new version or a forget starts over', () => {
  const o = new FirstOverrun();
  assert.equal(o.first('a.js', 1), true);
  assert.equal(o.first('a.js', 1), false);
  assert.equal(o.first('a.js', 1), false);
  assert.equal(o.first('b.js', 1), true, 'documents are counted apart');
  assert.equal(o.first('a.js', 2), true, 'an edit is a new version');
  assert.equal(o.first('a.js', 2), false);
  o.forget('a.js');
  assert.equal(o.first('a.js', 2), true, 'a closed and reopened document starts over');
});

test("forgetting a document forgets its models' overruns too, and no other document's", () => {
  const o = new FirstOverrun();
  assert.equal(o.first('a.js#0', 1), true);
  assert.equal(o.first('a.js2#0', 1), true);
  o.forget('a.js');
  assert.equal(o.first('a.js#0', 1), true, 'a model of the forgotten document starts over');
  assert.equal(o.first('a.js2#0', 1), false, 'another document whose name starts the same is kept');
});
