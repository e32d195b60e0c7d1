import type { Scenario } from "../scenario/types.js";
import { releaseOnce, type AdsConfig } from "../schemes/ads.js";
import type { ValueAddedConfig } from "../schemes/value-added.js";
import type { PurchaseCommissionConfig } from "../schemes/purchase-commission.js";
import type { DividendQueueConfig } from "../schemes/dividend-queue.js";
import type { SharedPurchaseConfig } from "../schemes/shared-purchase.js";
import { PU_PER_POINT, applyRate, formatFen, formatPu, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";

/** What one order of a product promises, against what the platform earns from it. Money in fen. */
export interface ProductExplanation {
  product: string;
  priceFen: number;
  split: { costFen: number; marginFen: number; distributionFen: number; contributionFen: number };
  ads: { points: number; releasedFen: number; releaseDays: number; strandedPoints: number; releaseCommissionsFen: number; adRevenueFen: number } | null;
  valueAdded: { grantFen: number; poolFen: number } | null;
  purchaseCommissionsFen: number;
  queue: { refundFen: number; rewardFen: number } | null;
  shared: { userValue: number; merchantValue: number; merchantPoints: number } | null;
  promisedFen: number;
  earnedFen: number;
}

/**
 * The ad-point schedule of one grant for a user who watches every day (docs/model.md, ad points): days of
 * release until the balance drops below the lowest tier (or a 100-year horizon), yuan
 * released, and the points left stranded. Exact, using the engine's rounding.
 */
export function adSchedule(pointsPu: number, config: AdsConfig): { releasedFen: number; days: number; strandedPu: number } {
  const tiersMin = config.tiers.map((t) => Math.round(t.minBalance * PU_PER_POINT));
  const ypp = yuanToFen(config.yuanPerPoint);
  const caps = config.tiers.map((t) => yuanToFen(t.dailyCap));
  const rate = rateToMicro(config.releaseRate);
  const burn = rateToMicro(config.burnRate);
  let balance = pointsPu;
  let released = 0;
  let days = 0;
  while (balance >= (tiersMin[0] ?? 0) && days < 36_500) {
    let tier = tiersMin.length - 1;
    while (tier > 0 && balance < (tiersMin[tier] as number)) tier--;
    const step = releaseOnce(balance, rate, caps[tier] as number, ypp, burn);
    if (step.fen === 0) break;
    balance -= step.pu + step.burnPu;
    released += step.fen;
    days++;
  }
  return { releasedFen: released, days, strandedPu: balance };
}

export function explainScenario(scenario: Scenario): ProductExplanation[] {
  const schemes = scenario.schemes as {
    ads?: AdsConfig;
    valueAdded?: ValueAddedConfig;
    purchaseCommission?: PurchaseCommissionConfig;
    dividendQueue?: DividendQueueConfig;
    sharedPurchase?: SharedPurchaseConfig;
  };
  const on = <T extends { enabled: boolean }>(c: T | undefined): T | null => (c && c.enabled ? c : null);
  const ads = on(schemes.ads);
  const va = on(schemes.valueAdded);
  const pc = on(schemes.purchaseCommission);
  const queue = on(schemes.dividendQueue);
  const shared = on(schemes.sharedPurchase);
  return scenario.products.map((p) => {
    const priceFen = yuanToFen(p.price);
    const costFen = yuanToFen(p.cost);
    const marginFen = yuanToFen(p.platformMargin);
    const distributionFen = yuanToFen(p.distribution);
    const contributionFen = priceFen - costFen - marginFen - distributionFen;
    let adPart: ProductExplanation["ads"] = null;
    if (ads && p.adPointsRatio > 0) {
      const points = mulDivFloor(priceFen, rateToMicro(p.adPointsRatio), 10_000);
      const schedule = adSchedule(points, ads);
      const commissions = ads.referralShares.reduce((sum, share) => sum + applyRate(schedule.releasedFen, rateToMicro(share)), 0);
      const revenue = mulDivFloor(schedule.days * ads.adsPerTask, yuanToFen(ads.ecpm), 1000);
      adPart = { points, releasedFen: schedule.releasedFen, releaseDays: schedule.days, strandedPoints: schedule.strandedPu, releaseCommissionsFen: commissions, adRevenueFen: revenue };
    }
    const vaPart = va && p.valueAddedEligible && contributionFen > 0 ? { grantFen: applyRate(contributionFen, rateToMicro(va.grantRatio)), poolFen: contributionFen } : null;
    let commissionsFen = 0;
    if (pc) {
      let budget = distributionFen;
      for (const level of pc.levels) {
        const fen = Math.min(applyRate(priceFen, rateToMicro(level)), budget);
        budget -= fen;
        commissionsFen += fen;
      }
    }
    const queuePart = queue && p.dividendEligible ? { refundFen: applyRate(priceFen, rateToMicro(queue.refundMultiple)), rewardFen: applyRate(priceFen, rateToMicro(queue.rewardRatio)) } : null;
    let sharedPart: ProductExplanation["shared"] = null;
    if (shared && p.merchantConcession > 0) {
      const concession = applyRate(priceFen, rateToMicro(p.merchantConcession));
      sharedPart = {
        userValue: applyRate(concession, rateToMicro(shared.userMultiplier)),
        merchantValue: applyRate(concession, rateToMicro(shared.merchantMultiplier)),
        merchantPoints: mulDivFloor(concession, rateToMicro(shared.pointsPerConcessionYuan), 10_000),
      };
    }
    const promisedFen = (adPart ? adPart.releasedFen + adPart.releaseCommissionsFen : 0) + commissionsFen + (queuePart?.refundFen ?? 0);
    const keptContribution = vaPart ? 0 : Math.max(0, contributionFen);
    const earnedFen = marginFen + (distributionFen - commissionsFen) + keptContribution + (adPart?.adRevenueFen ?? 0);
    return {
      product: p.id,
      priceFen,
      split: { costFen, marginFen, distributionFen, contributionFen },
      ads: adPart,
      valueAdded: vaPart,
      purchaseCommissionsFen: commissionsFen,
      queue: queuePart,
      shared: sharedPart,
      promisedFen,
      earnedFen,
    };
  });
}

const y = (fen: number) => `¥${formatFen(fen)}`;

export function formatExplanation(scenario: Scenario, items: readonly ProductExplanation[]): string {
  const lines = [`${scenario.name}: what one order promises, against what the platform earns from it`, ""];
  for (const e of items) {
    lines.push(`${e.product}: a ${y(e.priceFen)} order`);
    lines.push(`  split: cost ${y(e.split.costFen)}, platform margin ${y(e.split.marginFen)}, distribution ${y(e.split.distributionFen)}, contribution ${y(e.split.contributionFen)}`);
    if (e.ads) {
      lines.push(`  ad points: ${formatPu(e.ads.points)} granted; watching every day releases ${y(e.ads.releasedFen)} over ${e.ads.releaseDays} days (${(e.ads.releaseDays / 365).toFixed(1)} years), then ${formatPu(e.ads.strandedPoints)} points stay stranded below the lowest tier`);
      lines.push(`             uplines earn ${y(e.ads.releaseCommissionsFen)} of release commissions; the ads watched in those days earn the platform ${y(e.ads.adRevenueFen)}`);
    }
    if (e.valueAdded) lines.push(`  value-added: ${y(e.valueAdded.grantFen)} of points granted at the current price; the ${y(e.valueAdded.poolFen)} contribution goes into the support pool`);
    if (e.purchaseCommissionsFen > 0) lines.push(`  purchase commissions: up to ${y(e.purchaseCommissionsFen)} to uplines`);
    if (e.queue) lines.push(`  free-order queue: a refund of ${y(e.queue.refundFen)} when its turn comes; ${y(e.queue.rewardFen)} of this order goes to the pool`);
    if (e.shared) lines.push(`  shared purchase: ${formatFen(e.shared.userValue)} shared value to the buyer, ${formatFen(e.shared.merchantValue)} to the merchant, who surrenders ${formatPu(e.shared.merchantPoints)} points`);
    const verdict = e.promisedFen > e.earnedFen ? "promises MORE than it earns" : "earns at least what it promises";
    lines.push(`  => promised to users ${y(e.promisedFen)} (releases, commissions, refunds) against earned ${y(e.earnedFen)} (margin, unused distribution, kept contribution, ads): ${verdict}`);
    lines.push("");
  }
  return `${lines.join("\n")}`;
}
