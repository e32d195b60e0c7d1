import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import { yuanZh } from "../report/format-zh.js";
import type { ExplainPart, FieldValues, Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { forEachUpline } from "../engine/users.js";
import { dayInterestFen } from "../engine/other-income.js";
import { declareFlow } from "../engine/book.js";
import { MICRO, applyRate, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { integer, money, probability, rate, record, schemeWindow, section } from "../scenario/fields.js";
import type { SignalReading } from "../engine/collapse.js";
import type { ClaimSet } from "../engine/wind-up.js";
import { yuanZhShort } from "../report/format-zh.js";

/*
 * Mutual aid (互助, a 资金盘 such as MMM's "provide help / get help"): a member pledges to
 * provide help (提供帮助) of an amount and pays it in; after the zone's waiting time they are owed
 * "get help" (得到帮助) of the amount plus the zone's return, paid from later members' pledges in
 * queue order. Nothing but new pledges pays the old ones.
 */

/** A pledge: its amount into the zone's pool (less the bonuses paid on it). */
const PLEDGE = declareFlow("mutualAid.pledge", { from: "platform.cash", to: "pool.mutualAid", reason: "help provided" });
/** Get help: matched from the pool straight to the member's bank, as members pay each other. */
const POOL_INTEREST = declareFlow("mutualAid.poolInterest", {
  from: "world",
  to: "pool.mutualAid",
  reason: "interest on the mutual aid pool",
  counters: ["otherRevenueFen"],
});
const GET_HELP = declareFlow("mutualAid.getHelp", { from: "pool.mutualAid", to: "world", reason: "help received", counters: ["userPayoutsFen"] });
/** The entry ticket (门票, 排单币) a member buys for each pledge: a fee to take part. */
const TICKET = declareFlow("mutualAid.ticket", { from: "world", to: "platform.cash", reason: "entry ticket", counters: ["newMoneyInFen", "franchiseFeesFen"] });
/** Bonuses on a recruit's pledge: the direct recruiter's rests on recruiting, deeper levels on a downline's payments. */
const DIRECT_BONUS = declareFlow("mutualAid.directBonus", {
  from: "platform.equity",
  to: "users.change",
  reason: "mutual aid recruiting bonus",
  reasonZh: "互助直推奖励",
  rewards: "downline",
  legal: ["recruit-pay"],
  counters: ["commissionsFen"],
});
const TEAM_BONUS = declareFlow("mutualAid.teamBonus", {
  from: "platform.equity",
  to: "users.change",
  reason: "mutual aid team bonus",
  reasonZh: "互助团队奖励",
  rewards: "downline",
  legal: ["team-pay"],
  counters: ["commissionsFen"],
});

const zone = record("A zone (排单区): pledges of at least minAmount queue here, wait waitDays and are owed the amount × (1 + returnRate).", {
  minAmount: money({ default: 0, description: "Smallest pledge of the zone; a pledge goes to the last zone whose minAmount it reaches." }),
  returnRate: rate({ default: 0.3, maximum: 100, unit: "ratio", description: "Return on a pledge when its help is received (MMM: 30% a month)." }),
  waitDays: integer({
    default: 30,
    minimum: 0,
    maximum: 3650,
    unit: "days",
    description: "Days from the pledge until its help is owed (matched from then on, in queue order).",
  }),
});

const schema = record(
  "Mutual aid (互助): members pledge help and pay it in; after a wait they are owed it back with a return, matched from later members' pledges in queue order, zone by zone.",
  {
    ...schemeWindow(),
    zones: Type.Array(zone, {
      minItems: 1,
      maxItems: 20,
      default: [{ minAmount: 0, returnRate: 0.3, waitDays: 30 }],
      description: "The zones, by rising minAmount; each has its own queue and pool.",
    }),
    ticketFee: money({
      default: 0,
      description: "Entry ticket bought for every pledge, paid to the platform (new money; an entry fee under the legal tests).",
    }),
    reinvestShare: probability({
      default: 0,
      description: "Forced reinvestment (复投): this share of every help received is pledged again at once in the same zone, so only the rest is paid out.",
    }),
    referralShares: Type.Array(probability({ description: "Share of a recruit's pledge." }), {
      default: [],
      maxItems: 20,
      description:
        "Bonuses on a downline's pledge, paid into the change wallets of the recruiter, their recruiter, …; they come out of the pledge before it reaches the pool.",
    }),
  },
);
export type MutualAidConfig = Static<typeof schema>;

const productFields = {
  mutualAid: Type.Boolean({ default: false, description: "An order of this product is a pledge to provide help (提供帮助) of its price (mutualAid scheme)." }),
};
type MutualAidProduct = FieldValues<typeof productFields>;

const collapseSchema = section("Mutual aid: when the matching counts as failed.", {
  maxOverdueDays: integer({
    default: 7,
    maximum: 3650,
    unit: "days",
    description: "Collapse when help owed has waited unpaid more than this many days after it fell due (0: off).",
  }),
});
export type MutualAidCollapse = Static<typeof collapseSchema>;

/** One zone's queue of help owed, in pledge order: the pledger, what is still owed (fen) and the day it falls due. */
class ZoneQueue {
  user = new Int32Array(256);
  owed = new Float64Array(256);
  due = new Int32Array(256);
  head = 0;
  tail = 0;
  poolFen = 0;
  owedFen = 0;

  push(id: number, fen: number, dueDay: number): void {
    if (this.tail === this.user.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a.subarray(this.head, this.tail)), b);
      const size = Math.max(256, (this.tail - this.head) * 2);
      this.user = grow(this.user, new Int32Array(size));
      this.owed = grow(this.owed, new Float64Array(size));
      this.due = grow(this.due, new Int32Array(size));
      this.tail -= this.head;
      this.head = 0;
    }
    this.user[this.tail] = id;
    this.owed[this.tail] = fen;
    this.due[this.tail] = dueDay;
    this.tail++;
    this.owedFen += fen;
  }
}

