import type { Order, SchemeInstance } from "./scheme.js";
import type { SimState } from "./state.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "./users.js";
import { ALWAYS, declarePurpose, threshold, type DrawKey } from "./draws.js";
import { drawsNeeded, eachDrawRun, RUN_MAX } from "./draws-run.js";
import { declareKernel, gatherLists } from "./executor.js";

/** Whether a user orders today, which product, and whether they pay from their change. */
const ORDER = declarePurpose("order");
const PRODUCT = declarePurpose("order.product");
const PAY_WITH_CHANGE = declarePurpose("order.pay-with-change");
import { yuanToFen } from "./units.js";
import { COST_OF_GOODS, ORDER_FROM_CHANGE, ORDER_NEW_MONEY } from "./core-flows.js";

/** The scratch column where the ranges of a split order draw list their buyers. */
const LISTED_BUYER = "orders.listedBuyer";

/** What the buyers' draw reads: the users' columns, the day's thresholds (first orders, later ones) and key. */
interface BuyerArgs {
  flags: Uint8Array;
  segment: Uint8Array;
  joinDay: Int32Array;
  firstOfDay: Int32Array;
  later: Float64Array;
  firstTime: Float64Array;
  firstNewUser: number;
  k0: number;
  k1: number;
  k2: number;
  /** One thread: places each buyer's order as it is drawn (null when split). */
  place: ((id: number) => void) | null;
  /** Split: each range lists its buyers from its first row on (null on one thread). */
  list: Float64Array | null;
}

/**
 * Who orders today among users [from, to); out[0]: buyers listed. A run of users of one join day
 * at a time, its draws made together (draws-run.ts).
 */
const BUYER_KERNEL = declareKernel<BuyerArgs>("engine.buyers", 1, (a, from, to, out) => {
  eachDrawRun(a, a.k0, a.k1, a.k2, drawsNeeded(a.later, a.firstTime), from, to, from, out, buyersOfRun);
});

/** One thread: a run's buyers, placed after its draws are read (an order's hooks may draw). */
const RUN_BUYERS = new Int32Array(RUN_MAX);

/** The buyers of a run [from, to) whose draws are words[id − from]: placed in id order (one thread), or listed from row rangeStart on. */
function buyersOfRun(a: BuyerArgs, from: number, to: number, words: Uint32Array, rangeStart: number, out: Float64Array): void {
  const { flags, segment, later, firstTime, firstNewUser, place } = a;
  const list = a.list ?? EMPTY;
  let listed = out[0] as number;
  let buyers = 0;
  for (let id = from; id < to; id++) {
    if (((flags[id] as number) & FLAG_CHURNED) !== 0) continue;
    const seg = segment[id] as number;
    const limit = id >= firstNewUser ? (firstTime[seg] as number) : (later[seg] as number);
    if (limit === 0) continue;
    if (limit !== ALWAYS && (words[id - from] as number) >= limit) continue;
    if (place !== null) RUN_BUYERS[buyers++] = id;
    else list[rangeStart + listed++] = id;
  }
  out[0] = listed;
  if (place !== null) for (let i = 0; i < buyers; i++) place(RUN_BUYERS[i] as number);
}
const EMPTY = new Float64Array(0);

/**
 * Phase 3: purchases. New users place their first order (报单) by their segment's
 * chance; others order at their daily rate scaled by confidence. An order is paid from
 * the world, or (payWithChangeProbability) from the change wallet first, the rest from
 * the world. The platform pays the goods' cost to suppliers either way. A user becomes
 * a promoter after their first order.
 */
export class Orders {
  private productCumulative: number[];
  private readonly firstProduct: (number | null)[];
  /** Per product, the index of the product a buyer must have bought before (-1: none). */
  private readonly requires: number[];
  /** The products some other product requires, in index order (each has a user column "bought"). */
  private readonly gates: number[];
  /** Cumulative weights over the products open to a user, by which gates the user has not passed. */
  private readonly openCumulative = new Map<string, number[]>();
  /** Per segment: most orders and most spend (fen) per user, or null. */
  private readonly maxOrders: (number | null)[];
  private readonly maxSpendFen: (number | null)[];
  private readonly limited: boolean;
  /** Today's keys of the draws an ordering user makes after the order draw itself. */
  private productKey: DrawKey | null = null;
  private changeKey: DrawKey | null = null;

