import type { Static, TObject, TProperties, TSchema } from "@sinclair/typebox";
import type { ProductFen, SimState } from "./state.js";
import type { SignalSpec } from "./collapse.js";
import type { CoreScenario } from "./scenario.js";
import type { SchemeShock } from "./shocks.js";
import type { Flow } from "./book.js";
import type { ColumnSpec } from "./columns.js";
import type { SchemeCounter } from "./day-stats.js";
import type { SchemeInstance } from "./scheme-instance.js";
import type { ChangeableKey } from "./changes.js";
import type { DriverSpec } from "./drivers.js";

export type { Order, RewardChain, SchemeInstance, SchemePhase } from "./scheme-instance.js";

/**
 * A chart of some timeseries columns for report.html: drawn only when a column has data.
 * Every axis has a unit; a series on the right axis says so in its legend.
 */
/** A chart's words in Chinese, beside the English the spec holds (a zh-CN run's report.html shows them). */
interface ChartZh {
  title: string;
  caption: string;
  yUnit: string;
  y2Unit?: string;
  /** Each series' label, by column. */
  labels: Readonly<Record<string, string>>;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One line: what to read from the chart. */
  caption: string;
  /** Unit of the left axis (yuan, users, points, ratio, ...). */
  yUnit: string;
  /** Unit of the right axis, when a series uses it. */
  y2Unit?: string;
  /** [column, label, axis ("y" left, "y2" right)]. */
  series: [string, string, "y" | "y2"][];
  /** The same words in Chinese. */
  zh?: ChartZh;
}

/** One order of a product, split in fen, for `pointsim explain`: the product's split. */
export type ExplainOrder<P extends object = object> = ProductFen<P>;

/** The values a validated scenario holds for fields a scheme declares (TypeBox properties `F`). */
export type FieldValues<F extends TProperties> = Static<TObject<F>>;

/** What one order of a product means under a scheme, before any run (`pointsim explain`). */
export interface ExplainPart {
  /** The figures, for --json (money in fen, points in 0.0001 units). */
  details: Record<string, number>;
  /** What the order promises users (releases, commissions, refunds), fen. */
  promisedFen: number;
  /** What the platform earns from it besides the order's own margin (ad revenue), fen. */
  earnedFen: number;
  /** What the scheme takes of the order's distribution budget or contribution, fen (so the platform does not keep it). */
  takesFen: number;
  /** Lines for the terminal, each starting with the scheme's name. */
  lines: string[];
  /** The same lines in Chinese, from the same figures (`explain --lang zh-CN`). */
  linesZh?: string[];
}

/** What a scheme pays outside any one order (a membership's fees and their commissions), for `pointsim explain`. */
export interface ExplainSchedule {
  /** The figures (money in fen). */
  details: Record<string, number>;
  /** Lines for the terminal, each starting with the scheme's name. */
  lines: string[];
  /** The same lines in Chinese, from the same figures. */
  linesZh: string[];
}

/**
 * A parameter the report's what-if panel offers for a scheme: a number under the scheme's
 * config (`key`, a dotted path such as "turnoverShare"), with the slider's range. The panel
 * widens the range to take in the scenario's own value.
 */
export interface WhatIfParameter {
  key: string;
  label: string;
  /** The label in Chinese (a zh-CN report's what-if panel). */
  labelZh?: string;
  min: number;
  max: number;
  step: number;
}

/**
 * A value a scenario may hold that is allowed but unlikely (src/scenario/plausibility.ts): a
 * warning before the run, listed in summary.json, never an error.
 */
export interface PlausibilityFinding {
  /** Key path under the scheme's block ("releaseRate", "levels"): what to change, or to accept. */
  key: string;
  /** One sentence: what the value means and the bound it passes. */
  message: string;
  /** The same sentence in Chinese, from the same figures. */
  messageZh?: string;
  value: number | string | null;
}

/**
 * A default of the scheme's config that adds rewards, caps or fees: a scenario that leaves it
 * out gets it silently, so `validate` and `run` name it (src/scenario/shaping-defaults.ts).
 */
export interface ShapingDefault {
  /** Key path under the scheme's block ("referralShares"). */
  key: string;
  /** What the default does to the result, in a few words. */
  effect: string;
  /** The same in Chinese. */
  effectZh?: string;
}

/** What a scheme's per-user memory may grow with over a run (the run estimate's bound). */
export interface RunHorizon {
  days: number;
  /**
   * Orders a user can place over the run, at most in expectation: the first and then the
   * largest daily order rate any segment has (or is changed to) on every day of the horizon.
   * Confidence and responses only scale order rates down, and a user orders at most once a day.
   */
  ordersPerUser: number;
}

/**
 * `ProductFields`, `SegmentFields`: the fields the scheme adds to every product and segment of
 * a scenario (TypeBox properties with defaults and descriptions, like its config). The
 * scenario schema composes them in registry order (src/scenario/schema.ts); the scheme reads
 * them through its hooks' types and `productsWith` / `segmentsWith` (scheme-fields.ts).
 */
