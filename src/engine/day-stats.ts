import { ExactRangeError } from "../errors.js";
import { words } from "../i18n/words.js";

/** The day's counters (money in fen). */
const DAY_STAT_NAMES = [
  "usersNew",
  "orders",
  "gmvFen",
  "newMoneyInFen",
  "changeSpentFen",
  "commissionsFen",
  "withdrawalsRequestedFen",
  "withdrawalsPaidFen",
  "operatingCostFen",
  // Cash paid out of pools or the platform to users' wallets today (releases, sells, refunds).
  "userPayoutsFen",
  // Platform margin on today's orders.
  "marginFen",
  // Fees the platform kept today (withdrawal fees, CTC market fees).
  "feeRevenueFen",
  // Revenue from outside the users: third parties' payments and interest on cash and pools.
  "otherRevenueFen",
  // Franchise (entry) fees paid today.
  "franchiseFeesFen",
  // Rewards for recruiting today (purchase, release and queue referral commissions, team bonuses at face value).
  "recruitingRewardsFen",
  // The same by legal basis (docs/compliance.md), at face value: pay that depends on the number
  // of people recruited (拉人头) and pay computed on a downline's sales or activity (团队计酬).
  "recruitPayFen",
  "teamPayFen",
  // Orders of users who were invited by someone (what their inviters "sell" directly).
  "referredSalesFen",
] as const;

// The class below gets one accessor per name (defined after it).
export interface DayStats extends Record<(typeof DAY_STAT_NAMES)[number], number> {}

/**
 * A day counter a scheme declares (SchemeModule.counters) for money the engine counts without
 * knowing where it comes from: `earned` is revenue the platform earns from outside its users
 * (advertisers), counted in earned_revenue and the red flags; `ownReward` is what users are
 * promised for their own activity (releases), counted against it in the red flags.
 */
export interface SchemeCounter {
  name: string;
  role: "earned" | "ownReward";
  /** In words, for the red flags' evidence (e.g. "ad revenue"). */
  label: string;
  /** Shorter word for lists of revenue kinds (e.g. "ads"); the label when absent. */
  short?: string;
  /** The label in Chinese, in docs/glossary.md's terms (e.g. "广告收入"): the evidence of a zh-CN run. */
  labelZh: string;
  /** The short word in Chinese (e.g. "广告"); labelZh when absent. */
  shortZh?: string;
  /** Run total in summary.json after totalGoodsValue, for every run, the scheme running or not. */
  summaryKey?: `total${string}`;
}

/**
 * Counters of the day, reset at its start; schemes add to the ones they drive: the engine's
 * by name, their own (SchemeModule.counters) by the slot `slot(name)` gives them.
 *
 * The counters live in one Float64Array behind named accessors. As plain number fields they
 * started as small integers and changed representation (to doubles) the first time a sum
 * passed 2^30 fen, which replaced the object's hidden class mid-run and threw away the
 * optimised code of every loop that touches the day's counters: in a sweep each worker paid
 * that recompilation again. A typed array has one representation from the start.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares the accessors defined below the class.
export class DayStats {
  readonly values: Float64Array;

  /** `extra`: the names of the schemes' counters, after the engine's. */
  constructor(readonly extra: readonly string[] = []) {
    this.values = new Float64Array(DAY_STAT_NAMES.length + extra.length);
  }

  /** The slot of a scheme's counter, for `values[slot] += fen`. */
  slot(name: string): number {
    const i = this.extra.indexOf(name);
    if (i < 0) throw new Error(`no day counter ${name} (declare it in the scheme's counters)`);
    return DAY_STAT_NAMES.length + i;
  }

  /** The slot of one of the engine's own counters by name (the book resolves a flow's counters once). */
  engineSlot(name: string): number {
    const i = (DAY_STAT_NAMES as readonly string[]).indexOf(name);
    if (i < 0) throw new Error(`no engine day counter ${name}`);
    return i;
  }

  /** Adds to a counter by slot. */
  addAt(slot: number, fen: number): void {
    this.values[slot] = (this.values[slot] as number) + fen;
  }

  /** A counter's value by slot. */
  at(slot: number): number {
    return this.values[slot] as number;
  }

  /** Zeroes every counter (the engine reuses one object, so schemes may keep a reference). */
  reset(): void {
    this.values.fill(0);
  }

  /** Adds another day's counters to these (for run totals). */
  add(other: DayStats): void {
    for (let i = 0; i < this.values.length; i++) this.values[i] = (this.values[i] as number) + (other.values[i] as number);
    for (let i = 0; i < this.values.length; i++) {
      const name = DAY_STAT_NAMES[i] ?? this.extra[i - DAY_STAT_NAMES.length];
      if (!Number.isSafeInteger(this.values[i] as number))
        throw new ExactRangeError(words("error.exactTotal", { name: String(name), max: Number.MAX_SAFE_INTEGER }));
    }
  }
}

DAY_STAT_NAMES.forEach((name, i) =>
  Object.defineProperty(DayStats.prototype, name, {
    get(this: DayStats): number {
      return this.values[i] as number;
    },
    set(this: DayStats, value: number) {
      this.values[i] = value;
    },
  }),
);
