import type { Order, SchemeInstance } from "./scheme.js";
import type { SimState } from "./state.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "./users.js";
import { Random } from "./random.js";

/**
 * Phase 3: purchases. New users place their first order (报单) by their segment's
 * chance; others order at their daily rate scaled by confidence. An order is paid from
 * the world, or (payWithChangeProbability) from the change wallet first, the rest from
 * the world. The platform pays the goods' cost to suppliers either way. A user becomes
 * a promoter after their first order.
 */
export class Orders {
  private readonly productCumulative: number[];
  private readonly firstProduct: (number | null)[];

  constructor(private readonly state: SimState) {
    let total = 0;
    this.productCumulative = state.scenario.products.map((p) => (total += p.weight));
    const ids = state.scenario.products.map((p) => p.id);
    this.firstProduct = state.scenario.population.segments.map((s) => (s.firstOrderProduct === null ? null : ids.indexOf(s.firstOrderProduct)));
  }

  run(firstNewUser: number, schemes: readonly SchemeInstance[]): void {
    // The schemes themselves, called as methods: binding fresh functions every day gave the
    // loop new call targets and cost it its optimised code.
    const ordering = schemes.filter((s) => s.onOrder !== undefined);
    const gating = schemes.filter((s) => s.acceptOrder !== undefined);
    const { users, rng, scenario } = this.state;
    const factor = this.state.behaviourFactor();
    const segments = scenario.population.segments;
    // Typed arrays: thresholds run up to 2^32, so a plain array would flip between small-integer
    // and double elements from day to day and deoptimise this loop each time.
    const later = Float64Array.from(segments, (s) => Random.threshold(s.orderRate * factor));
    const firstTime = Float64Array.from(segments, (s) => Random.threshold(s.firstOrderProbability * factor));
    // With no later orders in any segment only today's arrivals can order: skip the rest.
    const from = later.every((t) => t === 0) ? firstNewUser : 0;
    const { flags, segment } = users;
    for (let id = from; id < users.count; id++) {
      if (((flags[id] as number) & FLAG_CHURNED) !== 0) continue;
      const seg = segment[id] as number;
      const isNew = id >= firstNewUser;
      if (!rng.hit(isNew ? (firstTime[seg] as number) : (later[seg] as number))) continue;
      const first = isNew ? (this.firstProduct[seg] ?? null) : null;
      const productIndex = first ?? rng.pickCumulative(this.productCumulative);
      if (gating.length > 0 && !acceptedByAll(gating, id, productIndex)) continue;
      this.place(id, productIndex, segments[seg]?.payWithChangeProbability ?? 0, ordering);
    }
  }

  private place(id: number, productIndex: number, payWithChange: number, ordering: readonly SchemeInstance[]): void {
    const { users, ledger, rng, today } = this.state;
    const p = this.state.products[productIndex];
    if (!p) return;
    const change = users.change[id] as number;
    const changeFen = change > 0 && rng.chance(payWithChange) ? Math.min(change, p.priceFen) : 0;
    const cashFen = p.priceFen - changeFen;
    users.change[id] = change - changeFen;
    users.cashIn[id] = (users.cashIn[id] as number) + cashFen;
    users.goods[id] = (users.goods[id] as number) + p.goodsValueFen;
    ledger.transfer("world", "platform.cash", cashFen, "order paid with new money");
    ledger.transfer("users.change", "platform.equity", changeFen, "order paid from change");
    ledger.transfer("platform.cash", "world", p.costFen, "cost of goods");
    today.orders++;
    today.gmvFen += p.priceFen;
    today.marginFen += p.marginFen;
    today.newMoneyInFen += cashFen;
    today.changeSpentFen += changeFen;
    const order: Order = { user: id, product: p.product, productIndex, priceFen: p.priceFen, cashFen, changeFen };
    for (let i = 0; i < ordering.length; i++) (ordering[i] as SchemeInstance).onOrder?.(order);
    if (((users.flags[id] as number) & FLAG_PROMOTER) === 0) {
      users.flags[id] = (users.flags[id] as number) | FLAG_PROMOTER;
      this.state.promoters.push(id);
    }
  }
}

/** Whether every gate accepts the order (stops at the first refusal). */
function acceptedByAll(gating: readonly SchemeInstance[], user: number, productIndex: number): boolean {
  for (let i = 0; i < gating.length; i++) if (!(gating[i] as SchemeInstance).acceptOrder?.(user, productIndex)) return false;
  return true;
}