/** The zone of a pledge of `fen`: the last whose minimum it reaches (null: below every zone). */
function zoneOf<Z extends { minFen: number }>(zones: readonly Z[], fen: number): Z | null {
  let found: Z | null = null;
  for (const z of zones) if (fen >= z.minFen) found = z;
  return found;
}

function create(config: MutualAidConfig, state: SimState, collapse: MutualAidCollapse = { maxOverdueDays: 0 }): SchemeInstance<MutualAidProduct> {
  const { users, ledger } = state;
  const zones = config.zones.map((z) => ({
    minFen: yuanToFen(z.minAmount),
    returnMicro: rateToMicro(z.returnRate),
    waitDays: z.waitDays,
    queue: new ZoneQueue(),
  }));
  const ticketFen = yuanToFen(config.ticketFee);
  const reinvestMicro = rateToMicro(config.reinvestShare);
  const sharesMicro = config.referralShares.map(rateToMicro);
  const today = { pledgedFen: 0, paidFen: 0, reinvestedFen: 0 };
  const totals = { pledges: 0, pledgedFen: 0, paidFen: 0, reinvestedFen: 0, ticketsFen: 0, bonusesFen: 0 };

  /** A pledge of `fen` into zone `z` by `id` today: owed fen × (1 + return) after the wait. */
  function pledge(z: (typeof zones)[number], id: number, fen: number): void {
    z.queue.push(id, fen + applyRate(fen, z.returnMicro), state.day + z.waitDays);
  }

  function onOrder(order: Order<MutualAidProduct>): void {
    if (!order.product.mutualAid) return;
    const z = zoneOf(zones, order.priceFen);
    if (z === null) return;
    state.book.payIn(TICKET, order.user, ticketFen, state.payments);
    totals.ticketsFen += ticketFen;
    // Bonuses up the chain come out of the pledge; what is left reaches the pool.
    let bonuses = 0;
    forEachUpline(users.referrer, order.user, sharesMicro.length, (upline, level) => {
      if (!users.canEarn(upline)) return;
      const fen = applyRate(order.priceFen, sharesMicro[level] as number);
      state.book.credit(level === 0 ? DIRECT_BONUS : TEAM_BONUS, upline, fen);
      bonuses += fen;
    });
    totals.bonusesFen += bonuses;
    const intoPool = order.priceFen - bonuses;
    state.book.move(PLEDGE, intoPool);
    z.queue.poolFen += intoPool;
    pledge(z, order.user, order.priceFen);
    today.pledgedFen += order.priceFen;
    totals.pledges++;
    totals.pledgedFen += order.priceFen;
  }

  /**
   * Phase "pools": in every zone, help that has fallen due is matched from the zone's pool in
   * queue order, in part when the pool runs short (the rest waits at the head). Of each match,
   * reinvestShare is pledged again at once (it stays in the pool and queues at the tail) and
   * the rest is paid to the member's bank.
   */
  function match(): void {
    const day = state.day;
    for (const z of zones) {
      const q = z.queue;
      while (q.head < q.tail && (q.due[q.head] as number) <= day && q.poolFen > 0) {
        const id = q.user[q.head] as number;
        const owed = q.owed[q.head] as number;
        const fen = Math.min(owed, q.poolFen);
        q.owedFen -= fen;
        if (fen === owed) q.head++;
        else q.owed[q.head] = owed - fen;
        const reinvested = mulDivFloor(fen, reinvestMicro, MICRO);
        const paid = fen - reinvested;
        q.poolFen -= paid;
        state.book.move(GET_HELP, paid);
        state.book.paidOutside(id, paid);
        today.paidFen += paid;
        totals.paidFen += paid;
        if (reinvested > 0) {
          pledge(z, id, reinvested);
          today.reinvestedFen += reinvested;
          totals.reinvestedFen += reinvested;
        }
      }
    }
  }

  const sum = (f: (q: ZoneQueue) => number) => zones.reduce((s, z) => s + f(z.queue), 0);
  /** Help fallen due and not yet paid, fen. */
  function maturedUnpaid(): number {
    let fen = 0;
    for (const { queue: q } of zones) for (let i = q.head; i < q.tail && (q.due[i] as number) <= state.day; i++) fen += q.owed[i] as number;
    return fen;
  }
  /** Days the oldest help fallen due has waited unpaid (null: none waiting). */
  function overdueDays(): number | null {
    let oldest: number | null = null;
    for (const { queue: q } of zones)
      if (q.head < q.tail && (q.due[q.head] as number) <= state.day) oldest = Math.max(oldest ?? 0, state.day - (q.due[q.head] as number));
    return oldest;
  }
  function owedByUser(): Float64Array {
    const face = new Float64Array(users.count);
    for (const { queue: q } of zones)
      for (let i = q.head; i < q.tail; i++) face[q.user[i] as number] = (face[q.user[i] as number] as number) + (q.owed[i] as number);
    return face;
  }

  return {
    onOrder,
    phases: { pools: match },
    // Each zone's pool earns on its own balance: the money stays in the zone it came into.
    earnPoolInterest(rateMicro: number) {
      for (const { queue: q } of zones) {
        const fen = dayInterestFen(q.poolFen, rateMicro);
        state.book.move(POOL_INTEREST, fen);
        q.poolFen += fen;
      }
    },
    /** Driver helpOverdue: days the oldest help fallen due has waited unpaid (0 with none). */
    driver: (name) => (name === "helpOverdue" ? (overdueDays() ?? 0) : null),
    metrics(row) {
      row.aid_pool = sum((q) => q.poolFen);
      row.aid_owed = sum((q) => q.owedFen);
      row.aid_matured_unpaid = maturedUnpaid();
      row.aid_overdue_days = overdueDays();
      row.aid_pledged = today.pledgedFen;
      row.aid_paid = today.paidFen;
    },
    closeDay() {
      today.pledgedFen = 0;
      today.paidFen = 0;
      today.reinvestedFen = 0;
    },
    liabilityFen: () => sum((q) => q.owedFen),
    signals(): SignalReading[] {
      const overdue = overdueDays() ?? 0;
      const max = collapse.maxOverdueDays;
      return [
        {
          signal: "mutualAid.unpaidHelp",
          kind: "mechanism",
          fired: max > 0 && overdue > max,
          stressed: max > 0 && overdue * 2 > max,
          reason: `help owed has waited unpaid more than ${max} days after falling due`,
          reasonZh: `应得到帮助的款项到期后逾期未付超过${max}天`,
          evidence: `${formatYuan(maturedUnpaid())} of help has fallen due unpaid, the oldest ${overdue} days ago; the pools hold ${formatYuan(sum((q) => q.poolFen))}`,
        },
      ];
    },
    rewardChain() {
      const levels = config.referralShares.filter((x) => x > 0).length;
      return levels === 0 ? null : { levels, label: `mutual aid bonuses ${levels} levels`, labelZh: `互助奖励${levels}个层级` };
    },
    /** Help owed is paid only from the mutual-aid pool: in a wind-up it pays it pro rata. */
    claims: (): ClaimSet[] => [{ label: "help owed", faceFen: owedByUser(), payer: "pool.mutualAid" }],
    keyFigures() {
      const paidShare = totals.pledgedFen === 0 ? "0.0" : ((totals.paidFen / totals.pledgedFen) * 100).toFixed(1);
      return [
        [
          "mutual aid",
          `${totals.pledges} pledges of ${formatYuan(totals.pledgedFen)}; ${formatYuan(totals.paidFen)} of help paid (${paidShare}% of pledges), ${formatYuan(sum((q) => q.owedFen))} still owed`,
        ],
      ];
    },
    keyFiguresZh() {
      const paidShare = totals.pledgedFen === 0 ? "0.0" : ((totals.paidFen / totals.pledgedFen) * 100).toFixed(1);
      return [
        [
          "互助",
          `提供帮助${totals.pledges}笔，共${yuanZhShort(totals.pledgedFen)}；已得到帮助${yuanZhShort(totals.paidFen)}（占${paidShare}%），尚欠${yuanZhShort(sum((q) => q.owedFen))}`,
        ],
      ];
    },
    checkInvariants(day) {
      const pool = sum((q) => q.poolFen);
      ledger.checkPool(day, "pool.mutualAid", words("invariant.mutualAidPools"), pool);
    },
    summary() {
      return {
        pledges: totals.pledges,
        pledged: totals.pledgedFen / 100,
        helpPaid: totals.paidFen / 100,
        reinvested: totals.reinvestedFen / 100,
        tickets: totals.ticketsFen / 100,
        bonuses: totals.bonusesFen / 100,
        stillOwed: sum((q) => q.owedFen) / 100,
      };
    },
  };
}

