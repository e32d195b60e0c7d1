import { describe, expect, it } from "vitest";
import { simulate } from "../src/engine/engine.js";
import { ExactRangeError } from "../src/engine/ledger.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";

describe("the exact range (integers below 2^53 fen)", () => {
  it("a run whose sums pass 2^53 fen stops with ExactRangeError instead of a wrong fen", () => {
    // 10,000 users each buy at the largest price (100 million yuan = 10^10 fen) every day:
    // 10^14 fen a day; the totals pass 2^53 ≈ 9.007 × 10^15 fen on day 91.
    const scenario = scenarioOf({
      days: 120,
      products: [{ id: "p", price: 100_000_000, cost: 0, platformMargin: 100_000_000 }],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 10_000, segment: "s" }], segments: [quietSegment("s", { orderRate: 1 })] },
      confidence: { effect: 0 },
    });
    expect(() => simulate(scenario)).toThrow(ExactRangeError);
    expect(() => simulate(scenario)).toThrow(/(past|passed) the exact range of 9007199254740991/);
    // One day less than the limit runs, and every balance is exact.
    const fine = simulate({ ...scenario, days: 90 });
    expect(fine.rows[89]?.platform_cash).toBe("90000000000000.00");
  });
});
