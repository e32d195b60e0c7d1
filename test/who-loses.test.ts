import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { windUp, type ClaimSet } from "../src/engine/wind-up.js";
import { bundled, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Who loses, on the three bases of docs/model.md: cash (out − in), face value (plus claims at
 * face) and the headline wind-up basis (cash + goods at their value + claims at what winding
 * the platform up at the end would pay). Every expected value is worked out by hand below.
 */
describe("who loses, as an auditor counts it", () => {
  it("a collapsed ad-points platform: late users lose in cash, every claim is worth 0 in the wind-up", () => {
    // Founders put in 1000. Users pay 100 for goods costing 60 (platform keeps 40) and get 1000
    // ad points releasing 10 yuan a day (one tier, cap 10, rate 100%); everyone asks for all of
    // their change every day (T+0). Five arrive on days 1-5, five more on days 21-25.
    // Cash: days 1-5 → 1000 + 40d − 10(1+…+d): 1030, 1050, 1060, 1060, 1050; days 6-20 −50 a day
    // → 300; days 21-25 +40 − 10 × users → 280, 250, 210, 160, 100; day 26 pays 100 → exactly 0.
    // From day 27 nothing is paid: the day-27 requests are 8 days old on day 35 → collapse.
    // Paid to user joining day i: 10 × (27 − i): 260 … 220 for the early, 60 … 20 for the late.
    // Cash results: +160, +150, +140, +130, +120 and −40, −50, −60, −70, −80 (5 of 10 lose, ¥300).
    // Wind-up: cash 0 and no pools, so the 14 days of unpaid requests (140 each) and the points
    // left (1000 − 10 × (41 − i)) pay 0; goods at cost add 60: +220 … +180 and +20, +10, 0, −10,
    // −20 (2 of 10 lose, ¥30). Face value: the late user of day 21 holds 140 + 800 → all ahead.
    // Owed and unpayable: 10 × 140 + (600 + 610 + … + 640) + (800 + … + 840) = 1400 + 3100 + 4100.
    const scenario = scenarioOf({
      days: 40,
      products: [{ id: "p", price: 100, cost: 60, platformMargin: 40, adPointsRatio: 10 }],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [1, 2, 3, 4, 5, 21, 22, 23, 24, 25].map((day) => ({ day, count: 1, segment: "s" })),
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
      schemes: { ads: { ecpm: 0, releaseRate: 1, tiers: [{ minBalance: 1, dailyCap: 10 }], referralShares: [] } },
      withdrawals: { minimum: 0, delayDays: 0 },
      platform: { initialCash: 1000 },
      confidence: { effect: 0 },
      collapse: { newMoney: { share: 0 } },
      report: { cohortDays: 5 },
    });
    const { summary, outcomes, rows } = simulate(scenario);
    expect(rows[25]?.platform_cash).toBe("0.00");
    expect(summary.collapse).toEqual({
      day: 35,
      signal: "withdrawals.backlog",
      kind: "insolvency",
      reason: "withdrawals unpaid for more than 7 days",
      // The same reason in Chinese, for zh-CN files and terminals.
      reasonZh: "提现逾期未付超过7天",
      evidence: "¥900.00 of due withdrawals unpaid, the oldest 8 days old", // days 27-35: 9 × 10 users × 10
    });
    expect(rows[34]?.collapse_reason).toBe("withdrawals unpaid for more than 7 days");
    expect(rows[33]?.collapse_reason).toBe("");
    expect(summary.usersLosingShareCash).toBe(0.5);
    expect(summary.bases.cash.totalLoss).toBe(300);
    expect(summary.usersLosingShare).toBe(0.2);
    expect(summary.bases.windUp.totalLoss).toBe(30);
    expect(summary.usersLosingShareFaceValue).toBe(0);
    expect(summary.owedUnpayable).toBe(8600);
    expect(summary.windUp.claimsWindUpValue).toBe(0);
    expect(summary.windUp.claims).toEqual([
      { label: "change wallets", payer: "platform.cash", faceValue: 0, windUpValue: 0 },
      { label: "withdrawals asked, not yet paid", payer: "platform.cash", faceValue: 1400, windUpValue: 0 },
      { label: "ad points", payer: "platform.cash", faceValue: 7200, windUpValue: 0 },
    ]);
    expect(summary.totalGoodsValue).toBe(600);
    // Cohorts of 5 days: the first is ahead on every basis, the fifth loses in cash (mean −60)
    // and breaks even on the wind-up basis (mean 0, median 0: the lower middle of 5).
    expect(outcomes.map((o) => o.cohort)).toEqual([1, 5]);
    expect(outcomes[0]?.windUp).toEqual({ meanResultFen: 20_000, medianResultFen: 20_000, losing: 0 });
    expect(outcomes[1]?.cash).toEqual({ meanResultFen: -6_000, medianResultFen: -6_000, losing: 5 });
    expect(outcomes[1]?.windUp).toEqual({ meanResultFen: 0, medianResultFen: 0, losing: 2 });
    expect(summary.lastCohortAhead).toEqual({ cohort: 1, firstDay: 1, lastDay: 5 });
    // Gains on the wind-up basis: 220 + 210 + 200 + 190 + 180 + 20 + 10 = 1030; the first user's 220.
    expect(summary.earliestTenthShareOfGains).toBe(0.213592);
    expect(summary.verdict).toBe(
      "Collapsed on day 35: withdrawals unpaid for more than 7 days; the platform owes users ¥8,600.00 that a wind-up could not pay. " +
        "Counting goods at cost and claims at what a wind-up would pay, 20.0% of paying users are out of pocket (¥30.00 in total); " +
        "in cash alone, 50.0% of paying users are out of pocket (¥300.00 in total); with claims at face value, no paying user is out of pocket. " +
        "The first 10% of entrants took 21.4% of all gains. " +
        // Days 36-40 come after the collapse: nobody arrives after day 25 and nobody orders again.
        "In the 5 days the run went on after the collapse, ¥0.00 of new money came in (0.0% of the run's) and nobody joined.",
    );
  });

  it("a healthy free-order queue: buyers with goods at cost and a free order are not losing; the pool pays the rest pro rata", () => {
    // One buyer a day pays 100 for goods costing 50; 50 of every order goes to the pool; a free
    // order refunds 100. The pool reaches 100 every second day: users of days 1-5 are refunded
    // on days 2, 4, …, 10. On day 11 the pool holds 50 and 6 orders wait (600 of refunds).
    // Refunded: −100 + 50 goods + 100 (change, paid in full from cash 500) = +50.
    // Waiting: the pool's 50 pays 600 of claims pro rata: 50 × 100 / 600 = 8.33 each (0.02 of
    // dust joins platform cash): −100 + 50 + 8.33 = −41.67. 6 of 11 lose (0.545455).
    // Cash: nobody withdrew: all 11 lose. Face value: −100 + 100 = 0 for everyone: none lose.
    const scenario = scenarioOf({
      days: 11,
      products: [{ id: "p", price: 100, cost: 50, dividendEligible: true }],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s", { withdraw: { probability: 0 } })] },
      schemes: { dividendQueue: { rewardRatio: 0.5, refundMultiple: 1 } },
      confidence: { effect: 0 },
    });
    const { summary } = simulate(scenario);
    expect(summary.collapse).toBeNull();
    expect(summary.usersLosing).toBe(6);
    expect(summary.usersLosingShare).toBe(0.545455);
    expect(summary.bases.windUp.totalLoss).toBe(250.02);
    expect(summary.usersLosingShareCash).toBe(1);
    expect(summary.usersLosingShareFaceValue).toBe(0);
    expect(summary.windUp.claims).toEqual([
      { label: "change wallets", payer: "platform.cash", faceValue: 500, windUpValue: 500 },
      { label: "withdrawals asked, not yet paid", payer: "platform.cash", faceValue: 0, windUpValue: 0 },
      { label: "queued refunds", payer: "pool.dividend", faceValue: 600, windUpValue: 49.98 },
    ]);
    expect(summary.owedUnpayable).toBe(550.02);
  });

  it("value-added points in a wind-up are worth exactly their pro-rata share of the support pool", () => {
    // Seed 002's worked example: buyer A keeps 210 points; buyer B sold 147 for 197.65. The pool
    // holds 402.35 over 210 points, all A's: the wind-up pays A the whole pool. B's 197.65 of
    // change is paid in full from platform cash (997.65). Goods at cost 300 each:
    // A: −1000 + 300 + 402.35 = −297.65; B: −1000 + 300 + 197.65 = −502.35.
    const { summary } = simulate(bundled("seed-002-value-added-example"));
    const points = summary.windUp.claims.find((c) => c.label === "value-added points");
    expect(points).toEqual({ label: "value-added points", payer: "pool.support", faceValue: 402.36, windUpValue: 402.35 });
    expect(summary.bases.windUp.totalLoss).toBe(800);
    expect(summary.usersLosingShare).toBe(1);
    // A holder owns the pool: the quote's rounding is no debt.
    expect(summary.owedUnpayable).toBe(0);
  });

  it("the wind-up ranks: pools pay their own holders, then platform cash pays debts pro rata, then promised equity", () => {
    const f = (...values: number[]) => Float64Array.from(values);
    const claims: ClaimSet[] = [
      { label: "change", faceFen: f(3_000, 1_000, 0), payer: "platform.cash" },
      { label: "equity", faceFen: f(0, 0, 5_000), payer: "platform.cash", rank: 1 },
      { label: "queue", faceFen: f(0, 600, 600), payer: "pool.dividend" },
      { label: "pool share", faceFen: f(100, 200, 0), payer: "pool.support", shareWeights: f(1, 3, 0) },
      { label: "traded", faceFen: f(7, 7, 7), payer: null },
    ];
    const balances: Record<string, number> = { "platform.cash": 2_500, "pool.dividend": 1_500, "pool.support": 1_001 };
    // Dividend pool 1500 covers the 1200 queued in full; 300 left joins cash → 2800 available.
    // Support pool 1001 split 1 : 3 → 250 and 750 (floor), 1 fen of dust joins cash → 2801.
    // Debts 4000 > 2801: 3000 → 2100.75 → 2100, 1000 → 700.25 → 700. Left 1 fen for equity:
    // 5000 of equity gets 1. Traded points: 0.
    const w = windUp(3, claims, (account) => balances[account] ?? 0);
    expect(w.platformAvailableFen).toBe(2_801);
    expect(Array.from(w.valueFen)).toEqual([2_100 + 250, 700 + 600 + 750, 1 + 600]);
    expect(w.byClaim.map((c) => c.paidFen)).toEqual([2_800, 1, 1_200, 1_000, 0]);
    // Unpaid face: debts 1200 + equity 4999 (pool shares and traded points are owed by no one).
    expect(w.unpaidFen).toBe(1_200 + 4_999);
    // Nothing is paid from money the platform does not have.
    expect(Array.from(windUp(3, claims, (a) => (a === "platform.cash" ? -5_000 : 0)).valueFen)).toEqual([0, 0, 0]);
  });
});