export const mutualAid: SchemeModule<MutualAidConfig, MutualAidCollapse, typeof schema, typeof productFields> = {
  key: "mutualAid",
  drivers: [
    {
      name: "helpOverdue",
      unit: "days",
      decimals: 0,
      description: "days the oldest help fallen due has waited unpaid (aid_overdue_days; 0 with none): members pledge less when help is late",
    },
  ],
  title: "Mutual aid (互助)",
  titleZh: "互助",
  collapseSignals: [
    {
      id: "mutualAid.unpaidHelp",
      kind: "mechanism",
      firesWhen: "help fallen due has waited unpaid more than `mutualAid.maxOverdueDays` (7) days",
      stressedFrom: "half the days",
    },
  ],
  shapingDefaults: [
    { key: "zones", effect: "one zone: a pledge is owed back with 30% after 30 days", effectZh: "一个排单区：提供帮助30天后连本带30%收益返还" },
  ],
  // The pledge itself is the product: it funds the scheme.
  fundedBy: (_config, product) => product.product.mutualAid,
  explain(config, order): ExplainPart | null {
    if (!order.product.mutualAid) return null;
    const z = zoneOf(
      config.zones.map((zone) => ({ ...zone, minFen: yuanToFen(zone.minAmount) })),
      order.priceFen,
    );
    if (z === null)
      return {
        details: {},
        promisedFen: 0,
        earnedFen: 0,
        takesFen: 0,
        lines: ["mutual aid: below every zone's minimum, no pledge"],
        linesZh: ["互助：低于所有排单区的最低金额，不构成提供帮助"],
      };
    const owedFen = order.priceFen + applyRate(order.priceFen, rateToMicro(z.returnRate));
    const ticketFen = yuanToFen(config.ticketFee);
    return {
      details: { owedFen, ticketFen },
      promisedFen: owedFen,
      earnedFen: 0,
      takesFen: order.priceFen,
      lines: [
        `mutual aid: a pledge of ${formatYuan(order.priceFen)} (and a ticket of ${formatYuan(ticketFen)}) is owed ${formatYuan(owedFen)} after ${z.waitDays} days, paid only from later pledges`,
      ],
      linesZh: [`互助：提供帮助${yuanZh(order.priceFen)}（另付门票${yuanZh(ticketFen)}），${z.waitDays}天后应得${yuanZh(owedFen)}，只能由后来者的提供帮助支付`],
    };
  },
  flows: [PLEDGE, POOL_INTEREST, GET_HELP, TICKET, DIRECT_BONUS, TEAM_BONUS],
  schema,
  productFields,
  columns: [
    { name: "aid_pool", unit: "yuan", decimals: 2, description: "pledges not yet matched, all zones" },
    { name: "aid_owed", unit: "yuan", decimals: 2, description: "help owed to members, due or not (a liability)" },
    { name: "aid_matured_unpaid", unit: "yuan", decimals: 2, description: "help fallen due and not yet paid" },
    { name: "aid_overdue_days", unit: "days", decimals: 0, description: "days the oldest help fallen due has waited unpaid; empty when none waits" },
    { name: "aid_pledged", unit: "yuan", decimals: 2, description: "help pledged today" },
    {
      name: "aid_paid",
      unit: "yuan",
      decimals: 2,
      description: "help paid today (after forced reinvestment)",
      sparkline: "help paid",
      sparklineZh: "已得到帮助",
    },
  ],
  liabilityColumn: { name: "liability_help_owed", unit: "yuan", decimals: 2, description: "help owed to members of the mutual-aid scheme" },
  pools: [{ account: "pool.mutualAid", label: "mutual aid pool", labelZh: "互助资金池", seriesColumn: "aid_pool" }],
  collapseSchema,
  charts: [
    {
      id: "mutualAid",
      title: "Mutual aid",
      caption: "Help fallen due against the pledges that pay it: once new pledges stop covering what falls due, help waits unpaid.",
      yUnit: "yuan",
      series: [
        ["aid_pool", "unmatched pledges", "y"],
        ["aid_matured_unpaid", "help due, unpaid", "y"],
        ["aid_paid", "help paid today", "y"],
      ],
      zh: {
        title: "互助",
        caption: "到期的得到帮助，对比为其付款的提供帮助：新的提供帮助一旦不足以覆盖到期款项，得到帮助就只能等待、无人支付。",
        yUnit: "元",
        labels: { aid_pool: "未匹配的提供帮助", aid_matured_unpaid: "到期未付的帮助", aid_paid: "当天已付的帮助" },
      },
    },
  ],
  whatIf: [
    { key: "reinvestShare", label: "forced reinvestment (share of help received)", labelZh: "复投（占得到帮助的比例）", min: 0, max: 1, step: 0.05 },
    { key: "ticketFee", label: "entry ticket per pledge (yuan)", labelZh: "每单门票（元）", min: 0, max: 500, step: 5 },
  ],
  // The queues hold one entry per pledge still owed (16 bytes: pledger, owed, due day) in arrays
  // up to twice the live size, and for a moment the old array beside the new one as they grow:
  // 48 bytes per live pledge. A user pledges with each order, and a match reinvested pledges
  // again (at most once per pledge it pays off, and once per zone and day for a part-paid head,
  // a few kilobytes a run). owedByUser's face values at the end: 8 bytes per user.
  bytesPerUser: (config, { ordersPerUser }) => 8 + 48 * ordersPerUser * (config.reinvestShare > 0 ? 2 : 1),
  create,
};
