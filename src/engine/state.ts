import type { CoreScenario, Product } from "./scenario.js";
import { Ledger } from "./ledger.js";
import { DayStats } from "./day-stats.js";
import { noShocks, type ShockEffects } from "./shocks.js";
import { Draws } from "./draws.js";
import { UserTable } from "./users.js";
import { Book } from "./book.js";
import type { SchemeInstance } from "./scheme-instance.js";
import { applyRate, rateToMicro, yuanToFen } from "./units.js";

/** A product's fixed split in fen, computed once (`P`: the fields a scheme declares on products). */
export interface ProductFen<P extends object = object> {
  product: Product<P>;
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
export function productFen<P extends object>(product: Product<P>, fundsScheme = true): ProductFen<P> {
  const priceFen = yuanToFen(product.price);
  const costFen = yuanToFen(product.cost);
  const marginFen = yuanToFen(product.platformMargin);
  const distributionFen = yuanToFen(product.distribution);
  const goodsBasis: GoodsBasis = product.goodsValue !== null ? "stated" : fundsScheme ? "cost" : "price";
  const goodsValueFen = goodsBasis === "stated" ? yuanToFen(product.goodsValue ?? 0) : goodsBasis === "cost" ? costFen : priceFen;
  const pointsMaxFen = applyRate(priceFen, rateToMicro(product.pointsPayShare));
  return {
    product,
    priceFen,
    costFen,
    marginFen,
    distributionFen,
    contributionFen: priceFen - costFen - marginFen - distributionFen,
    goodsValueFen,
    goodsBasis,
    pointsMaxFen,
  };
}

/** The most users a run can hold: population.maxUsers, or fewer when the market size and the scheduled groups bound arrivals. */
function userLimit(scenario: CoreScenario): number {
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
  readonly scenario: CoreScenario;
  /** The run's randomness, keyed by purpose, day and who draws (src/engine/draws.ts). */
  readonly draws: Draws;
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
   * Today's multipliers of arrivals [0] and of orders [1] from the scenario's responses to
   * declared drivers (drivers.ts), set in phase 10 the day before; 1 without responses.
   */
  readonly responseFactors = Float64Array.of(1, 1);
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
  constructor(
    scenario: CoreScenario,
    readonly seed: string | number,
    pools: readonly `pool.${string}`[] = [],
    counters: readonly string[] = [],
    fundsScheme: (product: Product) => boolean = () => true,
  ) {
    this.scenario = scenario;
    this.users = new UserTable(1024, userLimit(scenario));
    this.today = new DayStats(counters);
    this.ledger = new Ledger(pools);
    this.book = new Book(this.ledger, this.users, this.today);
    this.draws = new Draws(seed);
    this.confidence = scenario.confidence.initial;
    this.products = scenario.products.map((p) => productFen(p, fundsScheme(p)));
  }

  /** Multiplier confidence applies to arrivals and orders: 1 − effect × (1 − confidence). */
  behaviourFactor(): number {
    return 1 - this.scenario.confidence.effect * (1 - this.confidence);
  }
}
