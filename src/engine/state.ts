import type { Scenario, Product } from "../scenario/types.js";
import { ExactRangeError, Ledger } from "./ledger.js";
import { Random } from "./random.js";
import { UserTable } from "./users.js";
import { yuanToFen } from "./units.js";

/** A product's fixed split in fen, computed once. */
export interface ProductFen {
  product: Product;
  priceFen: number;
  costFen: number;
  marginFen: number;
  distributionFen: number;
  /** price − cost − margin − distribution (docs/model.md, orders). */
  contributionFen: number;
  /** What the goods of one order are worth to the buyer (goodsValue, default cost). */
  goodsValueFen: number;
}

/** A product's split in fen (the engine's orders and `pointsim explain` alike). */
export function productFen(product: Product): ProductFen {
  const priceFen = yuanToFen(product.price);
  const costFen = yuanToFen(product.cost);
  const marginFen = yuanToFen(product.platformMargin);
  const distributionFen = yuanToFen(product.distribution);
  const goodsValueFen = product.goodsValue === null ? costFen : yuanToFen(product.goodsValue);
  return { product, priceFen, costFen, marginFen, distributionFen, contributionFen: priceFen - costFen - marginFen - distributionFen, goodsValueFen };
}

/** The day's counters (money in fen). */
const DAY_STAT_NAMES = [
  "usersNew",
  "orders",
  "gmvFen",
  "newMoneyInFen",
  "changeSpentFen",
  "adRevenueFen",
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
  // Ad-point releases credited today (before commissions).
  "releasesFen",
  // Rewards for recruiting today (purchase, release and queue referral commissions, team bonuses at face value).
  "recruitingRewardsFen",
] as const;

// The class below gets one accessor per name (defined after it).
export interface DayStats extends Record<(typeof DAY_STAT_NAMES)[number], number> {}

/**
 * Counters of the day, reset at its start; schemes add to the ones they drive.
 *
 * The counters live in one Float64Array behind named accessors. As plain number fields they
 * started as small integers and changed representation (to doubles) the first time a sum
 * passed 2^30 fen, which replaced the object's hidden class mid-run and threw away the
 * optimised code of every loop that touches the day's counters: in a sweep each worker paid
 * that recompilation again. A typed array has one representation from the start.
 */
export class DayStats {
  readonly values = new Float64Array(DAY_STAT_NAMES.length);

  /** Zeroes every counter (the engine reuses one object, so schemes may keep a reference). */
  reset(): void {
    this.values.fill(0);
  }

  /** Adds another day's counters to these (for run totals). */
  add(other: DayStats): void {
    for (let i = 0; i < this.values.length; i++) this.values[i] = (this.values[i] as number) + (other.values[i] as number);
    for (let i = 0; i < this.values.length; i++) {
      if (!Number.isSafeInteger(this.values[i] as number)) throw new ExactRangeError(`the run's total ${DAY_STAT_NAMES[i]} passed the exact range of ${Number.MAX_SAFE_INTEGER}; scale the scenario down`);
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
export interface ShockEffects {
  arrivalsStopped: boolean;
  arrivalsMultiplier: number;
  adRevenueMultiplier: number;
  withdrawalsFrozen: boolean;
  panicSellShare: number;
}

/** Everything a run holds. The engine owns it; schemes read and change their parts. */
export class SimState {
  readonly scenario: Scenario;
  readonly rng: Random;
  readonly ledger: Ledger;
  readonly users = new UserTable();
  readonly products: ProductFen[];
  day = 0;
  readonly today = new DayStats();
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
  /** Days since the value-added price last rose; null while no scheme quotes a price. */
  priceFlatDays: number | null = null;
  /** Users who have become promoters (first order placed), in order. */
  promoters: number[] = [];
  /** Told of every ad release (user, fen), e.g. by team-leader bonuses paid on downline releases. */
  readonly releaseListeners: ((user: number, fen: number) => void)[] = [];

  /** `pools`: the ledger accounts the registry's schemes declare (SchemeModule.pools). */
  constructor(scenario: Scenario, readonly seed: string | number, pools: readonly `pool.${string}`[] = []) {
    this.scenario = scenario;
    this.ledger = new Ledger(pools);
    this.rng = new Random(seed);
    this.confidence = scenario.confidence.initial;
    this.products = scenario.products.map(productFen);
  }

  /** Multiplier confidence applies to arrivals and orders: 1 − effect × (1 − confidence). */
  behaviourFactor(): number {
    return 1 - this.scenario.confidence.effect * (1 - this.confidence);
  }
}

export function noShocks(): ShockEffects {
  return { arrivalsStopped: false, arrivalsMultiplier: 1, adRevenueMultiplier: 1, withdrawalsFrozen: false, panicSellShare: 0 };
}
