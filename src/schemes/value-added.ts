import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import { yuanZh } from "../report/format-zh.js";
import type { DayValues } from "../engine/columns.js";
import type { FieldValues, Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import { segmentsWith } from "../engine/scheme-fields.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED } from "../engine/users.js";
import { assertExact } from "../engine/ledger.js";
import { exitsOpen } from "../engine/window.js";
import {
  MICRO,
  PU_PER_POINT,
  applyRate,
  formatFen,
  formatPu,
  formatScaled,
  formatYuan,
  mulDivFloor,
  mulDivRoundHalfUp,
  mulMulDivFloor,
  rateToMicro,
  yuanToFen,
} from "../engine/units.js";
import { closingBonusMicro, integer, money, optionalDay, optionalNumber, probability, rate, schemeWindow, record, section } from "../scenario/fields.js";
import { Streak, type SignalReading } from "../engine/collapse.js";
import type { ClaimSet } from "../engine/wind-up.js";
import { declareFlow, type FlowBatch } from "../engine/book.js";
import { declarePurpose } from "../engine/draws.js";
import { ConservationError } from "../errors.js";
import { dayInterestFen } from "../engine/other-income.js";
import { yuanZhShort } from "../report/format-zh.js";

/** An eligible order's contribution into the support pool (it issues the points). */
const CONTRIBUTION = declareFlow("valueAdded.contribution", { from: "platform.cash", to: "pool.support", reason: "value-added contribution" });
/** Profit the platform puts into the pool (注资). */
const INJECTION = declareFlow("valueAdded.injection", { from: "platform.cash", to: "pool.support", reason: "pool injection" });
/** A sell: the pool pays out, and the seller's wallet is credited, a reward on their own holding. */
/** Interest on the support pool (platform.poolInterestRate): it raises the price like an injection. */
const POOL_INTEREST = declareFlow("valueAdded.poolInterest", {
  from: "world",
  to: "pool.support",
  reason: "interest on the support pool",
  counters: ["otherRevenueFen"],
});
const SELL_FROM_POOL = declareFlow("valueAdded.sellFromPool", { from: "pool.support", to: "platform.cash", reason: "value-added sell" });
const SELL_PAYOUT = declareFlow("valueAdded.sell", {
  from: "platform.equity",
  to: "users.change",
  reason: "value-added sell",
  rewards: "own",
  counters: ["userPayoutsFen"],
});

/** Consumption value-added points (消费增值), docs/model.md, value-added points. */
const schema = record("Value-added points: price = support pool / points outstanding; issued from order contributions, sold back to the pool.", {
  ...schemeWindow(),
  issuePrice: money({ default: 1, exclusiveMinimum: 0, unit: "yuan/point", description: "Price while no points are outstanding." }),
  grantRatio: probability({ default: 0.7, description: "Share of an eligible order's contribution granted as points (at the price before the order)." }),
  sellPayoutRatio: probability({ default: 0.8, description: "Share of a sell's value paid out; the rest stays in the pool and lifts the price." }),
  returnCap: optionalNumber({
    default: 1.5,
    decimals: 6,
    unit: "ratio",
    description: "Forced exit when (sell receipts + holdings × price) reaches this multiple of eligible spend (null: no cap).",
  }),
  dailyInjectionRate: rate({ default: 0, maximum: 1, description: "Share of the day's GMV the platform moves from its cash into the pool (phase 9)." }),
  issuanceEndDay: optionalDay({ description: "From this day no points are issued (null: never ends)." }),
  injectionStartDay: optionalDay({
    description:
      "First day of the daily injection (null: from the scheme's first day). Seed 002 lets profit flow into the pool once issuance has ended: set it to issuanceEndDay.",
  }),
});
export type ValueAddedConfig = Static<typeof schema>;

/** Which products' orders issue points. */
const productFields = {
  valueAddedEligible: Type.Boolean({ default: false, description: "Orders of this product issue value-added points from their contribution." }),
};
type ValueAddedProduct = FieldValues<typeof productFields>;

/** When each segment's holders sell. */
const segmentFields = {
  sell: section("Value-added selling behaviour.", {
    targetMultiple: optionalNumber({
      default: 2,
      decimals: 6,
      unit: "ratio",
      description: "Sell when holdings are worth this multiple of their value when granted (null: never).",
    }),
    panicAfterFlatDays: Type.Unsafe<number | null>({
      type: ["integer", "null"],
      minimum: 1,
      default: null,
      unit: "days",
      description: "Start panic selling once the price has not risen for this many days (null: never).",
    }),
    panicProbability: probability({ default: 0.2, unit: "per day", description: "Daily chance a holder panic-sells while the price is flat." }),
    share: probability({ default: 1, exclusiveMinimum: 0, description: "Share of holdings sold when a sell rule fires." }),
  }),
};

/** Thresholds of the scheme's failure signal, under collapse.valueAdded. */
const collapseSchema = section("Value-added points: when the scheme counts as failed.", {
  noEligibleOrderDays: integer({
    default: 30,
    maximum: 36_500,
    unit: "days",
    description:
      "Collapse when no value-added-eligible order is placed for this many days in a row while points are outstanding: the price is then held up by no one's money (0: off).",
  }),
});
export type ValueAddedCollapse = Static<typeof collapseSchema>;

const VA_POINTS = "va.points";
/** Value of held points when granted, fen (for the target-multiple sell rule). */
/** Whether a holder sells in a panic-sell shock, and whether a holder panics at a price stall. */
const PANIC_SHOCK = declarePurpose("value-added.panic-shock");
const PANIC = declarePurpose("value-added.panic");
const VA_BASIS = "va.basis";
/** Eligible spend since the last forced exit, fen. */
const VA_SPEND = "va.spend";
/** Sell receipts since the last forced exit, fen. */
const VA_RECEIVED = "va.received";

/**
 * Pool state and the price rule, separate from users so that the model's worked example
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

// Run counters, in a typed array so that sums growing past small integers never change the
// instance's hidden class (which would deoptimise its methods once per sweep worker).
const ISSUED = 0;
const BURNED = 1;
const HIGHEST_QUOTE = 2;
const SOLD_TODAY = 3;
const PAYOUT_TODAY = 4;
const FORCED_EXITS_TODAY = 5;
const ISSUED_TODAY = 6;
const ELIGIBLE_ORDERS_TODAY = 7;

/**
 * One run's value-added scheme. A class rather than closures made per run: its methods are
 * the same functions in every run, so a sweep worker optimises them once.
 */
class ValueAddedScheme implements SchemeInstance<ValueAddedProduct> {
  private readonly pool: SupportPool;
  private readonly grantMicro: number;
  private readonly payoutMicro: number;
  private readonly capMicro: number | null;
  private readonly injectionMicro: number;
  private readonly segments: { targetMicro: number | null; panicAfter: number | null; panicProbability: number; shareMicro: number }[];
  private readonly counts = new Float64Array(8);
  private readonly noEligibleOrders: Streak;
  /** Days since the quoted price last rose, as settle leaves it each day (confidence reads it). */
  private flatDays = 0;
  readonly phases = { exits: () => this.sellPhase(), funding: () => this.injectionPhase() };

  constructor(
    private readonly config: ValueAddedConfig,
    private readonly state: SimState,
    collapse: ValueAddedCollapse = { noEligibleOrderDays: 0 },
  ) {
    this.noEligibleOrders = new Streak(collapse.noEligibleOrderDays);
    for (const name of [VA_POINTS, VA_BASIS, VA_SPEND, VA_RECEIVED]) state.users.addColumn(name);
    this.pool = new SupportPool(yuanToFen(config.issuePrice));
    this.grantMicro = rateToMicro(config.grantRatio);
    this.payoutMicro = rateToMicro(config.sellPayoutRatio);
    this.capMicro = config.returnCap === null ? null : rateToMicro(config.returnCap);
    this.injectionMicro = rateToMicro(config.dailyInjectionRate);
    this.segments = segmentsWith(state, segmentFields).map((s) => ({
      targetMicro: s.sell.targetMultiple === null ? null : rateToMicro(s.sell.targetMultiple),
      panicAfter: s.sell.panicAfterFlatDays,
      panicProbability: s.sell.panicProbability,
      shareMicro: rateToMicro(s.sell.share),
    }));
    this.counts[HIGHEST_QUOTE] = this.pool.quote();
  }

  /** Shared state this scheme provides (SchemeInstance.priceFlatDays): days since its price last rose. */
  priceFlatDays(): number {
    return this.flatDays;
  }

  /**
   * Sells `pu` of a user's points to the pool; the payout goes to the change wallet. Returns the
   * fen paid: sellPhase posts the day's sells to the ledger once (the ledger aggregates a day's
   * transfers by from, to and reason anyway, and nothing in the phase reads a balance).
   */
  private sell(id: number, pu: number, points: Float64Array, basis: Float64Array, received: Float64Array, payout: FlowBatch): number {
    const held = points[id] as number;
    const fen = this.pool.sell(pu, this.payoutMicro);
    points[id] = held - pu;
    basis[id] = held === pu ? 0 : mulDivFloor(basis[id] as number, held - pu, held);
    received[id] = (received[id] as number) + fen;
    payout.wallet[id] = (payout.wallet[id] as number) + fen;
    (payout.own as Float64Array)[id] = ((payout.own as Float64Array)[id] as number) + fen;
    const counts = this.counts;
    counts[BURNED] = (counts[BURNED] as number) + pu;
    counts[SOLD_TODAY] = (counts[SOLD_TODAY] as number) + pu;
    counts[PAYOUT_TODAY] = (counts[PAYOUT_TODAY] as number) + fen;
    return fen;
  }

  private sellPhase(): void {
    const { state, pool, segments, capMicro } = this;
    const { draws, users, day } = state;
    const panicShock = draws.key(PANIC_SHOCK, day);
    const panicking = draws.key(PANIC, day);
    const { joinDay } = users;
    const points = users.column(VA_POINTS);
    const basis = users.column(VA_BASIS);
    const spend = users.column(VA_SPEND);
    const received = users.column(VA_RECEIVED);
    const flat = this.flatDays;
    const panicShare = state.shocks.value("panicSell", 0);
    let paidFen = 0;
    const payout = state.book.batch(SELL_PAYOUT);
    for (let id = 0; id < users.count; id++) {
      const held = points[id] as number;
      if (held === 0 || ((users.flags[id] as number) & FLAG_CHURNED) !== 0) continue;
      const quote = pool.quote();
      const valueFen = mulDivFloor(held, quote, 1_000_000);
      // Return cap (封顶): forced exit of all holdings, then spend and receipts restart.
      if (capMicro !== null && ((received[id] as number) + valueFen) * MICRO >= capMicro * (spend[id] as number)) {
        paidFen += this.sell(id, held, points, basis, received, payout);
        spend[id] = 0;
        received[id] = 0;
        this.counts[FORCED_EXITS_TODAY] = (this.counts[FORCED_EXITS_TODAY] as number) + 1;
        continue;
      }
      if (panicShare > 0 && panicShock.chance(panicShare, users.drawIndex(id), joinDay[id] as number)) {
        paidFen += this.sell(id, held, points, basis, received, payout);
        continue;
      }
      const rule = segments[users.segment[id] as number];
      if (!rule) continue;
      const targetHit = rule.targetMicro !== null && valueFen * MICRO >= rule.targetMicro * (basis[id] as number);
      const panic = rule.panicAfter !== null && flat >= rule.panicAfter && panicking.chance(rule.panicProbability, users.drawIndex(id), joinDay[id] as number);
      if (targetHit || panic) {
        const pu = rule.shareMicro === MICRO ? held : Math.max(1, applyRate(held, rule.shareMicro));
        paidFen += this.sell(id, pu, points, basis, received, payout);
      }
    }
    state.book.move(SELL_FROM_POOL, paidFen);
    payout.post(paidFen);
  }

  private injectionPhase(): void {
    const { ledger, today } = this.state;
    if (this.config.injectionStartDay !== null && this.state.day < this.config.injectionStartDay) return;
    const cash = ledger.balance("platform.cash");
    const fen = Math.min(applyRate(today.gmvFen, this.injectionMicro), Math.max(0, cash));
    if (fen > 0) {
      this.pool.inject(fen);
      this.state.book.move(INJECTION, fen);
    }
  }

  earnPoolInterest(rateMicro: number): void {
    const fen = dayInterestFen(this.pool.poolFen, rateMicro);
    if (fen > 0) {
      this.pool.inject(fen);
      this.state.book.move(POOL_INTEREST, fen);
    }
  }

  onOrder(order: Order<ValueAddedProduct>): void {
    const { config, state } = this;
    if (!order.product.valueAddedEligible) return;
    this.counts[ELIGIBLE_ORDERS_TODAY] = (this.counts[ELIGIBLE_ORDERS_TODAY] as number) + 1;
    if (config.issuanceEndDay !== null && state.day >= config.issuanceEndDay) return;
    const contributionFen = state.products[order.productIndex]?.contributionFen ?? 0;
    if (contributionFen <= 0) return;
    const grantFen = applyRate(applyRate(contributionFen, this.grantMicro), closingBonusMicro(config, state.day));
    const pu = this.pool.issue(contributionFen, grantFen);
    state.book.move(CONTRIBUTION, contributionFen);
    const id = order.user;
    const { users } = state;
    users.column(VA_POINTS)[id] = (users.column(VA_POINTS)[id] as number) + pu;
    users.column(VA_BASIS)[id] = (users.column(VA_BASIS)[id] as number) + grantFen;
    users.column(VA_SPEND)[id] = (users.column(VA_SPEND)[id] as number) + order.priceFen;
    this.counts[ISSUED] = (this.counts[ISSUED] as number) + pu;
    this.counts[ISSUED_TODAY] = (this.counts[ISSUED_TODAY] as number) + pu;
  }

  /** The price is flat on a day whose closing quote is not above the highest so far. */
  settle(): void {
    const { counts, pool } = this;
    const quote = pool.quote();
    if (quote > (counts[HIGHEST_QUOTE] as number)) {
      counts[HIGHEST_QUOTE] = quote;
      this.flatDays = 0;
    } else {
      this.flatDays++;
    }
  }

  metrics(row: DayValues): void {
    const { counts, pool } = this;
    const quote = pool.quote();
    row.va_points_outstanding = pool.outstandingPu;
    row.va_price = quote;
    row.va_points_issued = counts[ISSUED_TODAY] as number;
    row.va_points_sold = counts[SOLD_TODAY] as number;
    row.va_sell_payouts = counts[PAYOUT_TODAY] as number;
    row.va_forced_exits = counts[FORCED_EXITS_TODAY] as number;
    row.va_price_flat_days = this.flatDays;
  }

  closeDay(): void {
    const { counts } = this;
    counts[SOLD_TODAY] = 0;
    counts[PAYOUT_TODAY] = 0;
    counts[FORCED_EXITS_TODAY] = 0;
    counts[ISSUED_TODAY] = 0;
  }

  liabilityFen(): number {
    return 0;
  }

  /** Phase 10: the streak of days without an eligible order while points are outstanding. */
  signals(): SignalReading[] {
    const streak = this.noEligibleOrders;
    const orders = this.counts[ELIGIBLE_ORDERS_TODAY] as number;
    this.counts[ELIGIBLE_ORDERS_TODAY] = 0;
    streak.update(orders === 0 && this.pool.outstandingPu > 0);
    return [
      {
        signal: "valueAdded.noEligibleOrders",
        kind: "mechanism",
        fired: streak.fired,
        stressed: streak.stressed,
        reason: `no value-added order for ${streak.threshold} days while points are outstanding`,
        reasonZh: `连续${streak.threshold}天没有消费增值订单，而积分仍未兑付`,
        evidence: `${streak.days} days in a row without an eligible order; ${formatPu(this.pool.outstandingPu)} points outstanding at ${formatScaled(this.pool.quote(), 4)}`,
      },
    ];
  }

  /**
   * Holders own the support pool: a wind-up splits all of it pro rata to points held. Face
   * value: points × the quoted price.
   */
  claims(): ClaimSet[] {
    const { users } = this.state;
    const points = users.column(VA_POINTS).slice(0, users.count);
    const quote = this.pool.quote();
    const faceFen = new Float64Array(users.count);
    for (let id = 0; id < users.count; id++) faceFen[id] = mulDivFloor(points[id] as number, quote, 1_000_000);
    // After the scheme and its exit window have ended nobody buys the points back: they are a
    // claim on no one, and the pool is the platform's money in a wind-up.
    if (!exitsOpen(this.config, this.state.day)) return [{ label: "value-added points (no exit)", faceFen, payer: null }];
    return [{ label: "value-added points", faceFen, payer: "pool.support", shareWeights: points }];
  }

  keyFigures(): [string, string][] {
    return [
      ["value-added price", `${formatScaled(this.pool.quote(), 4)} (pool ${formatYuan(this.pool.poolFen)} over ${formatPu(this.pool.outstandingPu)} points)`],
    ];
  }

  keyFiguresZh(): [string, string][] {
    return [
      ["消费增值价格", `${formatScaled(this.pool.quote(), 4)}元/积分（托底池${yuanZhShort(this.pool.poolFen)}，对应${formatPu(this.pool.outstandingPu)}积分）`],
    ];
  }

  checkInvariants(day: number): void {
    const { users, ledger } = this.state;
    const { pool } = this;
    const points = users.column(VA_POINTS);
    let total = 0;
    for (let id = 0; id < users.count; id++) total += points[id] as number;
    const poolCash = ledger.balance("pool.support");
    const issued = this.counts[ISSUED] as number;
    const burned = this.counts[BURNED] as number;
    assertExact(day, words("exact.valueAddedPoints"), issued, burned, total);
    if (issued - burned !== pool.outstandingPu || total !== pool.outstandingPu || poolCash !== pool.poolFen) {
      throw new ConservationError(
        words("invariant.valueAdded", {
          day,
          issued: formatPu(issued),
          burned: formatPu(burned),
          outstanding: formatPu(pool.outstandingPu),
          held: formatPu(total),
          pool: formatFen(pool.poolFen),
          balance: formatFen(poolCash),
        }),
      );
    }
  }
}

export const valueAdded: SchemeModule<ValueAddedConfig, ValueAddedCollapse, typeof schema, typeof productFields, typeof segmentFields> = {
  key: "valueAdded",
  collapseSignals: [
    {
      id: "valueAdded.noEligibleOrders",
      kind: "mechanism",
      firesWhen:
        "no value-added-eligible order for `valueAdded.noEligibleOrderDays` (30) days in a row while points are outstanding: the price is held up by no one's money",
      stressedFrom: "half the days",
    },
  ],
  flows: [CONTRIBUTION, INJECTION, POOL_INTEREST, SELL_FROM_POOL, SELL_PAYOUT],
  // An eligible order's contribution goes into the support pool and issues points.
  fundedBy: (_config, product) => product.product.valueAddedEligible && product.contributionFen > 0,
  explain(config, order) {
    if (!order.product.valueAddedEligible || order.contributionFen <= 0) return null;
    const grantFen = applyRate(order.contributionFen, rateToMicro(config.grantRatio));
    return {
      details: { grantFen, poolFen: order.contributionFen },
      promisedFen: 0,
      earnedFen: 0,
      takesFen: order.contributionFen,
      lines: [
        `value-added: ${formatYuan(grantFen)} of points granted at the current price; the ${formatYuan(order.contributionFen)} contribution goes into the support pool`,
      ],
      linesZh: [`消费增值：按当前价格发放价值${yuanZh(grantFen)}的积分；贡献${yuanZh(order.contributionFen)}进入托底池`],
    };
  },
  shapingDefaults: [
    { key: "grantRatio", effect: "share of an eligible order's contribution granted as points", effectZh: "有效订单的贡献按积分发放的比例" },
    { key: "sellPayoutRatio", effect: "share of a sell's value paid out; the rest lifts the price", effectZh: "卖出价值中实付的比例；其余部分推高价格" },
    {
      key: "returnCap",
      effect: "forced exit once receipts and holdings reach this multiple of eligible spend",
      effectZh: "所得与持有达到有效消费的该倍数即强制出局",
    },
  ],
  title: "Value-added points (消费增值)",
  titleZh: "消费增值积分",
  schema,
  productFields,
  segmentFields,
  shocks: [
    { type: "panicSell", combine: "largestShare", oneDay: true, description: "(value) the share of value-added holders who each sell everything that day" },
  ],
  columns: [
    { name: "va_points_outstanding", unit: "points", decimals: 4, description: "N" },
    {
      name: "va_price",
      unit: "yuan per point",
      decimals: 4,
      description: "quote P / N (half-up, 0.0001); issuePrice while N = 0",
      sparkline: "value-added price",
      sparklineZh: "消费增值价格",
    },
    { name: "va_points_issued", unit: "points", decimals: 4, description: "points issued today" },
    { name: "va_points_sold", unit: "points", decimals: 4, description: "points sold back today (voluntary and forced)" },
    { name: "va_sell_payouts", unit: "yuan", decimals: 2, description: "yuan paid from the pool for them" },
    { name: "va_forced_exits", unit: "users", decimals: 0, description: "users forced out at the return cap today" },
    { name: "va_price_flat_days", unit: "days", decimals: 0, description: "days since the quote last made a new high" },
  ],
  pools: [{ account: "pool.support", column: "support_pool", summaryKey: "finalSupportPool", label: "support pool", labelZh: "托底池" }],
  collapseSchema,
  charts: [
    {
      id: "va-price",
      title: "Value-added points: pool and price",
      caption: "The price is the pool over the points outstanding; it only rises by construction, while new orders keep feeding the pool.",
      yUnit: "yuan",
      y2Unit: "yuan per point",
      series: [
        ["support_pool", "support pool", "y"],
        ["va_price", "price (right axis)", "y2"],
      ],
      zh: {
        title: "消费增值积分：托底池与价格",
        caption: "价格等于托底池除以未兑付的积分；按规则价格只涨不跌，前提是新订单持续注入托底池。",
        yUnit: "元",
        y2Unit: "元/积分",
        labels: { support_pool: "托底池", va_price: "价格（右轴）" },
      },
    },
    {
      id: "va-points",
      title: "Value-added points: outstanding and sold",
      caption: "Points held against points sold back to the pool each day (forced exits and panic sells show as spikes).",
      yUnit: "points",
      y2Unit: "points per day",
      series: [
        ["va_points_outstanding", "outstanding", "y"],
        ["va_points_sold", "sold today (right axis)", "y2"],
      ],
      zh: {
        title: "消费增值积分：持有与卖出",
        caption: "用户持有的积分，对比每天卖回托底池的积分（强制出局和恐慌抛售表现为尖峰）。",
        yUnit: "积分",
        y2Unit: "每天积分",
        labels: { va_points_outstanding: "持有", va_points_sold: "当天卖出（右轴）" },
      },
    },
  ],
  whatIf: [
    { key: "sellPayoutRatio", label: "share of a sell paid out", labelZh: "卖出时实付的比例", min: 0, max: 1, step: 0.01 },
    { key: "grantRatio", label: "share of the contribution granted as points", labelZh: "贡献按积分发放的比例", min: 0, max: 1, step: 0.01 },
    { key: "dailyInjectionRate", label: "daily injection into the support pool", labelZh: "每天注入托底池的比例", min: 0, max: 0.1, step: 0.001 },
    {
      key: "returnCap",
      label: "forced exit at this multiple of eligible spend (return cap)",
      labelZh: "达到有效消费的该倍数即强制出局（收益封顶）",
      min: 1,
      max: 5,
      step: 0.1,
    },
  ],
  create: (config, state, collapse) => new ValueAddedScheme(config, state, collapse),
};
