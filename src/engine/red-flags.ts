import type { RedFlag } from "./outcomes.js";
import type { DayStats, SchemeCounter } from "./day-stats.js";
import { formatYuan } from "./units.js";
import type { ComplianceTest } from "./compliance.js";
import { yuanZh } from "../report/format-zh.js";
import { testStatusZh } from "../i18n/evidence-zh.js";
import type { RewardChain } from "./scheme-instance.js";

/** What the red-flag tests need from a run. Daily arrays are in fen, day 1 first. */
export interface FlagInputs {
  /** The day counters of the schemes in the run (earned revenue, rewards on own activity): the evidence names only these. */
  counters: readonly SchemeCounter[];
  /** Each running scheme's reward chain (SchemeInstance.rewardChain), in registry order. */
  rewardChains: readonly (RewardChain | null)[];
  sums: DayStats;
  dailyPayoutsFen: readonly number[];
  dailyEarnedFen: readonly number[];
  /** The run's legal tests (docs/compliance.md): the legal flags read them, so the two never disagree. */
  legal: readonly ComplianceTest[];
}

const yuan = (fen: number) => formatYuan(fen);

/**
 * The worst `window`-day stretch of payouts not covered by earned revenue: the share uncovered,
 * its first day and the payouts in it. Its own function (redFlags runs once per run and then
 * has no loop to compile), over typed copies: a plain array's element kind differs from run
 * to run (integers or doubles), which deoptimised the loop in a sweep worker at every run.
 */
function worstUncoveredWindow(
  dailyPayoutsFen: readonly number[],
  dailyEarnedFen: readonly number[],
  window: number,
): { share: number; start: number; payouts: number } {
  const paidByDay = Float64Array.from(dailyPayoutsFen);
  const earnedByDay = Float64Array.from(dailyEarnedFen);
  let worst = { share: 0, start: 0, payouts: 0 };
  for (let start = 0; window > 0 && start + window <= paidByDay.length; start++) {
    let payouts = 0;
    let uncovered = 0;
    for (let d = start; d < start + window; d++) {
      const p = paidByDay[d] as number;
      payouts += p;
      uncovered += Math.max(0, Math.min(p, p - (earnedByDay[d] ?? 0)));
    }
    const share = payouts === 0 ? 0 : uncovered / payouts;
    if (share > worst.share) worst = { share, start: start + 1, payouts };
  }
  return worst;
}

/**
 * The tests regulators apply to pyramid and Ponzi schemes (docs/model.md, collapse, who loses), each with the
 * evidence from the run (docs/indicators.md, "Red flags").
 */
