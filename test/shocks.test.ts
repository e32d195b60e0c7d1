import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { shockEffects } from "../src/engine/shocks.js";
import { SCHEME_MODULES } from "../src/registry.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

describe("shocks", () => {
  it("combine on a day: multipliers multiply, panicSell lasts its one day unless told", () => {
    const shocks = scenarioOf({
      products: [product({})],
      shocks: [
        { day: 3, type: "adRevenueMultiplier", value: 0.5 },
        { day: 4, type: "adRevenueMultiplier", value: 0.5, untilDay: 4 },
        { day: 4, type: "panicSell", value: 0.3 },
        { day: 5, type: "withdrawalFreeze", untilDay: 6 },
      ],
    }).shocks;
    const declared = SCHEME_MODULES.flatMap((m) => m.shocks ?? []);
    const on = (day: number) => shockEffects(shocks, day, declared);
    expect(on(2).value("adRevenueMultiplier", 1)).toBe(1);
    const day4 = on(4);
    expect([day4.arrivalsStopped, day4.arrivalsMultiplier, day4.withdrawalsFrozen]).toEqual([false, 1, false]);
    expect(Object.fromEntries(day4.schemes)).toEqual({ adRevenueMultiplier: 0.25, panicSell: 0.3 });
    expect(on(5).value("panicSell", 0)).toBe(0);
    expect(on(5).value("adRevenueMultiplier", 1)).toBe(0.5);
    expect(on(6).withdrawalsFrozen).toBe(true);
    expect(on(7).withdrawalsFrozen).toBe(false);
    // A shock type no scheme declares has no effect (validation refuses it in a scenario).
    expect(shockEffects(shocks, 4).schemes.size).toBe(0);
  });

  it("a withdrawal freeze holds payments until it ends, then pays the backlog", () => {
    // Ad points release 10/day from day 1 (1100 points); the user withdraws daily (min 10, T+1).
    // Cash is plenty. Frozen days 2-4: requests of days 1-3 wait; day 5 pays them all.
    const scenario = scenarioOf({
      days: 5,
      products: [product({ price: 1000, adPointsRatio: 1.1 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
      schemes: { ads: { ecpm: 0 } },
      withdrawals: { minimum: 10, delayDays: 1 },
      shocks: [{ day: 2, type: "withdrawalFreeze", untilDay: 4 }],
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.withdrawals_paid)).toEqual(["0.00", "0.00", "0.00", "0.00", "40.00"]);
    expect(rows[3]?.withdrawal_backlog).toBe("30.00");
    expect(rows[3]?.backlog_oldest_days).toBe("2");
    expect(rows[4]?.withdrawal_backlog).toBe("0.00");
  });

  it("a panic-sell wave sells every holder out when its value is 1", () => {
    const scenario = scenarioOf({
      days: 3,
      products: [product({ valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 3, segment: "s" }], segments: [quietSegment("s")] },
      schemes: { valueAdded: { returnCap: null } },
      shocks: [{ day: 2, type: "panicSell", value: 1 }],
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows[0]?.va_points_sold).toBe("0.0000");
    expect(rows[1]?.va_points_outstanding).toBe("0.0000");
    expect(rows[1]?.va_points_sold).toBe(rows[0]?.va_points_outstanding);
    expect(rows[2]?.va_points_sold).toBe("0.0000");
  });
});
