import type { ComplianceTest, EnglishTest } from "../engine/compliance-test.js";
import { yuanZh } from "../report/format-zh.js";

/**
 * The evidence of the legal tests in Chinese, built from the same facts as the English (each
 * test's `figures`, the journal's rewards by legal basis, the schemes' reward chains and the
 * deepest chain: src/engine/compliance.ts), not translated from it. Money exact to the fen (it
 * is evidence); terms as docs/glossary.md words them.
 */

/** What the evidence names beyond a test's figures, as the English names it. */
export interface EvidenceDetails {
  /** The rewards of a legal basis by flow, with each flow's Chinese name (book.ts `reasonZh`), in journal order. */
  journal(basis: "recruit-pay" | "team-pay"): readonly { reasonZh: string; fen: number }[];
  /** The running schemes' reward chains in Chinese (RewardChain.labelZh). */
  chainsZh: readonly string[];
  /** The deepest chain of the focus organisation at the end of the run, from its organiser down. */
  deepestChain: readonly { user: number; joinDay: number }[];
  /** The organisation the pyramid test names (the first over the line, else the largest). */
  focus: number | null;
}

const money = (yuan: number | null): string => yuanZh(Math.round((yuan ?? 0) * 100));
const num = (x: unknown): number => (typeof x === "number" ? x : 0);

/** A test's result in words ("第12天达到", "仅规模达标", "未达到"). */
export function testStatusZh(t: EnglishTest | undefined): string {
  if (t === undefined) return "未运行";
  return t.met ? `第${t.firstDay}天达到` : t.status === "size only" ? "仅规模达标" : "未达到";
}

const LINES: Partial<Record<ComplianceTest["id"], string>> = {
  "pyramid-threshold": "30名参与传销活动人员、3个层级",
  "serious-participants": "120名参与传销活动人员、3个层级",
  "serious-amount": "3个层级、收取250万元",
};

function organisationEvidence(t: EnglishTest, line: string, chain: string): string {
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
  if (t.met) return `${platform}，超过${line}，且自第${num(f.recruitingRewardsDay)}天起已支付或承诺发展下线的奖励${scaleText}；${sub}${chain}`;
  if (t.status === "size only")
    return `仅规模达标：${platform}，超过${line}，但没有任何奖励直接或间接取决于拉人头：这是推荐关系树，不是刑法第二百二十四条之一所称的传销组织${scaleText}；${sub}`;
  return `${platform}：未达到${line}的标准${scaleText}；${sub}`;
}

/** The journal's rewards of a basis, as the English lists them: "（资金流水：“释放佣金”5,281,986.21元）". */
function journalZh(details: EvidenceDetails, basis: "recruit-pay" | "team-pay"): string {
  const rows = details.journal(basis);
  return rows.length === 0 ? "" : `（资金流水：${rows.map((r) => `“${r.reasonZh}”${yuanZh(r.fen)}`).join("，")}）`;
}

/** A legal test's evidence in Chinese (`tests`: the run's others, which the entry-fee test reads). */
export function complianceEvidenceZh(t: EnglishTest, tests: readonly EnglishTest[], details: EvidenceDetails): string {
  const f = t.figures;
  const line = LINES[t.id];
  const chain =
    t.id === "pyramid-threshold" && details.deepestChain.length > 0
      ? `；模拟结束时用户${details.focus}的下线组织中最深的一条链：${details.deepestChain.map((u) => `用户${u.user}（第${u.joinDay}天加入）`).join(" → ")}`
      : "";
  if (line !== undefined) return organisationEvidence(t, line, chain);
  const met = (id: ComplianceTest["id"]) => tests.find((x) => x.id === id)?.met ?? false;
  switch (t.id) {
    case "recruit-pay":
      return t.met ? `为发展的人员加入或购买，已支付或承诺${money(num(f.recruitPay))}${journalZh(details, "recruit-pay")}` : "没有任何奖励取决于拉人头";
    case "team-pay":
      return t.met
        ? `按下线的订单和活动，已支付或承诺${money(num(f.teamPay))}${journalZh(details, "team-pay")}${details.chainsZh.length > 0 ? `；奖励链：${details.chainsZh.join("；")}` : ""}`
        : "没有按下线销售业绩或活动计算的报酬";
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
      if (!t.met) return num(f.pay) === 0 ? "没有发展下线的报酬" : `发展下线的报酬${pay}，未超过直接邀请用户销售额（${sales}）的30%，仅一个层级`;
      const depth = num(f.deepestChain);
      const share = f.share === null ? "没有此类销售" : `${(num(f.share) * 100).toFixed(1)}%`;
      return `${depth >= 2 ? `奖励沿推荐关系树向上达到${depth}个层级（团队计酬）；` : ""}发展下线的报酬${pay}，对比直接邀请用户的销售额${sales}（${share}）；按人计，${num(f.usersOverCap)}名用户的收入超过其直接发展人员投入的30%`;
    }
    default:
      return t.evidence;
  }
}
