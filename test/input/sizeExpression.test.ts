import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEGREE_RULE, KAPPA_RULE, SIZE_RULE, evaluateExpression } from '../../src/input/sizeExpression';

test('arithmetic, powers, shapes and known names, with the value echoed', () => {
  assert.deepEqual(evaluateExpression('28*28*3'), { ok: true, value: 2352, echo: '= 2352' });
  assert.deepEqual(evaluateExpression('2^10'), { ok: true, value: 1024, echo: '= 1024' });
  assert.deepEqual(evaluateExpression('[28, 28, 1]'), { ok: true, value: 784, echo: '= 784' });
  assert.deepEqual(evaluateExpression(' 512 '), { ok: true, value: 512, echo: null });
  assert.deepEqual(evaluateExpression('2 * N1 + (d - 4) / 2', SIZE_RULE, { N1: 100, d: 8 }), {
    ok: true,
    value: 202,
    echo: '= 202',
  });
  assert.deepEqual(evaluateExpression('1/2', KAPPA_RULE), { ok: true, value: 0.5, echo: '= 0.5' });
  // Digit groups, and names with an underscore (the attention head's d_k).
  assert.deepEqual(evaluateExpression('60_000'), { ok: true, value: 60000, echo: '= 60000' });
  assert.deepEqual(evaluateExpression('2*d_k', SIZE_RULE, { d_k: 32 }), { ok: true, value: 64, echo: '= 64' });
});

test('anything else is refused with the reason', () => {
  const reason = (text: string, rule = SIZE_RULE): string => {
    const r = evaluateExpression(text, rule, { N1: 64 });
    assert.equal(r.ok, false, text);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason('2.5'), /whole number, got 2\.5/);
  // "2 N1" or "2(N1)" would multiply silently: a product must be written with *.
  assert.match(reason('2 N1'), /write \* between factors/);
  assert.match(reason('2(N1)'), /write \* between factors/);
  assert.match(reason('10/4'), /whole number, '10\/4' is 2\.5/);
  assert.match(reason('0'), /from 1 to \d+, got 0/);
  assert.match(reason('-N1'), /from 1 to \d+, '-N1' is -64/);
  assert.match(reason('N2'), /'N2' is not a known size \(known: N1\)/);
  assert.match(reason('import({})'), /functions are not allowed/);
  assert.match(reason('createUnit("x")'), /functions are not allowed/);
  assert.match(reason('evaluate("1")'), /functions are not allowed/);
  assert.match(reason('f(x) = x'), /functions are not allowed/);
  assert.match(reason('1:1e9'), /only numbers/);
  assert.match(reason('5!'), /'!' is not allowed/);
  assert.match(reason('"7"'), /not a number/);
  assert.match(reason('[2, [3]]'), /may only stand alone/);
  assert.match(reason('2^2^2^2^2'), /not a finite number/);
  assert.match(reason('(1 + '), /cannot read/);
  assert.match(reason(''), /give a size/);
  assert.match(reason('x'.repeat(201)), /longer than 200/);
  assert.match(reason('3.5', DEGREE_RULE), /the target degree must be a whole number/);
  assert.match(reason('13', DEGREE_RULE), /the target degree must be from 1 to 12/);
});

test('never throws, and an accepted value always obeys the rule', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (text) => {
      const r = evaluateExpression(text, SIZE_RULE, { N1: 3 });
      if (r.ok) assert.ok(Number.isInteger(r.value) && r.value >= 1 && r.value <= SIZE_RULE.max, text);
      else assert.ok(r.reason.length > 0);
    }),
    { numRuns: 2000 },
  );
});
