/**
 * Exact rational numbers over bigint, for every number a bonus depends on: achievements, scores,
 * contributions and totals are kept exact and rounded once, for display, by `roundHalfUp`.
 * Floats never enter a score: 0.1 + 0.2 is 3/10 here.
 */
export interface Rational {
  readonly n: bigint;
  /** Always > 0; the fraction is always reduced. */
  readonly d: bigint;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Scores work on fen sums (up to ~1e12): below 2^53 the remainder loop is exact in doubles, and a
  // bigint loop allocates at every step (most of the engine's time and garbage for 1,000 reps).
  if (x <= SAFE && y <= SAFE) {
    let p = Number(x);
    let q = Number(y);
    while (q !== 0) {
      const r = p % q;
      p = q;
      q = r;
    }
    return BigInt(p);
  }
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

export function rat(numerator: bigint | number, denominator: bigint | number = 1n): Rational {
  let n = typeof numerator === 'bigint' ? numerator : toBigIntStrict(numerator);
  let d = typeof denominator === 'bigint' ? denominator : toBigIntStrict(denominator);
  if (d === 0n) throw new RangeError('rational with zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function toBigIntStrict(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return BigInt(value);
}

/** An exact rational from a decimal (0.8, "1.25", 95): the decimal digits as written, not the binary float. */
export function ratFromDecimal(value: number | string): Rational {
  const cached = typeof value === 'number' ? decimalCache.get(value) : undefined;
  if (cached) return cached;
  const result = parseDecimal(value);
  // Template constants (weights, targets, caps) repeat for every rep: parse each once.
  if (typeof value === 'number' && decimalCache.size < 10_000) decimalCache.set(value, result);
  return result;
}

const decimalCache = new Map<number, Rational>();

function parseDecimal(value: number | string): Rational {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal number: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  const n = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return rat(n, 10n ** BigInt(fraction.length));
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  // Shortest round-trip representation; expand exponents (1e-7) to plain digits.
  const s = String(value);
  if (!/e/i.test(s)) return s;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export const ZERO = rat(0n);
export const ONE = rat(1n);
export const HUNDRED = rat(100n);

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return rat(a.n * b.d, a.d * b.n);
}
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
};
export const isZero = (a: Rational): boolean => a.n === 0n;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);
export const clamp = (a: Rational, low: Rational, high: Rational): Rational => min(max(a, low), high);
export const sum = (values: Rational[]): Rational => values.reduce(add, ZERO);

/**
 * Rounds to `decimals` places, half away from zero (82.45 → 82.5, −2.5 → −3): the one display rule
 * used everywhere. Returns the scaled integer, e.g. 24.6 with decimals 1 → 246n.
 */
export function roundHalfUp(a: Rational, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  const scaled = a.n * scale;
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const q = abs / a.d;
  const r = abs % a.d;
  const rounded = r * 2n >= a.d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** The rounded value as a decimal string; trailing zeros trimmed unless `fixed`. */
export function toDecimalString(a: Rational, decimals: number, options: { fixed?: boolean } = {}): string {
  const scaled = roundHalfUp(a, decimals);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = decimals > 0 ? digits.slice(digits.length - decimals) : '';
  if (!options.fixed) fraction = fraction.replace(/0+$/, '');
  return `${negative && (whole !== '0' || /[1-9]/.test(fraction)) ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** For sorting and charts only, never for scoring. */
export const toNumber = (a: Rational): number => Number(a.n) / Number(a.d);
