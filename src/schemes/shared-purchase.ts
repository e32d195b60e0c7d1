import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import type { FieldValues, Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import { productsWith } from "../engine/scheme-fields.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED } from "../engine/users.js";
import { assertExact } from "../engine/ledger.js";
import { MICRO, PU_PER_POINT, applyRate, formatFen, formatPu, formatScaled, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { closingBonusMicro, integer, money, probability, rate, record, schemeWindow, section } from "../scenario/fields.js";
import { clearCallAuction, type BookOrder } from "./call-auction.js";
import { Streak, type SignalReading } from "../engine/collapse.js";
import type { ClaimSet } from "../engine/wind-up.js";
import { declarePurpose } from "../engine/draws.js";

/** A merchant's willingness to pay (drawn once), the merchant a sale goes to, and users' asks. */
const WILLINGNESS = declarePurpose("shared-purchase.willingness");
const MERCHANT = declarePurpose("shared-purchase.merchant");
const ASK = declarePurpose("shared-purchase.ask");
const ASK_PRICE = declarePurpose("shared-purchase.ask-price");
import { declareFlow } from "../engine/book.js";
import { ConservationError } from "../errors.js";

/** The platform's fee on a CTC sale (the merchant pays the seller directly, world to world). */
const CTC_FEE = declareFlow("sharedPurchase.ctcFee", { from: "world", to: "platform.cash", reason: "CTC market fee", counters: ["feeRevenueFen"] });
/** Shared purchase (共享购 / 嗨购), docs/model.md, shared purchase. */
const schema = record(
  "Shared purchase: sales at merchants give shared value, a daily airdrop turns it into shared points, merchants must surrender points per sale and buy them from users in a daily CTC call auction.",
  {
    ...schemeWindow(),
    userMultiplier: rate({ default: 10, maximum: 1000, description: "User's shared value per yuan of concession (seed 003: 10)." }),
    merchantMultiplier: rate({ default: 2, maximum: 1000, description: "Merchant's shared value per yuan of concession (seed 003: 2)." }),
    airdropPerDay: rate({
      default: 500,
      maximum: 1e9,
      decimals: 4,
      unit: "points/day",
      description: "Shared points airdropped each day, split pro rata to the day's shared value.",
    }),
    totalSupply: rate({
      default: 390_000,
      maximum: 1e12,
      decimals: 4,
      unit: "points",
      description: "No points are issued beyond this (merchants' starting points included).",
    }),
    pointsPerConcessionYuan: rate({
      default: 1,
      maximum: 1000,
      unit: "points/yuan",
      description: "surrender perConcessionYuan: points a merchant surrenders per yuan of concession on a sale.",
    }),
    surrender: Type.Union([Type.Literal("perConcessionYuan"), Type.Literal("matchUserPoints")], {
      default: "perConcessionYuan",
      description:
        "Seed 003's 扣除商家等额的积分, read two ways. perConcessionYuan: a sale costs the merchant pointsPerConcessionYuan points per yuan of concession, at the sale (a merchant short of them loses it). matchUserPoints: the merchant gives up as many points as the sale earns its buyer in that day's airdrop, at the airdrop (as many as it holds; a merchant with no points loses the sale).",
    }),
    merchantsInAirdrop: Type.Boolean({
      default: true,
      description:
        "Whether merchants' shared value takes part in the airdrop (true: merchants get their share and the denominator counts them; false: users only, as seed 003's 25-point example needs).",
    }),
    marketFeeRate: probability({ default: 0.01, description: "Share of each CTC trade's value the platform takes, from the seller." }),
    initialPrice: money({ default: 1, exclusiveMinimum: 0, unit: "yuan/point", description: "Reference price before the first trade." }),
    merchants: section("Merchants: agents who sell, hold points and buy them.", {
      count: integer({ default: 20, minimum: 1, maximum: 100_000, unit: "merchants", description: "Merchants at the start." }),
      salesSkew: rate({ default: 1, maximum: 10, description: "Sales shares follow 1/rank^salesSkew (0: equal shares)." }),
      initialPoints: rate({
        default: 1000,
        maximum: 1e9,
        decimals: 4,
        unit: "points",
        description: "Points each merchant starts with (issued, counted in totalSupply).",
      }),
      willingnessToPay: section("Most a merchant pays per point; drawn uniformly per merchant.", {
        min: money({ default: 0.5, unit: "yuan/point", description: "Lowest willingness." }),
        max: money({ default: 1.5, unit: "yuan/point", description: "Highest willingness." }),
      }),
      inventoryDays: rate({ default: 3, maximum: 365, unit: "days", description: "Merchants bid to hold this many days of their recent point use." }),
      leaveAfterLostSaleDays: integer({
        default: 7,
        minimum: 1,
        unit: "days",
        description: "A merchant leaves after this many days in a row with a lost sale.",
      }),
    }),
    asks: section("Users' selling on the CTC market.", {
      probability: probability({ default: 0.2, unit: "per day", description: "Daily chance a holder puts points up for sale." }),
      share: probability({ default: 0.5, exclusiveMinimum: 0, description: "Share of holdings offered." }),
      priceLow: rate({ default: 0.9, maximum: 100, description: "Lowest limit price, as a multiple of the reference price." }),
      priceHigh: rate({ default: 1.1, maximum: 100, description: "Highest limit price, as a multiple of the reference price (drawn uniformly in between)." }),
      cutAfterNoTrade: probability({
        default: 0.05,
        description: "After a day with asks but no trade, the reference price for new asks falls by this share (sellers undercut).",
      }),
    }),
  },
);
export type SharedPurchaseConfig = Static<typeof schema>;

/**
 * What a merchant concedes on each product's sales. Dividend rights funded by concessions read
 * it too, and declare this same field.
 */
export const sharedPurchaseProductFields = {
  merchantConcession: probability({ default: 0, description: "Share of a shared-purchase sale the merchant concedes." }),
};
type SharedPurchaseProduct = FieldValues<typeof sharedPurchaseProductFields>;

/** Thresholds of the scheme's failure signals, under collapse.sharedPurchase. */
const collapseSchema = section("Shared purchase: when the points market counts as dead.", {
  noTradeDays: integer({ default: 30, maximum: 36_500, unit: "days", description: "Collapse after this many days in a row without a CTC trade (0: off)." }),
  merchantsShare: probability({ default: 0.5, description: "Collapse when active merchants stay below this share of their peak for `days` days (0: off)." }),
  lostSalesShare: probability({
    default: 0.5,
    description: "Collapse when lost sales stay above this share of the day's demand (sales + lost sales) for `days` days (1: off).",
  }),
  days: integer({ default: 7, minimum: 1, maximum: 36_500, unit: "days", description: "Days in a row for the merchants and lost-sales signals." }),
});
export type SharedPurchaseCollapse = Static<typeof collapseSchema>;
const NO_COLLAPSE: SharedPurchaseCollapse = { noTradeDays: 0, merchantsShare: 0, lostSalesShare: 1, days: 1 };

const SHARED_POINTS = "shared.points";
const SHARED_VALUE_TODAY = "shared.valueToday";

/** User's and merchant's shared value for a sale, in 0.01 units (seed 003: 5000 → 5000 and 1000). */
export function sharedValues(amountFen: number, concessionMicro: number, userMultMicro: number, merchantMultMicro: number): { user: number; merchant: number } {
  const concessionFen = mulDivFloor(amountFen, concessionMicro, MICRO);
  return { user: mulDivFloor(concessionFen, userMultMicro, MICRO), merchant: mulDivFloor(concessionFen, merchantMultMicro, MICRO) };
}

/** A participant's airdrop: airdrop × value / network value, rounded down (seed 003: 5000 of 100,000 of 500 → 25). */
export function airdropShare(airdropPu: number, value: number, networkValue: number): number {
  return networkValue === 0 ? 0 : mulDivFloor(airdropPu, value, networkValue);
}

function create(config: SharedPurchaseConfig, state: SimState, collapse: SharedPurchaseCollapse = NO_COLLAPSE): SchemeInstance<SharedPurchaseProduct> {
  const { users, draws } = state;
  users.addColumn(SHARED_POINTS);
  users.addColumn(SHARED_VALUE_TODAY);
  const m = config.merchants;
  const count = m.count;
  const merchantPoints = new Float64Array(count);
  const merchantValueToday = new Float64Array(count);
  /** Shared value the merchant's sales gave their buyers today (for surrender: matchUserPoints). */
  const buyersValueToday = new Float64Array(count);
  const usedToday = new Float64Array(count);
  const averageUse = new Float64Array(count);
  const lostStreak = new Int32Array(count);
  const lostToday = new Uint8Array(count);
  const active = new Uint8Array(count).fill(1);
  const willingness = new Float64Array(count);
  const shareWeight = new Float64Array(count);
  // The merchants are the platform's: merchant i draws as (i, 0) under the key of day 0.
  const willingnessKey = draws.key(WILLINGNESS, 0);
  for (let i = 0; i < count; i++) {
    const w = m.willingnessToPay.min + willingnessKey.uniform(i, 0) * (m.willingnessToPay.max - m.willingnessToPay.min);
    willingness[i] = Math.round(w * 10_000); // 0.0001 yuan per point
    shareWeight[i] = 1 / Math.pow(i + 1, m.salesSkew);
  }
  let cumulative: number[] = [];
  let activeIds: number[] = [];
  const rebuildShares = () => {
    activeIds = [];
    cumulative = [];
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (!active[i]) continue;
      total += shareWeight[i] as number;
      activeIds.push(i);
      cumulative.push(total);
    }
  };
  rebuildShares();

  const supplyPu = Math.round(config.totalSupply * PU_PER_POINT);
  const airdropPu = Math.round(config.airdropPerDay * PU_PER_POINT);
  const userMultMicro = rateToMicro(config.userMultiplier);
  const merchantMultMicro = rateToMicro(config.merchantMultiplier);
  const ppcyMicro = rateToMicro(config.pointsPerConcessionYuan);
  const feeMicro = rateToMicro(config.marketFeeRate);
  let issuedPu = 0;
  let burnedPu = 0;
  const initialPu = Math.min(Math.round(m.initialPoints * PU_PER_POINT), Math.floor(supplyPu / count));
  for (let i = 0; i < count; i++) merchantPoints[i] = initialPu;
  issuedPu += initialPu * count;

  let reference = yuanToFen(config.initialPrice) * 100;
  /** The last day's clearing price (0.0001 yuan), null before the first trade. */
  let lastTraded: number | null = null;
  const noTrade = new Streak(collapse.noTradeDays);
  const fewMerchants = new Streak(collapse.merchantsShare > 0 ? collapse.days : 0);
  const lostDemand = new Streak(collapse.lostSalesShare < 1 ? collapse.days : 0);
  let peakMerchants = count;
  let pendingMerchant = -1;
  let pendingNeedPu = 0;
  const today = { value: 0, airdrop: 0, price: null as number | null, volume: 0, unfilledAsks: 0, lostSales: 0, fees: 0, sales: 0 };
  const totals = { lostSales: 0, sales: 0, merchantsLeft: 0, volumePu: 0, tradeValueFen: 0, feesFen: 0 };
  const valueUsers: number[] = [];
  const products = productsWith(state, sharedPurchaseProductFields);

  /** Points a merchant surrenders for a sale of this product. */
  const pointsForSale = (productIndex: number): number => {
    const p = products[productIndex];
    if (!p) return 0;
    const concessionFen = mulDivFloor(p.priceFen, rateToMicro(p.product.merchantConcession), MICRO);
    // concession yuan × points per yuan, in 0.0001 points: fen × micro / 10^4.
    return mulDivFloor(concessionFen, ppcyMicro, 10_000);
  };

  function acceptOrder(user: number, productIndex: number): boolean {
    const p = products[productIndex];
    pendingMerchant = -1;
    if (!p || p.product.merchantConcession === 0) return true;
    // matchUserPoints settles at the airdrop: a sale needs only a merchant with some points.
    const need = config.surrender === "matchUserPoints" ? 1 : pointsForSale(productIndex);
    if (activeIds.length === 0) {
      today.lostSales++;
      return false;
    }
    // The buyer's draw: which merchant's points their purchase takes.
    const merchant = activeIds[draws.key(MERCHANT, state.day).pick(cumulative, users.drawIndex(user), users.joinDay[user] as number)] as number;
    usedToday[merchant] = (usedToday[merchant] as number) + need;
    if ((merchantPoints[merchant] as number) < need) {
      lostToday[merchant] = 1;
      today.lostSales++;
      return false;
    }
    pendingMerchant = merchant;
    pendingNeedPu = need;
    return true;
  }

  function onOrder(order: Order<SharedPurchaseProduct>): void {
    const merchant = pendingMerchant;
    pendingMerchant = -1;
    if (merchant < 0) return;
    if (config.surrender === "perConcessionYuan") {
      merchantPoints[merchant] = (merchantPoints[merchant] as number) - pendingNeedPu;
      burnedPu += pendingNeedPu;
    }
    today.sales++;
    const bonus = closingBonusMicro(config, state.day);
    const values = sharedValues(
      order.priceFen,
      rateToMicro(order.product.merchantConcession),
      mulDivFloor(userMultMicro, bonus, MICRO),
      mulDivFloor(merchantMultMicro, bonus, MICRO),
    );
    const valueToday = users.column(SHARED_VALUE_TODAY);
    if ((valueToday[order.user] as number) === 0 && values.user > 0) valueUsers.push(order.user);
    valueToday[order.user] = (valueToday[order.user] as number) + values.user;
    buyersValueToday[merchant] = (buyersValueToday[merchant] as number) + values.user;
    if (config.merchantsInAirdrop) {
      merchantValueToday[merchant] = (merchantValueToday[merchant] as number) + values.merchant;
      today.value += values.merchant;
    }
    today.value += values.user;
  }

  /** Phase 6: the airdrop on today's shared value, then the call auction. */
  function market(): void {
    const points = users.column(SHARED_POINTS);
    const valueToday = users.column(SHARED_VALUE_TODAY);
    const drop = Math.min(airdropPu, Math.max(0, supplyPu - issuedPu));
    let dropped = 0;
    if (drop > 0 && today.value > 0) {
      for (const id of valueUsers) {
        const pu = airdropShare(drop, valueToday[id] as number, today.value);
        points[id] = (points[id] as number) + pu;
        dropped += pu;
      }
      for (let i = 0; i < count; i++) {
        const pu = airdropShare(drop, merchantValueToday[i] as number, today.value);
        merchantPoints[i] = (merchantPoints[i] as number) + pu;
        dropped += pu;
      }
      // matchUserPoints: each merchant gives up what its sales earned their buyers today
      // (the airdrop share of its buyers' shared value), as much as it holds.
      if (config.surrender === "matchUserPoints") {
        for (let i = 0; i < count; i++) {
          const owed = airdropShare(drop, buyersValueToday[i] as number, today.value);
          const pu = Math.min(owed, merchantPoints[i] as number);
          merchantPoints[i] = (merchantPoints[i] as number) - pu;
          usedToday[i] = (usedToday[i] as number) + owed;
          burnedPu += pu;
        }
      }
    }
    issuedPu += dropped;
    buyersValueToday.fill(0);
    today.airdrop = dropped;
    for (const id of valueUsers) valueToday[id] = 0;
    valueUsers.length = 0;
    merchantValueToday.fill(0);

    // Merchants bid for the points they expect to need; users ask.
    const bids: BookOrder[] = [];
    for (let i = 0; i < count; i++) {
      averageUse[i] = 0.7 * (averageUse[i] as number) + 0.3 * (usedToday[i] as number);
      if (!active[i]) continue;
      const target = Math.ceil((averageUse[i] as number) * m.inventoryDays);
      const need = target - (merchantPoints[i] as number);
      if (need > 0) bids.push({ id: i, qty: need, limit: willingness[i] as number });
    }
    const asks: BookOrder[] = [];
    const askShare = rateToMicro(config.asks.share);
    const low = config.asks.priceLow;
    const spread = config.asks.priceHigh - low;
    const asking = draws.key(ASK, state.day);
    const pricing = draws.key(ASK_PRICE, state.day);
    for (let id = 0; id < users.count; id++) {
      const held = points[id] as number;
      if (held === 0 || ((users.flags[id] as number) & FLAG_CHURNED) !== 0) continue;
      const a = users.drawIndex(id);
      const born = users.joinDay[id] as number;
      if (!asking.chance(config.asks.probability, a, born)) continue;
      const qty = askShare === MICRO ? held : applyRate(held, askShare);
      if (qty === 0) continue;
      asks.push({ id, qty, limit: Math.max(1, Math.round(reference * (low + pricing.uniform(a, born) * spread))) });
    }
    const clearing = clearCallAuction(bids, asks, reference);
    today.volume = clearing.volume;
    today.price = clearing.price;
    today.unfilledAsks = asks.reduce((sum, a, i) => sum + a.qty - (clearing.askFills[i] ?? 0), 0);
    if (clearing.price === null && asks.length > 0) reference = Math.max(1, reference - applyRate(reference, rateToMicro(config.asks.cutAfterNoTrade)));
    if (clearing.price !== null) {
      const price = clearing.price;
      reference = price;
      lastTraded = price;
      bids.forEach((b, i) => {
        merchantPoints[b.id] = (merchantPoints[b.id] as number) + (clearing.bidFills[i] ?? 0);
      });
      let feesFen = 0;
      asks.forEach((a, i) => {
        const qty = clearing.askFills[i] ?? 0;
        if (qty === 0) return;
        points[a.id] = (points[a.id] as number) - qty;
        // The merchant pays the seller directly (world to world); the platform takes its fee.
        const valueFen = mulDivFloor(qty, price, 1_000_000);
        const fee = applyRate(valueFen, feeMicro);
        state.book.paidOutside(a.id, valueFen - fee);
        feesFen += fee;
        totals.tradeValueFen += valueFen;
      });
      state.book.move(CTC_FEE, feesFen);
      today.fees = feesFen;
      totals.feesFen += feesFen;
      totals.volumePu += clearing.volume;
    }
    // Merchants who keep losing sales leave; their points stay outstanding, unused.
    let left = false;
    for (let i = 0; i < count; i++) {
      lostStreak[i] = lostToday[i] ? (lostStreak[i] as number) + 1 : 0;
      lostToday[i] = 0;
      usedToday[i] = 0;
      if (active[i] && (lostStreak[i] as number) >= m.leaveAfterLostSaleDays) {
        active[i] = 0;
        left = true;
        totals.merchantsLeft++;
      }
    }
    if (left) rebuildShares();
  }

  function holdings(): number {
    const points = users.column(SHARED_POINTS);
    let total = 0;
    for (let id = 0; id < users.count; id++) total += points[id] as number;
    for (let i = 0; i < count; i++) total += merchantPoints[i] as number;
    return total;
  }

  return {
    acceptOrder,
    onOrder,
    phases: { trading: market },
    metrics(row) {
      row.shared_points_outstanding = issuedPu - burnedPu;
      row.shared_value_today = today.value;
      row.airdrop = today.airdrop;
      row.ctc_price = today.price;
      row.ctc_volume = today.volume;
      row.ctc_unfilled_asks = today.unfilledAsks;
      row.merchants_active = activeIds.length;
      row.lost_sales = today.lostSales;
    },
    closeDay() {
      totals.lostSales += today.lostSales;
      totals.sales += today.sales;
      Object.assign(today, { value: 0, airdrop: 0, price: null, volume: 0, unfilledAsks: 0, lostSales: 0, fees: 0, sales: 0 });
    },
    liabilityFen: () => 0,
    /** Phase 10: the market's three failure signals, from today's trades, merchants and sales. */
    signals(): SignalReading[] {
      const active = activeIds.length;
      peakMerchants = Math.max(peakMerchants, active);
      const demand = today.sales + today.lostSales;
      noTrade.update(today.volume === 0);
      fewMerchants.update(active * 1_000_000 < rateToMicro(collapse.merchantsShare) * peakMerchants);
      lostDemand.update(demand > 0 && today.lostSales * 1_000_000 > rateToMicro(collapse.lostSalesShare) * demand);
      const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
      return [
        {
          signal: "sharedPurchase.noTrade",
          kind: "mechanism",
          fired: noTrade.fired,
          stressed: noTrade.stressed,
          reason: `the points market made no trade for ${collapse.noTradeDays} days`,
          reasonZh: `积分市场连续${collapse.noTradeDays}天没有成交`,
          evidence: `${noTrade.days} days in a row without a CTC trade`,
        },
        {
          signal: "sharedPurchase.merchantsGone",
          kind: "mechanism",
          fired: fewMerchants.fired,
          stressed: fewMerchants.stressed,
          reason: `active merchants fell below ${pct(collapse.merchantsShare)} of their peak for ${collapse.days} days`,
          reasonZh: `活跃商家连续${collapse.days}天低于峰值的${pct(collapse.merchantsShare)}`,
          evidence: `${active} of a peak of ${peakMerchants} merchants active, ${fewMerchants.days} days in a row below ${pct(collapse.merchantsShare)}`,
        },
        {
          signal: "sharedPurchase.lostSales",
          kind: "mechanism",
          fired: lostDemand.fired,
          stressed: lostDemand.stressed,
          reason: `more than ${pct(collapse.lostSalesShare)} of sales were lost for ${collapse.days} days`,
          reasonZh: `连续${collapse.days}天流失超过${pct(collapse.lostSalesShare)}的销售`,
          evidence: `${today.lostSales} of ${demand} sales lost today, ${lostDemand.days} days in a row above ${pct(collapse.lostSalesShare)}`,
        },
      ];
    },
    /** Shared points are traded between users and merchants: no one the platform controls owes them. */
    claims(): ClaimSet[] {
      const points = users.column(SHARED_POINTS);
      const faceFen = new Float64Array(users.count);
      for (let id = 0; id < users.count; id++) faceFen[id] = mulDivFloor(points[id] as number, reference, 1_000_000);
      return [{ label: "shared points", faceFen, payer: null }];
    },
    keyFigures() {
      const demand = totals.sales + totals.lostSales;
      return [
        ["merchants active", `${activeIds.length} of ${count} (${totals.merchantsLeft} left)`],
        ["sales lost", `${totals.lostSales} of ${demand} (${demand === 0 ? "0.0" : ((totals.lostSales / demand) * 100).toFixed(1)}%)`],
        ["last traded price", lastTraded === null ? "no trade" : `${formatScaled(lastTraded, 4)} yuan a point`],
      ];
    },
    keyFiguresZh() {
      const demand = totals.sales + totals.lostSales;
      return [
        ["活跃商家", `${activeIds.length}/${count}家（${totals.merchantsLeft}家已离开）`],
        ["流失销售", `${totals.lostSales}/${demand}笔（${demand === 0 ? "0.0" : ((totals.lostSales / demand) * 100).toFixed(1)}%）`],
        ["最近成交价", lastTraded === null ? "无成交" : `${formatScaled(lastTraded, 4)}元/积分`],
      ];
    },
    checkInvariants(day) {
      const held = holdings();
      assertExact(day, words("exact.sharedPoints"), issuedPu, burnedPu, held);
      if (held !== issuedPu - burnedPu || issuedPu > supplyPu) {
        throw new ConservationError(
          words("invariant.sharedPoints", { day, issued: formatPu(issuedPu), burned: formatPu(burnedPu), held: formatPu(held), supply: formatPu(supplyPu) }),
        );
      }
    },
    summary() {
      return {
        sales: totals.sales,
        lostSales: totals.lostSales,
        lostSalesShare: totals.sales + totals.lostSales === 0 ? null : Math.round((totals.lostSales / (totals.sales + totals.lostSales)) * 1e6) / 1e6,
        merchantsLeft: totals.merchantsLeft,
        ctcVolumePoints: totals.volumePu / PU_PER_POINT,
        ctcTradeValue: totals.tradeValueFen / 100,
        ctcFees: totals.feesFen / 100,
        lastCtcPrice: lastTraded === null ? null : lastTraded / 10_000,
        referencePrice: reference / 10_000,
      };
    },
  };
}

export const sharedPurchase: SchemeModule<SharedPurchaseConfig, SharedPurchaseCollapse, typeof schema, typeof sharedPurchaseProductFields> = {
  key: "sharedPurchase",
  collapseSignals: [
    {
      id: "sharedPurchase.noTrade",
      kind: "mechanism",
      firesWhen: "no CTC trade for `sharedPurchase.noTradeDays` (30) days in a row",
      stressedFrom: "half the days",
    },
    {
      id: "sharedPurchase.merchantsGone",
      kind: "mechanism",
      firesWhen: "active merchants below `sharedPurchase.merchantsShare` (50%) of their peak, `sharedPurchase.days` (7) days in a row",
      stressedFrom: "half the days",
    },
    {
      id: "sharedPurchase.lostSales",
      kind: "mechanism",
      firesWhen: "lost sales above `sharedPurchase.lostSalesShare` (50%) of the day's demand (sales + lost sales), `sharedPurchase.days` (7) days in a row",
      stressedFrom: "half the days",
    },
  ],
  flows: [CTC_FEE],
  // A merchant's concession on the sale becomes the buyer's shared value (points).
  fundedBy: (_config, product) => product.product.merchantConcession > 0,
  explain(config, order) {
    if (order.product.merchantConcession <= 0) return null;
    const concession = applyRate(order.priceFen, rateToMicro(order.product.merchantConcession));
    const userValue = applyRate(concession, rateToMicro(config.userMultiplier));
    const merchantValue = applyRate(concession, rateToMicro(config.merchantMultiplier));
    const merchantPoints = mulDivFloor(concession, rateToMicro(config.pointsPerConcessionYuan), 10_000);
    return {
      details: { userValue, merchantValue, merchantPoints },
      promisedFen: 0,
      earnedFen: 0,
      takesFen: 0,
      lines: [
        `shared purchase: ${formatFen(userValue)} shared value to the buyer, ${formatFen(merchantValue)} to the merchant${config.merchantsInAirdrop ? "" : " (merchants take no part in the airdrop)"}, who surrenders ${config.surrender === "matchUserPoints" ? "the points the buyer earns in the day's airdrop" : `${formatPu(merchantPoints)} points`}`,
      ],
      linesZh: [
        `共享购：买家获得共享值${formatFen(userValue)}，商家获得${formatFen(merchantValue)}${config.merchantsInAirdrop ? "" : "（商家不参与空投）"}，商家需交出${config.surrender === "matchUserPoints" ? "买家当天空投所得的积分" : `${formatPu(merchantPoints)}积分`}`,
      ],
    };
  },
  shapingDefaults: [
    { key: "userMultiplier", effect: "users' shared value per yuan of concession", effectZh: "每元让利给用户的共享值" },
    { key: "merchantMultiplier", effect: "merchants' shared value per yuan of concession", effectZh: "每元让利给商家的共享值" },
    { key: "airdropPerDay", effect: "points airdropped a day", effectZh: "每天空投的积分" },
    { key: "marketFeeRate", effect: "share of every CTC trade the platform takes", effectZh: "平台从每笔CTC交易中抽取的比例" },
  ],
  title: "Shared purchase (共享购)",
  titleZh: "共享购",
  schema,
  productFields: sharedPurchaseProductFields,
  columns: [
    { name: "shared_points_outstanding", unit: "points", decimals: 4, description: "issued (merchants' starting points and airdrops) − surrendered on sales" },
    { name: "shared_value_today", unit: "yuan", decimals: 2, description: "users' and merchants' shared value created today (the airdrop's denominator)" },
    { name: "airdrop", unit: "points", decimals: 4, description: "points airdropped today" },
    {
      name: "ctc_price",
      unit: "yuan per point",
      decimals: 4,
      description: "today's clearing price (empty: no trade)",
      sparkline: "CTC price",
      sparklineZh: "CTC成交价",
    },
    { name: "ctc_volume", unit: "points", decimals: 4, description: "points traded today" },
    { name: "ctc_unfilled_asks", unit: "points", decimals: 4, description: "points offered today and not sold" },
    { name: "merchants_active", unit: "merchants", decimals: 0, description: "merchants who have not left" },
    { name: "lost_sales", unit: "orders", decimals: 0, description: "sales lost today because the merchant lacked points (or none was left)" },
  ],
  collapseSchema,
  charts: [
    {
      id: "ctc",
      title: "CTC market",
      caption: "The points market: a falling clearing price, unsold asks and thin volume mean users cannot turn points into cash.",
      yUnit: "points",
      y2Unit: "yuan per point",
      series: [
        ["ctc_price", "clearing price (right axis)", "y2"],
        ["ctc_volume", "volume", "y"],
        ["ctc_unfilled_asks", "unfilled asks", "y"],
      ],
      zh: {
        title: "CTC积分市场",
        caption: "积分交易市场：成交价下跌、卖单无人接、成交量萎缩，说明用户已无法把积分变成现金。",
        yUnit: "积分",
        y2Unit: "元/积分",
        labels: { ctc_price: "成交价（右轴）", ctc_volume: "成交量", ctc_unfilled_asks: "未成交卖单" },
      },
    },
    {
      id: "merchants",
      title: "Merchants and lost sales",
      caption: "Merchants who cannot cover a sale's points lose it; after a run of lost sales they leave, and the market dies with them.",
      yUnit: "merchants",
      y2Unit: "sales per day",
      series: [
        ["merchants_active", "merchants", "y"],
        ["lost_sales", "lost sales (right axis)", "y2"],
      ],
      zh: {
        title: "商家与流失的销售",
        caption: "付不起一笔销售所需积分的商家会失去这笔销售；连续失去销售后商家离开，市场也随之消亡。",
        yUnit: "商家数",
        y2Unit: "每天销售笔数",
        labels: { merchants_active: "商家", lost_sales: "流失的销售（右轴）" },
      },
    },
  ],
  whatIf: [
    { key: "userMultiplier", label: "shared value per yuan spent (users)", labelZh: "每消费一元所得共享值（用户）", min: 0, max: 20, step: 0.5 },
    { key: "airdropPerDay", label: "points airdropped a day", labelZh: "每天空投的积分", min: 0, max: 10000, step: 10 },
    { key: "marketFeeRate", label: "CTC market fee", labelZh: "CTC市场手续费率", min: 0, max: 0.2, step: 0.005 },
  ],
  create,
};
