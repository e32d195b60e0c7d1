import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { simulate } from "../src/simulate.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/** Collapse is the first day any failure signal fires; each scheme declares its own signals. */
describe("collapse signals for every scheme family", () => {
  it("the business stopped: new money below a share of its peak for N days, reported apart from insolvency", () => {
    // One 100-yuan buyer a day for days 1-5, then arrivals stop. With a 1-day window the peak is
    // 100; from day 6 new money is 0 < 50% of it: days 6, 7, 8 → fires on day 8. Stressed from
    // half the streak: day 7 (2 × 2 ≥ 3).
    const scenario = scenarioOf({
      days: 10,
      products: [product({ price: 100, cost: 50 })],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s")] },
      collapse: { newMoney: { share: 0.5, windowDays: 1, days: 3 } },
      shocks: [{ day: 6, type: "arrivalsStop" }],
      confidence: { effect: 0 },
    });
    const { summary, rows } = simulate(scenario);
    expect(summary.collapse).toMatchObject({
      day: 8,
      signal: "business.newMoney",
      kind: "business stopped",
      reason: "new money fell below 50.0% of its peak for 3 days",
    });
    expect(summary.collapse?.evidence).toBe("new money in the last 1 days ¥0.00 vs peak ¥100.00 (0.0%), 3 days in a row below 50.0%");
    expect(rows.map((r) => r.status)).toEqual([
      "healthy",
      "healthy",
      "healthy",
      "healthy",
      "healthy",
      "healthy",
      "stressed",
      "collapsed",
      "collapsed",
      "collapsed",
    ]);
    expect(summary.verdict.startsWith("Collapsed on day 8: new money fell below 50.0% of its peak for 3 days.")).toBe(true);
  });

  it("shared purchase: a market with no trade for noTradeDays collapses", () => {
    // Nobody ever asks, so nothing trades: the streak reaches 5 on day 5.
    const scenario = scenarioOf({
      days: 8,
      products: [product({ price: 100, merchantConcession: 0.1 })],
      population: { arrivals: { perDay: 2 }, segments: [quietSegment("s")] },
      schemes: { sharedPurchase: { asks: { probability: 0 } } },
      collapse: { sharedPurchase: { noTradeDays: 5, lostSalesShare: 1, merchantsShare: 0 }, newMoney: { share: 0 } },
      confidence: { effect: 0 },
    });
    const { summary } = simulate(scenario);
    expect(summary.collapse).toMatchObject({
      day: 5,
      signal: "sharedPurchase.noTrade",
      kind: "mechanism",
      reason: "the points market made no trade for 5 days",
      evidence: "5 days in a row without a CTC trade",
    });
    expect(summary.schemes.sharedPurchase?.lastCtcPrice).toBeNull();
    expect(summary.schemes.sharedPurchase?.referencePrice).toBe(1);
  });

  it("shared purchase: merchants without points lose every sale; lost sales above the share for N days collapse it", () => {
    // Merchants start with no points and nothing is airdropped or traded: each day's 3 sales
    // are all lost. With days: 4 the signal fires on day 4.
    const scenario = scenarioOf({
      days: 6,
      products: [product({ price: 100, merchantConcession: 0.1 })],
      population: { arrivals: { perDay: 3 }, segments: [quietSegment("s")] },
      schemes: { sharedPurchase: { merchants: { count: 2, initialPoints: 0, leaveAfterLostSaleDays: 100 }, airdropPerDay: 0 } },
      collapse: { sharedPurchase: { noTradeDays: 0, lostSalesShare: 0.5, merchantsShare: 0, days: 4 }, newMoney: { share: 0 } },
      confidence: { effect: 0 },
    });
    const { summary, rows } = simulate(scenario);
    expect(rows.map((r) => r.lost_sales)).toEqual(["3", "3", "3", "3", "3", "3"]);
    expect(summary.collapse).toMatchObject({ day: 4, signal: "sharedPurchase.lostSales", evidence: "3 of 3 sales lost today, 4 days in a row above 50%" });
  });

  it("the bundled seed-003 shared purchase collapses once merchants lose most sales", () => {
    const { summary } = bundledRun("seed-003-shared-purchase");
    expect(summary.collapse?.kind).toBe("mechanism");
    expect(summary.collapse?.signal).toMatch(/^sharedPurchase\./);
    expect(summary.collapseDay).toBeLessThan(100);
    // Buyers paid the merchants' full price for goods worth it (cost = price): on the wind-up
    // basis no one is out of pocket; in cash every buyer is (the points bring in less than paid).
    expect(summary.usersLosingShare).toBe(0);
    expect(summary.usersLosingShareCash).toBe(1);
  });

  it("free-order queue: with nothing flowing into the pool the tail waits forever", () => {
    const scenario = scenarioOf({
      days: 3,
      products: [product({ price: 100, dividendEligible: true })],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s")] },
      schemes: { dividendQueue: { rewardRatio: 0 } },
      confidence: { effect: 0 },
    });
    const { summary } = simulate(scenario);
    expect(summary.collapse).toMatchObject({
      day: 1,
      signal: "dividendQueue.tailWait",
      reason: "the last order in the free-order queue would wait more than 365 days",
    });
    expect(summary.collapse?.evidence).toBe("1 orders waiting for ¥100.00 of refunds, the pool holds ¥0.00; the last would wait forever (no money flowing in)");
  });

  it("free-order queue: no free order for N days while orders wait", () => {
    // 10 of each 100-yuan order flows in: the pool reaches 100 only after 10 orders, on day 10.
    const scenario = scenarioOf({
      days: 12,
      products: [product({ price: 100, dividendEligible: true })],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s")] },
      schemes: { dividendQueue: { rewardRatio: 0.1 } },
      collapse: { dividendQueue: { maxTailWaitDays: 0, noFreeOrderDays: 6 } },
      confidence: { effect: 0 },
    });
    const { summary, rows } = simulate(scenario);
    expect(summary.collapse).toMatchObject({ day: 6, signal: "dividendQueue.noFreeOrder", evidence: "6 days in a row without a free order; 6 orders waiting" });
    expect(rows[9]?.free_orders).toBe("1");
  });

  it("value-added: no eligible order for N days while points are outstanding", () => {
    // One buyer on day 1, no later orders: days 2-11 have no eligible order → fires on day 11.
    const scenario = scenarioOf({
      days: 12,
      products: [product({ valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
      schemes: { valueAdded: { returnCap: null } },
      collapse: { valueAdded: { noEligibleOrderDays: 10 }, newMoney: { share: 0 } },
      confidence: { effect: 0 },
    });
    const { summary, rows } = simulate(scenario);
    expect(summary.collapse).toMatchObject({
      day: 11,
      signal: "valueAdded.noEligibleOrders",
      evidence: "10 days in a row without an eligible order; 70.0000 points outstanding at 1.4286",
    });
    expect(rows[5]?.status).toBe("stressed");
    expect(rows[4]?.status).toBe("healthy");
  });

  it("a scheme's signals are read only while it runs, and stopOnCollapse ends the run that day", () => {
    const base = {
      days: 20,
      products: [product({ valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
      collapse: { valueAdded: { noEligibleOrderDays: 5 }, newMoney: { share: 0 } },
      confidence: { effect: 0 },
    };
    expect(simulate(scenarioOf({ ...base, schemes: { valueAdded: { returnCap: null, endDay: 3 } } })).summary.collapse).toBeNull();
    const stopped = simulate(scenarioOf({ ...base, schemes: { valueAdded: { returnCap: null } }, collapse: { ...base.collapse, stopOnCollapse: true } }));
    expect(stopped.summary.collapseDay).toBe(6);
    expect(stopped.rows.length).toBe(6);
  });
});
