import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { ads, AD_POINTS } from "../src/schemes/ads.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/** One buyer on day 1 of a product granting `points` ad points, watching every day. */
function oneBuyer(days: number, price: number, adPointsRatio: number, adsConfig: Record<string, unknown> = {}) {
  return scenarioOf({
    days,
    products: [product({ price, adPointsRatio })],
    population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1 })] },
    schemes: { ads: { ecpm: 0, ...adsConfig } },
    confidence: { effect: 0 },
  });
}

describe("ad points (docs/model.md, ad points, seed 000's tiers)", () => {
  it("grants 1100 points for 1000 yuan and releases 1% capped by tier", () => {
    // 1100 points: 1% = 11 > cap 10 → 10/day for 11 days (1100 → 990; at 1000 the cap is
    // still 10). Below 1000 the 200-tier caps at 2/day: 990 → 988 → ...
    const rows = simulate(oneBuyer(14, 1000, 1.1)).rows;
    expect(rows[0]?.ad_released).toBe("10.00");
    expect(rows[0]?.ad_points_outstanding).toBe("1090.0000");
    expect(rows[10]?.ad_released).toBe("10.00");
    expect(rows[10]?.ad_points_outstanding).toBe("990.0000");
    expect(rows[11]?.ad_released).toBe("2.00");
    expect(rows[13]?.ad_points_outstanding).toBe("984.0000");
    expect(rows[13]?.change_owed).toBe("116.00");
    expect(rows[13]?.ad_points_stranded).toBe("0.0000");
  });

  it("releases 1% when it is under the cap: whole fen, and exactly the points that pay them", () => {
    // 4500 points: tier 4000 caps at 40; 1% = 45 → 40. 3000 points: tier 2000 (cap 20); 1% = 30 → 20.
    // 250 points: tier 200 (cap 2), 1% = 2.5 → 2.
    expect(simulate(oneBuyer(1, 4500, 1)).rows[0]?.ad_released).toBe("40.00");
    expect(simulate(oneBuyer(1, 3000, 1)).rows[0]?.ad_released).toBe("20.00");
    expect(simulate(oneBuyer(1, 250, 1)).rows[0]?.ad_released).toBe("2.00");
    const custom = simulate(oneBuyer(1, 1234.56, 1, { tiers: [{ minBalance: 100, dailyCap: 100 }] })).rows[0];
    // 1% of 1234.5600 points = 12.3456 yuan → 12.34 yuan paid; exactly 12.34 points leave
    // (one point released, one yuan paid): nothing is burned as sub-fen dust.
    expect(custom?.ad_released).toBe("12.34");
    expect(custom?.ad_points_outstanding).toBe("1222.2200");
    expect(custom?.change_owed).toBe("12.34");
  });

  it("with a yuanPerPoint that does not divide a fen evenly, the points leaving round up to 0.0001", () => {
    // 1000 yuan × 1.234567 = 1234.5670 points; 1% = 12.34567 points × 0.03 = 0.3703701 yuan
    // → 0.37 paid; the points worth 37 fen are 37 / 3 = 12.33333... → 12.3334 leave.
    const row = simulate(oneBuyer(1, 1000, 1.234567, { yuanPerPoint: 0.03, tiers: [{ minBalance: 100, dailyCap: 100 }] })).rows[0];
    expect(row?.ad_released).toBe("0.37");
    expect(row?.ad_points_outstanding).toBe("1222.2336");
  });

  it("counts points as stranded on the day a release takes them below the lowest tier (no churn in the scenario)", () => {
    // 201 yuan at adPointsRatio 1: 201 points; 1% = 2.01 yuan → tier 200 caps at 2 yuan →
    // 199 points left, below the 200 tier, on day 1. Before the fix the day's row said 0.
    const rows = simulate(oneBuyer(2, 201, 1)).rows;
    expect(rows[0]?.ad_released).toBe("2.00");
    expect(rows[0]?.ad_points_outstanding).toBe("199.0000");
    expect(rows[0]?.ad_points_stranded).toBe("199.0000");
    expect(rows[1]?.ad_released).toBe("0.00");
    expect(rows[1]?.ad_points_stranded).toBe("199.0000");
  });

  it("strands points below the lowest tier: no task, no release, no ad views", () => {
    const rows = simulate(oneBuyer(5, 150, 1, { ecpm: 30 })).rows;
    expect(rows[4]?.ad_points_stranded).toBe("150.0000");
    expect(rows[4]?.ad_points_outstanding).toBe("150.0000");
    expect(rows[4]?.ad_released).toBe("0.00");
    expect(rows[4]?.ad_watchers).toBe("0");
    expect(rows[4]?.ad_revenue).toBe("0.00");
  });

  it("burns burnRate × released extra points", () => {
    // 1100 points, burnRate 0.5: release 10, burn 5 extra → 1085.
    expect(simulate(oneBuyer(1, 1000, 1.1, { burnRate: 0.5 })).rows[0]?.ad_points_outstanding).toBe("1085.0000");
  });

  it("earns ecpm/1000 per view from watching users", () => {
    // 1 watcher × 5 ads × 30 yuan / 1000 = 0.15 yuan.
    expect(simulate(oneBuyer(1, 1000, 1.1, { ecpm: 30, adsPerTask: 5 })).rows[0]?.ad_revenue).toBe("0.15");
  });

  it("pays 20% of a downline's release to the upline and 10% to the grand-upline", () => {
    const scenario = scenarioOf({ products: [product({})], schemes: { ads: {} }, population: { segments: [quietSegment("s", { watchProbability: 1 })] } });
    const state = new SimState(
      scenario,
      1,
      [],
      (ads.counters ?? []).map((c) => c.name),
    );
    const instance = ads.create(scenario.schemes.ads!, state);
    const grand = state.users.add(1, -1, 0);
    const upline = state.users.add(1, grand, 0);
    const buyer = state.users.add(1, upline, 0);
    state.users.flags[grand] = FLAG_PROMOTER;
    state.users.flags[upline] = FLAG_PROMOTER;
    state.users.column(AD_POINTS)[buyer] = 1_100 * 10_000;
    state.day = 1;
    instance.phases?.payouts?.();
    // Buyer releases 10.00; upline earns 2.00, grand-upline 1.00, all owed by the platform.
    expect(state.users.change[buyer]).toBe(1_000);
    expect(state.users.change[upline]).toBe(200);
    expect(state.users.change[grand]).toBe(100);
    expect(state.today.commissionsFen).toBe(300);
    expect(state.ledger.balance("users.change")).toBe(1_300);
    expect(state.ledger.balance("platform.equity")).toBe(-1_300);
  });

  it("pays no release commission to an upline who is not a promoter", () => {
    const scenario = scenarioOf({ products: [product({})], schemes: { ads: {} }, population: { segments: [quietSegment("s", { watchProbability: 1 })] } });
    const state = new SimState(
      scenario,
      1,
      [],
      (ads.counters ?? []).map((c) => c.name),
    );
    const instance = ads.create(scenario.schemes.ads!, state);
    const upline = state.users.add(1, -1, 0);
    const buyer = state.users.add(1, upline, 0);
    state.users.column(AD_POINTS)[buyer] = 1_100 * 10_000;
    instance.phases?.payouts?.();
    expect(state.users.change[upline]).toBe(0);
  });
});

