import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyWhatIf, hiddenSizeName, whatIfControls } from '../../src/view/architecture';
import { buildManualArchitecture, parseWidths, readSize } from '../../src/view/manualArchitecture';
import type { Architecture } from '../../src/engine/types';

const mlp: Architecture = {
  inputDim: 64,
  layers: [
    { kind: 'dense', width: 256, activation: 'erf', bias: false },
    { kind: 'dense', width: 512, activation: 'erf', bias: false },
  ],
};
const head: Architecture = { inputDim: 32, layers: [{ kind: 'attention', contextLength: 16, queryKeyRows: 32 }] };

test('size names follow the engine: N1, N2 … and d_k for an attention head', () => {
  assert.equal(hiddenSizeName(mlp, 0), 'N1');
  assert.equal(hiddenSizeName(mlp, 1), 'N2');
  assert.equal(hiddenSizeName(head, 0), 'd_k');
});

test('what-if widths change only the named layer and never the input', () => {
  const out = applyWhatIf(mlp, { N2: 1024 });
  assert.deepEqual(
    out.layers.map((l) => (l.kind === 'dense' ? l.width : 0)),
    [256, 1024],
  );
  assert.equal(out.inputDim, 64);
  assert.deepEqual(
    mlp.layers.map((l) => (l.kind === 'dense' ? l.width : 0)),
    [256, 512],
    'the base is not mutated',
  );
  assert.deepEqual(applyWhatIf(mlp, { N7: 3, bogus: 1 }), mlp);
});

test('what-if depth repeats the last layer or drops trailing ones, never below one', () => {
  assert.equal(applyWhatIf(mlp, { depth: 4 }).layers.length, 4);
  const deeper = applyWhatIf(mlp, { depth: 3, N3: 128 });
  assert.deepEqual(
    deeper.layers.map((l) => (l.kind === 'dense' ? l.width : 0)),
    [256, 512, 128],
  );
  assert.equal(applyWhatIf(mlp, { depth: 1 }).layers.length, 1);
  assert.equal(applyWhatIf(mlp, { depth: 0 }).layers.length, 1);
  assert.equal(applyWhatIf(head, { depth: 3 }).layers.length, 1, 'an attention head has no depth slider');
});

test('attention what-ifs set d_k and L', () => {
  const out = applyWhatIf(head, { d_k: 8, L: 64 });
  assert.deepEqual(out.layers[0], { kind: 'attention', contextLength: 64, queryKeyRows: 8 });
});

test('controls: one log slider per width, a depth slider for dense stacks, values show the what-if', () => {
  const c = whatIfControls(mlp, { N1: 100 });
  assert.deepEqual(
    c.map((x) => x.size),
    ['N1', 'N2', 'depth'],
  );
  const n1 = c[0];
  assert.ok(n1);
  assert.equal(n1.base, 256);
  assert.equal(n1.value, 100);
  assert.ok(n1.min <= 100 && n1.max >= 256 * 16);
  assert.equal(n1.scale, 'log');
  assert.deepEqual(
    whatIfControls(head, {}).map((x) => x.size),
    ['d_k', 'L'],
  );
});

test('sizes are read as whole numbers or expressions of them, each refusal with its reason', () => {
  const value = (text: string | undefined): number | null => {
    const r = readSize(text);
    return r.ok ? r.value : null;
  };
  assert.equal(value('784'), 784);
  assert.equal(value(' 1e3 '), 1000);
  assert.equal(value('1_024'), 1024);
  assert.deepEqual(readSize('28*28*3'), { ok: true, value: 2352, echo: '= 2352' });
  assert.deepEqual(readSize('2^10'), { ok: true, value: 1024, echo: '= 1024' });
  assert.deepEqual(readSize('[28, 28, 1]'), { ok: true, value: 784, echo: '= 784' });
  for (const bad of ['', '0', '-3', '2.5', 'abc', '1e99', '256 512', 'sqrt(4)', undefined])
    assert.equal(value(bad), null, String(bad));
  assert.match(readSize('2.5').ok ? '' : (readSize('2.5') as { reason: string }).reason, /whole number, got 2\.5/);
  assert.deepEqual(parseWidths('256, 512 ;128'), { ok: true, value: [256, 512, 128] });
  // Commas inside a shape do not separate widths; a name known so far may be used.
  assert.deepEqual(parseWidths('[4, 4], 2*d', { d: 64 }), { ok: true, value: [16, 128] });
  const bad = parseWidths('256, ab');
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /"ab": 'ab' is not a known size/);
});

test('manual architectures: MLP, CNN with patches, attention head, with clear errors', () => {
  const m = buildManualArchitecture({ kind: 'mlp', widths: '256,512', inputDim: '64', activation: 'erf', bias: false });
  assert.deepEqual(m, { ok: true, value: mlp });
  const cnn = buildManualArchitecture({
    kind: 'cnn',
    widths: '32',
    inputDim: '784',
    patchSize: '16',
    activation: 'relu',
  });
  assert.ok(cnn.ok);
  assert.deepEqual(cnn.value.layers[0], {
    kind: 'conv',
    channels: 32,
    patchSize: 16,
    patchCount: 49,
    activation: 'relu',
    bias: true,
  });
  const a = buildManualArchitecture({ kind: 'attention', inputDim: '32', contextLength: '16', queryKeyRows: '32' });
  assert.deepEqual(a, { ok: true, value: head });
  const e1 = buildManualArchitecture({
    kind: 'cnn',
    widths: '32',
    inputDim: '100',
    patchSize: '16',
    activation: 'relu',
  });
  assert.match(e1.ok ? '' : e1.error, /not a whole number of patches/);
  const e2 = buildManualArchitecture({ kind: 'mlp', widths: '8', inputDim: '8', activation: 'swoosh' });
  assert.match(e2.ok ? '' : e2.error, /Unknown activation "swoosh"/);
  // Typed as expressions, the later answers naming the input dimension.
  const typed = buildManualArchitecture({
    kind: 'mlp',
    widths: '2^8, 8*d',
    inputDim: '[8, 8]',
    activation: 'erf',
    bias: false,
  });
  assert.deepEqual(typed, { ok: true, value: mlp });
  const e3 = buildManualArchitecture({ kind: 'attention', inputDim: '32', contextLength: '16.5' });
  assert.match(e3.ok ? '' : e3.error, /^The context length L: a size must be a whole number, got 16\.5\.$/);
});

test('any what-if on an MLP keeps every width a positive whole number', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 1, max: 12 }),
      (depth, w, which) => {
        const out = applyWhatIf(mlp, { depth, [`N${which}`]: w });
        assert.equal(out.layers.length, depth);
        for (const l of out.layers) assert.ok(l.kind === 'dense' && Number.isInteger(l.width) && l.width >= 1);
      },
    ),
  );
});

test('what-if keeps how the code was read: the readings reach the engine, so a softmax readout stays "rough"', () => {
  const arch: Architecture = {
    inputDim: 64,
    layers: [{ kind: 'dense', width: 16, activation: 'tanh', bias: true }],
    readings: [{ kind: 'softmax-as-linear', sentence: "the readout's softmax is read as linear" }],
  };
  assert.deepEqual(applyWhatIf(arch, { N1: 32 }).readings, arch.readings);
  assert.deepEqual(applyWhatIf(arch, {}).readings, arch.readings);
});
