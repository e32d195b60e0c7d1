import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { simulate } from "../src/simulate.js";
import { cohortOutcomes, earliestShareOfGains } from "../src/engine/outcomes.js";
import { UserTable } from "../src/engine/users.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";

/** Seed 002's combined plan, run once for the tests that read it (they only read). */
let seed002: ReturnType<typeof simulate> | undefined;
const seed002Run = () => (seed002 ??= bundledRun("seed-002-combined"));

describe("who loses (docs/model.md, collapse, who loses)", () => {
  /** Cash-basis results of these users; the other bases set by the test. */
  function resultsOf(users: UserTable, extra: (id: number) => { goods?: number; face?: number; value?: number } = () => ({})) {
    const n = users.count;
    const results = { windUp: new Float64Array(n), cash: new Float64Array(n), faceValue: new Float64Array(n) };
    const claims = { faceFen: new Float64Array(n), valueFen: new Float64Array(n) };
    for (let id = 0; id < n; id++) {
      const cash = (users.cashOut[id] as number) - (users.cashIn[id] as number);
      const { goods = 0, face = 0, value = 0 } = extra(id);
      users.goods[id] = goods;
      claims.faceFen[id] = face;
      claims.valueFen[id] = value;
      results.cash[id] = cash;
      results.faceValue[id] = cash + face;
      results.windUp[id] = cash + goods + value;
    }
    return { results, claims };
  }

  it("groups users into join cohorts with money in and out, mean, median and share losing on each basis", () => {
    const users = new UserTable();
    // Cohort 1 (days 1-7): cash results +50, −20, −40 on 100 in each; cohort 2 (day 8): a non-payer.
    for (const [day, cashIn, cashOut] of [
      [1, 10_000, 15_000],
      [3, 10_000, 8_000],
      [7, 10_000, 6_000],
      [8, 0, 0],
    ] as const) {
      const id = users.add(day, -1, 0);
      users.cashIn[id] = cashIn;
      users.cashOut[id] = cashOut;
    }
    // Goods worth 30 each; the second holds a claim of 25 at face that a wind-up pays 5.
    const { results, claims } = resultsOf(users, (id) => (id === 1 ? { goods: 3_000, face: 2_500, value: 500 } : { goods: id < 3 ? 3_000 : 0 }));
    const [first, second] = cohortOutcomes(users, users, results, claims, 7, 10);
    // Wind-up: +80, −20 + 30 + 5 = +15, −40 + 30 = −10 → mean 28.33 → 2833 fen, median +15.
    // Face: +50, +5, −40 → mean 5 (500 fen), median +5, 1 losing.
    expect(first).toEqual({
      cohort: 1,
      firstDay: 1,
      lastDay: 7,
      users: 3,
      payingUsers: 3,
      moneyInFen: 30_000,
      moneyOutFen: 29_000,
      goodsFen: 9_000,
      claimsFaceFen: 2_500,
      claimsWindUpFen: 500,
      windUp: { meanResultFen: 2_833, medianResultFen: 1_500, losing: 1 },
      cash: { meanResultFen: -334, medianResultFen: -2_000, losing: 2 },
      faceValue: { meanResultFen: 500, medianResultFen: 500, losing: 1 },
    });
    expect(second).toMatchObject({ cohort: 2, firstDay: 8, lastDay: 10, users: 1, payingUsers: 0, windUp: { losing: 0 } });
  });

  it("skips cohorts nobody joined and takes the lower middle of an even count", () => {
    const users = new UserTable();
    // Cohort 1 (days 1-5): results −30, +5, +70, −10 on 100 each; nobody in cohort 2
    // (days 6-10); cohort 3 (day 12): one payer at −100. Sorted cohort 1: −30, −10, +5, +70.
    const joined = [
      [1, 10_000, 7_000],
      [2, 10_000, 10_500],
      [5, 10_000, 17_000],
      [5, 10_000, 9_000],
      [12, 10_000, 0],
    ] as const;
    for (const [day, cashIn, cashOut] of joined) {
      const id = users.add(day, -1, 0);
      users.cashIn[id] = cashIn;
      users.cashOut[id] = cashOut;
    }
    const { results, claims } = resultsOf(users);
    const outcomes = cohortOutcomes(users, users, results, claims, 5, 12);
    expect(outcomes.map((o) => o.cohort)).toEqual([1, 3]);
    expect(outcomes[0]?.cash).toEqual({ meanResultFen: 875, medianResultFen: -1_000, losing: 2 });
    expect(outcomes[1]).toMatchObject({
      cohort: 3,
      firstDay: 11,
      lastDay: 12,
      users: 1,
      payingUsers: 1,
      moneyInFen: 10_000,
      moneyOutFen: 0,
      cash: { meanResultFen: -10_000, medianResultFen: -10_000, losing: 1 },
    });
  });

  it("measures the earliest entrants' share of all gains", () => {
    // 10 users; the first (earliest 10%) gains 300, the fifth 100: 75% of gains to the earliest.
    const results = new Float64Array([300, -5, 0, 0, 100, -50, 0, 0, 0, 0]);
    expect(earliestShareOfGains(results, 10)).toBe(0.75);
    expect(earliestShareOfGains(new Float64Array([-1, -2]), 2)).toBeNull();
  });

  it("the ad scheme's early cohorts come out ahead and the late ones lose", () => {
    const { summary, outcomes } = seed002Run();
    expect(outcomes[0]?.windUp.meanResultFen).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.payingUsers > 0).at(-1)?.windUp.meanResultFen).toBeLessThan(0);
    expect(summary.lastCohortAhead).not.toBeNull();
    expect(summary.earliestTenthShareOfGains).toBeGreaterThan(0.1);
  });
});

describe("red flags (docs/model.md, collapse, who loses)", () => {
  it("raises the recruiting, new-money and promise flags for seed 002's plan, with evidence", () => {
    const flags = Object.fromEntries(seed002Run().summary.redFlags.map((f) => [f.id, f]));
    expect(flags.commissionDepth?.raised).toBe(false);
    expect(flags.commissionDepth?.evidence).toContain("deepest chain 2 levels");
    expect(flags.recruitingRewards?.raised).toBe(true);
    // No franchise fee, but the first order unlocks pay for recruits: the entry-fee test's reading (docs/compliance.md).
    expect(flags.entryFees?.raised).toBe(true);
    expect(flags.entryFees?.evidence).toContain("the first order is the fee that unlocks them");
    expect(flags.entryFees?.evidence).toContain("legal test entry-fee: MET");
    expect(flags.payoutsFromNewMoney?.raised).toBe(true);
    expect(flags.promisesExceedRevenue?.raised).toBe(true);
  });

  it("raises depth and entry fees for team leaders and regional agents", () => {
    const flags = Object.fromEntries(bundledRun("seed-002-team-agents").summary.redFlags.map((f) => [f.id, f]));
    expect(flags.commissionDepth?.raised).toBe(true);
    expect(flags.entryFees?.raised).toBe(true);
    expect(flags.entryFees?.evidence).toMatch(/of entry fees paid to become an agent or a member/);
  });

  it("stays quiet for a plain shop", () => {
    const scenario = scenarioOf({
      days: 30,
      products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }],
      population: { arrivals: { perDay: 5 }, segments: [quietSegment("s")] },
      confidence: { effect: 0 },
    });
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
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
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
