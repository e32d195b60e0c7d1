import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";

/** One new buyer a day, each ordering a 100-yuan product once. */
function queueScenario(days: number, queue: Record<string, unknown>, product: Record<string, unknown> = {}) {
  return scenarioOf({
    days,
    products: [{ id: "p", price: 100, dividendEligible: true, ...product }],
    population: { arrivals: { perDay: 1, referredShare: 0 }, segments: [quietSegment("s")] },
    schemes: { dividendQueue: queue },
    confidence: { effect: 0 },
  });
}

describe("free-order queue (docs/model.md, free-order queue)", () => {
  it("refunds a known sequence of free orders on known days", () => {
    // Half of each 100-yuan order funds the pool; a refund needs 100: the k-th buyer is
    // refunded on day 2k, first in first out, and the pool's surplus waits.
    const rows = simulate(queueScenario(6, { rewardRatio: 0.5, refundMultiple: 1 })).rows;
    expect(rows.map((r) => r.free_orders)).toEqual(["0", "1", "0", "1", "0", "1"]);
    expect(rows.map((r) => r.queue_length)).toEqual(["1", "1", "2", "2", "3", "3"]);
    expect(rows.map((r) => r.dividend_pool)).toEqual(["50.00", "0.00", "50.00", "0.00", "50.00", "0.00"]);
    // Day 4: C and D wait for 200 with an empty pool, at 50 a day: 4 days for the tail.
    expect(rows[3]?.queue_tail_wait_days).toBe("4");
    // Refunds go into change wallets: buyers 1, 2, 3 have 100 each by day 6.
    expect(rows[5]?.change_owed).toBe("300.00");
    // Queued refunds are liabilities: 3 × 100 waiting plus 300 of change.
    expect(rows[5]?.liabilities).toBe("600.00");
  });

  it("respects minOrder / maxOrder and maxQueue", () => {
    expect(simulate(queueScenario(3, { rewardRatio: 0.1, minOrder: 200 })).rows.map((r) => r.queue_length)).toEqual(["0", "0", "0"]);
    expect(simulate(queueScenario(3, { rewardRatio: 0.1, maxOrder: 50 })).rows.map((r) => r.queue_length)).toEqual(["0", "0", "0"]);
    expect(simulate(queueScenario(4, { rewardRatio: 0.1, maxQueue: 2 })).rows.map((r) => r.queue_length)).toEqual(["1", "2", "2", "2"]);
  });

  it("refundMultiple 2 doubles the refund and the wait", () => {
    const rows = simulate(queueScenario(4, { rewardRatio: 0.5, refundMultiple: 2 })).rows;
    expect(rows.map((r) => r.free_orders)).toEqual(["0", "0", "0", "1"]);
    expect(rows[3]?.change_owed).toBe("200.00");
  });

  it("referralMode pool puts the referral budget into the pool", () => {
    // 50 reward + 50 referral per order: every order is refunded the same day.
    const rows = simulate(queueScenario(3, { rewardRatio: 0.5, referralRatio: 0.5, referralMode: "pool" })).rows;
    expect(rows.map((r) => r.free_orders)).toEqual(["1", "1", "1"]);
  });

  it("a scheme can refuse to queue after its end day, and the closing bonus multiplies refunds before it", () => {
    // endDay 3, closing bonus ×2 on the last 1 day: day 3's order queues for 200.
    const rows = simulate(queueScenario(3, { rewardRatio: 0.1, endDay: 3, closingBonus: { days: 1, multiplier: 2 } })).rows;
    expect(rows[2]?.queued_refunds).toBe("400.00");
  });
});
