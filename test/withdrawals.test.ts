import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { SimState } from "../src/engine/state.js";
import { WithdrawalQueue } from "../src/engine/withdrawals.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

function queueWith(changeFen: number, cashFen: number, withdrawals: Record<string, unknown>) {
  const scenario = scenarioOf({
    products: [product({})],
    withdrawals,
    population: { segments: [quietSegment("s", { withdraw: { probability: 1 } })] },
    confidence: { effect: 0 },
  });
  const state = new SimState(scenario, 1);
  const user = state.users.add(1, -1, 0);
  state.users.change[user] = changeFen;
  state.ledger.transfer("platform.equity", "users.change", changeFen, "test: owed");
  state.ledger.transfer("world", "platform.cash", cashFen, "test: cash");
  return { state, user, queue: new WithdrawalQueue(state) };
}

describe("withdrawals (docs/model.md, collapse, who loses)", () => {
  it("pays T+1, less the fee", () => {
    const { state, user, queue } = queueWith(10_000, 100_000, { minimum: 10, feeRate: 0.05, delayDays: 1 });
    state.day = 1;
    queue.request();
    queue.pay();
    expect(state.users.change[user]).toBe(0);
    expect(state.users.pending[user]).toBe(9_500);
    expect(state.today.withdrawalsRequestedFen).toBe(10_000);
    expect(state.today.withdrawalsPaidFen).toBe(0);
    expect(queue.backlogFen).toBe(0);
    state.day = 2;
    queue.request();
    queue.pay();
    expect(state.users.cashOut[user]).toBe(9_500);
    expect(state.users.pending[user]).toBe(0);
    expect(state.ledger.balance("platform.cash")).toBe(100_000 - 9_500);
    // The 5.00 fee stayed with the platform: its equity is back up by it.
    expect(state.ledger.balance("platform.equity")).toBe(-10_000 + 500 + 9_500);
  });

  it("keeps a FIFO backlog when cash is short and ages it", () => {
    const { state, user, queue } = queueWith(10_000, 5_000, { minimum: 10, feeRate: 0, delayDays: 1 });
    state.day = 1;
    queue.request();
    queue.pay();
    state.day = 2;
    queue.pay();
    expect(state.users.cashOut[user]).toBe(5_000);
    expect(queue.backlogFen).toBe(5_000);
    expect(queue.oldestBacklogAge(2)).toBe(0);
    state.day = 5;
    queue.pay();
    expect(queue.backlogFen).toBe(5_000);
    expect(queue.oldestBacklogAge(5)).toBe(3);
  });

  it("keeps amounts past 2^31 fen exact next to small ones, paid in part, across days", () => {
    // Day 1: 30,000,000.01 yuan (past an Int32 of fen) and 10.00 yuan, same due day; cash pays part of the first.
    const { state, user, queue } = queueWith(3_000_000_001, 1_000_000_000, { minimum: 10, feeRate: 0, delayDays: 1 });
    const small = state.users.add(1, -1, 0);
    state.users.change[small] = 1_000;
    state.ledger.transfer("platform.equity", "users.change", 1_000, "test: owed");
    state.day = 1;
    queue.request();
    queue.pay();
    state.day = 2;
    queue.pay();
    expect(state.users.cashOut[user]).toBe(1_000_000_000);
    expect(queue.backlogFen).toBe(2_000_000_001 + 1_000);
    expect(state.users.pending[user]).toBe(2_000_000_001);
    // More cash: the rest of the large one to the fen, then the small one, in queue order.
    state.ledger.transfer("world", "platform.cash", 2_000_000_500, "test: cash");
    state.day = 3;
    queue.pay();
    expect(state.users.cashOut[user]).toBe(3_000_000_001);
    expect(state.users.cashOut[small]).toBe(499);
    expect(queue.backlogFen).toBe(501);
    expect(queue.oldestBacklogAge(3)).toBe(1);
  });

  it("ignores wallets below the minimum", () => {
    const { state, user, queue } = queueWith(999, 100_000, { minimum: 10 });
    state.day = 1;
    queue.request();
    expect(state.users.change[user]).toBe(999);
    expect(state.today.withdrawalsRequestedFen).toBe(0);
  });
});

describe("collapse (docs/model.md, collapse, who loses)", () => {
  it("is the first day an unpaid withdrawal is older than backlogDays", () => {
    // The product's whole price goes to suppliers, so the platform never has cash. Day 1:
    // 10000 ad points release 40 yuan; the user asks for it (due day 2). Unpaid from day 2,
    // the request is 8 days past due on day 10: older than 7 → collapse on day 10.
    const scenario = scenarioOf({
      days: 12,
      products: [product({ price: 100, cost: 100, adPointsRatio: 100 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
      schemes: { ads: { ecpm: 0 } },
      withdrawals: { minimum: 10, delayDays: 1 },
      collapse: { backlogDays: 7 },
      confidence: { effect: 0 },
    });
    const result = simulate(scenario);
    expect(result.rows[0]?.withdrawals_requested).toBe("40.00");
    expect(result.rows[0]?.withdrawal_backlog).toBe("0.00");
    expect(result.rows[1]?.withdrawal_backlog).toBe("40.00");
    expect(result.rows[1]?.status).toBe("stressed");
    expect(result.rows[8]?.status).toBe("stressed");
    expect(result.rows[9]?.status).toBe("collapsed");
    expect(result.rows[9]?.backlog_oldest_days).toBe("8");
    expect(result.summary.collapseDay).toBe(10);
    expect(result.rows).toHaveLength(12);
  });

  it("stops at the end of the collapse day with stopOnCollapse", () => {
    const scenario = scenarioOf({
      days: 30,
      products: [product({ price: 100, cost: 100, adPointsRatio: 100 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
      },
      schemes: { ads: { ecpm: 0 } },
      collapse: { backlogDays: 0, stopOnCollapse: true },
      confidence: { effect: 0 },
    });
    const result = simulate(scenario);
    expect(result.summary.collapseDay).toBe(3);
    expect(result.rows).toHaveLength(3);
  });
});
