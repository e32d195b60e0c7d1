import { describe, expect, it } from "vitest";
import { simulate } from "../src/engine/engine.js";
import { cohortOutcomes, earliestShareOfGains } from "../src/engine/outcomes.js";
import { UserTable } from "../src/engine/users.js";
import { bundled, quietSegment, scenarioOf } from "./helpers/scenario.js";

describe("who loses (MODEL.md §10)", () => {
  it("groups users into join cohorts with money in and out, mean, median and share losing", () => {
    const users = new UserTable();
    // Cohort 1 (days 1-7): results +50, −20, −40 on 100 in each; cohort 2 (day 8): a non-payer.
    for (const [day, cashIn, cashOut] of [[1, 10_000, 15_000], [3, 10_000, 8_000], [7, 10_000, 6_000], [8, 0, 0]] as const) {
      const id = users.add(day, -1, 0);
      users.cashIn[id] = cashIn;
      users.cashOut[id] = cashOut;
    }
    const [first, second] = cohortOutcomes(users, new Float64Array(4), 7, 10);
    expect(first).toEqual({ cohort: 1, firstDay: 1, lastDay: 7, users: 3, payingUsers: 3, moneyInFen: 30_000, moneyOutFen: 29_000, realisableFen: 0, meanResultFen: -334, medianResultFen: -2_000, losing: 2 });
    expect(second).toMatchObject({ cohort: 2, firstDay: 8, lastDay: 10, users: 1, payingUsers: 0, losing: 0 });
  });

  it("skips cohorts nobody joined, counts what users can still realise, and takes the lower middle of an even count", () => {
    const users = new UserTable();
    // Cohort 1 (days 1-5): results −30, +10 (5 realisable), +70, −10 on 100 each; nobody in cohort 2
    // (days 6-10); cohort 3 (day 12): one payer at −100. Sorted cohort 1: −30, −10, +10, +70.
    const joined = [[1, 10_000, 7_000, 0], [2, 10_000, 10_500, 500], [5, 10_000, 17_000, 0], [5, 10_000, 9_000, 0], [12, 10_000, 0, 0]] as const;
    const realisable = new Float64Array(joined.length);
    for (const [day, cashIn, cashOut, still] of joined) {
      const id = users.add(day, -1, 0);
      users.cashIn[id] = cashIn;
      users.cashOut[id] = cashOut;
      realisable[id] = still;
    }
    const outcomes = cohortOutcomes(users, realisable, 5, 12);
    expect(outcomes.map((o) => o.cohort)).toEqual([1, 3]);
    expect(outcomes[0]).toEqual({ cohort: 1, firstDay: 1, lastDay: 5, users: 4, payingUsers: 4, moneyInFen: 40_000, moneyOutFen: 43_500, realisableFen: 500, meanResultFen: 1_000, medianResultFen: -1_000, losing: 2 });
    expect(outcomes[1]).toEqual({ cohort: 3, firstDay: 11, lastDay: 12, users: 1, payingUsers: 1, moneyInFen: 10_000, moneyOutFen: 0, realisableFen: 0, meanResultFen: -10_000, medianResultFen: -10_000, losing: 1 });
  });

  it("measures the earliest entrants' share of all gains", () => {
    // 10 users; the first (earliest 10%) gains 300, the fifth 100: 75% of gains to the earliest.
    const results = new Float64Array([300, -5, 0, 0, 100, -50, 0, 0, 0, 0]);
    expect(earliestShareOfGains(results, 10)).toBe(0.75);
    expect(earliestShareOfGains(new Float64Array([-1, -2]), 2)).toBeNull();
  });

  it("the ad scheme's early cohorts come out ahead and the late ones lose", () => {
    const { summary, outcomes } = simulate(bundled("seed-002-combined"));
    expect(outcomes[0]?.meanResultFen).toBeGreaterThan(0);
    expect(outcomes.at(-1)?.meanResultFen).toBeLessThan(0);
    expect(summary.lastCohortAhead).not.toBeNull();
    expect(summary.earliestTenthShareOfGains).toBeGreaterThan(0.1);
  });
});

describe("red flags (MODEL.md §10)", () => {
  it("raises the recruiting, new-money and promise flags for seed 002's plan, with evidence", () => {
    const flags = Object.fromEntries(simulate(bundled("seed-002-combined")).summary.redFlags.map((f) => [f.id, f]));
    expect(flags.commissionDepth?.raised).toBe(false);
    expect(flags.commissionDepth?.evidence).toContain("deepest chain 2 levels");
    expect(flags.recruitingRewards?.raised).toBe(true);
    expect(flags.entryFees?.raised).toBe(false);
    expect(flags.payoutsFromNewMoney?.raised).toBe(true);
    expect(flags.promisesExceedRevenue?.raised).toBe(true);
  });

  it("raises depth and entry fees for team leaders and regional agents", () => {
    const flags = Object.fromEntries(simulate(bundled("seed-002-team-agents")).summary.redFlags.map((f) => [f.id, f]));
    expect(flags.commissionDepth?.raised).toBe(true);
    expect(flags.entryFees?.raised).toBe(true);
    expect(flags.entryFees?.evidence).toMatch(/of franchise fees paid in/);
  });

  it("stays quiet for a plain shop", () => {
    const scenario = scenarioOf({ days: 30, products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }], population: { arrivals: { perDay: 5 }, segments: [quietSegment("s")] }, confidence: { effect: 0 } });
    expect(simulate(scenario).summary.redFlags.filter((f) => f.raised)).toEqual([]);
  });
});

describe("daily indicators", () => {
  it("payouts_new_money_share: the part of withdrawals paid that earned revenue does not cover", () => {
    // 1100 ad points release 10/day; daily withdrawals of 10 (T+0). The product's margin is 0 and ads earn
    // 5 views × 30/1000 = 0.15/day: 9.85 of 10 paid is uncovered → 0.9850 (the order day's margin is 0).
    const scenario = scenarioOf({
      days: 3,
      products: [{ id: "p", price: 1000, cost: 0, adPointsRatio: 1.1 }],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })] },
      schemes: { ads: { ecpm: 30, adsPerTask: 5 } },
      withdrawals: { minimum: 10, delayDays: 0 },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.withdrawals_paid)).toEqual(["10.00", "10.00", "10.00"]);
    expect(rows.map((r) => r.earned_revenue)).toEqual(["0.15", "0.15", "0.15"]);
    expect(rows.map((r) => r.payouts_new_money_share)).toEqual(["0.9850", "0.9850", "0.9850"]);
    // Cash falls 9.85 a day from 1000.15 − 10: runway = cash / 9.85.
    expect(rows[2]?.platform_cash).toBe("970.45");
    expect(rows[2]?.runway_days).toBe("98");
    expect(rows[2]?.liability_ad_points).toBe("1070.00");
  });
});
