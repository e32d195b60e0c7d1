import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { SupportPool } from "../src/schemes/value-added.js";
import { scenarioOf } from "./helpers/scenario.js";

const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((fen) => fen / 100);
const share = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

/** A random valid scenario: small, but with every mechanism of the first engine in play. */
const scenarioArb = fc
  .record({
    days: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    price: fc.integer({ min: 1, max: 300_000 }).map((fen) => fen / 100),
    costShare: share,
    marginShare: share,
    distShare: share,
    adPointsRatio: fc.integer({ min: 0, max: 3000 }).map((n) => n / 1000),
    perDay: fc.integer({ min: 0, max: 30 }),
    model: fc.constantFrom("constant", "exponential", "logistic", "referral"),
    orderRate: share,
    payWithChange: share,
    watch: share,
    withdraw: share,
    withdrawShare: fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
    churn: fc.integer({ min: 0, max: 50 }).map((n) => n / 1000),
    targetMultiple: fc.option(fc.integer({ min: 100, max: 400 }).map((n) => n / 100)),
    returnCap: fc.option(fc.integer({ min: 100, max: 400 }).map((n) => n / 100)),
    sellPayoutRatio: share,
    grantRatio: share,
    burnRate: share,
    injection: fc.integer({ min: 0, max: 200 }).map((n) => n / 1000),
    feeRate: fc.integer({ min: 0, max: 200 }).map((n) => n / 1000),
    delayDays: fc.integer({ min: 0, max: 5 }),
    initialCash: money(100_000),
    ads: fc.boolean(),
    valueAdded: fc.boolean(),
    commissions: fc.boolean(),
    effect: share,
    panicDay: fc.integer({ min: 1, max: 40 }),
  })
  .map((r) => {
    const priceFen = Math.round(r.price * 100);
    const costFen = Math.floor(priceFen * r.costShare);
    const marginFen = Math.floor((priceFen - costFen) * r.marginShare);
    const distFen = Math.floor((priceFen - costFen - marginFen) * r.distShare);
    return scenarioOf({
      days: r.days,
      seed: r.seed,
      products: [
        {
          id: "p",
          price: r.price,
          cost: costFen / 100,
          platformMargin: marginFen / 100,
          distribution: distFen / 100,
          adPointsRatio: r.adPointsRatio,
          valueAddedEligible: true,
        },
      ],
      population: {
        arrivals: { model: r.model, perDay: r.perDay, initialUsers: r.perDay, growthRate: 0.1, inviteRate: 0.05, marketSize: 2000 },
        segments: [
          {
            name: "s",
            orderRate: r.orderRate,
            payWithChangeProbability: r.payWithChange,
            watchProbability: r.watch,
            sell: { targetMultiple: r.targetMultiple, panicAfterFlatDays: 3, panicProbability: 0.3 },
            withdraw: { probability: r.withdraw, share: r.withdrawShare },
            churnRate: r.churn,
          },
        ],
      },
      schemes: {
        ...(r.ads
          ? {
              ads: {
                burnRate: r.burnRate,
                tiers: [
                  { minBalance: 10, dailyCap: 5 },
                  { minBalance: 200, dailyCap: 2 + 8 },
                ],
              },
            }
          : {}),
        ...(r.valueAdded
          ? { valueAdded: { returnCap: r.returnCap, sellPayoutRatio: r.sellPayoutRatio, grantRatio: r.grantRatio, dailyInjectionRate: r.injection } }
          : {}),
        ...(r.commissions ? { purchaseCommission: {} } : {}),
      },
      withdrawals: { feeRate: r.feeRate, delayDays: r.delayDays, minimum: 1 },
      platform: { initialCash: r.initialCash, operatingCostPerDay: 10 },
      confidence: { effect: r.effect },
      shocks: [{ day: r.panicDay, type: "panicSell", value: 0.5 }],
    });
  });

describe("properties over random valid scenarios", () => {
  it("every run conserves money and points every day (the engine throws otherwise) and balances stay whole", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const result = simulate(scenario);
        for (const row of result.rows) {
          expect(row.change_owed?.startsWith("-")).toBe(false);
          expect(row.withdrawal_backlog?.startsWith("-")).toBe(false);
          expect(row.support_pool?.startsWith("-")).toBe(false);
        }
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it("the same seed gives the same rows", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        expect(simulate(scenario).rows).toEqual(simulate(scenario).rows);
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it("the value-added price never falls on an issue or a sell (while points remain)", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("issue" as const),
        contribution: fc.integer({ min: 1, max: 10_000_000 }),
        grantShare: fc.integer({ min: 0, max: 1_000_000 }),
      }),
      fc.record({ kind: fc.constant("sell" as const), fraction: fc.integer({ min: 1, max: 999 }), payout: fc.integer({ min: 0, max: 1_000_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const pool = new SupportPool(100);
        for (const o of ops) {
          const before = pool.quote();
          const hadPoints = pool.outstandingPu > 0;
          if (o.kind === "issue") pool.issue(o.contribution, Math.floor((o.contribution * o.grantShare) / 1_000_000));
          else if (pool.outstandingPu > 1) pool.sell(Math.max(1, Math.floor((pool.outstandingPu * o.fraction) / 1000)), o.payout);
          if (hadPoints && pool.outstandingPu > 0) expect(pool.quote()).toBeGreaterThanOrEqual(before);
          expect(pool.poolFen).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
