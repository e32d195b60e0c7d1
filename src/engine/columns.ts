import { formatScaled } from "./units.js";

/**
 * A timeseries.csv column: its name, unit and meaning. docs/indicators.md's column tables are
 * generated from these (`npm run docs`).
 */
export interface ColumnSpec {
  name: string;
  /** yuan, points, users, orders, days, ratio, text, ... */
  unit: string;
  /**
   * The day's value is an exact integer with this many implied decimals (2: fen, 4: points
   * units or a ratio in 0.0001), formatted only at the edge; null: a text column.
   */
  decimals: number | null;
  description: string;
  /** A label when the terminal summary draws the column as a sparkline (a scheme's main series). */
  sparkline?: string;
  /** The same label in Chinese (docs/glossary.md's terms), for a terminal in Chinese. */
  sparklineZh?: string;
}

/** One cell of a day: an exact scaled integer, text, or null (empty: no value that day). */
export type DayValue = number | string | null;
/** A day's values by column, as the engine and the schemes write them. */
export type DayValues = Record<string, DayValue>;
/** A day formatted for files and people: exact decimal strings, "" for no value. */
export type DayRow = Record<string, string>;

/** A cell as text: a scaled integer with its decimals ("12.30"), text as is, "" for null. */
export function formatValue(spec: ColumnSpec, value: DayValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return formatScaled(value, spec.decimals ?? 0);
}

/** A day's values formatted, in column order. */
export function formatDay(specs: readonly ColumnSpec[], values: DayValues): DayRow {
  const row: DayRow = {};
  for (const spec of specs) row[spec.name] = formatValue(spec, values[spec.name]);
  return row;
}

/**
 * A column's daily values as plain numbers (yuan, points, ratios) for charts and sparklines;
 * null where the day has none. The scaled integer divided once: the nearest double to the
 * exact decimal, as parsing its text would give.
 */
export function numericSeries(specs: readonly ColumnSpec[], values: readonly DayValues[], column: string): (number | null)[] {
  const spec = specs.find((c) => c.name === column);
  const scale = 10 ** (spec?.decimals ?? 0);
  return values.map((day) => {
    const v = day[column];
    return typeof v === "number" ? v / scale : null;
  });
}

