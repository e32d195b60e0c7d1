import { describe, expect, it } from "vitest";
import { SupportPool } from "../src/schemes/value-added.js";
import { simulate } from "../src/simulate.js";
import { bundled, product, quietSegment, scenarioOf } from "./helpers/scenario.js";

const quote = (pool: SupportPool) => (pool.quote() / 10_000).toFixed(4);

describe("value-added points: seed 002's worked example (docs/model.md, value-added points, corrected)", () => {
  it("issues, sells and reprices exactly as worked by hand", () => {
    const pool = new SupportPool(100);
    // Order 1: contribution 300, grant 210 at the issue price 1.
    expect(pool.issue(30_000, 21_000)).toBe(2_100_000);
    expect(quote(pool)).toBe("1.4286");
    // Order 2: 210 / (300/210) = 147 points exactly.
    expect(pool.issue(30_000, 21_000)).toBe(1_470_000);
    expect(pool.poolFen).toBe(60_000);
    expect(pool.outstandingPu).toBe(3_570_000);
    expect(quote(pool)).toBe("1.6807");
    // Sell 147 points: 147 × 1.6807 × 0.8 = 197.65032 → 197.65 (not the brochure's 240).
    expect(pool.sell(1_470_000, 800_000)).toBe(19_765);
    expect(pool.poolFen).toBe(40_235);
    expect(pool.outstandingPu).toBe(2_100_000);
    expect(quote(pool)).toBe("1.9160");
  });

  it("the bundled scenario reproduces the example day by day", () => {
    const result = simulate(bundled("seed-002-value-added-example"));
    const [day1, day2] = result.rows;
    expect(day1?.va_price).toBe("1.4286");
    expect(day1?.va_points_issued).toBe("210.0000");
    expect(day1?.support_pool).toBe("300.00");
    expect(day2?.va_points_issued).toBe("147.0000");
    expect(day2?.va_points_sold).toBe("147.0000");
    expect(day2?.va_sell_payouts).toBe("197.65");
    expect(day2?.support_pool).toBe("402.35");
    expect(day2?.va_points_outstanding).toBe("210.0000");
    expect(day2?.va_price).toBe("1.9160");
    expect(day2?.change_owed).toBe("197.65");
  });
});

describe("value-added return cap (封顶)", () => {
  it("forces a full exit when receipts + holdings reach the cap, then restarts the user's count", () => {
    // Two buyers of a 100-yuan product that is all contribution; cap 1.1× spend.
    // Day 1: A gets 70 points (P 100, N 70). Day 2: B gets 70 × 70 / 100 = 49 points
    // (P 200, N 119, quote 1.6807). A's holdings: 70 × 1.6807 = 117.64 ≥ 110 → forced exit:
    // payout 70 × 1.6807 × 0.8 = 94.1192 → 94.11; P 105.89, N 49, quote 2.1610.
    // B's holdings: 49 × 2.1610 = 105.88 < 110 → B keeps them.
    const scenario = scenarioOf({
      days: 3,
      products: [product({ valueAddedEligible: true })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [
          { day: 1, count: 1, segment: "hold" },
          { day: 2, count: 1, segment: "hold" },
        ],
        segments: [quietSegment("hold")],
      },
      schemes: { valueAdded: { returnCap: 1.1 } },
      confidence: { effect: 0 },
    });
    const [day1, day2, day3] = simulate(scenario).rows;
    expect(day1?.va_forced_exits).toBe("0");
    expect(day1?.va_price).toBe("1.4286");
    expect(day2?.va_points_issued).toBe("49.0000");
    expect(day2?.va_forced_exits).toBe("1");
    expect(day2?.va_sell_payouts).toBe("94.11");
    expect(day2?.support_pool).toBe("105.89");
    expect(day2?.va_points_outstanding).toBe("49.0000");
    expect(day2?.va_price).toBe("2.1610");
    expect(day2?.change_owed).toBe("94.11");
    expect(day3?.va_forced_exits).toBe("0");
  });
});
