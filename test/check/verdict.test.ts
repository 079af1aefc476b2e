import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onsetRatio, verdict } from '../../src/check/verdict';

test('the onset is where mean alignment crosses 0.5, interpolated in log P', () => {
  assert.equal(onsetRatio([{ ratio: 1, alignmentMean: 0.1 }, { ratio: 4, alignmentMean: 0.9 }]), 2);
  assert.equal(onsetRatio([{ ratio: 0.5, alignmentMean: 0.7 }]), 0.5);
  assert.equal(onsetRatio([{ ratio: 1, alignmentMean: 0.1 }, { ratio: 2, alignmentMean: 0.4 }]), null);
  // The first crossing counts, even if the curve dips again afterwards.
  assert.equal(onsetRatio([{ ratio: 1, alignmentMean: 0.6 }, { ratio: 2, alignmentMean: 0.4 }, { ratio: 4, alignmentMean: 0.9 }]), 1);
});

test('curves whose onsets agree within a factor 2 are consistent, wider spreads are not', () => {
  const ok = verdict([{ d: 8, onsetRatio: 0.9, maxRatio: 8 }, { d: 16, onsetRatio: 1.4, maxRatio: 8 }]);
  assert.equal(ok.status, 'consistent');
  assert.deepEqual(ok.onsetRange, [0.9, 1.4]);
  assert.match(ok.text, /learning sets in at 0\.90–1\.4 × P\*: consistent/);
  const bad = verdict([{ d: 8, onsetRatio: 0.5, maxRatio: 8 }, { d: 16, onsetRatio: 3, maxRatio: 8 }]);
  assert.equal(bad.status, 'inconsistent');
  assert.match(bad.text, /not consistent/);
  const none = verdict([{ d: 8, onsetRatio: 1, maxRatio: 8 }, { d: 16, onsetRatio: null, maxRatio: 8 }]);
  assert.equal(none.status, 'no-onset');
  assert.match(none.text, /d = 16 the mean alignment stayed below 0\.5 up to 8\.0 × P\*/);
});
