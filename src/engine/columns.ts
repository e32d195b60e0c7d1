import type { SchemeModule } from "./scheme.js";

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

/**
 * Every column of timeseries.csv: the engine's, then each known scheme's liability column and
 * columns in registry order (every known scheme's, running or not, so that files of different
 * scenarios have the same columns).
 */
export function timeseriesColumns(modules: readonly SchemeModule<never, never>[]): readonly string[] {
  const cash = CORE_COLUMNS.indexOf("platform_cash") + 1;
  const poolColumns = modules.flatMap((m) => (m.pools ?? []).flatMap((p) => (p.column ? [p.column] : [])));
  return [
    ...CORE_COLUMNS.slice(0, cash),
    ...poolColumns,
    ...CORE_COLUMNS.slice(cash),
    ...modules.flatMap((m) => (m.liabilityColumn ? [m.liabilityColumn] : [])),
    ...modules.flatMap((m) => m.columns),
  ];
}
