import type { ExplainSchedule } from "../engine/scheme.js";
import { applyRate, formatYuan, rateToMicro, yuanToFen } from "../engine/units.js";
import { yuanZh } from "../report/format-zh.js";
/** What the schedule reads of a membership tier (membership.ts's tier schema; named here, not imported, so the two files stay out of a cycle). */
interface TierConfig {
  name: string;
  fee: number;
  feePeriod: "once" | "yearly";
  takeUp: number;
  minOwnSpend: number;
  minTeamSize: number;
  minDirectRecruits: number;
  minDirectsAtTier: { count: number; tier: number };
  canEarn: boolean;
  feeCommissions: readonly number[];
  operator: boolean;
  override: number;
  feeOverride: number;
  appointedOn: readonly number[];
}

interface MembershipConfig {
  teamDepth: number;
  tiers: readonly TierConfig[];
}

/** A tier's conditions in words (besides its fee), or "" when it has none. */
function conditions(t: TierConfig, depth: number): { en: string[]; zh: string[] } {
  const en: string[] = [];
  const zh: string[] = [];
  if (t.minOwnSpend > 0) {
    en.push(`own orders ${formatYuan(yuanToFen(t.minOwnSpend))}`);
    zh.push(`本人消费${yuanZh(yuanToFen(t.minOwnSpend))}`);
  }
  if (t.minDirectRecruits > 0) {
    en.push(`${t.minDirectRecruits} direct recruits`);
    zh.push(`直推${t.minDirectRecruits}人`);
  }
  if (t.minDirectsAtTier.count > 0) {
    en.push(`${t.minDirectsAtTier.count} directs at tier ≥ ${t.minDirectsAtTier.tier}`);
    zh.push(`直推中${t.minDirectsAtTier.count}人达到第${t.minDirectsAtTier.tier}级及以上`);
  }
  if (t.minTeamSize > 0) {
    en.push(`a team of ${t.minTeamSize} (${depth} levels)`);
    zh.push(`团队${t.minTeamSize}人（${depth}层内）`);
  }
  if (t.appointedOn.length > 0) {
    en.push(`or appointed on arrival (day${t.appointedOn.length === 1 ? "" : "s"} ${t.appointedOn.join(", ")})`);
    zh.push(`或于到达时任命（第${t.appointedOn.join("、")}天）`);
  }
  return { en, zh };
}

/**
 * The membership's schedule (docs/model.md, "Membership tiers and operators"): per tier, its fee,
 * the fee commissions it pays up the chain by level, the most the nearest operator above takes
 * of it (feeOverride), what the platform keeps of the fee, the conditions, and an operator
 * tier's overrides. Exact, with the run's rounding (each share floored to the fen).
 */
export function membershipSchedule(config: MembershipConfig): ExplainSchedule {
  const details: Record<string, number> = {};
  const lines: string[] = [];
  const linesZh: string[] = [];
  const feeOverride = Math.max(0, ...config.tiers.filter((t) => t.operator).map((t) => t.feeOverride));
  config.tiers.forEach((t, i) => {
    const k = i + 1;
    const feeFen = yuanToFen(t.fee);
    const commissions = t.feeCommissions.map((share) => applyRate(feeFen, rateToMicro(share)));
    const commissionsFen = commissions.reduce((sum, fen) => sum + fen, 0);
    const overrideFen = applyRate(feeFen, rateToMicro(feeOverride));
    const keptFen = feeFen - commissionsFen - overrideFen;
    details[`tier${k}FeeFen`] = feeFen;
    details[`tier${k}FeeCommissionsFen`] = commissionsFen;
    details[`tier${k}FeeOverrideFen`] = overrideFen;
    details[`tier${k}KeptFen`] = keptFen;
    const when = conditions(t, config.teamDepth);
    const yearly = t.feePeriod === "yearly";
    const fee =
      feeFen === 0
        ? { en: "no fee", zh: "无会费" }
        : {
            en: `fee ${formatYuan(feeFen)}${yearly ? " a year" : " once"} (new money, an entry fee)${t.takeUp < 1 ? `, taken up by ${Number((t.takeUp * 100).toFixed(4))}%` : ""}`,
            zh: `会费${yuanZh(feeFen)}${yearly ? "/年" : "（一次性）"}（新入资金，入门费）${t.takeUp < 1 ? `，${Number((t.takeUp * 100).toFixed(4))}%的人缴纳` : ""}`,
          };
    const paid: string[] = [];
    const paidZh: string[] = [];
    if (commissionsFen > 0) {
      paid.push(`${commissions.map(formatYuan).join(" + ")} to ${commissions.length} upline level${commissions.length === 1 ? "" : "s"}`);
      paidZh.push(`${commissions.map(yuanZh).join(" + ")}分给${commissions.length}级上线`);
    }
    if (overrideFen > 0) {
      paid.push(`up to ${formatYuan(overrideFen)} to the nearest operator above`);
      paidZh.push(`上方最近的运营商最多得${yuanZh(overrideFen)}`);
    }
    const kept = feeFen > 0 ? { en: `; the platform keeps ${formatYuan(keptFen)}`, zh: `；平台留存${yuanZh(keptFen)}` } : { en: "", zh: "" };
    lines.push(
      `membership: tier ${k} ${t.name}: ${fee.en}${when.en.length > 0 ? `; needs ${when.en.join(", ")}` : ""}${paid.length > 0 ? `; pays ${paid.join(", ")}` : ""}${kept.en}${t.canEarn ? "" : "; holders earn nothing of the membership"}`,
    );
    linesZh.push(
      `会员：第${k}级 ${t.name}：${fee.zh}${when.zh.length > 0 ? `；条件：${when.zh.join("，")}` : ""}${paidZh.length > 0 ? `；${paidZh.join("，")}` : ""}${kept.zh}${t.canEarn ? "" : "；持有者不获得会员奖励"}`,
    );
    if (t.operator && (t.override > 0 || t.feeOverride > 0)) {
      const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;
      const on = [t.override > 0 ? `${pct(t.override)} of every order` : "", t.feeOverride > 0 ? `${pct(t.feeOverride)} of every membership fee` : ""];
      const onZh = [t.override > 0 ? `每笔订单的${pct(t.override)}` : "", t.feeOverride > 0 ? `每笔会费的${pct(t.feeOverride)}` : ""];
      lines.push(`            operators earn ${on.filter((x) => x !== "").join(" and ")} below them, at any depth, down to the next operator`);
      linesZh.push(`            运营商获得其下方（直到下一个运营商为止）${onZh.filter((x) => x !== "").join("和")}`);
    }
  });
  return { details, lines, linesZh };
}
