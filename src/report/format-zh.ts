/**
 * Money and counts as a Chinese reader writes them, by pointsim's own code: no Intl, so the text
 * cannot change with Node's version or its ICU data (whose compact forms differ between
 * releases, 万亿 in some and 兆 in others). Amounts are integer fen; rounding is half away from
 * zero on integers, the one rule of every shortened figure here.
 *
 *   yuanZh(2_734_567_890)        "27,345,678.90元"   exact, to the fen (evidence, audits)
 *   yuanZhShort(2_734_567_890)   "2734.57万元"       as a person says it (verdicts, charts)
 *   countZhShort(123_456, "人")  "12.35万人"
 *
 * The units: 万 = 10^4, 亿 = 10^8, 万亿 = 10^12 (never 兆, which also means 10^6 and 10^16).
 */

const WAN = 10_000;
const YI = 100_000_000;
const WANYI = 1_000_000_000_000;

/** Digits grouped by three with commas, as Chinese financial statements print them. */
function grouped(whole: bigint): string {
  return whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Integer fen as exact yuan: "1,234.56元", "-0.05元". */
export function yuanZh(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuanZh: ${fen} is not an exact number of fen`);
  const sign = fen < 0 ? "-" : "";
  const abs = BigInt(Math.abs(fen));
  const cents = (abs % 100n).toString().padStart(2, "0");
  return `${sign}${grouped(abs / 100n)}.${cents}元`;
}

/** `value` / `unit` rounded half away from zero to two decimals, as text ("2734.57"). */
function scaled(value: bigint, unit: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  // Hundredths of the unit, rounded half up on integers: (abs × 100 + unit / 2) / unit.
  const hundredths = (abs * 100n + unit / 2n) / unit;
  const text = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")}`;
  return negative && hundredths !== 0n ? `-${text}` : text;
}

/** The large units, smallest first. */
const UNITS: readonly [bigint, string][] = [
  [BigInt(WAN), "万"],
  [BigInt(YI), "亿"],
  [BigInt(WANYI), "万亿"],
];

/**
 * `value` (in `base`ths of the thing counted) in the largest unit it reaches, with two decimals;
 * a value that rounds up to 10000.00 of a unit is written in the next one ("1.00亿", not
 * "10000.00万"). Null below 1万.
 */
function inUnits(value: bigint, base: bigint): string | null {
  const abs = value < 0n ? -value : value;
  let chosen = -1;
  for (let i = 0; i < UNITS.length; i++) if (abs >= (UNITS[i] as [bigint, string])[0] * base) chosen = i;
  if (chosen < 0) return null;
  let [unit, word] = UNITS[chosen] as [bigint, string];
  let text = scaled(value, unit * base);
  const next = UNITS[chosen + 1];
  if (next !== undefined && /^-?10000\.00$/.test(text)) {
    [unit, word] = next;
    text = scaled(value, unit * base);
  }
  return `${text}${word}`;
}

/**
 * Yuan as a person says them: below 1万 exact with commas ("9,999.99元"); from 1万 in 万 with
 * two decimals ("2734.57万元"); from 1亿 in 亿 ("2.73亿元"); from 1万亿 in 万亿 ("1.50万亿元").
 */
export function yuanZhShort(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuanZhShort: ${fen} is not an exact number of fen`);
  const short = inUnits(BigInt(fen), 100n);
  return short === null ? yuanZh(fen) : `${short}元`;
}

/** A count with its measure word: below 1万 whole ("9,999人"), then in 万 or 亿 with two decimals ("12.35万人"). */
export function countZhShort(count: number, measure: string): string {
  if (!Number.isSafeInteger(count)) throw new RangeError(`countZhShort: ${count} is not a whole count`);
  const short = inUnits(BigInt(count), 1n);
  return short === null ? `${count < 0 ? "-" : ""}${grouped(BigInt(Math.abs(count)))}${measure}` : `${short}${measure}`;
}
