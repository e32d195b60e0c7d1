import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { simulate } from "../src/simulate.js";
import { airdropShare, sharedValues } from "../src/schemes/shared-purchase.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";

describe("shared purchase (docs/model.md, shared purchase, seed 003)", () => {
  it("a 5000 sale with 10% concession gives the user 5000 and the merchant 1000 shared value", () => {
    // 5000 × 10% = 500 yuan of concession; × 10 for the user, × 2 for the merchant (values in 0.01).
    expect(sharedValues(500_000, 100_000, 10_000_000, 2_000_000)).toEqual({ user: 500_000, merchant: 100_000 });
  });

  it("5000 of 100,000 network value with a 500 airdrop gives 25 points (not the brochure's 0.05%)", () => {
    expect(airdropShare(500 * 10_000, 500_000, 10_000_000)).toBe(25 * 10_000);
  });

  it("a day of sales: shared value, airdrop shares and points surrendered, worked by hand", () => {
    // One merchant holding 1000 points. A buys 5000 (value 5000, merchant 1000), B buys 1000
    // (value 1000, merchant 200): network value 7200. Airdrop 500: A 500 × 5000/7200 = 347.2222,
    // B 69.4444, merchant 83.3333 (rounded down: 499.9999 issued). The merchant surrendered
    // 500 + 100 points: outstanding 1000 − 600 + 499.9999 = 899.9999.
    const scenario = scenarioOf({
      days: 1,
      products: [
        { id: "big", price: 5000, cost: 4500, merchantConcession: 0.1, weight: 0 },
        { id: "small", price: 1000, cost: 900, merchantConcession: 0.1 },
      ],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [
          { day: 1, count: 1, segment: "a" },
          { day: 1, count: 1, segment: "b" },
        ],
        segments: [quietSegment("a", { firstOrderProduct: "big" }), quietSegment("b", { firstOrderProduct: "small" })],
      },
      schemes: { sharedPurchase: { merchants: { count: 1, initialPoints: 1000 }, asks: { probability: 0 } } },
      confidence: { effect: 0 },
    });
    const result = simulate(scenario);
    const day = result.rows[0];
    expect(day?.shared_value_today).toBe("7200.00");
    expect(day?.airdrop).toBe("499.9999");
    expect(day?.shared_points_outstanding).toBe("899.9999");
    expect(day?.lost_sales).toBe("0");
    expect(day?.orders).toBe("2");
  });

  it("a sale the merchant cannot cover is lost, and a merchant losing sales for long enough leaves", () => {
    // One merchant with 10 points; each sale needs 50. Every sale is lost; after 2 days the merchant leaves.
    const scenario = scenarioOf({
      days: 4,
      products: [{ id: "p", price: 500, cost: 450, merchantConcession: 0.1 }],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s", { orderRate: 0 })] },
      schemes: { sharedPurchase: { merchants: { count: 1, initialPoints: 10, leaveAfterLostSaleDays: 2 }, asks: { probability: 0 } } },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.lost_sales)).toEqual(["1", "1", "1", "1"]);
    expect(rows.map((r) => r.merchants_active)).toEqual(["1", "0", "0", "0"]);
    expect(rows.map((r) => r.orders)).toEqual(["0", "0", "0", "0"]);
  });

  it("the bundled seed-003 scenario runs, trades and shows merchants leaving", () => {
    const result = bundledRun("seed-003-shared-purchase");
    const summary = result.summary.schemes.sharedPurchase;
    expect(Number(summary?.ctcVolumePoints)).toBeGreaterThan(0);
    expect(Number(summary?.lostSales)).toBeGreaterThan(0);
    expect(result.rows.some((r) => r.ctc_price !== "")).toBe(true);
  });
});
