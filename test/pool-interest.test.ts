import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { SCHEME_MODULES } from "../src/registry.js";
import { bundled, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Interest on the schemes' pools (platform.poolInterestRate; docs/model.md, income from outside
 * the users), worked by hand in fen: each day, right after the cash's interest, every pool earns
 * ⌊balance × rate / 365⌋ from the world, through its scheme's flow, so the scheme's rule sees it.
 */
describe("interest on the schemes' pools", () => {
  it("a free-order pool grows by ⌊pool × 0.73 / 365⌋ = ⌊pool × 0.002⌋ a day, and the interest counts as earned revenue", () => {
    const scenario = scenarioOf({
      days: 3,
      products: [{ id: "p", price: 100, dividendEligible: true }],
      population: { arrivals: { perDay: 1, referredShare: 0 }, segments: [quietSegment("s")] },
      // A refund of 100 × 100 is never reached: the pool only grows.
      schemes: { dividendQueue: { rewardRatio: 0.5, refundMultiple: 100 } },
      platform: { poolInterestRate: 0.73 },
      confidence: { effect: 0 },
    });
    const { rows } = simulate(scenario, { journal: true });
    // Day 1: one order puts 5,000 fen in the pool; interest ⌊5,000 × 0.002⌋ = 10 → 5,010.
    // Day 2: + 5,000 = 10,010; interest ⌊20.02⌋ = 20 → 10,030.
    // Day 3: + 5,000 = 15,030; interest ⌊30.06⌋ = 30 → 15,060.
    expect(rows.map((r) => r.dividend_pool)).toEqual(["50.10", "100.30", "150.60"]);
    const without = simulate({ ...scenario, platform: { ...scenario.platform, poolInterestRate: 0 } }).rows;
    expect(without.map((r) => r.dividend_pool)).toEqual(["50.00", "100.00", "150.00"]);
    // Earned revenue differs by exactly the interest: 10, 20, 30 fen.
    const earned = (rs: typeof rows) => rs.map((r) => Math.round(Number(r.earned_revenue) * 100));
    expect(earned(rows).map((fen, d) => fen - (earned(without)[d] as number))).toEqual([10, 20, 30]);
  });

  it("the support pool's interest raises the value-added price, as an injection does (seed 002's example)", () => {
    const base = bundled("seed-002-value-added-example");
    const rows = simulate({ ...base, platform: { ...base.platform, poolInterestRate: 0.365 } }).rows;
    // Day 1: the contribution 30,000 fen; interest ⌊30,000 × 0.365 / 365⌋ = 30 → 30,030 fen over
    // 210 points: 300.30 / 210 = 1.43 exactly (was 1.4286).
    expect(rows[0]?.support_pool).toBe("300.30");
    expect(rows[0]?.va_price).toBe("1.4300");
    // Day 2's grant of 210 at the dearer price buys ⌊21,000 × 2,100,000 / 30,030⌋ pu =
    // ⌊1,468,531.47⌋ = 146.8531 points (147 without interest).
    expect(rows[1]?.va_points_issued).toBe("146.8531");
  });

  it("every scheme that keeps a pool earns on it, and the run still balances every day", () => {
    // Nothing but the pools' declarations is read here: a new scheme with a pool is covered too.
    const pooled = SCHEME_MODULES.filter((m) => (m.pools?.length ?? 0) > 0).map((m) => m.key);
    expect(pooled.length).toBeGreaterThanOrEqual(4);
    for (const name of ["mutual-aid", "rank-dividends", "seed-004-order-dividend", "seed-002-combined"]) {
      const base = bundled(name);
      const plain = simulate({ ...base, days: Math.min(base.days, 60) });
      const earning = simulate({ ...base, days: Math.min(base.days, 60), platform: { ...base.platform, poolInterestRate: 0.5 } }, { journal: true });
      const interest = (earning.journal ?? []).filter((l) => l.reason.startsWith("interest on the "));
      expect(interest.length, name).toBeGreaterThan(0);
      expect(plain.summary.totalGmv, name).toBeGreaterThan(0);
    }
  });
});
