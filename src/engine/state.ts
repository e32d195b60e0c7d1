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

/** Counters of the day, reset at its start; schemes add to the ones they drive. */
export class DayStats {
  usersNew = 0;
  orders = 0;
  gmvFen = 0;
  newMoneyInFen = 0;
  changeSpentFen = 0;
  adRevenueFen = 0;
  commissionsFen = 0;
  withdrawalsRequestedFen = 0;
  withdrawalsPaidFen = 0;
  operatingCostFen = 0;
  /** Cash paid out of pools or the platform to users' wallets today (releases, sells, refunds), fen. */
  userPayoutsFen = 0;
  /** Platform margin on today's orders, fen. */
  marginFen = 0;
  /** Fees the platform kept today (withdrawal fees, CTC market fees), fen. */
  feeRevenueFen = 0;
  /** Franchise (entry) fees paid today, fen. */
  franchiseFeesFen = 0;
  /** Ad-point releases credited today (before commissions), fen. */
  releasesFen = 0;
  /** Rewards for recruiting today (purchase, release and queue referral commissions, team bonuses at face value), fen. */
  recruitingRewardsFen = 0;

  /** Zeroes every counter (the engine reuses one object, so schemes may keep a reference). */
  reset(): void {
    for (const key of Object.keys(this) as (keyof DayStats)[]) {
      if (typeof this[key] === "number") (this as unknown as Record<string, number>)[key] = 0;
    }
  }

  /** Adds another day's counters to these (for run totals). */
  add(other: DayStats): void {
    for (const key of Object.keys(other) as (keyof DayStats)[]) {
      const value = other[key];
      if (typeof value === "number") (this as unknown as Record<string, number>)[key] = (this[key] as number) + value;
    }
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
  confidence: number;
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
