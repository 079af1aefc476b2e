import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber } from '../../src/present/numbers';
import {
  codeLensText,
  competingLabels,
  exponentText,
  hoverMarkdown,
  layerVerdict,
  pStarText,
} from '../../src/view/format';
import { analysis, gflSpec, gpgp, gpSpec, specMag } from './fixtures';

test('exponents print as exact fractions, widths first, zero exponents left out', () => {
  assert.equal(exponentText(gpSpec.exponents), 'P* ∝ N2^1/2 · d^1/2');
  assert.equal(exponentText({ d: '1/3', N2: '1/3', N1: '1/3' }), 'P* ∝ N1^1/3 · N2^1/3 · d^1/3');
  assert.equal(exponentText({ d: '3' }), 'P* ∝ d^3');
  assert.equal(exponentText({ d: '1', L: '1/2' }), 'P* ∝ d · L^1/2');
  assert.match(exponentText({ d: '0' }), /does not grow/);
});

test('layer verdicts say what the layer does in practitioner terms', () => {
  const [l1, l2] = gpSpec.layers;
  assert.ok(l1 && l2);
  assert.match(layerVerdict(l2, 'dense', 512), /^layer 2: ~2\.8 neurons specialise on the target direction/);
  assert.match(layerVerdict(l1, 'dense', 256), /^layer 1: stays lazy \(GP\)/);
  const mag = specMag.layers[1];
  assert.ok(mag);
  assert.match(layerVerdict(mag, 'dense', 512), /layer 2: .*small shared mean along the degree-3 feature.*β ≈ 2\.5/);
  assert.match(
    layerVerdict(
      { layer: 1, pattern: 'Spec', degree: 1, produces: 1, param: { name: 'M', value: 1, binds: 'M = 1' } },
      'conv',
      32,
    ),
    /~1 channel specialises/,
  );
  assert.match(
    layerVerdict(
      { layer: 1, pattern: 'Spec', degree: 1, produces: 1, param: { name: 'M', value: 32, binds: 'M = N1' } },
      'conv',
      32,
    ),
    /all 32 channels specialise/,
  );
  const gfl = gflSpec.layers[0];
  assert.ok(gfl);
  assert.match(layerVerdict(gfl, 'attention', 64), /amplified ×4 .*query-key row/);
});

test('P* text carries the value, kappa and the O(1) caveat', () => {
  const text = pStarText({ energy: 609.56, kappa: 2, pStar: 1219.12 });
  assert.match(text, /P\* ≈ 1,200 samples/);
  assert.match(text, /κ = 2/);
  assert.match(text, /O\(1\)/);
});

test('competing patterns are the winner group minus the winner', () => {
  assert.deepEqual(competingLabels(analysis(specMag, [gflSpec, gpgp])), ['GFL → Spec']);
  assert.deepEqual(competingLabels(analysis(gpSpec, [specMag, gflSpec])), []);
});

test('CodeLens text: winner and P* in samples, lazy regime flagged, failures explained', () => {
  const one = analysis(specMag, []);
  assert.equal(codeLensText(one), `Spec → Mag · P* ≈ ${formatNumber(one.pStar)} samples`);
  const five = analysis(specMag, [], 5);
  assert.equal(codeLensText(five), `Spec → Mag · P* ≈ ${formatNumber(5 * one.pStar)} samples`, 'P* = κ·E follows κ');
  // A template of one's own; placeholders it does not know stay as written.
  assert.equal(codeLensText(one, '{pattern}: {energy}·κ {nope}'), `Spec → Mag: ${formatNumber(one.energy)}·κ {nope}`);
  assert.match(
    codeLensText(analysis(specMag, [], 1e4)),
    /P\* ≈ 6\.1e6 samples/,
    'a million or more takes the exponent form',
  );
  assert.match(codeLensText(analysis(gpgp, [])), /GP → GP \(lazy regime\)/);
  assert.match(codeLensText({ error: 'input dimension unknown' }), /input dimension unknown/);
  assert.match(
    codeLensText({
      reachable: false,
      degree: 2,
      kappa: 1,
      sizes: {},
      reason: 'odd activation',
      flags: [],
      assumptions: [],
      warnings: [],
    }),
    /unreachable — odd activation/,
  );
});

test('the width hover reports halved and doubled P* as ratios and names a change of winner', () => {
  const current = analysis(specMag, []);
  const halved = analysis(specMag, []);
  halved.energy = 609.56 / 2 ** (1 / 3);
  const doubled = analysis(gpSpec, []);
  const md = hoverMarkdown({ size: 'N1', value: 256, current, halved, doubled });
  assert.match(md, /\*\*N1 = 256\*\*/);
  assert.match(md, /halved \(N1 = 128\): P\* ≈ 480·κ \(×0\.7937\)/);
  assert.match(md, /doubled \(N1 = 512\): P\* ≈ 360·κ \(×0\.5939, winner becomes GP → Spec\)/);
  assert.match(md, /∂log P\*\/∂log N1 = 0\.3333/);
});

test('the short per-layer pattern for the layer table names the pattern and its parameter', async () => {
  const { layerShort } = await import('../../src/view/format');
  const [gp, spec] = gpSpec.layers;
  assert.ok(gp && spec);
  assert.equal(layerShort(gp, 'dense'), 'GP (lazy)');
  assert.equal(layerShort(spec, 'dense'), 'Spec, ~2.8 neurons');
  assert.equal(
    layerShort(
      { layer: 1, pattern: 'Spec', degree: 1, produces: 1, param: { name: 'M', value: 1, binds: 'M = 1' } },
      'conv',
    ),
    'Spec, ~1 channel',
  );
  const mag = specMag.layers[1];
  assert.ok(mag);
  assert.equal(layerShort(mag, 'dense'), 'Mag, β ≈ 2.5');
});
