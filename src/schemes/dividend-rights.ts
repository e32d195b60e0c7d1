import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import { yuanZh } from "../report/format-zh.js";
import type { FieldValues, Order, PlausibilityFinding, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import { productsWith } from "../engine/scheme-fields.js";
import type { SimState } from "../engine/state.js";
import { assertExact } from "../engine/ledger.js";
import { declareFlow } from "../engine/book.js";
import { applyRate, formatFen, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { integer, money, probability, record, schemeWindow, section } from "../scenario/fields.js";
import { Streak, type SignalReading } from "../engine/collapse.js";
import type { ClaimSet } from "../engine/wind-up.js";
import { sharedPurchaseProductFields } from "./shared-purchase.js";
import { ConservationError } from "../errors.js";
import { yuanZhShort } from "../report/format-zh.js";

/**
 * Dividend rights (分红权 / 消费全返), docs/model.md, "Dividend rights". Every `spendPerRight`
 * yuan a user spends on eligible products grants one right worth `rightValue`; rights are paid
 * into change wallets from the day after they are granted until each has paid its value.
 */

/** Rights are paid on the holder's own spending: a reward on their own activity. */
const RIGHTS_PAYOUT = declareFlow("dividendRights.payout", {
  from: "platform.equity",
  to: "users.change",
  reason: "dividend rights payout",
  rewards: "own",
  counters: ["userPayoutsFen"],
  schemeCounter: "rightsDividendsFen",
});

const schema = record("Dividend rights: spending buys rights, each paid a share of turnover (or a fixed daily release) until it has paid its value.", {
  ...schemeWindow(),
  spendPerRight: money({
    default: 500,
    exclusiveMinimum: 0,
    description: "Eligible spend that grants one right; spend below it carries over to the user's next order.",
  }),
  rightValue: money({ default: 500, exclusiveMinimum: 0, description: "What one right pays in all before it ends (消费全返: equal to spendPerRight)." }),
  eligibleProducts: Type.Array(Type.String({ productId: true, description: "A product id (one of products[].id)." }), {
    default: [],
    maxItems: 1000,
    description: "Products whose price counts towards rights (empty: every product).",
  }),
  payout: Type.Union([Type.Literal("turnoverShare"), Type.Literal("dailyRelease")], {
    default: "turnoverShare",
    description:
      "turnoverShare: each day a share of the day's turnover is split equally among the rights outstanding; dailyRelease: each right pays a fixed share of what it has left to pay.",
  }),
  fundedBy: Type.Union([Type.Literal("turnover"), Type.Literal("concessions")], {
    default: "turnover",
    description:
      "turnoverShare: the day's budget is a share of the day's turnover (every order's price) or of merchants' concessions (price × the product's merchantConcession).",
  }),
  turnoverShare: probability({ default: 0.05, description: "turnoverShare: share of the day's turnover (or concessions) paid to rights." }),
  releaseRate: probability({
    default: 0.0005,
    unit: "per day",
    description: "dailyRelease: share of a right's remaining value it pays each day (at least 1 fen, so every right ends).",
  }),
  maxPerRightPerDay: money({ default: 1, exclusiveMinimum: 0, description: "Most one right is paid in a day." }),
  fixedPayoutPerRight: money({
    default: 0,
    description:
      "Above 0: every right outstanding is paid this much a day (never more than it has left), whatever the day's budget and maxPerRightPerDay: a platform that promises a fixed payment, as 万家购物's 一元返利 from 2012-02-15 (set from a day on with `changes:`). 0: off.",
  }),
});
export type DividendRightsConfig = Static<typeof schema>;

/** Rights funded by concessions read each product's merchant concession: shared purchase's field. */
const productFields = { merchantConcession: sharedPurchaseProductFields.merchantConcession };
type DividendRightsProduct = FieldValues<typeof productFields>;

/** Thresholds of the rights' failure signals, under collapse.dividendRights. */
const collapseSchema = section("Dividend rights: when the rights count as failed.", {
  maxPaybackDays: integer({
    default: 1825,
    maximum: 36_500,
    unit: "days",
    description:
      "turnoverShare: collapse when the rights outstanding would need more than this many days to be paid in full at the last 30 days' mean payment per right, read from the 30th day after the first payment (0: off).",
  }),
  noPayoutDays: integer({
    default: 30,
    maximum: 36_500,
    unit: "days",
    description: "Collapse after this many days in a row in which rights are outstanding and none is paid (0: off).",
  }),
});
export type DividendRightsCollapse = Static<typeof collapseSchema>;

const SPEND_CARRIED = "dividendRights.spendCarried";

/**
 * Rights granted on the same day are paid alike every day after (equal shares, same cap, same
 * remaining value), so they are kept as day cohorts: a cohort's rights outstanding and what
 * each has been paid. A grant (user, rights, cohort) says whose they are. A day's payout costs
 * one step per cohort and per grant still being paid, however many rights there are.
 */
class RightsBook {
  cohortDay: number[] = [];
  cohortRights: number[] = [];
  cohortPaidFen: number[] = [];
  grantUser = new Int32Array(1024);
  grantRights = new Float64Array(1024);
  grantCohort = new Int32Array(1024);
  grants = 0;

  grant(user: number, rights: number, day: number): void {
    let c = this.cohortDay.length - 1;
    if (c < 0 || this.cohortDay[c] !== day) {
      this.cohortDay.push(day);
      this.cohortRights.push(0);
      this.cohortPaidFen.push(0);
      c++;
    }
    this.cohortRights[c] = (this.cohortRights[c] as number) + rights;
    if (this.grants === this.grantUser.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      this.grantUser = grow(this.grantUser, new Int32Array(this.grants * 2));
      this.grantRights = grow(this.grantRights, new Float64Array(this.grants * 2));
      this.grantCohort = grow(this.grantCohort, new Int32Array(this.grants * 2));
    }
    this.grantUser[this.grants] = user;
    this.grantRights[this.grants] = rights;
    this.grantCohort[this.grants] = c;
    this.grants++;
  }
}

function create(
  config: DividendRightsConfig,
  state: SimState,
  collapse: DividendRightsCollapse = { maxPaybackDays: 0, noPayoutDays: 0 },
): SchemeInstance<DividendRightsProduct> {
  const { users } = state;
  users.addColumn(SPEND_CARRIED);
  const spendPerRightFen = yuanToFen(config.spendPerRight);
  const rightValueFen = yuanToFen(config.rightValue);
  const capFen = yuanToFen(config.maxPerRightPerDay);
  const shareMicro = rateToMicro(config.turnoverShare);
  const releaseMicro = rateToMicro(config.releaseRate);
  const eligible = state.products.map((p) => config.eligibleProducts.length === 0 || config.eligibleProducts.includes(p.product.id));
  const concessionMicro = productsWith(state, productFields).map((p) => rateToMicro(p.product.merchantConcession));
  const book = new RightsBook();
  /** Rights not yet paid in full, and what they still have to pay, fen. */
  let rightsOutstanding = 0;
  let remainingFen = 0;
  let basisTodayFen = 0;
  let grantedToday = 0;
  let paidToday = 0;
  let perRightToday = 0;
  const perRightHistory: number[] = [];
  /** Days since the first payment (the payback signal waits for 30 of them: a full window). */
  let daysPaying = 0;
  const totals = { granted: 0, ended: 0, paidFen: 0, holders: new Set<number>() };
  const noPayout = new Streak(collapse.noPayoutDays);

  function onOrder(order: Order<DividendRightsProduct>): void {
    basisTodayFen += config.fundedBy === "turnover" ? order.priceFen : applyRate(order.priceFen, concessionMicro[order.productIndex] as number);
    if (!eligible[order.productIndex]) return;
    const carried = users.column(SPEND_CARRIED);
    const spend = (carried[order.user] as number) + order.priceFen;
    const rights = Math.floor(spend / spendPerRightFen);
    carried[order.user] = spend - rights * spendPerRightFen;
    if (rights === 0) return;
    book.grant(order.user, rights, state.day);
    rightsOutstanding += rights;
    remainingFen += rights * rightValueFen;
    assertExact(state.day, words("exact.rightsRemaining"), remainingFen);
    grantedToday += rights;
    totals.granted += rights;
    totals.holders.add(order.user);
  }

  /** What one right of a cohort is paid today, fen: rights granted today wait for tomorrow. */
  function cohortPayment(c: number, perRightShare: number, fixedFen: number): number {
    if (book.cohortDay[c] === state.day) return 0;
    const left = rightValueFen - (book.cohortPaidFen[c] as number);
    if (fixedFen > 0) return Math.min(left, fixedFen);
    if (config.payout === "turnoverShare") return Math.min(left, perRightShare);
    return Math.min(left, capFen, Math.max(1, mulDivFloor(left, releaseMicro, 1_000_000)));
  }

  /** Phase 4 (release): today's payment per cohort, then each grant's share into its holder's wallet. */
  function pay(): void {
    const payingRights = rightsOutstanding - grantedToday;
    const budgetFen = applyRate(basisTodayFen, shareMicro);
    // A fixed payout (read each day: a rule change may set it from a day on): every right is
    // paid this much, whatever the budget and the cap.
    const fixedFen = yuanToFen(config.fixedPayoutPerRight);
    perRightToday = payingRights <= 0 ? 0 : fixedFen > 0 ? fixedFen : Math.min(capFen, Math.floor(budgetFen / payingRights));
    const payment = book.cohortDay.map((_, c) => cohortPayment(c, perRightToday, fixedFen));
    let kept = 0;
    let paid = 0;
    const payout = state.book.batch(RIGHTS_PAYOUT);
    const change = payout.wallet;
    const ownRewards = payout.own as Float64Array;
    for (let g = 0; g < book.grants; g++) {
      const user = book.grantUser[g] as number;
      const rights = book.grantRights[g] as number;
      const c = book.grantCohort[g] as number;
      const fen = rights * (payment[c] as number);
      if (fen > 0) {
        change[user] = (change[user] as number) + fen;
        ownRewards[user] = (ownRewards[user] as number) + fen;
        paid += fen;
      }
      // A grant whose cohort has now paid its value in full leaves the book.
      if ((book.cohortPaidFen[c] as number) + (payment[c] as number) < rightValueFen) {
        book.grantUser[kept] = user;
        book.grantRights[kept] = rights;
        book.grantCohort[kept] = c;
        kept++;
      }
    }
    book.grants = kept;
    book.cohortPaidFen.forEach((before, c) => {
      const after = before + (payment[c] as number);
      book.cohortPaidFen[c] = after;
      if (after >= rightValueFen && before < rightValueFen) {
        rightsOutstanding -= book.cohortRights[c] as number;
        totals.ended += book.cohortRights[c] as number;
      }
    });
    assertExact(state.day, words("exact.rightsPayout"), paid);
    if (config.payout === "dailyRelease" || fixedFen > 0) perRightToday = payingRights <= 0 ? 0 : Math.floor(paid / payingRights);
    remainingFen -= paid;
    paidToday = paid;
    totals.paidFen += paid;
    payout.post(paid);
  }

  /** Mean payment per right over the last 30 days (today's included), fen. */
  function meanPerRight(): number {
    const window = [...perRightHistory.slice(-29), paidToday === 0 ? 0 : perRightToday];
    return window.reduce((a, b) => a + b, 0) / window.length;
  }

  /** Days the rights outstanding need to be paid in full at that mean (0: none; Infinity: no payments). */
  function paybackDays(): number {
    if (rightsOutstanding === 0) return 0;
    const mean = meanPerRight();
    return mean <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(remainingFen / rightsOutstanding / mean);
  }

  function remainingByUser(): Float64Array {
    const faceFen = new Float64Array(users.count);
    for (let g = 0; g < book.grants; g++) {
      const user = book.grantUser[g] as number;
      const left = rightValueFen - (book.cohortPaidFen[book.grantCohort[g] as number] as number);
      faceFen[user] = (faceFen[user] as number) + (book.grantRights[g] as number) * left;
    }
    return faceFen;
  }

  return {
    onOrder,
    phases: { payouts: pay },
    metrics(row) {
      const payback = paybackDays();
      row.rights_outstanding = rightsOutstanding;
      row.rights_granted = grantedToday;
      row.rights_paid = paidToday;
      row.rights_paid_per_right = paidToday === 0 ? 0 : perRightToday;
      row.rights_payback_days = Number.isFinite(payback) ? payback : null;
    },
    closeDay() {
      if (daysPaying > 0 || paidToday > 0) daysPaying++;
      perRightHistory.push(paidToday === 0 ? 0 : perRightToday);
      if (perRightHistory.length > 30) perRightHistory.shift();
      basisTodayFen = 0;
      grantedToday = 0;
      paidToday = 0;
      perRightToday = 0;
    },
    /** What the rights outstanding still promise to pay. */
    liabilityFen: () => remainingFen,
    /** Phase 10: how long the rights outstanding would take to be paid, and days without any payment. */
    signals(): SignalReading[] {
      const payback = paybackDays();
      noPayout.update(paidToday === 0 && rightsOutstanding - grantedToday > 0);
      const max = config.payout === "turnoverShare" ? collapse.maxPaybackDays : 0;
      const paybackText = Number.isFinite(payback) ? `${payback} days` : "forever (nothing paid in 30 days)";
      return [
        {
          signal: "dividendRights.payback",
          kind: "mechanism",
          fired: max > 0 && daysPaying >= 30 && payback > max,
          stressed: max > 0 && daysPaying >= 30 && payback * 2 > max,
          reason: `the dividend rights outstanding would take more than ${max} days to pay out`,
          reasonZh: `未兑付的分红权需要超过${max}天才能付清`,
          evidence: `${rightsOutstanding} rights still owed ${formatYuan(remainingFen)}; at the last 30 days' mean of ${formatYuan(Math.round(meanPerRight()))} per right a day they need ${paybackText}`,
        },
        {
          signal: "dividendRights.noPayout",
          kind: "mechanism",
          fired: noPayout.fired,
          stressed: noPayout.stressed,
          reason: `no dividend right paid for ${collapse.noPayoutDays} days`,
          reasonZh: `连续${collapse.noPayoutDays}天没有分红权获得兑付`,
          evidence: `${noPayout.days} days in a row without a payment; ${rightsOutstanding} rights outstanding`,
        },
      ];
    },
    /** Rights are paid by the platform: in a wind-up they rank with the other promises on its cash. */
    claims: (): ClaimSet[] => [{ label: "dividend rights", faceFen: remainingByUser(), payer: "platform.cash" }],
    keyFigures() {
      const payback = paybackDays();
      return [
        [
          "dividend rights",
          `${rightsOutstanding} outstanding (${formatYuan(remainingFen)} still to pay); ${totals.ended} of ${totals.granted} granted paid in full`,
        ],
        ["rights paid back in", Number.isFinite(payback) ? `${payback} days at the current rate` : "never at the current rate"],
      ];
    },
    keyFiguresZh() {
      const payback = paybackDays();
      return [
        ["分红权", `未兑付${rightsOutstanding}份（尚需支付${yuanZhShort(remainingFen)}）；已发放${totals.granted}份，其中${totals.ended}份已全额兑付`],
        ["分红权付清所需", Number.isFinite(payback) ? `按当前速度${payback}天` : "按当前速度永远无法付清"],
      ];
    },
    checkInvariants(day) {
      let rights = 0;
      let left = 0;
      book.cohortRights.forEach((n, c) => {
        if ((book.cohortPaidFen[c] as number) < rightValueFen) {
          rights += n;
          left += n * (rightValueFen - (book.cohortPaidFen[c] as number));
        }
      });
      if (rights !== rightsOutstanding || left !== remainingFen) {
        throw new ConservationError(
          words("invariant.rightsOwing", {
            day,
            rights: rightsOutstanding,
            owing: formatFen(remainingFen),
            cohortRights: rights,
            cohortOwing: formatFen(left),
          }),
        );
      }
      let granted = 0;
      for (let g = 0; g < book.grants; g++) granted += book.grantRights[g] as number;
      if (granted !== rightsOutstanding) throw new ConservationError(words("invariant.rightsGranted", { day, granted, outstanding: rightsOutstanding }));
    },
    summary() {
      return {
        rightsGranted: totals.granted,
        rightsPaidInFull: totals.ended,
        rightsOutstanding,
        holders: totals.holders.size,
        paid: totals.paidFen / 100,
        stillToPay: remainingFen / 100,
      };
    },
  };
}

/**
 * The daily release past which a scenario is warned (docs/plausibility.md): 消费全返 schemes
 * return a purchase over years (the default, 0.05% of what is left a day, halves a right in
 * about 3.8 years); 1% a day halves it in 69 days.
 */
const RIGHTS_RELEASE_RATE_BOUND = 0.01;

/** Dividend rights' plausibility warnings: a daily release of a right past its bound. */
function rightsPlausibility(config: DividendRightsConfig): PlausibilityFinding[] {
  if (config.payout !== "dailyRelease" || config.releaseRate <= RIGHTS_RELEASE_RATE_BOUND) return [];
  return [
    {
      key: "releaseRate",
      message: `pays ${Number((config.releaseRate * 100).toFixed(4))}% of a right's remaining value a day, above the ${RIGHTS_RELEASE_RATE_BOUND * 100}%/day bound (the default: 0.05%)`,
      value: config.releaseRate,
      messageZh: `每天支付分红权剩余价值的${Number((config.releaseRate * 100).toFixed(4))}%，高于每天${RIGHTS_RELEASE_RATE_BOUND * 100}%的界限（默认值：0.05%）`,
    },
  ];
}

export const dividendRights: SchemeModule<DividendRightsConfig, DividendRightsCollapse, typeof schema, typeof productFields> = {
  key: "dividendRights",
  plausibility: rightsPlausibility,
  collapseSignals: [
    {
      id: "dividendRights.payback",
      kind: "mechanism",
      firesWhen:
        "payout `turnoverShare`: the rights outstanding would need more than `dividendRights.maxPaybackDays` (1825) days to be paid in full at the last 30 days' mean payment per right, read from the 30th day of payments",
      stressedFrom: "a payback over half the limit",
    },
    {
      id: "dividendRights.noPayout",
      kind: "mechanism",
      firesWhen: "no right paid for `dividendRights.noPayoutDays` (30) days in a row while rights are outstanding",
      stressedFrom: "half the days",
    },
  ],
  // Turnover (or merchants' concessions) funds the rights; eligible products earn them.
  fundedBy: (config, product) =>
    (config.fundedBy === "turnover" ? config.turnoverShare > 0 : product.product.merchantConcession > 0) ||
    config.eligibleProducts.length === 0 ||
    config.eligibleProducts.includes(product.product.id),
  shapingDefaults: [
    { key: "rightValue", effect: "yuan one right pays in all", effectZh: "每份分红权总共返还的金额（元）" },
    { key: "spendPerRight", effect: "eligible spend that grants one right, yuan", effectZh: "获得一份分红权所需的有效消费（元）" },
    { key: "turnoverShare", effect: "share of the day's turnover paid to rights", effectZh: "当天营业额用于分红权的比例" },
    { key: "maxPerRightPerDay", effect: "most yuan a right is paid in a day", effectZh: "每份分红权每天最多分到的金额（元）" },
  ],
  title: "Dividend rights (分红权)",
  titleZh: "分红权（消费全返）",
  schema,
  productFields,
  explain(config, order) {
    if (config.eligibleProducts.length > 0 && !config.eligibleProducts.includes(order.product.id)) return null;
    const rights = Math.floor(order.priceFen / yuanToFen(config.spendPerRight));
    const promisedFen = rights * yuanToFen(config.rightValue);
    const capFen = yuanToFen(config.maxPerRightPerDay);
    const pace =
      config.payout === "turnoverShare"
        ? `${formatYuan(capFen)} a day at most, from ${(config.turnoverShare * 100).toFixed(2)}% of each day's ${config.fundedBy} shared by all rights`
        : `${(config.releaseRate * 100).toFixed(3)}% of what is left each day, at most ${formatYuan(capFen)}`;
    const paceZh =
      config.payout === "turnoverShare"
        ? `每天最多${yuanZh(capFen)}，来自每天${config.fundedBy === "turnover" ? "营业额" : "让利"}的${(config.turnoverShare * 100).toFixed(2)}%，由全部分红权平分`
        : `每天支付剩余价值的${(config.releaseRate * 100).toFixed(3)}%，最多${yuanZh(capFen)}`;
    return {
      details: { rights, promisedFen, minimumDaysToPay: rights === 0 ? 0 : Math.ceil(yuanToFen(config.rightValue) / capFen) },
      promisedFen,
      earnedFen: 0,
      takesFen: 0,
      lines: [
        `dividend rights: ${rights} right${rights === 1 ? "" : "s"} (spend below ${formatYuan(yuanToFen(config.spendPerRight))} carries over), paying ${formatYuan(promisedFen)} in all; each right ${pace}, from the next day`,
      ],
      linesZh: [`分红权：${rights}份（不足${yuanZh(yuanToFen(config.spendPerRight))}的消费结转），共返还${yuanZh(promisedFen)}；每份${paceZh}，次日起支付`],
    };
  },
  changeable: [{ key: "fixedPayoutPerRight", description: "the fixed daily payment of every right (0: off), from the day's payment on" }],
  flows: [RIGHTS_PAYOUT],
  counters: [
    {
      name: "rightsDividendsFen",
      role: "ownReward",
      label: "dividends on users' own rights",
      short: "dividends",
      labelZh: "用户自身分红权的分红",
      shortZh: "分红",
    },
  ],
  columns: [
    { name: "rights_outstanding", unit: "rights", decimals: 0, description: "rights granted and not yet paid in full" },
    { name: "rights_granted", unit: "rights", decimals: 0, description: "rights granted today (paid from tomorrow)" },
    { name: "rights_paid", unit: "yuan", decimals: 2, description: "paid to rights today, into change wallets" },
    {
      name: "rights_paid_per_right",
      unit: "yuan",
      decimals: 2,
      description: "turnoverShare: what each right was paid today, min(cap, floor(budget ÷ rights paying)); dailyRelease: floor(paid today ÷ rights paying)",
      sparkline: "paid per right",
      sparklineZh: "每份分红权兑付",
    },
    {
      name: "rights_payback_days",
      unit: "days",
      decimals: 0,
      description: "days the rights outstanding need to be paid in full at the last 30 days' mean payment per right; empty if nothing was paid",
    },
  ],
  liabilityColumn: { name: "liability_dividend_rights", unit: "yuan", decimals: 2, description: "what the dividend rights outstanding still promise to pay" },
  collapseSchema,
  charts: [
    {
      id: "rights",
      title: "Dividend rights",
      caption:
        "Rights outstanding against what each is paid a day: as spending buys rights faster than turnover grows, the payment per right falls and the payback stretches.",
      yUnit: "rights",
      y2Unit: "yuan per right",
      series: [
        ["rights_outstanding", "rights outstanding", "y"],
        ["rights_paid_per_right", "paid per right today (right axis)", "y2"],
      ],
      zh: {
        title: "分红权",
        caption: "未返完的分红权，对比每份每天分到的金额：消费买入分红权的速度快于营业额增长，每份分红就会下降，回本期越拉越长。",
        yUnit: "份",
        y2Unit: "元/份",
        labels: { rights_outstanding: "未返完的分红权", rights_paid_per_right: "当天每份分红（右轴）" },
      },
    },
  ],
  whatIf: [
    { key: "turnoverShare", label: "share of the day's turnover paid to rights", labelZh: "当天营业额用于分红权的比例", min: 0, max: 0.5, step: 0.005 },
    { key: "maxPerRightPerDay", label: "most one right is paid a day (yuan)", labelZh: "每份分红权每天最多分到（元）", min: 0.01, max: 5, step: 0.01 },
    { key: "rightValue", label: "what one right pays in all (yuan)", labelZh: "每份分红权总共返还（元）", min: 1, max: 2000, step: 10 },
  ],
  create,
};
