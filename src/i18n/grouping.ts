/**
 * A number with thousands separators ("1,234,567.891"), by pointsim's own code: the bytes
 * Number.prototype.toLocaleString("en-US", …) gave on the Node versions pointsim was written
 * on, without depending on Node's ICU data (whose output may change between builds). Like ICU,
 * it rounds the number's shortest decimal form (the digits String(n) prints), half away from
 * zero: 1.005 to two places is "1.01", though the double is a little under 1.005.
 */
export interface GroupingOptions {
  /** Fewest digits after the point (zeros added); default 0. */
  minimumFractionDigits?: number;
  /** Most digits after the point (the rest rounded); default 3, or the minimum when larger. */
  maximumFractionDigits?: number;
}

/** The digits of a finite non-negative number's shortest decimal form, and where its point goes (digits before it). */
function decimalDigits(value: number): { digits: string; point: number } {
  const [mantissa = "0", exponent = "0"] = String(value).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leading);
  point -= leading;
  return { digits, point };
}

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incremented(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/** "1234567" → "1,234,567". */
const grouped = (whole: string): string => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

export function groupedNumber(value: number, options: GroupingOptions = {}): string {
  const min = options.minimumFractionDigits ?? 0;
  const max = Math.max(min, options.maximumFractionDigits ?? 3);
  if (Number.isNaN(value)) return "NaN";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (!Number.isFinite(value)) return `${sign}∞`;
  let { digits, point } = decimalDigits(Math.abs(value));
  // Keep the digits up to `max` places after the point, rounding half away from zero.
  const kept = point + max;
  if (kept < digits.length) {
    const roundUp = kept >= 0 && (digits[kept] ?? "0") >= "5";
    digits = kept > 0 ? digits.slice(0, kept) : "";
    // Rounded up, the last digit stays `max` places after the point, however long the digits grew ("999.9996" → "1000").
    if (roundUp) {
      digits = incremented(digits === "" ? "0" : digits);
      point = digits.length - max;
    }
  }
  // Lay the digits out around the point.
  const whole = point <= 0 ? "0" : (digits.slice(0, point) + "0".repeat(Math.max(0, point - digits.length))).replace(/^0+(?=\d)/, "");
  let fraction = point >= 0 ? digits.slice(point) : "0".repeat(-point) + digits;
  fraction = fraction.slice(0, max).replace(/0+$/, "");
  if (fraction.length < min) fraction += "0".repeat(min - fraction.length);
  return `${sign}${grouped(whole || "0")}${fraction === "" ? "" : `.${fraction}`}`;
}