export function redFlags({ counters, rewardChains, sums, dailyPayoutsFen, dailyEarnedFen, legal }: FlagInputs): RedFlag[] {
  const test = (id: ComplianceTest["id"]) => legal.find((t) => t.id === id);
  const status = (id: ComplianceTest["id"]) => {
    const t = test(id);
    return t === undefined ? `${id}: not run` : `${id}: ${t.met ? `MET on day ${t.firstDay}` : t.status}`;
  };
  const recruitPay = test("recruit-pay");
  const teamPay = test("team-pay");
  const entryFee = test("entry-fee");
  const chains = rewardChains.filter((c) => c !== null);
  const depths = chains.map((c) => c.label);
  const depthsZh = chains.map((c) => c.labelZh);
  const depth = Math.max(0, ...chains.map((c) => c.levels));

  const window = Math.min(30, dailyPayoutsFen.length);
  const worst = worstUncoveredWindow(dailyPayoutsFen, dailyEarnedFen, window);
  const total = (c: SchemeCounter) => sums.at(sums.slot(c.name));
  const earnedCounters = counters.filter((c) => c.role === "earned");
  const ownRewards = counters.filter((c) => c.role === "ownReward");
  const earned = earnedCounters.reduce((sum, c) => sum + total(c), sums.marginFen);
  const promised = ownRewards.reduce((sum, c) => sum + total(c), sums.recruitingRewardsFen);
  const ownRewardsText = ownRewards.length === 0 ? "" : ` (${ownRewards.map((c) => `${c.label}: ${yuan(total(c))}`).join("; ")})`;
  const earnedKinds = ["margin", ...earnedCounters.map((c) => c.short ?? c.label), "fees"].join(", ");
  const earnedText = ["order margin", ...earnedCounters.map((c) => c.label)].join(" and ");
  const promisedText = [...ownRewards.map((c) => c.short ?? c.label), "recruiting rewards"].join(" and ");
  // The same lists in Chinese, in docs/glossary.md's terms.
  const ownRewardsTextZh = ownRewards.length === 0 ? "" : `（${ownRewards.map((c) => `${c.labelZh}：${yuanZh(total(c))}`).join("；")}）`;
  const earnedKindsZh = ["毛利", ...earnedCounters.map((c) => c.shortZh ?? c.labelZh), "手续费"].join("、");
  const earnedTextZh = ["订单毛利", ...earnedCounters.map((c) => c.labelZh)].join("及");
  const promisedTextZh = [...ownRewards.map((c) => c.shortZh ?? c.labelZh), "发展下线的奖励"].join("及");
  return [
    {
      id: "commissionDepth",
      basis: "禁止传销条例 §7(3) and 立案追诉标准(二) §78 (3 levels); see compliance pyramid-threshold, team-pay",
      title: "Commissions three or more levels deep",
      raised: depth >= 3,
      evidence: depths.length === 0 ? "no multi-level rewards in the scenario" : `deepest chain ${depth} levels (${depths.join("; ")})`,
      evidenceZh: depths.length === 0 ? "情景中没有多层级奖励" : `最深的奖励链为${depth}个层级（${depthsZh.join("；")}）`,
    },
    {
      id: "recruitingRewards",
      basis: "禁止传销条例 §7(1) and §7(3); see compliance recruit-pay, team-pay",
      title: "Rewards that depend on recruiting",
      raised: (recruitPay?.met ?? false) || (teamPay?.met ?? false),
      evidence: `${yuan(sums.recruitingRewardsFen)} paid or promised as rewards for recruits and downlines' orders, releases or activity${ownRewardsText} (legal tests ${status("recruit-pay")}; ${status("team-pay")})`,
      evidenceZh: `作为发展下线以及下线的订单、释放或活动的奖励，已支付或承诺${yuanZh(sums.recruitingRewardsFen)}${ownRewardsTextZh}（法律检验：拉人头${testStatusZh(recruitPay)}；团队计酬${testStatusZh(teamPay)}）`,
    },
    {
      id: "entryFees",
      basis: "禁止传销条例 §7(2); see compliance entry-fee",
      title: "Entry fee: a fee, or a purchase that unlocks pay for recruiting",
      raised: entryFee?.met ?? false,
      evidence: `${entryFee?.evidence ?? "no entry fee test"} (legal test ${status("entry-fee")})`,
      evidenceZh: `${entryFee === undefined ? "未做入门费检验" : entryFee.evidenceZh}（法律检验：入门费${testStatusZh(entryFee)}）`,
    },
    {
      id: "payoutsFromNewMoney",
      basis: "economics: payouts that rest on new money (the mark of a Ponzi scheme; illegal fund-raising)",
      title: "More than half of payouts funded by new money over 30 days",
      raised: worst.share > 0.5,
      evidence:
        worst.payouts === 0
          ? "no withdrawals were paid"
          : `worst ${window}-day window from day ${worst.start}: ${(worst.share * 100).toFixed(1)}% of ${yuan(worst.payouts)} paid out was not covered by earned revenue (${earnedKinds})`,
      evidenceZh:
        worst.payouts === 0
          ? "没有支付过提现"
          : `最差的${window}天（自第${worst.start}天起）：已付出的${yuanZh(worst.payouts)}中，有${(worst.share * 100).toFixed(1)}%未被实际收入（${earnedKindsZh}）覆盖`,
    },
    {
      id: "promisesExceedRevenue",
      basis: "economics: promises beyond earned revenue",
      title: "Promised releases exceed the platform's real revenue",
      raised: promised > earned,
      evidence: `${promisedText} ${yuan(promised)} against ${earnedText} ${yuan(earned)}`,
      evidenceZh: `已承诺的${promisedTextZh}${yuanZh(promised)}，对比实际收入（${earnedTextZh}）${yuanZh(earned)}`,
    },
  ];
}
