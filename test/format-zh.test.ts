import { describe, expect, it } from "vitest";
import { countZhShort, yuanZh, yuanZhShort } from "../src/report/format-zh.js";

/** Expectations written by hand, as a Chinese reader would write the figures. */
describe("Chinese money and counts, without Intl", () => {
  it("exact yuan to the fen, with commas", () => {
    expect(yuanZh(0)).toBe("0.00元");
    expect(yuanZh(5)).toBe("0.05元");
    expect(yuanZh(-5)).toBe("-0.05元");
    expect(yuanZh(123_456)).toBe("1,234.56元");
    expect(yuanZh(2_734_567_890)).toBe("27,345,678.90元");
    expect(yuanZh(Number.MAX_SAFE_INTEGER)).toBe("90,071,992,547,409.91元");
  });

  it("as a person says them: 万 from 10,000 yuan, 亿 from 100 million, 万亿 from a trillion", () => {
    expect(yuanZhShort(999_999)).toBe("9,999.99元");
    expect(yuanZhShort(1_000_000)).toBe("1.00万元");
    // ¥27,345,678.90 = 2734.56789万 → 2734.57万 (the third decimal 7 rounds up).
    expect(yuanZhShort(2_734_567_890)).toBe("2734.57万元");
    // ¥12,345.00 = 1.2345万 → 1.23万 (4 rounds down); ¥12,350.00 = 1.235万 → 1.24万 (half up).
    expect(yuanZhShort(1_234_500)).toBe("1.23万元");
    expect(yuanZhShort(1_235_000)).toBe("1.24万元");
    expect(yuanZhShort(-1_500_000)).toBe("-1.50万元");
    // ¥270,000,000 = 2.7亿; ¥99,999,999.99 rounds to 10000.00万: written 1.00亿.
    expect(yuanZhShort(27_000_000_000)).toBe("2.70亿元");
    expect(yuanZhShort(9_999_999_999)).toBe("1.00亿元");
    // ¥1.5 trillion = 1.5万亿 (never 兆).
    expect(yuanZhShort(150_000_000_000_000)).toBe("1.50万亿元");
  });

  it("counts with their measure word", () => {
    expect(countZhShort(9_999, "人")).toBe("9,999人");
    expect(countZhShort(10_000, "人")).toBe("1.00万人");
    expect(countZhShort(123_456, "人")).toBe("12.35万人");
    expect(countZhShort(1_820_000, "人")).toBe("182.00万人");
    expect(countZhShort(350_000_000, "人")).toBe("3.50亿人");
  });

  it("refuses what is not an exact integer", () => {
    expect(() => yuanZh(0.5)).toThrow(RangeError);
    expect(() => yuanZhShort(2 ** 60)).toThrow(RangeError);
  });
});
