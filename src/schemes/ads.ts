import { Type, type Static } from "@sinclair/typebox";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "../engine/users.js";
import { ConservationError } from "../engine/ledger.js";
import { Random } from "../engine/random.js";
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
  const tiersMinPu = Float64Array.from(config.tiers, (t) => Math.round(t.minBalance * PU_PER_POINT));
  const yuanPerPointFen = yuanToFen(config.yuanPerPoint);
  // A cap in yuan, expressed as the points that pay it.
  const tiersCapPu = Float64Array.from(config.tiers, (t) => mulDivFloor(yuanToFen(t.dailyCap), PU_PER_POINT, yuanPerPointFen));
  const lowestPu = tiersMinPu[0] ?? 0;
  const releaseMicro = rateToMicro(config.releaseRate);
  const burnMicro = rateToMicro(config.burnRate);
  const sharesMicro = config.referralShares.map(rateToMicro);
  const ecpmFen = yuanToFen(config.ecpm);
  const canChurn = scenario.population.segments.some((s) => s.churnRate > 0);
  const watchThreshold = Float64Array.from(scenario.population.segments, (s) => Random.threshold(s.watchProbability ?? config.watchProbability));
  let issuedPu = 0;
  let burnedPu = 0;
  let releasedFenToday = 0;
  let watchersToday = 0;
  let revenueFenToday = 0;

  // Totals of the day's release, filled block by block: released fen, released points,
  // extra burned points, commission fen, watchers. A typed array, because closure variables
  // that outgrow small integers made V8 deoptimise the block function over and over.
  // Also: points held and stranded after the release (all users are visited).
  const totals = new Float64Array(7);
  const SAFE = Number.MAX_SAFE_INTEGER;
  const topTier = tiersMinPu.length - 1;

  /**
   * Releases for users [from, to). The hot loop: the generator's words live in locals (the
   * same sfc32 steps as Random.nextUint32, so the draws are identical), products use the
   * exact integer fast path when they stay below 2^53, and the rest falls back to BigInt.
   */
  function releaseBlock(from: number, to: number, points: Float64Array): void {
    const { users, rng } = state;
    const { flags, change, referrer, segment } = users;
    const words = rng.s;
    const listeners = state.releaseListeners;
    const hasListeners = listeners.length > 0;
    const levels = sharesMicro.length;
    // Everything the loop reads, in locals: closure variables are slower to reach.
    const lowest = lowestPu;
    const thresholds = watchThreshold;
    // One segment (the usual case): one threshold, no per-user segment lookup.
    const single = thresholds.length === 1 ? (thresholds[0] as number) : -1;
    // Only users who can leave need their flags read.
    const churn = canChurn;
    const mins = tiersMinPu;
    const caps = tiersCapPu;
    const rate = releaseMicro;
    const burnRate = burnMicro;
    const ypp = yuanPerPointFen;
    const top = topTier;
    let fenSum = 0;
    let puSum = 0;
    let burnSum = 0;
    let commissionSum = 0;
    let watching = 0;
    let heldSum = 0;
    let strandedSum = 0;
    let a = words[0] as number;
    let b = words[1] as number;
    let c = words[2] as number;
    let d = words[3] as number;
    for (let id = from; id < to; id++) {
      const balance = points[id] as number;
      if (balance < lowest || (churn && ((flags[id] as number) & FLAG_CHURNED) !== 0)) {
        heldSum += balance;
        strandedSum += balance;
        continue;
      }
      const threshold = single >= 0 ? single : (thresholds[segment[id] as number] as number);
      if (threshold === 0) {
        heldSum += balance;
        continue;
      }
      if (threshold !== 4294967296) {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        if (t >>> 0 >= threshold) {
          heldSum += balance;
          continue;
        }
      }
      watching++;
      let tier = top;
      while (tier > 0 && balance < (mins[tier] as number)) tier--;
      const product = balance * rate;
      const share = product <= SAFE ? Math.floor(product / MICRO) : mulDivFloor(balance, rate, MICRO);
      const cap = caps[tier] as number;
      const pu = share < cap ? share : cap;
      const burn = burnRate === 0 ? 0 : Math.min(balance - pu, mulDivFloor(pu, burnRate, MICRO));
      points[id] = balance - pu - burn;
      heldSum += balance - pu - burn;
      puSum += pu;
      burnSum += burn;
      // Sub-fen dust of a release is burned with the points (rounding down).
      const fenProduct = pu * ypp;
      const fen = fenProduct <= SAFE ? Math.floor(fenProduct / PU_PER_POINT) : mulDivFloor(pu, ypp, PU_PER_POINT);
      if (fen === 0) continue;
      change[id] = (change[id] as number) + fen;
      fenSum += fen;
      if (hasListeners) {
        // A listener may draw from the generator: hand it the current words and take them back.
        words[0] = a;
        words[1] = b;
        words[2] = c;
        words[3] = d;
        for (let l = 0; l < listeners.length; l++) (listeners[l] as (user: number, fen: number) => void)(id, fen);
        a = words[0] as number;
        b = words[1] as number;
        c = words[2] as number;
        d = words[3] as number;
      }
      let upline = referrer[id] as number;
      for (let level = 0; level < levels && upline >= 0; level++) {
        if (((flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
          const commission = applyRate(fen, sharesMicro[level] as number);
          change[upline] = (change[upline] as number) + commission;
          commissionSum += commission;
        }
        upline = referrer[upline] as number;
      }
    }
    words[0] = a;
    words[1] = b;
    words[2] = c;
    words[3] = d;
    totals[0] = (totals[0] as number) + fenSum;
    totals[1] = (totals[1] as number) + puSum;
    totals[2] = (totals[2] as number) + burnSum;
    totals[3] = (totals[3] as number) + commissionSum;
    totals[4] = (totals[4] as number) + watching;
    totals[5] = (totals[5] as number) + heldSum;
    totals[6] = (totals[6] as number) + strandedSum;
  }

  function release(): void {
    const points = state.users.column(AD_POINTS);
    totals.fill(0);
    const count = state.users.count;
    for (let from = 0; from < count; from += 4096) releaseBlock(from, Math.min(count, from + 4096), points);
    const [releasedFen = 0, releasedPu = 0, extraBurnPu = 0, commissionFen = 0, watchers = 0, held = 0, stranded = 0] = totals;
    // The release visited every user, so its sums are the day's holdings, unless someone may
    // still leave in phase 10 (their points would turn stranded): then metrics sums again.
    if (!canChurn) {
      holdingsDay = state.day;
      holdings = { total: held, stranded };
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

  /** Held and stranded points, summed over users once per day (metrics and the invariant share it). */
  let holdingsDay = -1;
  let holdings = { total: 0, stranded: 0 };
  function holdingsSum(): { total: number; stranded: number } {
    if (holdingsDay === state.day) return holdings;
    holdingsDay = state.day;
    holdings = sumHoldings();
    return holdings;
  }

  function sumHoldings(): { total: number; stranded: number } {
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