/** The engine's own time-series columns. */
export const CORE_COLUMNS: readonly ColumnSpec[] = [
  { name: "day", unit: "day", decimals: 0, description: "day number, from 1" },
  { name: "users_total", unit: "users", decimals: 0, description: "users who have arrived so far" },
  { name: "users_active", unit: "users", decimals: 0, description: "users who have not left (churned)" },
  { name: "users_new", unit: "users", decimals: 0, description: "arrivals today" },
  { name: "orders", unit: "orders", decimals: 0, description: "orders placed today" },
  { name: "gmv", unit: "yuan", decimals: 2, description: "sum of today's order prices" },
  { name: "new_money_in", unit: "yuan", decimals: 2, description: "money from outside today: the part of orders not paid from change, plus franchise fees" },
  { name: "change_spent", unit: "yuan", decimals: 2, description: "part of today's orders paid from change wallets" },
  { name: "platform_cash", unit: "yuan", decimals: 2, description: "the platform's cash (negative: owed to suppliers/staff)" },
  { name: "commissions_paid", unit: "yuan", decimals: 2, description: "today's purchase and release commissions, into change wallets" },
  {
    name: "user_payouts",
    unit: "yuan",
    decimals: 2,
    description: "cash credited to change wallets today by the schemes (releases, commissions, sell payouts, refunds)",
  },
  { name: "change_owed", unit: "yuan", decimals: 2, description: "sum of change wallets (cash owed to users on demand)" },
  { name: "withdrawals_requested", unit: "yuan", decimals: 2, description: "amounts asked today (before fees)" },
  { name: "withdrawals_paid", unit: "yuan", decimals: 2, description: "cash paid out today" },
  { name: "withdrawals_pending", unit: "yuan", decimals: 2, description: "requested and not yet paid (due or not)" },
  { name: "withdrawal_backlog", unit: "yuan", decimals: 2, description: "due and unpaid" },
  { name: "backlog_oldest_days", unit: "days", decimals: 0, description: "today − due day of the oldest unpaid request (0: none)" },
  { name: "operating_cost", unit: "yuan", decimals: 2, description: "today's operating cost" },
  {
    name: "earned_revenue",
    unit: "yuan",
    decimals: 2,
    description:
      "what the platform earned today from its business: order margin + revenue from outside the users that the schemes count (ad revenue) + fees kept (withdrawal and market fees) + third-party revenue and interest (platform.thirdPartyRevenue, platform.interestRate)",
  },
  {
    name: "payouts_new_money_share",
    unit: "ratio",
    decimals: 4,
    description:
      "share of today's withdrawals paid that earned revenue does not cover, so new money (or capital) must: clamp((paid − earned) / paid, 0, 1), 4 decimals; empty on a day without payouts",
  },
  {
    name: "runway_days",
    unit: "days",
    decimals: 0,
    description: "platform cash ÷ its mean daily fall over the last 7 days, rounded down; 0 with no cash; empty while cash is not falling",
  },
  { name: "liability_change", unit: "yuan", decimals: 2, description: "change owed (as `change_owed`)" },
  { name: "liability_withdrawals", unit: "yuan", decimals: 2, description: "withdrawals requested and not yet paid (as `withdrawals_pending`)" },
  { name: "liabilities", unit: "yuan", decimals: 2, description: "the sum of the `liability_*` columns" },
  {
    name: "coverage_ratio",
    unit: "ratio",
    decimals: 4,
    description: "(platform cash + every scheme pool) / liabilities, half-up to 4 decimals; empty when there are no liabilities",
  },
  { name: "confidence", unit: "ratio", decimals: 4, description: "platform-wide confidence in [0, 1]" },
  {
    name: "status",
    unit: "text",
    decimals: null,
    description:
      '`collapsed` from the collapse day (the first day any failure signal fires); else `stressed` with a backlog, coverage below `collapse.stressedCoverage`, or any signal half way to firing; else `healthy` ([model.md](model.md), "Collapse")',
  },
  {
    name: "collapse_reason",
    unit: "text",
    decimals: null,
    description: "from the collapse day on, the reason of the signal that fired, in words; empty before",
  },
];

/** What a scheme module (SchemeModule) declares of timeseries.csv: its columns, its liability's and its pools'. */
export interface SchemeColumns {
  title: string;
  columns: readonly ColumnSpec[];
  liabilityColumn?: ColumnSpec;
  pools?: readonly { column?: string; label: string }[];
}

/**
 * Every column of timeseries.csv: the engine's (with the schemes' pool columns after
 * platform_cash), then each known scheme's liability column and columns in registry order
 * (every known scheme's, running or not, so that files of different scenarios have the same
 * columns).
 */
export function timeseriesColumnSpecs(modules: readonly SchemeColumns[]): readonly ColumnSpec[] {
  const cash = CORE_COLUMNS.findIndex((c) => c.name === "platform_cash") + 1;
  const poolColumns = modules.flatMap((m) =>
    (m.pools ?? []).flatMap((p): ColumnSpec[] =>
      p.column ? [{ name: p.column, unit: "yuan", decimals: 2, description: `${m.title}: the ${p.label}'s balance` }] : [],
    ),
  );
  return [
    ...CORE_COLUMNS.slice(0, cash),
    ...poolColumns,
    ...CORE_COLUMNS.slice(cash),
    ...modules.flatMap((m) => (m.liabilityColumn ? [m.liabilityColumn] : [])),
    ...modules.flatMap((m) => m.columns),
  ];
}

/** The names of timeseriesColumnSpecs, in order. */
export function timeseriesColumns(modules: readonly SchemeColumns[]): readonly string[] {
  return timeseriesColumnSpecs(modules).map((c) => c.name);
}
