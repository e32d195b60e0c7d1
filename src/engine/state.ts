import type { Scenario, Product } from "../scenario/types.js";
import { Ledger } from "./ledger.js";
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
  /** price − cost − margin − distribution (MODEL.md §3). */
  contributionFen: number;
}

const DAY_STAT_COUNT = 16;

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
  private readonly v = new Float64Array(DAY_STAT_COUNT);
  get usersNew(): number {
    return this.v[0] as number;
  }
  set usersNew(value: number) {
    this.v[0] = value;
  }
  get orders(): number {
    return this.v[1] as number;
  }
  set orders(value: number) {
    this.v[1] = value;
  }
  get gmvFen(): number {
    return this.v[2] as number;
  }
  set gmvFen(value: number) {
    this.v[2] = value;
  }
  get newMoneyInFen(): number {
    return this.v[3] as number;
  }
  set newMoneyInFen(value: number) {
    this.v[3] = value;
  }
  get changeSpentFen(): number {
    return this.v[4] as number;
  }
  set changeSpentFen(value: number) {
    this.v[4] = value;
  }
  get adRevenueFen(): number {
    return this.v[5] as number;
  }
  set adRevenueFen(value: number) {
    this.v[5] = value;
  }
  get commissionsFen(): number {
    return this.v[6] as number;
  }
  set commissionsFen(value: number) {
    this.v[6] = value;
  }
  get withdrawalsRequestedFen(): number {
    return this.v[7] as number;
  }
  set withdrawalsRequestedFen(value: number) {
    this.v[7] = value;
  }
  get withdrawalsPaidFen(): number {
    return this.v[8] as number;
  }
  set withdrawalsPaidFen(value: number) {
    this.v[8] = value;
  }
  get operatingCostFen(): number {
    return this.v[9] as number;
  }
  set operatingCostFen(value: number) {
    this.v[9] = value;
  }
  /** Cash paid out of pools or the platform to users' wallets today (releases, sells, refunds), fen. */
  get userPayoutsFen(): number {
    return this.v[10] as number;
  }
  set userPayoutsFen(value: number) {
    this.v[10] = value;
  }
  /** Platform margin on today's orders, fen. */
  get marginFen(): number {
    return this.v[11] as number;
  }
  set marginFen(value: number) {
    this.v[11] = value;
  }
  /** Fees the platform kept today (withdrawal fees, CTC market fees), fen. */
  get feeRevenueFen(): number {
    return this.v[12] as number;
  }
  set feeRevenueFen(value: number) {
    this.v[12] = value;
  }
  /** Franchise (entry) fees paid today, fen. */
  get franchiseFeesFen(): number {
    return this.v[13] as number;
  }
  set franchiseFeesFen(value: number) {
    this.v[13] = value;
  }
  /** Ad-point releases credited today (before commissions), fen. */
  get releasesFen(): number {
    return this.v[14] as number;
  }
  set releasesFen(value: number) {
    this.v[14] = value;
  }
  /** Rewards for recruiting today (purchase, release and queue referral commissions, team bonuses at face value), fen. */
  get recruitingRewardsFen(): number {
    return this.v[15] as number;
  }
  set recruitingRewardsFen(value: number) {
    this.v[15] = value;
  }

  /** Zeroes every counter (the engine reuses one object, so schemes may keep a reference). */
  reset(): void {
    this.v.fill(0);
  }

  /** Adds another day's counters to these (for run totals). */
  add(other: DayStats): void {
    for (let i = 0; i < DAY_STAT_COUNT; i++) this.v[i] = (this.v[i] as number) + (other.v[i] as number);
  }
}

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
  readonly ledger = new Ledger();
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

  constructor(scenario: Scenario, readonly seed: string | number) {
    this.scenario = scenario;
    this.rng = new Random(seed);
    this.confidence = scenario.confidence.initial;
    this.products = scenario.products.map((product) => {
      const priceFen = yuanToFen(product.price);
      const costFen = yuanToFen(product.cost);
      const marginFen = yuanToFen(product.platformMargin);
      const distributionFen = yuanToFen(product.distribution);
      return { product, priceFen, costFen, marginFen, distributionFen, contributionFen: priceFen - costFen - marginFen - distributionFen };
    });
  }

  /** Multiplier confidence applies to arrivals and orders: 1 − effect × (1 − confidence). */
  behaviourFactor(): number {
    return 1 - this.scenario.confidence.effect * (1 - this.confidence);
  }
}

export function noShocks(): ShockEffects {
  return { arrivalsStopped: false, arrivalsMultiplier: 1, adRevenueMultiplier: 1, withdrawalsFrozen: false, panicSellShare: 0 };
}