describe("explain: how long points release, and why some stay", () => {
  it("says whether points strand below the lowest tier or because a day's release rounds to 0 fen, and durations in days or years", async () => {
    const { explainScenario } = await import("../src/cli/explain.js");
    const { bundled } = await import("./helpers/scenario.js");
    // Seed 002: 1% a day, no floor. 1100 points release until 0.99 points are left: 1% of 0.99
    // points at ¥1 a point is 0.0099 yuan, under one fen, so nothing more is released.
    const seed = explainScenario(bundled("seed-002-combined"))[0]?.lines.join("\n") ?? "";
    expect(seed).toContain("then 0.9900 points stay stranded because a day's release of them rounds down to 0 fen");
    expect(seed).toContain("over 755 days (2.1 years)");
    // Seed 000's tiers: nothing is released below 200 points, so 198 points stay below the lowest tier.
    const tiers = explainScenario(bundled("ad-ecommerce"))[0]?.lines.join("\n") ?? "";
    expect(tiers).toContain("then 198.0000 points stay stranded below the lowest tier");
    // A release that ends within a year is said in days only (was "18 days (0.0 years)").
    const fast = scenarioOf({
      products: [product({ price: 1000, adPointsRatio: 1 })],
      schemes: { ads: { releaseRate: 0.5, tiers: [{ minBalance: 0, dailyCap: 1000 }] } },
    });
    const lines = explainScenario(fast)[0]?.lines.join("\n") ?? "";
    expect(lines).toMatch(/over \d+ days?,|over \d+ days?$/m);
    expect(lines).not.toContain("years");
  });
});