  constructor(private readonly state: SimState) {
    let total = 0;
    const { products, population } = state.scenario;
    this.productCumulative = products.map((p) => (total += p.weight));
    const ids = products.map((p) => p.id);
    this.firstProduct = population.segments.map((s) => (s.firstOrderProduct === null ? null : ids.indexOf(s.firstOrderProduct)));
    this.requires = products.map((p) => (p.requiresProduct === null ? -1 : ids.indexOf(p.requiresProduct)));
    this.gates = [...new Set(this.requires.filter((r) => r >= 0))].sort((a, b) => a - b);
    for (const gate of this.gates) state.users.addColumn(boughtColumn(gate));
    this.maxOrders = population.segments.map((s) => s.maxOrders);
    this.maxSpendFen = population.segments.map((s) => (s.maxSpend === null ? null : yuanToFen(s.maxSpend)));
    this.limited = this.maxOrders.some((m) => m !== null) || this.maxSpendFen.some((m) => m !== null);
    if (this.limited) {
      state.users.addColumn(ORDERS_PLACED);
      state.users.addColumn(SPENT);
    }
  }

  /** A rule change set a product's weight (changes.ts): the draws use the new weights from today on. */
  weightsChanged(): void {
    let total = 0;
    this.productCumulative = this.state.scenario.products.map((p) => (total += p.weight));
    this.openCumulative.clear();
  }

  /**
   * The cumulative weights a user draws a product from: every product, or (when some product
   * requires another the user has not bought) the open ones only, the others weighing 0.
   */
  private cumulativeFor(user: number): number[] {
    if (this.gates.length === 0) return this.productCumulative;
    let unmet = "";
    for (const gate of this.gates) if ((this.state.users.column(boughtColumn(gate))[user] as number) === 0) unmet += `${gate},`;
    if (unmet === "") return this.productCumulative;
    let cumulative = this.openCumulative.get(unmet);
    if (!cumulative) {
      const closed = new Set(
        unmet
          .split(",")
          .filter((x) => x !== "")
          .map(Number),
      );
      let total = 0;
      cumulative = this.state.scenario.products.map((p, i) => (total += closed.has(this.requires[i] as number) ? 0 : p.weight));
      this.openCumulative.set(unmet, cumulative);
    }
    return cumulative;
  }

  /** Whether the segment's per-person limits allow this order (maxOrders, maxSpend). */
  private withinLimits(user: number, seg: number, productIndex: number): boolean {
    if (!this.limited) return true;
    const { users } = this.state;
    const maxOrders = this.maxOrders[seg] ?? null;
    if (maxOrders !== null && (users.column(ORDERS_PLACED)[user] as number) >= maxOrders) return false;
    const maxSpend = this.maxSpendFen[seg] ?? null;
    const price = this.state.products[productIndex]?.priceFen ?? 0;
    return maxSpend === null || (users.column(SPENT)[user] as number) + price <= maxSpend;
  }

  run(firstNewUser: number, schemes: readonly SchemeInstance[]): void {
    // The schemes themselves, called as methods: binding fresh functions every day gave the
    // loop new call targets and cost it its optimised code.
    const ordering = schemes.filter((s) => s.onOrder !== undefined);
    const gating = schemes.filter((s) => s.acceptOrder !== undefined);
    const paying = schemes.filter((s) => s.payWithPoints !== undefined);
    const { users, draws, scenario, day, executor } = this.state;
    const factor = this.state.behaviourFactor() * (this.state.responseFactors[1] as number);
    const segments = scenario.population.segments;
    // Typed arrays: thresholds run up to 2^32, so a plain array would flip between small-integer
    // and double elements from day to day and deoptimise this loop each time.
    const later = Float64Array.from(segments, (s) => threshold(s.orderRate * factor));
    const firstTime = Float64Array.from(segments, (s) => threshold(s.firstOrderProbability * factor));
    // With no later orders in any segment only today's arrivals can order: skip the rest.
    const from = later.every((t) => t === 0) ? firstNewUser : 0;
    const { k0, k1, k2 } = draws.key(ORDER, day);
    this.productKey = draws.key(PRODUCT, day);
    this.changeKey = draws.key(PAY_WITH_CHANGE, day);
    const place = (id: number) => {
      const seg = users.segment[id] as number;
      this.order(id, seg, id >= firstNewUser, segments[seg]?.payWithChangeProbability ?? 0, ordering, gating, paying);
    };
    // Who orders is each user's own draw; the orders themselves move shared state (a scheme's
    // price, its pools, uplines' wallets), so they are placed on this thread in id order. On
    // one thread the kernel places each as it draws; split, the ranges list the buyers first.
    const listed = executor.threads > 1;
    if (listed) users.addColumn(LISTED_BUYER);
    const args: BuyerArgs = {
      flags: users.flags,
      segment: users.segment,
      joinDay: users.joinDay,
      firstOfDay: users.firstOfDay,
      later,
      firstTime,
      firstNewUser,
      k0,
      k1,
      k2,
      place: listed ? null : place,
      list: listed ? users.column(LISTED_BUYER) : null,
    };
    const result = executor.run(BUYER_KERNEL, args, from, users.count);
    if (listed) {
      const list = args.list as Float64Array;
      const n = gatherLists(result, 1, 0, [list]);
      for (let i = 0; i < n; i++) place(list[i] as number);
    }
  }

