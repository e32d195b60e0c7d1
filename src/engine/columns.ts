import { SCHEME_MODULES } from "../schemes/index.js";

/** The engine's own time-series columns (docs/indicators.md explains each). */
export const CORE_COLUMNS = [
  "day",
  "users_total",
  "users_active",
  "users_new",
  "orders",
  "gmv",
  "new_money_in",
  "change_spent",
  "platform_cash",
  "support_pool",
  "commissions_paid",
  "user_payouts",
  "change_owed",
  "withdrawals_requested",
  "withdrawals_paid",
  "withdrawals_pending",
  "withdrawal_backlog",
  "backlog_oldest_days",
  "operating_cost",
  "earned_revenue",
  "payouts_new_money_share",
  "runway_days",
  "liability_change",
  "liability_withdrawals",
  "liabilities",
  "coverage_ratio",
  "confidence",
  "status",
  "collapse_reason",
] as const;

/** Every column of timeseries.csv: the engine's, then each scheme's in registry order. */
export const TIMESERIES_COLUMNS: readonly string[] = [
  ...CORE_COLUMNS,
  ...SCHEME_MODULES.flatMap((m) => (m.liabilityColumn ? [m.liabilityColumn] : [])),
  ...SCHEME_MODULES.flatMap((m) => m.columns),
];
