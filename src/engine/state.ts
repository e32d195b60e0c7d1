import type { Scenario, Product } from "../scenario/types.js";
import { ExactRangeError, Ledger } from "./ledger.js";
import { Random } from "./random.js";
import { UserTable } from "./users.js";
import { Book } from "./book.js";
import type { SchemeInstance } from "./scheme.js";
import { applyRate, rateToMicro, yuanToFen } from "./units.js";

/** A product's fixed split in fen, computed once. */
export interface ProductFen {
  product: Product;
  priceFen: number;
  costFen: number;
  marginFen: number;
  distributionFen: number;
  /** price − cost − margin − distribution (docs/model.md, orders). */
  contributionFen: number;
  /** What the goods of one order are worth to the buyer (docs/model.md, "Who loses"). */
  goodsValueFen: number;
  /** Where goodsValueFen comes from: the scenario's goodsValue, the cost, or the price. */
  goodsBasis: GoodsBasis;
  /** Most of the price payable with points (pointsPayShare × price, down to the fen). */
  pointsMaxFen: number;
}

/**
 * What the goods of an order count for in who loses: the scenario's `goodsValue` when it states
 * one; else the price for a plain sale (the product funds no running scheme: what the buyer paid
 * is what an ordinary shop charges for it), and the cost for a product that funds a scheme (its
 * price carries the scheme's promise, so the brochure's price is not the goods' worth).
 */
export type GoodsBasis = "stated" | "cost" | "price";

/**
 * A product's split in fen (the engine's orders and `pointsim explain` alike). `fundsScheme`:
 * whether its orders fund a running scheme (SchemeModule.fundedBy); it decides the goods' value.
 */
export function productFen(product: Product, fundsScheme = true): ProductFen {
  const priceFen = yuanToFen(product.price);
  const costFen = yuanToFen(product.cost);
  const marginFen = yuanToFen(product.platformMargin);
  const distributionFen = yuanToFen(product.distribution);
  const goodsBasis: GoodsBasis = product.goodsValue !== null ? "stated" : fundsScheme ? "cost" : "price";
  const goodsValueFen = goodsBasis === "stated" ? yuanToFen(product.goodsValue ?? 0) : goodsBasis === "cost" ? costFen : priceFen;
  const pointsMaxFen = applyRate(priceFen, rateToMicro(product.pointsPayShare));
  return { product, priceFen, costFen, marginFen, distributionFen, contributionFen: priceFen - costFen - marginFen - distributionFen, goodsValueFen, goodsBasis, pointsMaxFen };
}

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
      if (!Number.isSafeInteger(this.values[i] as number)) throw new ExactRangeError(`the run's total ${name} passed the exact range of ${Number.MAX_SAFE_INTEGER}; scale the scenario down`);
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

/** Effects of today's shocks (phase 1). */
export class ShockEffects {
  arrivalsStopped = false;
  arrivalsMultiplier = 1;
  withdrawalsFrozen = false;
  /** The combined value of each active shock a scheme declares (SchemeModule.shocks), by type. */
  readonly schemes = new Map<string, number>();

  /** A scheme's shock today: its combined value, or `inactive` when none of its type is active. */
  value(type: string, inactive: number): number {
    return this.schemes.get(type) ?? inactive;
  }
}

/** The most users a run can hold: population.maxUsers, or fewer when the market size and the scheduled groups bound arrivals. */
function userLimit(scenario: Scenario): number {
  const { population } = scenario;
  const scheduled = population.scheduled.reduce((n, g) => n + g.count, 0);
  const market = population.arrivals.marketSize;
  return Math.min(population.maxUsers, Number.isFinite(market) ? market + scheduled : Infinity);
}

/** A day's list of (user, fen) payments, reused day after day. */
class PaymentLog {
  users = new Int32Array(1024);
  fen = new Float64Array(1024);
  count = 0;

  add(user: number, fen: number): void {
    if (this.count === this.users.length) {
      const users = new Int32Array(this.count * 2);
      const amounts = new Float64Array(this.count * 2);
      users.set(this.users);
      amounts.set(this.fen);
      this.users = users;
      this.fen = amounts;
    }
    this.users[this.count] = user;
    this.fen[this.count] = fen;
    this.count++;
  }
}

/** Everything a run holds. The engine owns it; schemes read and change their parts. */
export class SimState {
  readonly scenario: Scenario;
  readonly rng: Random;
  /** Balances of the money accounts; every movement goes through `book`. */
  readonly ledger: Ledger;
  /** The book: money moves only through its declared flows (book.ts). */
  readonly book: Book;
  readonly users: UserTable;
  readonly products: ProductFen[];
  day = 0;
  readonly today: DayStats;
  shocks: ShockEffects = noShocks();
  /**
   * Confidence in [0, 1], kept in a typed cell: a plain field would start as the small
   * integer 1 and turn into a double on the first fall, which changes the hidden class of the
   * object every phase reads and deoptimises all their code once per run (see DayStats).
   */
  private readonly confidenceCell = new Float64Array(1);
  get confidence(): number {
    return this.confidenceCell[0] as number;
  }
  set confidence(value: number) {
    this.confidenceCell[0] = value;
  }
  /** Users who have become promoters (first order placed), in order. */
  promoters: number[] = [];
  /** Today's payments of new money (orders paid in cash), user by user: the compliance tracker's money line reads them. */
  readonly payments = new PaymentLog();
  /** The running schemes that implement the onOwnReward event (set by the engine once every scheme is created): a scheme that pays rewards on users' own activity (ad releases) tells them of each. */
  ownRewardSubscribers: readonly SchemeInstance[] = [];

  /**
   * `pools`: the ledger accounts the registry's schemes declare (SchemeModule.pools);
   * `fundsScheme`: whether a product's orders fund a running scheme (default: every product
   * does, so goods count at cost unless stated).
   */
  constructor(scenario: Scenario, readonly seed: string | number, pools: readonly `pool.${string}`[] = [], counters: readonly string[] = [], fundsScheme: (product: Product) => boolean = () => true) {
    this.scenario = scenario;
    this.users = new UserTable(1024, userLimit(scenario));
    this.today = new DayStats(counters);
    this.ledger = new Ledger(pools);
    this.book = new Book(this.ledger, this.users, this.today);
    this.rng = new Random(seed);
    this.confidence = scenario.confidence.initial;
    this.products = scenario.products.map((p) => productFen(p, fundsScheme(p)));
  }

  /** Multiplier confidence applies to arrivals and orders: 1 − effect × (1 − confidence). */
  behaviourFactor(): number {
    return 1 - this.scenario.confidence.effect * (1 - this.confidence);
  }
}

export function noShocks(): ShockEffects {
  return new ShockEffects();
}