export interface SchemeModule<
  Config = unknown,
  Collapse = never,
  Schema extends TSchema = TSchema,
  ProductFields extends TProperties = Record<never, never>,
  SegmentFields extends TProperties = Record<never, never>,
> {
  /** Key under `schemes:` in a scenario. */
  key: string;
  /** Human title for reports. */
  title: string;
  /** The title in Chinese (a zh-CN run's report.html). */
  titleZh?: string;
  /** Its config's schema (its own type, so that the scenario type carries the config's type). */
  schema: Schema;
  /** Fields it adds to every product, which it reads (e.g. the ad points an order earns). */
  productFields?: ProductFields;
  /** Fields it adds to every behaviour segment, which it reads (e.g. how often its users watch ads). */
  segmentFields?: SegmentFields;
  /** Metrics columns this scheme adds to timeseries.csv, in order, with units and meanings. */
  columns: readonly ColumnSpec[];
  /** Column for this scheme's liabilityFen (e.g. "liability_ad_points"), when it has one. */
  liabilityColumn?: ColumnSpec;
  /**
   * Money the scheme keeps apart from platform cash, as ledger accounts: counted in coverage and
   * paid out to their holders in the wind-up. `column` puts the pool's balance in
   * timeseries.csv among the engine's columns (after platform_cash), and `summaryKey` in
   * summary.json after finalPlatformCash, for every run, the scheme running or not.
   */
  pools?: readonly {
    account: `pool.${string}`;
    column?: string;
    summaryKey?: `final${string}`;
    label: string;
    /** The label in Chinese. */
    labelZh?: string;
    /** The scheme's own column that shows the balance, when it has one instead of `column`. */
    seriesColumn?: string;
  }[];
  /**
   * Every flow of money this scheme makes (book.ts): from, to, journal reason, what a reward is
   * for and its legal basis (docs/compliance.md). Payers name one of these; the compliance
   * tests sum rewards by the declared basis.
   */
  flows?: readonly Flow[];
  /** Day counters the engine sums and the red flags read (earned revenue, rewards on own activity). */
  counters?: readonly SchemeCounter[];
  /**
   * Keys of its config a rule change (`changes:`) may set mid-run, relative to its block
   * ("releaseRate"). The engine writes the new value into the config the instance holds, then
   * calls its applyChange; a key not listed here cannot change mid-run.
   */
  changeable?: readonly ChangeableKey[];
  /** Drivers it provides (SchemeInstance.driver), which a scenario's responses may name. */
  drivers?: readonly DriverSpec[];
  /** Shock types that act on this scheme (read with `state.shocks.value(type, inactive)`). */
  shocks?: readonly SchemeShock[];
  /** Defaults that add rewards, caps or fees, named when a scenario leaves them out. */
  shapingDefaults?: readonly ShapingDefault[];
  /** Values allowed but unlikely (a daily rate past a documented bound), each a warning. */
  plausibility?(config: Config, scenario: CoreScenario): readonly PlausibilityFinding[];
  /** The parameters that matter most, for the report's what-if panel. */
  whatIf?: readonly WhatIfParameter[];
  /**
   * Whether orders of this product fund the scheme: pay into it or earn something of it (points,
   * rights, a queue place, a commission, a pool share). A product that funds no running scheme
   * is a plain sale, and its goods count at their price in who loses; one that funds a scheme
   * counts at cost unless the scenario states its value (docs/model.md, "Who loses").
   */
  fundedBy(config: Config, product: ProductFen<FieldValues<ProductFields>>): boolean;
  /** `pointsim explain`: what one order promises and earns under this scheme (null: nothing). */
  explain?(config: Config, order: ExplainOrder<FieldValues<ProductFields>>): ExplainPart | null;
  /** `pointsim explain`: what the scheme pays apart from orders (a fee schedule), once per scenario (null: nothing). */
  explainSchedule?(config: Config): ExplainSchedule | null;
  /** The scheme's own charts in report.html. */
  charts?: readonly ChartSpec[];
  /** Thresholds of the scheme's failure signals, under `collapse.<key>` in a scenario. */
  collapseSchema?: TSchema;
  /** The failure signals its instance reads (`signals()`), each with when it fires (docs/model.md's table is generated from these). */
  collapseSignals?: readonly SignalSpec[];
  /**
   * Bytes per user the scheme keeps beyond the engine's own columns, at most (its per-user
   * arrays and queues): the run estimate adds it, so that the estimate stays an upper bound
   * (src/scenario/estimate.ts). Absent: what the measured BYTES_PER_USER already covers.
   */
  bytesPerUser?(config: Config, horizon: RunHorizon): number;
  create(config: Config, state: SimState, collapse?: Collapse): SchemeInstance<FieldValues<ProductFields>>;
}
