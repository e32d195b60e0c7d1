import type { Product } from "./scenario.js";
import type { SignalReading } from "./collapse.js";
import type { ClaimSet } from "./wind-up.js";
import type { DayValues } from "./columns.js";

/**
 * One order as the schemes see it (phase 3). All amounts in fen. `P`: the fields a scheme
 * declares on products (SchemeModule.productFields), which its hooks read.
 */
export interface Order<P extends object = object> {
  user: number;
  product: Product<P>;
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

/** A scheme's reward chain: the levels up the referral tree it pays, in words in both languages. */
export interface RewardChain {
  levels: number;
  label: string;
  labelZh: string;
}

/**
 * A scheme behind one small interface: the engine calls its hooks in docs/model.md, a day's
 * order, only on days inside the scheme's [startDay, endDay] window. A new scheme is a
 * new file exporting a SchemeModule, listed once in src/registry.ts.
 */
export interface SchemeInstance<P extends object = object> {
  /**
   * Phase 1, first, on a day a rule change sets one of its changeable keys (SchemeModule.changeable):
   * the new value is already in its config; it re-derives what it computed from the old one.
   */
  applyChange?(key: string, value: unknown): void;
  /**
   * Phase 10, on days it runs: today's value of a driver it declares (SchemeModule.drivers), a
   * scaled integer as the driver's decimals say; null for a name it does not provide.
   */
  driver?(name: string): number | null;
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
  onOrder?(order: Order<P>): void;
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
   * Phase 9, right after the interest on the platform's cash, every day from the run's start
   * (window or not: money held earns): each of the scheme's pools earns a day's interest at
   * `platform.poolInterestRate` (`rateMicro`, nominal a year), ⌊balance × rate / 365⌋ fen
   * (other-income.ts, dayInterestFen), from the world through the scheme's own flow, so that
   * its rule (a price, a queue's budget) sees the money. Every scheme with pools implements it.
   */
  earnPoolInterest?(rateMicro: number): void;
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
   * Shared state a scheme that keeps membership tiers provides (membership): the tier a user
   * holds now (0: none, k: the k-th tier), and the nearest operator above them as of the start
   * of the day (-1: none). Another scheme reads them through `state.memberTiers` (ads: release
   * rules by tier, a grant's operator share) without naming the provider; the first running
   * scheme in registry order that provides them counts.
   */
  memberTier?(user: number): number;
  nearestOperator?(user: number): number;
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
   * depth), with a label such as "release commissions 2 levels" and the same in Chinese
   * ("释放佣金2个层级", docs/glossary.md's terms); absent or null when it pays no one for a downline.
   */
  rewardChain?(): RewardChain | null;
  /** Key figures for the terminal summary, in words (e.g. "merchants active 0 of 20"). */
  keyFigures?(): [string, string][];
  /** The same key figures in Chinese, from the same figures, in the same order (docs/glossary.md's terms; money by src/i18n/format.ts). */
  keyFiguresZh?(): [string, string][];
  /** Points conservation and sub-ledger checks; throw with day, accounts and amounts. */
  checkInvariants?(day: number): void;
  /** Scheme-specific end-of-run figures for summary.json (under schemes.<key>). */
  summary?(): Record<string, number | string | null>;
}
