import { Type, type Static } from "@sinclair/typebox";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "../engine/users.js";
import { ConservationError } from "../engine/ledger.js";
import { MICRO, PU_PER_POINT, applyRate, formatFen, formatPu, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { closingBonusMicro, integer, money, probability, rate, record, schemeWindow } from "../scenario/fields.js";

/** Ad e-commerce points (广告电商积分), MODEL.md §4. */
const schema = record("Ad points: granted on orders, released into the change wallet a little each day the user watches the ad task.", {
  ...schemeWindow(),
  tiers: Type.Array(
    record("A release tier: from this balance up, the daily release is capped at dailyCap yuan.", {
      minBalance: rate({ unit: "points", description: "Lowest balance of the tier." }),
      dailyCap: money({ description: "Most yuan released per day in this tier." }),
    }),
    {
      minItems: 1,
      maxItems: 100,
      default: [
        { minBalance: 200, dailyCap: 2 },
        { minBalance: 1000, dailyCap: 10 },
        { minBalance: 2000, dailyCap: 20 },
        { minBalance: 4000, dailyCap: 40 },
      ],
      description: "Release tiers in ascending minBalance (seed 000). Below the lowest tier there is no ad task: the points are stranded.",
    },
  ),
  releaseRate: probability({ default: 0.01, unit: "per day", description: "Share of the balance released on a watched day, before the tier cap." }),
  yuanPerPoint: money({ default: 1, exclusiveMinimum: 0, description: "Yuan paid per released point." }),
  burnRate: rate({ default: 0, maximum: 100, description: "Extra points destroyed per released point." }),
  watchProbability: probability({ default: 0.9, unit: "per day", description: "Daily chance a user with a task watches (a segment's watchProbability overrides)." }),
  adsPerTask: integer({ default: 5, maximum: 10_000, unit: "views", description: "Ads viewed per daily task." }),
  ecpm: money({ default: 30, unit: "yuan per 1000 views", description: "Ad revenue per thousand views (rewarded video: tens of yuan)." }),
  referralShares: Type.Array(probability({ description: "Share of the downline's release." }), {
    default: [0.2, 0.1],
    maxItems: 10,
    description: "Release commissions: upline, grand-upline, ... earn these shares of a downline's daily release, paid by the platform.",
  }),
});
export type AdsConfig = Static<typeof schema>;

export const AD_POINTS = "ads.points";

function create(config: AdsConfig, state: SimState): SchemeInstance {
  const { ledger, today, scenario } = state;
  state.users.addColumn(AD_POINTS);
  const tiersMinPu = config.tiers.map((t) => Math.round(t.minBalance * PU_PER_POINT));
  const yuanPerPointFen = yuanToFen(config.yuanPerPoint);
  // A cap in yuan, expressed as the points that pay it.
  const tiersCapPu = config.tiers.map((t) => mulDivFloor(yuanToFen(t.dailyCap), PU_PER_POINT, yuanPerPointFen));
  const lowestPu = tiersMinPu[0] ?? 0;
  const releaseMicro = rateToMicro(config.releaseRate);
  const burnMicro = rateToMicro(config.burnRate);
  const sharesMicro = config.referralShares.map(rateToMicro);
  const ecpmFen = yuanToFen(config.ecpm);
  const watchBySegment = scenario.population.segments.map((s) => s.watchProbability ?? config.watchProbability);
  let issuedPu = 0;
  let burnedPu = 0;
  let releasedFenToday = 0;
  let watchersToday = 0;
  let revenueFenToday = 0;

  function release(): void {
    const { users, rng } = state;
    const points = users.column(AD_POINTS);
    const flags = users.flags;
    let releasedFen = 0;
    let releasedPu = 0;
    let extraBurnPu = 0;
    let commissionFen = 0;
    let watchers = 0;
    for (let id = 0; id < users.count; id++) {
      const balance = points[id] as number;
      if (balance < lowestPu || ((flags[id] as number) & FLAG_CHURNED) !== 0) continue;
      if (!rng.chance(watchBySegment[users.segment[id] as number] as number)) continue;
      watchers++;
      let tier = tiersMinPu.length - 1;
      while (tier > 0 && balance < (tiersMinPu[tier] as number)) tier--;
      const pu = Math.min(mulDivFloor(balance, releaseMicro, MICRO), tiersCapPu[tier] as number);
      const burn = Math.min(balance - pu, mulDivFloor(pu, burnMicro, MICRO));
      points[id] = balance - pu - burn;
      releasedPu += pu;
      extraBurnPu += burn;
      // Sub-fen dust of a release is burned with the points (rounding down).
      const fen = mulDivFloor(pu, yuanPerPointFen, PU_PER_POINT);
      if (fen === 0) continue;
      users.change[id] = (users.change[id] as number) + fen;
      releasedFen += fen;
      for (const listener of state.releaseListeners) listener(id, fen);
      let upline = users.referrer[id] as number;
      for (let level = 0; level < sharesMicro.length && upline >= 0; level++) {
        if (((flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
          const share = applyRate(fen, sharesMicro[level] as number);
          users.change[upline] = (users.change[upline] as number) + share;
          commissionFen += share;
        }
        upline = users.referrer[upline] as number;
      }
    }
    burnedPu += releasedPu + extraBurnPu;
    ledger.transfer("platform.equity", "users.change", releasedFen, "ad points release");
    ledger.transfer("platform.equity", "users.change", commissionFen, "release commission");
    today.commissionsFen += commissionFen;
    today.recruitingRewardsFen += commissionFen;
    today.releasesFen += releasedFen;
    today.userPayoutsFen += releasedFen + commissionFen;
    const views = watchers * config.adsPerTask;
    const revenueFen = mulDivFloor(mulDivFloor(views, ecpmFen, 1000), Math.round(state.shocks.adRevenueMultiplier * MICRO), MICRO);
    ledger.transfer("world", "platform.cash", revenueFen, "ad revenue");
    today.adRevenueFen += revenueFen;
    releasedFenToday = releasedFen;
    watchersToday = watchers;
    revenueFenToday = revenueFen;
  }

  function holdingsSum(): { total: number; stranded: number } {
    const { users } = state;
    const points = users.column(AD_POINTS);
    let total = 0;
    let stranded = 0;
    for (let id = 0; id < users.count; id++) {
      const balance = points[id] as number;
      total += balance;
      if (balance < lowestPu || ((users.flags[id] as number) & FLAG_CHURNED) !== 0) stranded += balance;
    }
    return { total, stranded };
  }

  return {
    onOrder(order: Order) {
      const ratioMicro = mulDivFloor(rateToMicro(order.product.adPointsRatio), closingBonusMicro(config, state.day), MICRO);
      const pu = mulDivFloor(order.priceFen, ratioMicro, 10_000);
      if (pu === 0) return;
      const points = state.users.column(AD_POINTS);
      points[order.user] = (points[order.user] as number) + pu;
      issuedPu += pu;
    },
    phases: { release },
    metrics(row) {
      const { stranded } = holdingsSum();
      row.ad_points_outstanding = formatPu(issuedPu - burnedPu);
      row.ad_points_stranded = formatPu(stranded);
      row.ad_released = formatFen(releasedFenToday);
      row.ad_watchers = String(watchersToday);
      row.ad_revenue = formatFen(revenueFenToday);
      releasedFenToday = 0;
      watchersToday = 0;
      revenueFenToday = 0;
    },
    liabilityFen() {
      return mulDivFloor(issuedPu - burnedPu, yuanPerPointFen, PU_PER_POINT);
    },
    checkInvariants(day) {
      const { total } = holdingsSum();
      if (total !== issuedPu - burnedPu) {
        throw new ConservationError(
          `day ${day}: ad points issued ${formatPu(issuedPu)} − burned ${formatPu(burnedPu)} = ${formatPu(issuedPu - burnedPu)}, but users hold ${formatPu(total)}`,
        );
      }
    },
  };
}

export const ads: SchemeModule<AdsConfig> = {
  key: "ads",
  title: "Ad points (广告电商)",
  schema,
  columns: ["ad_points_outstanding", "ad_points_stranded", "ad_released", "ad_watchers", "ad_revenue"],
  liabilityColumn: "liability_ad_points",
  create,
};