  /** A user the day's draw chose to order: which product, within limits and gates, then placed. */
  private order(
    id: number,
    seg: number,
    isNew: boolean,
    payWithChange: number,
    ordering: readonly SchemeInstance[],
    gating: readonly SchemeInstance[],
    paying: readonly SchemeInstance[],
  ): void {
    const first = isNew ? (this.firstProduct[seg] ?? null) : null;
    let productIndex = first;
    if (productIndex === null) {
      const cumulative = this.cumulativeFor(id);
      // Every product closed to this user: no order.
      if ((cumulative[cumulative.length - 1] ?? 0) <= 0) return;
      productIndex = (this.productKey as DrawKey).pick(cumulative, this.state.users.drawIndex(id), this.state.users.joinDay[id] as number);
    }
    if (!this.withinLimits(id, seg, productIndex)) return;
    if (gating.length > 0 && !acceptedByAll(gating, id, productIndex)) return;
    this.place(id, productIndex, payWithChange, ordering, paying);
  }

  private place(id: number, productIndex: number, payWithChange: number, ordering: readonly SchemeInstance[], paying: readonly SchemeInstance[]): void {
    const { users, book, today } = this.state;
    const p = this.state.products[productIndex];
    if (!p) return;
    // Points first (用积分+现金购买), up to the product's pointsPayShare of the price.
    let pointsFen = 0;
    const pointsMax = p.pointsMaxFen;
    for (let i = 0; i < paying.length && pointsFen < pointsMax; i++) pointsFen += (paying[i] as SchemeInstance).payWithPoints?.(id, pointsMax - pointsFen) ?? 0;
    const due = p.priceFen - pointsFen;
    const change = book.changeOf(id);
    const changeFen =
      change > 0 && (this.changeKey as DrawKey).chance(payWithChange, users.drawIndex(id), users.joinDay[id] as number) ? Math.min(change, due) : 0;
    const cashFen = due - changeFen;
    book.debit(ORDER_FROM_CHANGE, id, changeFen);
    book.payIn(ORDER_NEW_MONEY, id, cashFen, this.state.payments);
    users.goods[id] = (users.goods[id] as number) + p.goodsValueFen;
    book.move(COST_OF_GOODS, p.costFen);
    today.orders++;
    today.gmvFen += p.priceFen;
    today.marginFen += p.marginFen;
    if ((users.referrer[id] as number) >= 0) today.referredSalesFen += p.priceFen;
    if (this.gates.includes(productIndex)) users.column(boughtColumn(productIndex))[id] = 1;
    if (this.limited) {
      users.column(ORDERS_PLACED)[id] = (users.column(ORDERS_PLACED)[id] as number) + 1;
      users.column(SPENT)[id] = (users.column(SPENT)[id] as number) + p.priceFen;
    }
    const order: Order = { user: id, product: p.product, productIndex, priceFen: p.priceFen, cashFen, changeFen, pointsFen };
    for (let i = 0; i < ordering.length; i++) (ordering[i] as SchemeInstance).onOrder?.(order);
    if (((users.flags[id] as number) & FLAG_PROMOTER) === 0) {
      users.flags[id] = (users.flags[id] as number) | FLAG_PROMOTER;
      this.state.promoters.push(id);
    }
  }
}

const ORDERS_PLACED = "orders.placed";
const SPENT = "orders.spentFen";
const boughtColumn = (product: number) => `orders.bought.${product}`;

/** Whether every gate accepts the order (stops at the first refusal). */
function acceptedByAll(gating: readonly SchemeInstance[], user: number, productIndex: number): boolean {
  for (let i = 0; i < gating.length; i++) if (!(gating[i] as SchemeInstance).acceptOrder?.(user, productIndex)) return false;
  return true;
}
