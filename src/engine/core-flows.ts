import { declareFlow } from "./book.js";

/**
 * The engine's own flows (the schemes declare theirs in SchemeModule.flows): founders' capital,
 * orders, withdrawals and running costs. Journal reasons as in docs/audit.md.
 */
export const FOUNDERS_CAPITAL = declareFlow("platform.capital", { from: "world", to: "platform.cash", reason: "founders' capital" });
export const OPERATING_COST = declareFlow("platform.operatingCost", {
  from: "platform.cash",
  to: "world",
  reason: "operating cost",
  counters: ["operatingCostFen"],
});
export const ORDER_NEW_MONEY = declareFlow("orders.newMoney", {
  from: "world",
  to: "platform.cash",
  reason: "order paid with new money",
  counters: ["newMoneyInFen"],
});
export const ORDER_FROM_CHANGE = declareFlow("orders.fromChange", {
  from: "users.change",
  to: "platform.equity",
  reason: "order paid from change",
  counters: ["changeSpentFen"],
});
export const COST_OF_GOODS = declareFlow("orders.costOfGoods", { from: "platform.cash", to: "world", reason: "cost of goods" });
/** A request's fee and the rest both count in the day's withdrawals requested (fee + rest = the amount asked). */
export const WITHDRAWAL_FEE = declareFlow("withdrawals.fee", {
  from: "users.change",
  to: "platform.equity",
  reason: "withdrawal fee",
  counters: ["feeRevenueFen", "withdrawalsRequestedFen"],
});
export const WITHDRAWAL_REQUEST = declareFlow("withdrawals.request", {
  from: "users.change",
  to: "users.withdrawalsPending",
  reason: "withdrawal request",
  counters: ["withdrawalsRequestedFen"],
});
/** A withdrawal paid is two legs of one reason: the cash leaves, and the claim on the platform is settled. */
export const WITHDRAWAL_PAID = declareFlow("withdrawals.paid", {
  from: "platform.cash",
  to: "world",
  reason: "withdrawal paid",
  counters: ["withdrawalsPaidFen"],
});
export const WITHDRAWAL_SETTLED = declareFlow("withdrawals.settled", { from: "users.withdrawalsPending", to: "platform.equity", reason: "withdrawal paid" });

export const CORE_FLOWS = [
  FOUNDERS_CAPITAL,
  OPERATING_COST,
  ORDER_NEW_MONEY,
  ORDER_FROM_CHANGE,
  COST_OF_GOODS,
  WITHDRAWAL_FEE,
  WITHDRAWAL_REQUEST,
  WITHDRAWAL_PAID,
  WITHDRAWAL_SETTLED,
] as const;
