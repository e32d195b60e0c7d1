import type { TSchema } from "@sinclair/typebox";
import type { ProductFen, SimState } from "./state.js";
import type { Product } from "../scenario/types.js";
import type { SignalReading, SignalSpec } from "./collapse.js";
import type { ClaimSet } from "./wind-up.js";
import type { SchemeShock } from "./shocks.js";
import type { Flow } from "./book.js";
import type { ColumnSpec, DayValues } from "./columns.js";
import type { SchemeCounter } from "./state.js";

/** One order as the schemes see it (phase 3). All amounts in fen. */
export interface Order {
  user: number;
  product: Product;
  productIndex: number;
  priceFen: number;
  /** Part paid with new money from the world. */
  cashFen: number;
  /** Part paid from the user's change wallet. */
  changeFen: number;
  /** Part paid with a scheme's points (product pointsPayShare); they are burnt, no money moves. */
  pointsFen: number;
}

/**
 * The daily phases a scheme can take part in, in the order the engine runs them (docs/model.md,
 * "A day"). They are named for what happens, not for the scheme that first did it:
 * - `joined`: after the day's arrivals (phase 2), e.g. regional agents join their areas;
 * - `payouts`: holdings pay their holders on schedule (phase 4): ad releases, dividend rights;
 * - `exits`: holders sell back (phase 5): value-added sells, also during a scheme's exit window;
 * - `trading`: users trade with each other or with merchants (phase 6): the CTC market;
 * - `pools`: pools share out (phase 7): free-order refunds, rank dividends;
 * - `funding`: the platform puts money into its pools (phase 9): pool injections.
 * Within a phase the schemes act in registry order (src/registry.ts), which is part of the model.
 */
const DAY_PHASES = ["joined", "payouts", "exits", "trading", "pools", "funding"] as const;
export type SchemePhase = (typeof DAY_PHASES)[number];

/**
 * A scheme behind one small interface: the engine calls its hooks in docs/model.md, a day's
 * order, only on days inside the scheme's [startDay, endDay] window. A new scheme is a
 * new file exporting a SchemeModule, listed once in src/registry.ts.
 */
export interface SchemeInstance {
  /** Phase 2: called for each user who arrived today (on days the scheme runs). */
  onArrival?(user: number): void;
  /** Phase 3, before payment: returning false refuses the order (e.g. a sale a merchant cannot cover). */
  acceptOrder?(user: number, productIndex: number): boolean;
  /**
   * Phase 3, for a product with pointsPayShare: pay up to `maxFen` of the user's order with the
   * scheme's points, burning them; returns the fen paid. Schemes are asked in registry order.
   */
  payWithPoints?(user: number, maxFen: number): number;
  /** Phase 3: called for every order placed on a day the scheme runs. */
  onOrder?(order: Order): void;
  /**
   * An event, phase 4: a reward was credited to `user` for their own activity (an ad release),
   * `fen` at face value. A scheme that pays on a downline's activity (team bonuses, area
   * commissions on releases) implements it; the engine hands every implementer to the
   * schemes that pay such rewards (`state.ownRewardSubscribers`), on every day, in registry
   * order, so a subscriber checks its own window. A subscriber must not read a change wallet
   * (the payer's commission credits may still be filed) and should not draw from the generator.
   */
  onOwnReward?(user: number, fen: number): void;
  /** Daily phase hooks. */
  phases?: Partial<Record<SchemePhase, () => void>>;
  /**
   * Phase 10, every day (window or not), after the signals and before the metrics row: state
   * the scheme keeps from day to day that others read (the value-added price-stall count,
   * which confidence reads the next day). Written here, never while reading metrics.
   */
  settle?(): void;
  /**
   * Shared state a scheme that quotes a price provides: days since its price last rose, as its
   * `settle` left it. The engine's confidence update reads it in phase 10 before that day's
   * `settle`, so it sees yesterday's count: one day late, which is part of the model
   * (docs/model.md, "Confidence"). The first running scheme in registry order that provides it counts.
   */
  priceFlatDays?(): number;
  /**
   * Phase 10, every day (window or not), right after churn: the users who left today,
   * ids[0..count). Lets a scheme keep per-day sums that depend on who has left without a
   * pass over every user.
   */
  onLeave?(ids: Int32Array, count: number): void;
  /**
   * Adds the scheme's columns to the day's values (called every day, window or not): exact
   * scaled integers as its columns' `decimals` say (fen, points units), null for no value.
   * Reads only.
   */
  metrics(row: DayValues): void;
  /** Phase 10, every day, after the metrics row: the day's counters start again from zero. */
  closeDay?(): void;
  /** What the platform owes because of this scheme, fen (beyond change wallets). */
  liabilityFen(): number;
  /**
   * Phase 10, once a day while the scheme runs, before the metrics row: the scheme's failure
   * signals (collapse), each with its reading for today. Counters of "N days in a row" advance here.
   */
  signals?(): SignalReading[];
  /** What users still hold in this scheme at the end of the run, and who would pay it in a wind-up. */
  claims?(): ClaimSet[];
  /**
   * How many levels up the referral chain this scheme rewards (for the red flag on commission
   * depth), with a label such as "release commissions 2 levels"; absent or null when it pays
   * no one for a downline.
   */
  rewardChain?(): { levels: number; label: string } | null;
  /** Key figures for the terminal summary, in words (e.g. "merchants active 0 of 20"). */
  keyFigures?(): [string, string][];
  /** Points conservation and sub-ledger checks; throw with day, accounts and amounts. */
  checkInvariants?(day: number): void;
  /** Scheme-specific end-of-run figures for summary.json (under schemes.<key>). */
  summary?(): Record<string, number | string | null>;
}

