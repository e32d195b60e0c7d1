import type { Static } from "@sinclair/typebox";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED } from "../engine/users.js";
import { ConservationError } from "../engine/ledger.js";
import { MICRO, PU_PER_POINT, applyRate, formatFen, formatPu, formatScaled, mulDivFloor, mulDivRoundHalfUp, mulMulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { closingBonusMicro, money, optionalDay, optionalNumber, probability, rate, schemeWindow, record } from "../scenario/fields.js";

/** Consumption value-added points (消费增值), MODEL.md §5. */
const schema = record("Value-added points: price = support pool / points outstanding; issued from order contributions, sold back to the pool.", {
  ...schemeWindow(),
  issuePrice: money({ default: 1, exclusiveMinimum: 0, unit: "yuan/point", description: "Price while no points are outstanding." }),
  grantRatio: probability({ default: 0.7, description: "Share of an eligible order's contribution granted as points (at the price before the order)." }),
  sellPayoutRatio: probability({ default: 0.8, description: "Share of a sell's value paid out; the rest stays in the pool and lifts the price." }),
  returnCap: optionalNumber({ default: 1.5, decimals: 6, unit: "ratio", description: "Forced exit when (sell receipts + holdings × price) reaches this multiple of eligible spend (null: no cap)." }),
  dailyInjectionRate: rate({ default: 0, maximum: 1, description: "Share of the day's GMV the platform moves from its cash into the pool (phase 9)." }),
  issuanceEndDay: optionalDay({ description: "From this day no points are issued (null: never ends)." }),
});
export type ValueAddedConfig = Static<typeof schema>;

export const VA_POINTS = "va.points";
/** Value of held points when granted, fen (for the target-multiple sell rule). */
const VA_BASIS = "va.basis";
/** Eligible spend since the last forced exit, fen. */
const VA_SPEND = "va.spend";
/** Sell receipts since the last forced exit, fen. */
const VA_RECEIVED = "va.received";

/**
 * Pool state and the price rule, separate from users so that MODEL.md's worked example
 * can be checked on its own. Price quote: P / N in units of 0.0001 yuan, half-up.
 */
export class SupportPool {
  private pool = 0;
  private outstanding = 0;
  /** The quote is read once per holder per day, so it is cached until P or N changes. */
  private cachedQuote: number;
  constructor(readonly issuePriceFen: number) {
    this.cachedQuote = issuePriceFen * 100;
  }

  get poolFen(): number {
    return this.pool;
  }

  get outstandingPu(): number {
    return this.outstanding;
  }

  /** The quoted price in 0.0001 yuan per point (P / N, half-up; issuePrice while N = 0). */
  quote(): number {
    return this.cachedQuote;
  }

  private update(poolFen: number, outstandingPu: number): void {
    this.pool = poolFen;
    this.outstanding = outstandingPu;
    // (P fen / 100) / (N pu / 10^4) yuan = P × 100 / N yuan = P × 10^6 / N in 0.0001 yuan.
    this.cachedQuote = outstandingPu === 0 ? this.issuePriceFen * 100 : mulDivRoundHalfUp(poolFen, 1_000_000, outstandingPu);
  }

  /** Cash moved into the pool without issuing points (daily injection). */
  inject(fen: number): void {
    this.update(this.pool + fen, this.outstanding);
  }

  /** Points for a grant at the exact price before the order (rounded down to 0.0001). */
  pointsFor(grantFen: number): number {
    if (this.outstandingPu === 0) return mulDivFloor(grantFen, PU_PER_POINT, this.issuePriceFen);
    return mulDivFloor(grantFen, this.outstandingPu, this.poolFen);
  }

  /** Issue: the contribution enters the pool and the new points the outstanding count. */
  issue(contributionFen: number, grantFen: number): number {
    const pu = this.pointsFor(grantFen);
    this.update(this.pool + contributionFen, this.outstanding + pu);
    return pu;
  }

  /**
   * Payout for selling `pu` points: at the quote × payout ratio, rounded down to the fen,
   * but never more than the points' exact pro-rata share of the pool (pu × P / N). The
   * quote is rounded half-up, so without that bound a payout ratio near 1 could pay a
   * seller a little more than their share and lower the price for everyone else.
   */
  payoutFor(pu: number, payoutMicro: number): number {
    const atQuote = mulMulDivFloor(pu, this.quote(), payoutMicro, 1_000_000_000_000);
    if (this.outstandingPu === 0) return 0;
    return Math.min(atQuote, mulDivFloor(pu, this.poolFen, this.outstandingPu));
  }

  sell(pu: number, payoutMicro: number): number {
    const fen = this.payoutFor(pu, payoutMicro);
    this.update(this.pool - fen, this.outstanding - pu);
    return fen;
  }
}

function create(config: ValueAddedConfig, state: SimState): SchemeInstance {
  const { users, ledger, today, scenario } = state;
  for (const name of [VA_POINTS, VA_BASIS, VA_SPEND, VA_RECEIVED]) users.addColumn(name);
  const pool = new SupportPool(yuanToFen(config.issuePrice));
  const grantMicro = rateToMicro(config.grantRatio);
  const payoutMicro = rateToMicro(config.sellPayoutRatio);
  const capMicro = config.returnCap === null ? null : rateToMicro(config.returnCap);
  const injectionMicro = rateToMicro(config.dailyInjectionRate);
  const segments = scenario.population.segments.map((s) => ({
    targetMicro: s.sell.targetMultiple === null ? null : rateToMicro(s.sell.targetMultiple),
    panicAfter: s.sell.panicAfterFlatDays,
    panicProbability: s.sell.panicProbability,
    shareMicro: rateToMicro(s.sell.share),
  }));
  let issuedPu = 0;
  let burnedPu = 0;
  let highestQuote = pool.quote();
  state.priceFlatDays = 0;
  let soldPuToday = 0;
  let payoutFenToday = 0;
  let forcedExitsToday = 0;
  let issuedPuToday = 0;

  /** Sells `pu` of a user's points to the pool; the payout goes to the change wallet. */
  function sell(id: number, pu: number, points: Float64Array): void {
    const basis = users.column(VA_BASIS);
    const held = points[id] as number;
    const fen = pool.sell(pu, payoutMicro);
    points[id] = held - pu;
    basis[id] = held === pu ? 0 : mulDivFloor(basis[id] as number, held - pu, held);
    users.column(VA_RECEIVED)[id] = (users.column(VA_RECEIVED)[id] as number) + fen;
    users.change[id] = (users.change[id] as number) + fen;
    burnedPu += pu;
    soldPuToday += pu;
    payoutFenToday += fen;
    ledger.transfer("pool.support", "platform.cash", fen, "value-added sell");
    ledger.transfer("platform.equity", "users.change", fen, "value-added sell");
    today.userPayoutsFen += fen;
  }

  function sellPhase(): void {
    const { rng } = state;
    const points = users.column(VA_POINTS);
    const basis = users.column(VA_BASIS);
    const spend = users.column(VA_SPEND);
    const received = users.column(VA_RECEIVED);
    const flat = state.priceFlatDays ?? 0;
    const panicShare = state.shocks.panicSellShare;
    for (let id = 0; id < users.count; id++) {
      const held = points[id] as number;
      if (held === 0 || ((users.flags[id] as number) & FLAG_CHURNED) !== 0) continue;
      const quote = pool.quote();
      const valueFen = mulDivFloor(held, quote, 1_000_000);
      // Return cap (封顶): forced exit of all holdings, then spend and receipts restart.
      if (capMicro !== null && ((received[id] as number) + valueFen) * MICRO >= capMicro * (spend[id] as number)) {
        sell(id, held, points);
        spend[id] = 0;
        received[id] = 0;
        forcedExitsToday++;
        continue;
      }
      if (panicShare > 0 && rng.chance(panicShare)) {
        sell(id, held, points);
        continue;
      }
      const rule = segments[users.segment[id] as number];
      if (!rule) continue;
      const targetHit = rule.targetMicro !== null && valueFen * MICRO >= rule.targetMicro * (basis[id] as number);
      const panic = rule.panicAfter !== null && flat >= rule.panicAfter && rng.chance(rule.panicProbability);
      if (targetHit || panic) {
        const pu = rule.shareMicro === MICRO ? held : Math.max(1, applyRate(held, rule.shareMicro));
        sell(id, pu, points);
      }
    }
  }

  function injectionPhase(): void {
    const cash = ledger.balance("platform.cash");
    const fen = Math.min(applyRate(today.gmvFen, injectionMicro), Math.max(0, cash));
    if (fen > 0) {
      pool.inject(fen);
      ledger.transfer("platform.cash", "pool.support", fen, "pool injection");
    }
  }

  return {
    onOrder(order: Order) {
      if (!order.product.valueAddedEligible) return;
      if (config.issuanceEndDay !== null && state.day >= config.issuanceEndDay) return;
      const contributionFen = state.products[order.productIndex]?.contributionFen ?? 0;
      if (contributionFen <= 0) return;
      const grantFen = applyRate(applyRate(contributionFen, grantMicro), closingBonusMicro(config, state.day));
      const pu = pool.issue(contributionFen, grantFen);
      ledger.transfer("platform.cash", "pool.support", contributionFen, "value-added contribution");
      const id = order.user;
      users.column(VA_POINTS)[id] = (users.column(VA_POINTS)[id] as number) + pu;
      users.column(VA_BASIS)[id] = (users.column(VA_BASIS)[id] as number) + grantFen;
      users.column(VA_SPEND)[id] = (users.column(VA_SPEND)[id] as number) + order.priceFen;
      issuedPu += pu;
      issuedPuToday += pu;
    },
    phases: { sell: sellPhase, injection: injectionPhase },
    metrics(row) {
      const quote = pool.quote();
      if (quote > highestQuote) {
        highestQuote = quote;
        state.priceFlatDays = 0;
      } else {
        state.priceFlatDays = (state.priceFlatDays ?? 0) + 1;
      }
      row.va_points_outstanding = formatPu(pool.outstandingPu);
      row.va_price = formatScaled(quote, 4);
      row.va_points_issued = formatPu(issuedPuToday);
      row.va_points_sold = formatPu(soldPuToday);
      row.va_sell_payouts = formatFen(payoutFenToday);
      row.va_forced_exits = String(forcedExitsToday);
      row.va_price_flat_days = String(state.priceFlatDays);
      soldPuToday = 0;
      payoutFenToday = 0;
      forcedExitsToday = 0;
      issuedPuToday = 0;
    },
    liabilityFen: () => 0,
    realisableFen(id) {
      const held = users.column(VA_POINTS)[id] as number;
      return held === 0 ? 0 : pool.payoutFor(held, payoutMicro);
    },
    checkInvariants(day) {
      const points = users.column(VA_POINTS);
      let total = 0;
      for (let id = 0; id < users.count; id++) total += points[id] as number;
      const poolCash = ledger.balance("pool.support");
      if (issuedPu - burnedPu !== pool.outstandingPu || total !== pool.outstandingPu || poolCash !== pool.poolFen) {
        throw new ConservationError(
          `day ${day}: value-added points issued ${formatPu(issuedPu)} − burned ${formatPu(burnedPu)}, outstanding ${formatPu(pool.outstandingPu)}, users hold ${formatPu(total)}; pool ${formatFen(pool.poolFen)} vs ledger pool.support ${formatFen(poolCash)}`,
        );
      }
    },
  };
}

export const valueAdded: SchemeModule<ValueAddedConfig> = {
  key: "valueAdded",
  title: "Value-added points (消费增值)",
  schema,
  columns: ["va_points_outstanding", "va_price", "va_points_issued", "va_points_sold", "va_sell_payouts", "va_forced_exits", "va_price_flat_days"],
  create,
};
