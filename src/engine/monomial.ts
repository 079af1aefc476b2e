// Monomials with integer exponents over named sizes and pattern parameters. Every energy
// term the rules produce is one of these; rational exponents appear only after minimising.

export interface Mono {
  coef: number;
  exps: Readonly<Record<string, number>>;
}

export const ONE: Mono = { coef: 1, exps: {} };

export function mono(name: string, power = 1, coef = 1): Mono {
  return { coef, exps: power === 0 ? {} : { [name]: power } };
}

export function mul(a: Mono, b: Mono): Mono {
  const exps: Record<string, number> = { ...a.exps };
  for (const [k, v] of Object.entries(b.exps)) {
    const s = (exps[k] ?? 0) + v;
    if (s === 0) delete exps[k];
    else exps[k] = s;
  }
  return { coef: a.coef * b.coef, exps };
}

export function pow(a: Mono, p: number): Mono {
  if (p === 0) return ONE;
  const exps: Record<string, number> = {};
  for (const [k, v] of Object.entries(a.exps)) exps[k] = v * p;
  return { coef: a.coef ** p, exps };
}

export function div(a: Mono, b: Mono): Mono {
  return mul(a, pow(b, -1));
}

export function evaluate(m: Mono, values: Readonly<Record<string, number>>): number {
  let v = m.coef;
  for (const [k, e] of Object.entries(m.exps)) {
    const x = values[k];
    if (x === undefined) throw new Error(`internal: no value for ${k}`);
    v *= x ** e;
  }
  return v;
}
