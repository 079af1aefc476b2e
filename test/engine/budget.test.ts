// The data budget: the user's P against P*, and the width advisor's ranges, checked against the engine itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, withSize, type Architecture } from '../../src/engine/index';
import { budgetSentence, dataBudget } from '../../src/engine/budget';
import { runAnalyze } from '../../src/cli/analyze';
import { runPredict } from '../../src/cli/predict';
import { join } from 'node:path';

const mlp: Architecture = {
  inputDim: 64,
  layers: [
    { kind: 'dense', width: 256, activation: 'erf', bias: false },
    { kind: 'dense', width: 512, activation: 'erf', bias: false },
  ],
};

function pStar(arch: Architecture): number {
  const r = analyze(arch);
  assert.ok(r.reachable);
  return r.pStar;
}

test('the answer to "I have P samples": the ratio to P*, in words either way', () => {
  assert.match(budgetSentence(60_000, 750), /^P = 60,000 is ≈ 80× P\* ≈ 750: feature learning expected/);
  assert.match(budgetSentence(500, 2000), /^P = 500 is short of P\* ≈ 2,000 by ≈ 4×/);
});

test('the width advisor: every range it gives fits in P at its ends, and the widths just outside do not', () => {
  const p = pStar(mlp);
  // Not at simple ratios of P*: P* ~ sqrt(N2) puts P = P* / 2 exactly on N2 = 128, a tie to the last bit.
  for (const samples of [p * 0.47, p * 3.3]) {
    const b = dataBudget(mlp, p, samples);
    assert.equal(b.enough, samples >= p);
    assert.equal(b.widths.length, 2);
    for (const w of b.widths) {
      assert.ok(w.sentence.startsWith(`layer ${w.layer} (width ${w.current})`));
      if (w.range === null) continue;
      const [lo, hi] = w.range;
      assert.ok(pStar(withSize(mlp, w.size, lo)) <= samples, `${w.size} = ${lo} fits`);
      assert.ok(pStar(withSize(mlp, w.size, hi)) <= samples, `${w.size} = ${hi} fits`);
      if (!w.openBelow) assert.ok(pStar(withSize(mlp, w.size, lo - 1)) > samples, `${w.size} below ${lo} does not fit`);
      if (!w.openAbove) assert.ok(pStar(withSize(mlp, w.size, hi + 1)) > samples, `${w.size} above ${hi} does not fit`);
    }
  }
  // Short of P*: the code's own widths are outside the band of at least one layer.
  const short = dataBudget(mlp, p, p * 0.47);
  assert.ok(short.widths.some((w) => w.range === null || w.current < w.range[0] || w.current > w.range[1]));
});

async function cli(run: typeof runPredict, args: string[]): Promise<string> {
  let out = '';
  const code = await run(args, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      out += t;
    },
  });
  assert.equal(code, 0, out);
  return out;
}

test('predict --samples and analyze --samples answer with the data budget and the widths', async () => {
  const text = await cli(runPredict, [
    join(import.meta.dirname, '..', 'fixtures', 'detect', '03-functional.ts'),
    '--samples',
    '60000',
  ]);
  assert.match(text, /data: P = 60,000 is ≈ [\d,.]+× P\*/);
  assert.equal(text.match(/widths: layer \d/g)?.length, 2);
  const json = JSON.parse(
    await cli(runAnalyze, ['--d', '64', '--widths', '256,512', '--samples', '100', '--json']),
  ) as { pStar: number; dataBudget: { ratio: number; enough: boolean } };
  assert.equal(json.dataBudget.enough, false);
  assert.ok(Math.abs(json.dataBudget.ratio - 100 / pStar(mlp)) < 1e-9);
});

test('a range of one width is said as that width, not "widths up to 1"', () => {
  // P* grows with N2 here (GP → Spec, 2·sqrt(N2·d)); P just above P* at N2 = 1 admits that width alone.
  const atOne = pStar(withSize(mlp, 'N2', 1));
  assert.ok(pStar(withSize(mlp, 'N2', 2)) > atOne * 1.001, 'P* grows from N2 = 1 to 2');
  const n2 = dataBudget(mlp, pStar(mlp), atOne * 1.001).widths.find((w) => w.size === 'N2');
  assert.deepEqual(n2?.range, [1, 1]);
  assert.match(n2?.sentence ?? '', /^layer 2 \(width 512\): P\* ≤ P only at width 1, the others fixed$/);
});
