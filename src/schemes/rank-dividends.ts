import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import { yuanZh } from "../report/format-zh.js";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { declareFlow } from "../engine/book.js";
import { applyRate, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { integer, money, probability, record, schemeWindow, section } from "../scenario/fields.js";
import { Streak, type SignalReading } from "../engine/collapse.js";
import { dayInterestFen } from "../engine/other-income.js";
import { yuanZhShort } from "../report/format-zh.js";

/**
 * Rank dividends (按身份分红), docs/model.md, "Rank dividends": a share of every order goes into a
 * dividend pool, and every `payEveryDays` days the pool is shared among users by rank (seed 003:
 * 用营业额（业绩）的百分比来做分红划分给不同阶级身份的人; seed 000: shareholder dividends).
 */

/** A share of every order into the rank pool, and out of it to ranked users' wallets when paid. */
const RANK_POOL_IN = declareFlow("rankDividends.poolIn", { from: "platform.cash", to: "pool.rankDividends", reason: "rank dividend pool" });
const RANK_POOL_INTEREST = declareFlow("rankDividends.poolInterest", {
  from: "world",
  to: "pool.rankDividends",
  reason: "interest on the rank dividend pool",
  counters: ["otherRevenueFen"],
});
const RANK_POOL_OUT = declareFlow("rankDividends.poolOut", { from: "pool.rankDividends", to: "platform.cash", reason: "rank dividend" });
/** A rank earned by one's own spend: a reward on one's own activity. */
const RANK_DIVIDEND = declareFlow("rankDividends.dividend", {
  from: "platform.equity",
  to: "users.change",
  reason: "rank dividend",
  rewards: "own",
  counters: ["userPayoutsFen"],
  schemeCounter: "rankDividendsFen",
});
/** A rank that needs recruits: pay that rests on recruiting (拉人头). */
const RANK_DIVIDEND_RECRUITING = declareFlow("rankDividends.recruitingDividend", {
  from: "platform.equity",
  to: "users.change",
  reason: "rank dividend (recruiting rank)",
  reasonZh: "级别分红（推荐级别）",
  rewards: "downline",
  legal: ["recruit-pay"],
  counters: ["userPayoutsFen"],
});

const schema = record("Rank dividends: a share of turnover funds a pool that is paid out by rank, equally within each rank.", {
  ...schemeWindow(),
  turnoverShare: probability({ default: 0.03, description: "Share of every order's price the platform moves from its cash into the rank dividend pool." }),
  payEveryDays: integer({
    default: 1,
    minimum: 1,
    maximum: 3650,
    unit: "days",
    description: "The pool is paid out on every payEveryDays-th day the scheme runs (1: daily; 30: monthly).",
  }),
  ranks: Type.Array(
    record("A rank: who holds it and its share of each payout.", {
      name: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Rank name." }),
      minSpend: money({ default: 0, description: "Spend on orders (while the scheme runs) a user needs for this rank." }),
      minDirectReferrals: integer({
        default: 0,
        maximum: 1_000_000,
        unit: "users",
        description: "Users a user must have invited directly (recruiting: the rank's dividends are then rewards for recruiting).",
      }),
      share: probability({
        description:
          "Share of each payout split equally among the users whose highest rank this is; a rank with no holder leaves its share in the pool (shares summing above 1 are scaled down to 1).",
      }),
    }),
    {
      minItems: 1,
      maxItems: 20,
      default: [
        { name: "member", minSpend: 1000, minDirectReferrals: 0, share: 0.5 },
        { name: "partner", minSpend: 10000, minDirectReferrals: 10, share: 0.5 },
      ],
      description: "Ranks from lowest to highest; a user holds the highest rank whose thresholds are all met. The shares sum to at most 1.",
    },
  ),
});
export type RankDividendsConfig = Static<typeof schema>;

const collapseSchema = section("Rank dividends: when the dividends count as failed.", {
  noPayoutDays: integer({
    default: 60,
    maximum: 36_500,
    unit: "days",
    description: "Collapse after this many days in a row in which ranked users exist and no dividend is paid (0: off).",
  }),
});
export type RankDividendsCollapse = Static<typeof collapseSchema>;

const SPENT = "rankDividends.spentFen";
const INVITED = "rankDividends.invited";
const RANK = "rankDividends.rank";

function create(config: RankDividendsConfig, state: SimState, collapse: RankDividendsCollapse = { noPayoutDays: 0 }): SchemeInstance {
  const { users, ledger } = state;
  for (const column of [SPENT, INVITED, RANK]) users.addColumn(column);
  const shareMicro = rateToMicro(config.turnoverShare);
  // Shares summing above 1 are scaled down to sum to 1, so a payout never exceeds the pool.
  const shareSum = config.ranks.reduce((sum, r) => sum + rateToMicro(r.share), 0);
  const scale = (micro: number) => (shareSum > 1_000_000 ? mulDivFloor(micro, 1_000_000, shareSum) : micro);
  const ranks = config.ranks.map((r) => ({
    minSpendFen: yuanToFen(r.minSpend),
    minInvited: r.minDirectReferrals,
    shareMicro: scale(rateToMicro(r.share)),
    recruiting: r.minDirectReferrals > 0,
  }));
  /** Users holding each rank (1-based in the RANK column; 0: none). */
  const holders = ranks.map(() => 0);
  let poolFen = 0;
  let paidToday = 0;
  let daysRun = 0;
  const totals = { inFen: 0, paidFen: 0, recruitingFen: 0 };
  const noPayout = new Streak(collapse.noPayoutDays);

  /** Moves `user` to the highest rank whose thresholds they meet (ranks are never lost). */
  function promote(user: number): void {
    const spent = users.column(SPENT)[user] as number;
    const invited = users.column(INVITED)[user] as number;
    const rankColumn = users.column(RANK);
    const now = rankColumn[user] as number;
    let best = now;
    ranks.forEach((r, i) => {
      if (i + 1 > best && spent >= r.minSpendFen && invited >= r.minInvited) best = i + 1;
    });
    if (best === now) return;
    if (now > 0) holders[now - 1] = (holders[now - 1] as number) - 1;
    holders[best - 1] = (holders[best - 1] as number) + 1;
    rankColumn[user] = best;
  }

  /** Pays each rank its share of the pool, equally to its holders (rounded down); the rest stays. */
  function payOut(): void {
    const budget = poolFen;
    const rankColumn = users.column(RANK);
    const each = ranks.map((r, i) => ((holders[i] as number) === 0 ? 0 : Math.floor(applyRate(budget, r.shareMicro) / (holders[i] as number))));
    if (each.every((fen) => fen === 0)) return;
    let paid = 0;
    let recruiting = 0;
    const own = state.book.batch(RANK_DIVIDEND);
    const forRecruits = state.book.batch(RANK_DIVIDEND_RECRUITING);
    const change = own.wallet;
    const ownRewards = own.own as Float64Array;
    for (let id = 0; id < users.count; id++) {
      const rank = rankColumn[id] as number;
      if (rank === 0) continue;
      const fen = each[rank - 1] as number;
      if (fen === 0) continue;
      change[id] = (change[id] as number) + fen;
      if (!ranks[rank - 1]?.recruiting) ownRewards[id] = (ownRewards[id] as number) + fen;
      paid += fen;
      if (ranks[rank - 1]?.recruiting) recruiting += fen;
    }
    poolFen -= paid;
    state.book.move(RANK_POOL_OUT, paid);
    own.post(paid - recruiting);
    forRecruits.post(recruiting);
    paidToday += paid;
    totals.paidFen += paid;
    totals.recruitingFen += recruiting;
  }

  return {
    onArrival(user) {
      const referrer = users.referrer[user] as number;
      if (referrer < 0) return;
      users.column(INVITED)[referrer] = (users.column(INVITED)[referrer] as number) + 1;
      promote(referrer);
    },
    onOrder(order: Order) {
      const fen = applyRate(order.priceFen, shareMicro);
      state.book.move(RANK_POOL_IN, fen);
      poolFen += fen;
      totals.inFen += fen;
      users.column(SPENT)[order.user] = (users.column(SPENT)[order.user] as number) + order.priceFen;
      promote(order.user);
    },
    earnPoolInterest(rateMicro: number) {
      const fen = dayInterestFen(poolFen, rateMicro);
      state.book.move(RANK_POOL_INTEREST, fen);
      poolFen += fen;
    },
    phases: {
      // Phase 7, with the other pools' payouts.
      pools() {
        daysRun++;
        if (daysRun % config.payEveryDays === 0) payOut();
      },
    },
    metrics(row) {
      row.rank_pool = poolFen;
      row.rank_dividends_paid = paidToday;
      row.ranked_users = holders.reduce((a, b) => a + b, 0);
    },
    closeDay() {
      paidToday = 0;
    },
    liabilityFen: () => 0,
    signals(): SignalReading[] {
      const ranked = holders.reduce((a, b) => a + b, 0);
      noPayout.update(ranked > 0 && paidToday === 0);
      return [
        {
          signal: "rankDividends.noPayout",
          kind: "mechanism",
          fired: noPayout.fired,
          stressed: noPayout.stressed,
          reason: `no rank dividend paid for ${collapse.noPayoutDays} days`,
          reasonZh: `连续${collapse.noPayoutDays}天未发放级别分红`,
          evidence: `${noPayout.days} days in a row without a dividend; ${ranked} ranked users; the pool holds ${formatYuan(poolFen)}`,
        },
      ];
    },
    keyFigures: () => [
      ["rank dividends", `${formatYuan(totals.paidFen)} paid to ${holders.reduce((a, b) => a + b, 0)} ranked users; ${formatYuan(poolFen)} left in the pool`],
    ],
    keyFiguresZh: () => [
      ["级别分红", `已向${holders.reduce((a, b) => a + b, 0)}名有级别的用户发放${yuanZhShort(totals.paidFen)}；分红池余${yuanZhShort(poolFen)}`],
    ],
    checkInvariants(day) {
      ledger.checkPool(day, "pool.rankDividends", words("invariant.rankDividendPool"), poolFen);
    },
    summary: () => ({
      paidIn: totals.inFen / 100,
      paid: totals.paidFen / 100,
      paidForRecruiting: totals.recruitingFen / 100,
      left: poolFen / 100,
      ...Object.fromEntries(config.ranks.map((r, i) => [`${r.name}Holders`, holders[i] ?? 0])),
    }),
  };
}

export const rankDividends: SchemeModule<RankDividendsConfig, RankDividendsCollapse, typeof schema> = {
  key: "rankDividends",
  collapseSignals: [
    {
      id: "rankDividends.noPayout",
      kind: "mechanism",
      firesWhen: "no rank dividend paid for `rankDividends.noPayoutDays` (60) days in a row while ranked users exist",
      stressedFrom: "half the days",
    },
  ],
  // turnoverShare of every order goes into the rank pool.
  fundedBy: (config) => config.turnoverShare > 0,
  shapingDefaults: [
    { key: "turnoverShare", effect: "share of every order's price into the rank pool", effectZh: "每笔订单售价进入级别分红池的比例" },
    {
      key: "ranks",
      effect: "ranks by spend and direct referrals, each with its share of the pool",
      effectZh: "按消费和直推人数认定的级别，各自分得资金池的一定比例",
    },
  ],
  title: "Rank dividends (按身份分红)",
  titleZh: "级别分红",
  schema,
  explain(config, order) {
    const fen = applyRate(order.priceFen, rateToMicro(config.turnoverShare));
    return {
      details: { poolFen: fen },
      promisedFen: 0,
      earnedFen: 0,
      takesFen: 0,
      lines: [
        `rank dividends: ${formatYuan(fen)} of this order goes to the pool shared by rank (${config.ranks.map((r) => `${r.name} ${(r.share * 100).toFixed(0)}%`).join(", ")})`,
      ],
      linesZh: [`级别分红：本订单有${yuanZh(fen)}进入按级别分配的资金池（${config.ranks.map((r) => `${r.name} ${(r.share * 100).toFixed(0)}%`).join("、")}）`],
    };
  },
  flows: [RANK_POOL_IN, RANK_POOL_INTEREST, RANK_POOL_OUT, RANK_DIVIDEND, RANK_DIVIDEND_RECRUITING],
  counters: [
    {
      name: "rankDividendsFen",
      role: "ownReward",
      label: "rank dividends on users' own spend",
      short: "rank dividends",
      labelZh: "用户自身消费的级别分红",
      shortZh: "级别分红",
    },
  ],
  columns: [
    { name: "ranked_users", unit: "users", decimals: 0, description: "users holding a rank" },
    { name: "rank_dividends_paid", unit: "yuan", decimals: 2, description: "dividends paid to ranked users today, into change wallets" },
    { name: "rank_pool", unit: "yuan", decimals: 2, description: "the rank dividend pool's balance" },
  ],
  pools: [{ account: "pool.rankDividends", label: "rank dividend pool", labelZh: "级别分红池", seriesColumn: "rank_pool" }],
  collapseSchema,
  charts: [
    {
      id: "rank-dividends",
      title: "Rank dividends",
      caption: "Users holding a rank against the dividends paid to them: as ranks fill faster than turnover grows, each holder's dividend shrinks.",
      yUnit: "users",
      y2Unit: "yuan per day",
      series: [
        ["ranked_users", "ranked users", "y"],
        ["rank_dividends_paid", "paid today (right axis)", "y2"],
      ],
      zh: {
        title: "级别分红",
        caption: "拥有级别的用户，对比付给他们的分红：级别人数增长快于营业额增长，每人的分红就会缩水。",
        yUnit: "用户数",
        y2Unit: "元/天",
        labels: { ranked_users: "有级别的用户", rank_dividends_paid: "当天已付（右轴）" },
      },
    },
  ],
  whatIf: [{ key: "turnoverShare", label: "share of turnover into the rank pool", labelZh: "营业额进入级别分红池的比例", min: 0, max: 0.2, step: 0.005 }],
  create,
};
