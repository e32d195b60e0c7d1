/**
 * Exact units. Money is held as integer fen (0.01 yuan) and points as integer "pu"
 * (0.0001 point) in ordinary JS numbers, which are exact for integers below 2^53
 * (about 90 trillion yuan). Rates from the scenario (0.01, 0.2, 1.1 ...) are held as
 * integer millionths ("micro") so that every product is an integer product.
 *
 * The rounding rule (docs/model.md): every amount that enters the ledger is
 * rounded DOWN (towards zero; all amounts are non-negative), so the platform and the
 * pools never pay out a fraction they do not have. The one exception is the quoted
 * value-added price, which is a display quote rounded half-up to 0.0001 yuan.
 */

export const FEN_PER_YUAN = 100;
export const PU_PER_POINT = 10_000;
export const MICRO = 1_000_000;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Yuan (as written in a scenario, at most 2 decimals) to integer fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * FEN_PER_YUAN);
}

/** A scenario rate (at most 6 decimals) to integer millionths. */
export function rateToMicro(rate: number): number {
  return Math.round(rate * MICRO);
}

/** floor(a * b / c) for non-negative integers, exact at any size (BigInt when needed). */
export function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= SAFE) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** floor(a * b * c / d) for non-negative integers, exact at any size. */
export function mulMulDivFloor(a: number, b: number, c: number, d: number): number {
  const ab = a * b;
  if (ab <= SAFE) {
    const abc = ab * c;
    if (abc <= SAFE) return Math.floor(abc / d);
  }
  return Number((BigInt(a) * BigInt(b) * BigInt(c)) / BigInt(d));
}

/** round-half-up(a * b / c) for non-negative integers, exact at any size. */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= SAFE && 2 * product <= SAFE) return Math.floor((2 * product + c) / (2 * c));
  const n = BigInt(a) * BigInt(b) * 2n + BigInt(c);
  return Number(n / (2n * BigInt(c)));
}

/** amount × rate (micro), rounded down: the ledger's rounding rule for a share of an amount. */
export function applyRate(amount: number, rateMicro: number): number {
  return mulDivFloor(amount, rateMicro, MICRO);
}

/** Formats integer fen as a yuan string with exactly 2 decimals ("-12.30"). */
export function formatFen(fen: number): string {
  return formatScaled(fen, 2);
}

/** Formats integer pu as a points string with exactly 4 decimals. */
export function formatPu(pu: number): string {
  return formatScaled(pu, 4);
}

/** Formats an integer holding `decimals` implied decimals, without floating-point steps. */
export function formatScaled(value: number, decimals: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(decimals + 1, "0");
  const cut = digits.length - decimals;
  const text = decimals === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${text}` : text;
}

/** a / b as an integer with `decimals` implied places, half-up; null when b is 0 (undefined). */
export function ratioScaled(a: number, b: number, decimals: number): number | null {
  if (b === 0) return null;
  const scale = 10 ** decimals;
  const negative = a < 0 !== b < 0 && a !== 0;
  const q = mulDivRoundHalfUp(Math.abs(a), scale, Math.abs(b));
  return negative ? -q : q;
}

/** a / b as a decimal string with `decimals` places, half-up; "" when b is 0 (undefined). */
export function formatRatio(a: number, b: number, decimals: number): string {
  const q = ratioScaled(a, b, decimals);
  return q === null ? "" : formatScaled(q, decimals);
}

/**
 * A non-negative double as an integer with `decimals` implied places, rounded as toFixed
 * rounds (the exact decimal expansion of the double), so formatting it gives toFixed's text.
 */
export function fixedScaled(value: number, decimals: number): number {
  return Number(value.toFixed(decimals).replace(".", ""));
}

/** Integer fen as "¥1,234,567.89" (thousands grouped, exactly 2 decimals; "-¥12.30" below zero). */
export function formatYuan(fen: number): string {
  const text = formatFen(Math.abs(fen));
  const [whole = "0", cents = "00"] = text.split(".");
  return `${fen < 0 ? "-" : ""}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}
