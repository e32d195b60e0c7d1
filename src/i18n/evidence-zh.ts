import type { ComplianceTest } from "../engine/compliance.js";
import { yuanZh } from "../report/format-zh.js";

/**
 * The evidence of the legal tests in Chinese, built from the same facts as the English (each
 * test's `figures`, src/engine/compliance.ts), not translated from it. Money exact to the fen (it
 * is evidence); terms as docs/glossary.md words them. The English names a sub-organisation's
 * deepest chain user by user; the Chinese gives its size only (compliance.csv has the chain).
 */

const money = (yuan: number | null): string => yuanZh(Math.round((yuan ?? 0) * 100));
const num = (x: unknown): number => (typeof x === "number" ? x : 0);

/** A test's result in words ("第12天达到", "仅规模达标", "未达到"). */
export function testStatusZh(t: ComplianceTest | undefined): string {
  if (t === undefined) return "未运行";
  return t.met ? `第${t.firstDay}天达到` : t.status === "size only" ? "仅规模达标" : "未达到";
}

const LINES: Partial<Record<ComplianceTest["id"], string>> = {
  "pyramid-threshold": "30名参与传销活动人员、3个层级",
  "serious-participants": "120名参与传销活动人员、3个层级",
  "serious-amount": "3个层级、收取250万元",
};

function organisationEvidence(t: ComplianceTest, line: string): string {
  const f = t.figures;
  const scale = num(f.scale);
  const scaleText = scale === 1 ? "" : `（本次模拟按1:${scale}缩放：参与人数和金额乘以${scale}，层级按模拟值）`;
  const day = t.met ? `第${t.firstDay}天结束时` : t.status === "size only" ? `第${num(f.sizeDay)}天结束时` : "模拟结束时";
  const platform = `平台（其运营者为组织者，位于第1级）${day}有${num(f.participants)}名参与传销活动人员、${num(f.levels)}个层级，已收取新增资金${money(num(f.collected))}`;
  const sub =
    f.organiser === null
      ? num(f.largestParticipants) === 0
        ? "没有任何用户的下线组织达到该标准"
        : `没有任何用户的下线组织达到该标准；最大的下线组织有${num(f.largestParticipants)}名参与传销活动人员、${num(f.largestLevels)}个层级`
      : `最先达到该标准的下线组织：用户${num(f.organiser)}的下线组织，第${num(f.organiserDay)}天结束时有${num(f.organiserParticipants)}名参与传销活动人员、${num(f.organiserLevels)}个层级，收取${money(num(f.organiserCollected))}`;
  if (t.met) return `${platform}，超过${line}，且自第${num(f.recruitingRewardsDay)}天起已支付或承诺发展下线的奖励${scaleText}；${sub}`;
  if (t.status === "size only")
    return `仅规模达标：${platform}，超过${line}，但没有任何奖励直接或间接取决于拉人头：这是推荐关系树，不是刑法第二百二十四条之一所称的传销组织${scaleText}；${sub}`;
  return `${platform}：未达到${line}的标准${scaleText}；${sub}`;
}

/** A legal test's evidence in Chinese (`tests`: the run's others, which the entry-fee test reads). */
export function complianceEvidenceZh(t: ComplianceTest, tests: readonly ComplianceTest[]): string {
  const f = t.figures;
  const line = LINES[t.id];
  if (line !== undefined) return organisationEvidence(t, line);
  const met = (id: ComplianceTest["id"]) => tests.find((x) => x.id === id)?.met ?? false;
  switch (t.id) {
    case "recruit-pay":
      return t.met ? `为发展的人员加入或购买，已支付或承诺${money(num(f.recruitPay))}` : "没有任何奖励取决于拉人头";
    case "team-pay":
      return t.met ? `按下线的订单和活动，已支付或承诺${money(num(f.teamPay))}` : "没有按下线销售业绩或活动计算的报酬";
    case "entry-fee": {
      if (!t.met) return "没有加入费用，也没有需以购买解锁的发展下线奖励";
      const parts = [
        num(f.franchiseFees) > 0 ? `为成为代理或会员缴纳入门费${money(num(f.franchiseFees))}（加盟费或会员费）` : null,
        met("recruit-pay") || met("team-pay") ? `发展下线的奖励只付给已下单的用户：首笔订单就是解锁奖励的入门费（${num(f.participants)}名用户下过单）` : null,
      ];
      return parts.filter((x) => x !== null).join("；");
    }
    case "direct-selling-cap": {
      const pay = money(num(f.pay));
      const sales = money(num(f.directSales));
      if (!t.met) return num(f.pay) === 0 ? "没有发展下线的报酬" : `发展下线的报酬${pay}，未超过直接邀请用户销售额（${sales}）的30%，仅一级`;
      const depth = num(f.deepestChain);
      const share = f.share === null ? "没有此类销售" : `${(num(f.share) * 100).toFixed(1)}%`;
      return `${depth >= 2 ? `奖励沿推荐关系树向上达到${depth}级（团队计酬）；` : ""}发展下线的报酬${pay}，对比直接邀请用户的销售额${sales}（${share}）；按人计，${num(f.usersOverCap)}名用户的收入超过其直接发展人员投入的30%`;
    }
    default:
      return t.evidence;
  }
}
