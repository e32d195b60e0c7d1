import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Behaviour rules checked against values worked out by hand (the arithmetic is in the
 * comments), so that a change to any rule's formula or timing fails here.
 */
describe("worked values of the behaviour rules", () => {
  it("confidence moves adjustRate of the way to 1 − backlogWeight × min(1, backlog age / backlogDays)", () => {
    // One user buys 1000 yuan of goods that cost 1000: the platform keeps no cash. 1100 ad
    // points release 10 yuan a day; the user asks for all of it every day (T+0), so each day's
    // request is due and unpaid: the oldest unpaid withdrawal is (day − 1) days old.
    // target(d) = 1 − 0.8 × (d − 1) / 7; c(d) = c(d−1) + 0.2 × (target − c(d−1)), c(0) = 1.
    // d1: target 1 → 1. d2: target 0.885714 → 1 − 0.2 × 0.114286 = 0.977143.
    // d3: target 0.771429 → 0.977143 − 0.2 × 0.205714 = 0.936000.
    // d4: target 0.657143 → 0.936 − 0.2 × 0.278857 = 0.880229.
    const scenario = scenarioOf({
      days: 4,
      products: [product({ price: 1000, cost: 1000, adPointsRatio: 1.1 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
      schemes: { ads: { ecpm: 0 } },
      withdrawals: { minimum: 0, delayDays: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.backlog_oldest_days)).toEqual(["0", "1", "2", "3"]);
    expect(rows.map((r) => r.confidence)).toEqual(["1.0000", "0.9771", "0.9360", "0.8802"]);
  });

  it("churn: a leaver stops ordering and watching, and withdraws all their change the next day", () => {
    // churnRate 1 needs no draw: all 3 users leave in phase 10 of day 1, after releasing 10
    // yuan each. Day 2: their points are stranded (1090 each), nothing is released, and
    // each leaver asks for their whole 10.00 (above the 10-yuan minimum), paid T+1 on day 3.
    const scenario = scenarioOf({
      days: 3,
      products: [product({ price: 1000, cost: 0, adPointsRatio: 1.1 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 3, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, orderRate: 1, churnRate: 1 })],
      },
      schemes: { ads: { ecpm: 0 } },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.users_active)).toEqual(["0", "0", "0"]);
    expect(rows.map((r) => r.orders)).toEqual(["3", "0", "0"]);
    expect(rows.map((r) => r.ad_released)).toEqual(["30.00", "0.00", "0.00"]);
    expect(rows[1]?.ad_points_stranded).toBe("3270.0000");
    expect(rows.map((r) => r.withdrawals_requested)).toEqual(["0.00", "30.00", "0.00"]);
    expect(rows.map((r) => r.withdrawals_paid)).toEqual(["0.00", "0.00", "30.00"]);
  });

  it("panic selling starts once the price has been flat for panicAfterFlatDays days", () => {
    // Two buyers of 100 yuan (all contribution) on day 1: 70 points at 1.0000, then 49 at
    // 1.4286 → P = 200, N = 119, price 1.6807, a new high on day 1 (flat 0). Flat days at the
    // end of days 2, 3, 4: 1, 2, 3. The sell phase of day 5 sees 3 ≥ panicAfterFlatDays and
    // both panic (probability 1): 119 points sold; a sell leaves 20% in the pool, so the
    // price with no points left returns to the issue price and the flat count grows again.
    const scenario = scenarioOf({
      days: 6,
      products: [product({ valueAddedEligible: true })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 2, segment: "s" }],
        segments: [quietSegment("s", { sell: { targetMultiple: null, panicAfterFlatDays: 3, panicProbability: 1 } })],
      },
      schemes: { valueAdded: { returnCap: null } },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.va_price_flat_days)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(rows.map((r) => r.va_points_sold)).toEqual(["0.0000", "0.0000", "0.0000", "0.0000", "119.0000", "0.0000"]);
    // Payouts at 1.6807 × 0.8: 70 → 94.11 (floor of 94.1192), then 49 of the rest at the new
    // price 105.89 / 49 = 2.1610 → 84.71 (floor of 84.7112); the pool keeps 200 − 178.82.
    expect(rows[4]?.va_sell_payouts).toBe("178.82");
    expect(rows[4]?.support_pool).toBe("21.18");
  });

  it("issuanceEndDay: orders from that day on issue no points", () => {
    // One buyer a day of 100 yuan: day 1 70 points at 1.0000; day 2 70 × 70 / 100 = 49 points
    // at 1.4286; from day 3 (issuanceEndDay) none, and the contribution stays with the platform.
    const scenario = scenarioOf({
      days: 4,
      products: [product({ valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { orderRate: 1 })] },
      schemes: { valueAdded: { returnCap: null, issuanceEndDay: 3 } },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.va_points_issued)).toEqual(["70.0000", "49.0000", "0.0000", "0.0000"]);
    expect(rows.map((r) => r.support_pool)).toEqual(["100.00", "200.00", "200.00", "200.00"]);
    expect(rows.map((r) => r.platform_cash)).toEqual(["0.00", "0.00", "100.00", "200.00"]);
  });

  it("dailyInjectionRate moves that share of the day's GMV from platform cash into the pool", () => {
    // Founders' 1000 yuan; one 100-yuan order on day 1 (contribution 100 into the pool), then
    // 10% of GMV 100 = 10 injected: pool 110, cash 1000 + 100 − 100 − 10 = 990. Day 2: no GMV.
    const scenario = scenarioOf({
      days: 2,
      products: [product({ valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
      schemes: { valueAdded: { returnCap: null, dailyInjectionRate: 0.1 } },
      platform: { initialCash: 1000 },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.support_pool)).toEqual(["110.00", "110.00"]);
    expect(rows.map((r) => r.platform_cash)).toEqual(["990.00", "990.00"]);
    // Price 110 / 70 = 1.571428... → 1.5714.
    expect(rows[0]?.va_price).toBe("1.5714");
  });

  it("shocks: ad revenue scales by its multiplier; arrivals stop and resume", () => {
    // One watcher: 5 views × 30 yuan / 1000 = 0.15 yuan a day; × 0.5 on days 2-3 = 7.5 fen → 0.07.
    const adScenario = scenarioOf({
      days: 4,
      products: [product({ price: 1000, adPointsRatio: 1.1 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "w" }], segments: [quietSegment("w", { watchProbability: 1 })] },
      schemes: { ads: { ecpm: 30, adsPerTask: 5 } },
      shocks: [{ day: 2, type: "adRevenueMultiplier", value: 0.5, untilDay: 3 }],
      confidence: { effect: 0 },
    });
    expect(simulate(adScenario).rows.map((r) => r.ad_revenue)).toEqual(["0.15", "0.07", "0.07", "0.15"]);
    // Arrivals of 2 a day stop on day 3 only, and triple from day 4.
    const arrivals = scenarioOf({
      days: 5,
      products: [product({})],
      population: { arrivals: { perDay: 2 }, segments: [quietSegment("s", { firstOrderProbability: 0 })] },
      shocks: [
        { day: 3, type: "arrivalsStop", untilDay: 3 },
        { day: 4, type: "arrivalsMultiplier", value: 3 },
      ],
      confidence: { effect: 0 },
    });
    expect(simulate(arrivals).rows.map((r) => r.users_new)).toEqual(["2", "2", "0", "6", "6"]);
  });
});
