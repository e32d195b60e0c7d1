import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import { yuanZh } from "../report/format-zh.js";
import type { FieldValues, Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { forEachUpline } from "../engine/users.js";
import { declareFlow, type Flow } from "../engine/book.js";
import { MICRO, applyRate, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { closingBonusMicro, integer, money, probability, rate, record, schemeWindow, section } from "../scenario/fields.js";
import { Streak, type SignalReading } from "../engine/collapse.js";
import type { ClaimSet } from "../engine/wind-up.js";
import { dayInterestFen } from "../engine/other-income.js";
import { yuanZhShort } from "../report/format-zh.js";

/** A share of every order into the dividend pool, and the referral share when it goes there too. */
const POOL_REWARD = declareFlow("dividendQueue.poolReward", { from: "platform.cash", to: "pool.dividend", reason: "dividend pool reward" });
const REFERRAL_TO_POOL = declareFlow("dividendQueue.referralToPool", { from: "platform.cash", to: "pool.dividend", reason: "referral reward to pool" });
/** Up the referral chain: for a recruit's order and computed on a downline's purchase (both bases). */
const QUEUE_REFERRAL = declareFlow("dividendQueue.referral", {
  from: "platform.equity",
  to: "users.change",
  reason: "queue referral reward",
  reasonZh: "排队免单推荐奖励",
  rewards: "downline",
  legal: ["recruit-pay", "team-pay"],
  counters: ["commissionsFen"],
});
/** The referral share split evenly among waiting orders (seed 004): a reward on the buyer's own waiting order. */
const SHARED_REFERRAL = declareFlow("dividendQueue.sharedReferral", {
  from: "platform.equity",
  to: "users.change",
  reason: "queue referral reward (shared)",
  rewards: "own",
  counters: ["userPayoutsFen"],
});
/** The head order's refund: the pool pays, the buyer's wallet is credited. */
/** Interest on the dividend pool (platform.poolInterestRate), counted in the pool's inflow. */
const POOL_INTEREST = declareFlow("dividendQueue.poolInterest", {
  from: "world",
  to: "pool.dividend",
  reason: "interest on the dividend pool",
  counters: ["otherRevenueFen"],
});
const REFUND_FROM_POOL = declareFlow("dividendQueue.refundFromPool", { from: "pool.dividend", to: "platform.cash", reason: "free order refund" });
const REFUND = declareFlow("dividendQueue.refund", {
  from: "platform.equity",
  to: "users.change",
  reason: "free order refund",
  rewards: "own",
  counters: ["userPayoutsFen"],
});
/** payout proRata: every waiting order's dividend. */
const PRO_RATA_FROM_POOL = declareFlow("dividendQueue.proRataFromPool", { from: "pool.dividend", to: "platform.cash", reason: "pro-rata dividend" });
const PRO_RATA = declareFlow("dividendQueue.proRata", {
  from: "platform.equity",
  to: "users.change",
  reason: "pro-rata dividend",
  rewards: "own",
  counters: ["userPayoutsFen"],
});

/** Order dividends / free-order queue (排队免单), docs/model.md, free-order queue. */
const schema = record("Free-order queue: eligible orders queue FIFO; a share of every order funds a pool that refunds the head order whenever it can.", {
  ...schemeWindow(),
  minOrder: money({ default: 0, description: "Smallest order amount that may queue." }),
  maxOrder: money({ default: 1_000_000, description: "Largest order amount that may queue." }),
  maxQueue: integer({
    default: 1_000_000,
    minimum: 1,
    maximum: 50_000_000,
    unit: "orders",
    description: "Most orders waiting at once; later ones do not queue.",
  }),
  maxOrdersPerUser: integer({ default: 1, minimum: 1, maximum: 10_000, unit: "orders", description: "Most orders one user may have waiting." }),
  rewardRatio: probability({ default: 0.1, description: "Share of every order's amount paid into the dividend pool." }),
  refundMultiple: rate({
    default: 1,
    maximum: 100,
    unit: "ratio",
    description: "A free order refunds this multiple of its amount into the buyer's change wallet.",
  }),
  referralRatio: probability({ default: 0, description: "Share of every order's amount set aside as referral rewards." }),
  referralMode: Type.Union([Type.Literal("chain"), Type.Literal("pool"), Type.Literal("even")], {
    default: "chain",
    description:
      "chain: referral rewards go up the referral chain by referralShares; pool: they go into the dividend pool; even: the day's referral rewards are shared equally by the orders waiting in the queue (seed 004: evenly distributed to users who are exempting orders), into their buyers' change wallets.",
  }),
  payout: Type.Union([Type.Literal("refund"), Type.Literal("proRata")], {
    default: "refund",
    description:
      "refund: the pool refunds the head order in full whenever it can (first in, first out); proRata: each day the pool is paid out to every waiting order in proportion to what it is still owed (seed 004: a certain percentage of dividends on every order), an order leaving when fully refunded.",
  }),
  referralShares: Type.Array(probability({ description: "Share of the referral budget." }), {
    default: [0.6, 0.4],
    maxItems: 10,
    description: "chain mode: shares of the referral budget paid to upline, grand-upline, ...; unpaid shares stay with the platform.",
  }),
});
export type DividendQueueConfig = Static<typeof schema>;

/** Which products' orders may queue. */
const productFields = {
  dividendEligible: Type.Boolean({ default: false, description: "Orders of this product may join the free-order queue." }),
};
type DividendQueueProduct = FieldValues<typeof productFields>;

/** Thresholds of the queue's failure signals, under collapse.dividendQueue. */
const collapseSchema = section("Free-order queue: when the queue counts as failed.", {
  maxTailWaitDays: integer({
    default: 365,
    maximum: 36_500,
    unit: "days",
    description: "Collapse when the last queued order's expected wait exceeds this (0: off). With no money flowing in, the wait is endless.",
  }),
  noFreeOrderDays: integer({
    default: 60,
    maximum: 36_500,
    unit: "days",
    description: "Collapse after this many days in a row without a free order while orders wait (0: off).",
  }),
});
export type DividendQueueCollapse = Static<typeof collapseSchema>;

const QUEUED = "queue.waiting";

function create(
  config: DividendQueueConfig,
  state: SimState,
  collapse: DividendQueueCollapse = { maxTailWaitDays: 0, noFreeOrderDays: 0 },
): SchemeInstance<DividendQueueProduct> {
  const { users, ledger } = state;
  users.addColumn(QUEUED);
  const minFen = yuanToFen(config.minOrder);
  const maxFen = yuanToFen(config.maxOrder);
  const rewardMicro = rateToMicro(config.rewardRatio);
  const refundMicro = rateToMicro(config.refundMultiple);
  const referralMicro = rateToMicro(config.referralRatio);
  const sharesMicro = config.referralShares.map(rateToMicro);
  // FIFO queue as parallel arrays with a head index.
  let user = new Int32Array(1024);
  let refund = new Float64Array(1024);
  let joined = new Int32Array(1024);
  let head = 0;
  let tail = 0;
  let queuedRefundFen = 0;
  let poolFen = 0;
  const inflows: number[] = [];
  let inflowToday = 0;
  let freeToday = 0;
  let refundedToday = 0;
  /** referralMode even: the day's referral rewards, shared by the waiting orders in phase 7. */
  let evenBudgetFen = 0;
  const totals = { queued: 0, free: 0, eligibleOrders: 0, refundedFen: 0, referralFen: 0 };
  const noFreeOrder = new Streak(collapse.noFreeOrderDays);

  function push(id: number, fen: number): void {
    if (tail === user.length) {
      if (head > 0) {
        user.copyWithin(0, head, tail);
        refund.copyWithin(0, head, tail);
        joined.copyWithin(0, head, tail);
        tail -= head;
        head = 0;
      }
      if (tail === user.length) {
        const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
        user = grow(user, new Int32Array(user.length * 2));
        refund = grow(refund, new Float64Array(refund.length * 2));
        joined = grow(joined, new Int32Array(joined.length * 2));
      }
    }
    user[tail] = id;
    refund[tail] = fen;
    joined[tail] = state.day;
    tail++;
    queuedRefundFen += fen;
  }

  function onOrder(order: Order<DividendQueueProduct>): void {
    const reward = applyRate(order.priceFen, rewardMicro);
    state.book.move(POOL_REWARD, reward);
    poolFen += reward;
    inflowToday += reward;
    const referral = applyRate(order.priceFen, referralMicro);
    if (referral > 0) {
      if (config.referralMode === "pool") {
        state.book.move(REFERRAL_TO_POOL, referral);
        poolFen += referral;
        inflowToday += referral;
      } else if (config.referralMode === "even") {
        evenBudgetFen += referral;
      } else {
        forEachUpline(users.referrer, order.user, sharesMicro.length, (upline, level) => {
          if (!users.canEarn(upline)) return;
          const fen = applyRate(referral, sharesMicro[level] as number);
          state.book.credit(QUEUE_REFERRAL, upline, fen);
          totals.referralFen += fen;
        });
      }
    }
    if (!order.product.dividendEligible || order.priceFen < minFen || order.priceFen > maxFen) return;
    totals.eligibleOrders++;
    const waiting = users.column(QUEUED);
    if (tail - head >= config.maxQueue || (waiting[order.user] as number) >= config.maxOrdersPerUser) return;
    waiting[order.user] = (waiting[order.user] as number) + 1;
    const multiple = mulDivFloor(refundMicro, closingBonusMicro(config, state.day), MICRO);
    push(order.user, applyRate(order.priceFen, multiple));
    totals.queued++;
  }

  /** Phase 7: the day's even referral rewards, then the pool's payouts (head refunds or pro rata). */
  function queuePhase(): void {
    shareReferralEvenly();
    if (config.payout === "proRata") payProRata();
    else refundHead();
  }

  /** A waiting order's buyer is paid `fen` from the platform into their change wallet. */
  function credit(id: number, fen: number, flow: Flow): void {
    state.book.credit(flow, id, fen);
  }

  /** referralMode even: each waiting order gets floor(budget ÷ orders waiting); the dust, or all of it with no one waiting, stays with the platform. */
  function shareReferralEvenly(): void {
    const waitingOrders = tail - head;
    if (evenBudgetFen > 0 && waitingOrders > 0) {
      const each = Math.floor(evenBudgetFen / waitingOrders);
      if (each > 0) {
        for (let i = head; i < tail; i++) credit(user[i] as number, each, SHARED_REFERRAL);
        totals.referralFen += each * waitingOrders;
      }
    }
    evenBudgetFen = 0;
  }

  /** Counts one of `id`'s waiting orders as refunded in full. */
  function finished(id: number): void {
    const waiting = users.column(QUEUED);
    waiting[id] = (waiting[id] as number) - 1;
    freeToday++;
    totals.free++;
  }

  /** payout refund: refund head orders while the pool covers the next one; the surplus waits. */
  function refundHead(): void {
    while (head < tail && poolFen >= (refund[head] as number)) {
      const id = user[head] as number;
      const fen = refund[head] as number;
      head++;
      poolFen -= fen;
      queuedRefundFen -= fen;
      state.book.move(REFUND_FROM_POOL, fen);
      credit(id, fen, REFUND);
      refundedToday += fen;
      totals.refundedFen += fen;
      finished(id);
    }
  }

  /**
   * payout proRata: the whole pool (at most what the waiting orders are owed) is paid to every
   * waiting order in proportion to what it is still owed, rounded down to the fen; orders paid in
   * full leave the queue, the others keep their place. The dust stays in the pool.
   */
  function payProRata(): void {
    if (head === tail || poolFen <= 0) return;
    const budget = Math.min(poolFen, queuedRefundFen);
    const owed = queuedRefundFen;
    let kept = head;
    let paid = 0;
    for (let i = head; i < tail; i++) {
      const id = user[i] as number;
      const left = refund[i] as number;
      const fen = budget === owed ? left : mulDivFloor(budget, left, owed);
      if (fen > 0) {
        credit(id, fen, PRO_RATA);
        paid += fen;
      }
      if (left - fen === 0) {
        finished(id);
        continue;
      }
      user[kept] = id;
      refund[kept] = left - fen;
      joined[kept] = joined[i] as number;
      kept++;
    }
    tail = kept;
    poolFen -= paid;
    queuedRefundFen -= paid;
    state.book.move(PRO_RATA_FROM_POOL, paid);
    refundedToday += paid;
    totals.refundedFen += paid;
  }

  /**
   * Days the last order in the queue should expect to wait at the mean inflow of the last 30
   * days (today's included): 0 with nothing waiting, Infinity with nothing flowing in.
   */
  function tailWaitDays(): number {
    if (head === tail) return 0;
    const window = [...inflows.slice(-29), inflowToday];
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    const gap = queuedRefundFen - poolFen;
    if (gap <= 0) return 0;
    return mean <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(gap / mean);
  }

  /** Queued refunds per user, fen. */
  function queuedByUser(): Float64Array {
    const faceFen = new Float64Array(users.count);
    for (let i = head; i < tail; i++) faceFen[user[i] as number] = (faceFen[user[i] as number] as number) + (refund[i] as number);
    return faceFen;
  }

  return {
    onOrder,
    phases: { pools: queuePhase },
    earnPoolInterest(rateMicro: number) {
      const fen = dayInterestFen(poolFen, rateMicro);
      state.book.move(POOL_INTEREST, fen);
      poolFen += fen;
      inflowToday += fen;
    },
    /** Driver queueWait: days the oldest order still waiting has waited (0 with none waiting). */
    driver: (name) => (name !== "queueWait" ? null : head === tail ? 0 : state.day - (joined[head] as number)),
    metrics(row) {
      const wait = tailWaitDays();
      row.dividend_pool = poolFen;
      row.queue_length = tail - head;
      row.queued_refunds = queuedRefundFen;
      row.queue_tail_wait_days = Number.isFinite(wait) ? wait : null;
      row.free_orders = freeToday;
      row.free_order_refunds = refundedToday;
    },
    closeDay() {
      inflows.push(inflowToday);
      if (inflows.length > 30) inflows.shift();
      inflowToday = 0;
      freeToday = 0;
      refundedToday = 0;
    },
    /** Queued refunds are promised to buyers. */
    liabilityFen: () => queuedRefundFen,
    /** Phase 10: the tail's expected wait, and the days in a row without a free order while orders wait. */
    signals(): SignalReading[] {
      const wait = tailWaitDays();
      noFreeOrder.update(freeToday === 0 && head < tail);
      const max = collapse.maxTailWaitDays;
      const waitText = Number.isFinite(wait) ? `${wait} days` : "forever (no money flowing in)";
      return [
        {
          signal: "dividendQueue.tailWait",
          kind: "mechanism",
          fired: max > 0 && wait > max,
          stressed: max > 0 && wait * 2 > max,
          reason: `the last order in the free-order queue would wait more than ${max} days`,
          reasonZh: `排队免单队列中最后一单需等待超过${max}天`,
          evidence: `${tail - head} orders waiting for ${formatYuan(queuedRefundFen)} of refunds, the pool holds ${formatYuan(poolFen)}; the last would wait ${waitText}`,
        },
        {
          signal: "dividendQueue.noFreeOrder",
          kind: "mechanism",
          fired: noFreeOrder.fired,
          stressed: noFreeOrder.stressed,
          reason: `no free order for ${collapse.noFreeOrderDays} days while orders wait`,
          reasonZh: `连续${collapse.noFreeOrderDays}天没有订单免单，而仍有订单在排队`,
          evidence: `${noFreeOrder.days} days in a row without a free order; ${tail - head} orders waiting`,
        },
      ];
    },
    rewardChain() {
      if (config.referralMode !== "chain" || config.referralRatio <= 0) return null;
      const levels = config.referralShares.filter((x) => x > 0).length;
      return { levels, label: `queue referral rewards ${levels} levels`, labelZh: `排队免单推荐奖励${levels}个层级` };
    },
    /** Queued refunds are paid only from the dividend pool: in a wind-up it pays them pro rata. */
    claims: (): ClaimSet[] => [{ label: "queued refunds", faceFen: queuedByUser(), payer: "pool.dividend" }],
    keyFigures() {
      const wait = tailWaitDays();
      const refunded = totals.queued === 0 ? "0.0" : ((totals.free / totals.queued) * 100).toFixed(1);
      return [
        [
          "free-order queue",
          `${tail - head} orders waiting (${formatYuan(queuedRefundFen)}); ${totals.free} of ${totals.queued} queued orders refunded (${refunded}%)`,
        ],
        ["last in queue waits", Number.isFinite(wait) ? `${wait} days` : "forever (no money flowing in)"],
      ];
    },
    keyFiguresZh() {
      const wait = tailWaitDays();
      const refunded = totals.queued === 0 ? "0.0" : ((totals.free / totals.queued) * 100).toFixed(1);
      return [
        ["排队免单", `${tail - head}单排队中（${yuanZhShort(queuedRefundFen)}）；已排队${totals.queued}单，其中${totals.free}单已免单（${refunded}%）`],
        ["队尾等待", Number.isFinite(wait) ? `${wait}天` : "无限期（没有资金流入）"],
      ];
    },
    checkInvariants(day) {
      ledger.checkPool(day, "pool.dividend", words("invariant.dividendPool"), poolFen);
    },
    summary() {
      return {
        ordersQueued: totals.queued,
        freeOrders: totals.free,
        shareOfQueuedRefunded: totals.queued === 0 ? null : Math.round((totals.free / totals.queued) * 1e6) / 1e6,
        shareOfEligibleOrdersRefunded: totals.eligibleOrders === 0 ? null : Math.round((totals.free / totals.eligibleOrders) * 1e6) / 1e6,
        refunded: totals.refundedFen / 100,
        referralRewards: totals.referralFen / 100,
        stillWaiting: tail - head,
      };
    },
  };
}

export const dividendQueue: SchemeModule<DividendQueueConfig, DividendQueueCollapse, typeof schema, typeof productFields> = {
  key: "dividendQueue",
  drivers: [{ name: "queueWait", unit: "days", decimals: 0, description: "days the oldest order still waiting in the free-order queue has waited" }],
  collapseSignals: [
    {
      id: "dividendQueue.tailWait",
      kind: "mechanism",
      firesWhen: "the last queued order's expected wait exceeds `dividendQueue.maxTailWaitDays` (365); with no money flowing in it is endless",
      stressedFrom: "half the wait",
    },
    {
      id: "dividendQueue.noFreeOrder",
      kind: "mechanism",
      firesWhen: "no free order for `dividendQueue.noFreeOrderDays` (60) days in a row while orders wait",
      stressedFrom: "half the days",
    },
  ],
  // rewardRatio of every order goes into the dividend pool; eligible orders also queue.
  fundedBy: (config, product) => config.rewardRatio > 0 || config.referralRatio > 0 || product.product.dividendEligible,
  explain(config, order) {
    if (!order.product.dividendEligible) return null;
    const refundFen = applyRate(order.priceFen, rateToMicro(config.refundMultiple));
    const rewardFen = applyRate(order.priceFen, rateToMicro(config.rewardRatio));
    return {
      details: { refundFen, rewardFen },
      promisedFen: refundFen,
      earnedFen: 0,
      takesFen: 0,
      lines: [`free-order queue: a refund of ${formatYuan(refundFen)} when its turn comes; ${formatYuan(rewardFen)} of this order goes to the pool`],
      linesZh: [`排队免单：排到时返还${yuanZh(refundFen)}；本订单有${yuanZh(rewardFen)}进入分红池`],
    };
  },
  shapingDefaults: [
    { key: "rewardRatio", effect: "share of every order into the dividend pool", effectZh: "每笔订单进入分红池的比例" },
    { key: "refundMultiple", effect: "a free order refunds this multiple of its amount", effectZh: "免单返还订单金额的倍数" },
    {
      key: "referralShares",
      effect: "chain mode: shares of the referral budget to upline, grand-upline, ...",
      effectZh: "链式模式：推荐预算中分给上线、上上线……的比例",
    },
  ],
  title: "Free-order queue (排队免单)",
  titleZh: "排队免单",
  flows: [POOL_REWARD, REFERRAL_TO_POOL, POOL_INTEREST, QUEUE_REFERRAL, SHARED_REFERRAL, REFUND_FROM_POOL, REFUND, PRO_RATA_FROM_POOL, PRO_RATA],
  schema,
  productFields,
  columns: [
    { name: "dividend_pool", unit: "yuan", decimals: 2, description: "the pool's balance" },
    { name: "queue_length", unit: "orders", decimals: 0, description: "orders waiting", sparkline: "queue length", sparklineZh: "排队订单数" },
    { name: "queued_refunds", unit: "yuan", decimals: 2, description: "refunds promised to them (a liability)" },
    {
      name: "queue_tail_wait_days",
      unit: "days",
      decimals: 0,
      description: "expected wait of the last order in line: (queued refunds − pool) / mean daily inflow of the last 30 days; empty if no inflow",
    },
    { name: "free_orders", unit: "orders", decimals: 0, description: "orders refunded in full today" },
    { name: "free_order_refunds", unit: "yuan", decimals: 2, description: "yuan paid for them" },
  ],
  liabilityColumn: { name: "liability_queued_refunds", unit: "yuan", decimals: 2, description: "refunds promised to orders in the free-order queue" },
  pools: [{ account: "pool.dividend", label: "dividend pool", labelZh: "分红池", seriesColumn: "dividend_pool" }],
  collapseSchema,
  charts: [
    {
      id: "queue",
      title: "Free-order queue",
      caption: "Orders waiting for a free order against the pool that pays them: a queue that grows faster than the pool never clears.",
      yUnit: "orders",
      y2Unit: "yuan",
      series: [
        ["queue_length", "orders waiting", "y"],
        ["dividend_pool", "dividend pool (right axis)", "y2"],
        ["free_orders", "free orders today", "y"],
      ],
      zh: {
        title: "排队免单",
        caption: "等待免单的订单，对比为其支付的资金池：排队增长快于资金池，队伍就永远排不完。",
        yUnit: "订单数",
        y2Unit: "元",
        labels: { queue_length: "排队中的订单", dividend_pool: "分红池（右轴）", free_orders: "当天免单" },
      },
    },
  ],
  whatIf: [
    { key: "rewardRatio", label: "share of every order into the dividend pool", labelZh: "每笔订单进入分红池的比例", min: 0, max: 0.5, step: 0.005 },
    { key: "refundMultiple", label: "refund as a multiple of the order", labelZh: "免单返还额为订单金额的倍数", min: 0, max: 5, step: 0.1 },
  ],
  create,
};
