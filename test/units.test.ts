import { describe, expect, it } from "vitest";
import { formatFen, formatPu, formatRatio, mulDivFloor, mulDivRoundHalfUp, mulMulDivFloor, yuanToFen } from "../src/engine/units.js";

describe("exact units", () => {
  it("formats fen and points without floating-point steps", () => {
    expect(formatFen(19765)).toBe("197.65");
    expect(formatFen(-5)).toBe("-0.05");
    expect(formatFen(0)).toBe("0.00");
    expect(formatPu(1_470_000)).toBe("147.0000");
    expect(formatPu(3)).toBe("0.0003");
  });

  it("rounds shares down and ratios half-up", () => {
    expect(mulDivFloor(19_999, 1, 2)).toBe(9_999);
    expect(mulDivRoundHalfUp(3, 1, 2)).toBe(2);
    expect(formatRatio(1, 3, 4)).toBe("0.3333");
    expect(formatRatio(2, 3, 4)).toBe("0.6667");
    expect(formatRatio(5, 0, 4)).toBe("");
  });

  it("stays exact beyond 2^53 by switching to BigInt", () => {
    // 9e15 × 7 / 3 would lose digits as a double product.
    expect(mulDivFloor(9_000_000_000_000_000, 7, 3)).toBe(21_000_000_000_000_000);
    expect(mulMulDivFloor(1_470_000, 16_807, 800_000, 1e12)).toBe(19_765);
  });

  it("converts yuan to fen exactly for 2-decimal inputs", () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1.1)).toBe(110);
    expect(yuanToFen(197.65)).toBe(19_765);
  });
});