/**
 * A chart of some timeseries columns for report.html: drawn only when a column has data.
 * Every axis has a unit; a series on the right axis says so in its legend.
 */
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
}

/** One order of a product, split in fen, for `pointsim explain`: the product's split. */
export type ExplainOrder = ProductFen;

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
}

/**
 * A parameter the report's what-if panel offers for a scheme: a number under the scheme's
 * config (`key`, a dotted path such as "turnoverShare"), with the slider's range. The panel
 * widens the range to take in the scenario's own value.
 */
export interface WhatIfParameter {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
}

export interface SchemeModule<Config = unknown, Collapse = never, Schema extends TSchema = TSchema> {
  /** Key under `schemes:` in a scenario. */
  key: string;
  /** Human title for reports. */
  title: string;
  /** Its config's schema (its own type, so that the scenario type carries the config's type). */
  schema: Schema;
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
  /** Shock types that act on this scheme (read with `state.shocks.value(type, inactive)`). */
  shocks?: readonly SchemeShock[];
  /** The parameters that matter most, for the report's what-if panel. */
  whatIf?: readonly WhatIfParameter[];
  /**
   * Whether orders of this product fund the scheme: pay into it or earn something of it (points,
   * rights, a queue place, a commission, a pool share). A product that funds no running scheme
   * is a plain sale, and its goods count at their price in who loses; one that funds a scheme
   * counts at cost unless the scenario states its value (docs/model.md, "Who loses").
   */
  fundedBy(config: Config, product: ProductFen): boolean;
  /** `pointsim explain`: what one order promises and earns under this scheme (null: nothing). */
  explain?(config: Config, order: ExplainOrder): ExplainPart | null;
  /** The scheme's own charts in report.html. */
  charts?: readonly ChartSpec[];
  /** Thresholds of the scheme's failure signals, under `collapse.<key>` in a scenario. */
  collapseSchema?: TSchema;
  /** The failure signals its instance reads (`signals()`), each with when it fires (docs/model.md's table is generated from these). */
  collapseSignals?: readonly SignalSpec[];
  create(config: Config, state: SimState, collapse?: Collapse): SchemeInstance;
}
