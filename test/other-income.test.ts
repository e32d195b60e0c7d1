import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Money that does not come from users (src/engine/other-income.ts), worked by hand in fen:
 * third-party revenue = perDay + ⌊GMV × gmvShare⌋, then interest ⌊balance × rate / 365⌋ on the
 * cash after the day's withdrawals, before the running costs.
 */
function run(platform: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const scenario = scenarioOf({
    days: 3,
    products: [product({ id: "p", price: 100 })],
    population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 3, segment: "s" }], segments: [quietSegment("s")] },
    platform: { initialCash: 1_000_000, ...platform },
    ...extra,
  });
  return simulate(scenario).rows;
}

describe("third-party revenue and interest", () => {
  it("3.65% a year (0.01% a day) on ¥1,000,000 and ¥10 a day plus 5% of GMV", () => {
    const rows = run({ interestRate: 0.0365, thirdPartyRevenue: { perDay: 10, gmvShare: 0.05 } });
    // Day 1: capital 100,000,000 fen + three orders of 10,000 fen (the whole price stays: no
    // cost, no scheme) = 100,030,000; third parties 1,000 + 5% × 30,000 = 2,500 → 100,032,500;
    // interest ⌊100,032,500 × 0.0001⌋ = ⌊10,003.25⌋ = 10,003 → 100,042,503.
    // Day 2: + 1,000 → 100,043,503; interest ⌊10,004.3503⌋ = 10,004 → 100,053,507.
    // Day 3: + 1,000 → 100,054,507; interest ⌊10,005.4507⌋ = 10,005 → 100,064,512.
    expect(rows.map((r) => r.platform_cash)).toEqual(["1000425.03", "1000535.07", "1000645.12"]);
    // Earned revenue: the orders' margin is 0 (all contribution), so third parties + interest:
    // 2,500 + 10,003; 1,000 + 10,004; 1,000 + 10,005.
    expect(rows.map((r) => r.earned_revenue)).toEqual(["125.03", "110.04", "110.05"]);
  });

  it("nothing by default, and no interest on cash at or below zero", () => {
    expect(run({}).map((r) => r.platform_cash)).toEqual(["1000300.00", "1000300.00", "1000300.00"]);
    // ¥0 of capital, the ¥300 of orders, 50% a year and ¥500 a day of running costs. Day 1: the
    // cash is 30,000 fen before the costs: interest ⌊30,000 × 0.5 / 365⌋ = ⌊41.09⌋ = 41 fen, then
    // the cost: 30,041 − 50,000 = −19,959. Days 2 and 3: a negative balance earns nothing.
    const negative = run({ initialCash: 0, operatingCostPerDay: 500, interestRate: 0.5 });
    expect(negative.map((r) => r.platform_cash)).toEqual(["-199.59", "-699.59", "-1199.59"]);
    expect(negative.map((r) => r.earned_revenue)).toEqual(["0.41", "0.00", "0.00"]);
  });
});
