import type { Lang } from "./lang.js";
import { REPORT_MESSAGES } from "./report-messages.js";

/**
 * Every sentence pointsim prints or writes for a person, in each language it speaks: a key, its
 * English and its Chinese template, with named parameters in braces. The English is what
 * pointsim printed before it spoke Chinese, byte for byte (the goldens and the CLI tests hold it
 * there). Money and counts arrive already formatted (src/i18n/format.ts), so a template never
 * formats a number itself. Chinese terms follow docs/glossary.md; test/i18n.test.ts fails when a
 * key lacks a language, when the two templates name different parameters, or when a Chinese
 * template words a glossary term differently.
 *
 * One parameter is English grammar only: `{plural}` ("s" or ""), which a Chinese template leaves
 * out (Chinese nouns have no plural); every other parameter appears in both.
 *
 * To add a message: add its key here with both templates, and print it with `say(lang, key, {...})`.
 * A scheme's own sentences (its signals' reasons, its key figures) live in its module, in both
 * languages, beside the English they mirror (docs/architecture.md, "Messages in two languages").
 */
export const MESSAGES = {
  ...REPORT_MESSAGES,
  // --- The verdict (src/engine/verdict.ts builds it from the summary's figures) ---
  "verdict.collapsed": { en: "Collapsed on day {day}: {reason}", "zh-CN": "第{day}天崩盘：{reason}" },
  "verdict.noCollapse": { en: "No collapse in {days} days", "zh-CN": "{days}天内未崩盘" },
  "verdict.stressedAtEnd": { en: ", but stressed at the end", "zh-CN": "，但期末承压" },
  "verdict.insolventFrom": { en: "; insolvent from day {day}", "zh-CN": "；自第{day}天起资不抵债" },
  "verdict.insolventBecause": { en: " ({reason})", "zh-CN": "（{reason}）" },
  "verdict.owedUnpayable": {
    en: "; the platform owes users {money} that a wind-up could not pay",
    "zh-CN": "；平台欠用户{money}，清算时无法兑付",
  },
  "verdict.sentenceEnd": { en: ".", "zh-CN": "。" },
  "verdict.sentenceJoin": { en: " ", "zh-CN": "" },
  "verdict.whoLoses": { en: "Counting {goods} and claims at what a wind-up would pay, {losing}", "zh-CN": "{goods}、债权按清算可兑付金额计，{losing}" },
  "verdict.cashAndFaceSame": { en: "; in cash alone and with claims at face value, {losing}", "zh-CN": "；仅按现金计或债权按面值计，{losing}" },
  "verdict.cashAlone": { en: "; in cash alone, {losing}", "zh-CN": "；仅按现金计，{losing}" },
  "verdict.faceValue": { en: "; with claims at face value, {losing}", "zh-CN": "；债权按面值计，{losing}" },
  "verdict.noUserPaidIn": { en: "No user paid in.", "zh-CN": "没有用户投入资金。" },
  "verdict.earliestTenth": { en: "The first 10% of entrants took {share} of all gains.", "zh-CN": "最早加入的10%用户拿走了全部收益的{share}。" },
  "verdict.losing.nobodyPaid": { en: "no user paid in", "zh-CN": "没有用户投入资金" },
  "verdict.losing.none": { en: "no paying user is out of pocket", "zh-CN": "没有付费用户亏损" },
  "verdict.losing.some": {
    en: "{share} of paying users are out of pocket ({money} in total)",
    "zh-CN": "{share}的付费用户亏损（合计{money}）",
  },
  "verdict.goods.none": { en: "goods at cost", "zh-CN": "商品按成本计" },
  "verdict.goods.stated": { en: "goods at their stated value", "zh-CN": "商品按标明的价值计" },
  "verdict.goods.cost": { en: "goods at cost", "zh-CN": "商品按成本计" },
  "verdict.goods.price": { en: "goods at their price (sold with no scheme attached)", "zh-CN": "商品按售价计（未附带任何模式销售）" },
  "verdict.goods.mixed": { en: "goods at {parts}", "zh-CN": "商品按{parts}计" },
  "verdict.goods.part.stated": { en: "their stated value where the scenario states it", "zh-CN": "情景标明的价值（有标明时）" },
  "verdict.goods.part.cost": { en: "cost where it funds one", "zh-CN": "成本（附带模式时）" },
  "verdict.goods.part.price": { en: "their price where a product funds no scheme", "zh-CN": "售价（未附带模式时）" },
  "verdict.after": {
    en: "In the {days} days the run went on after the collapse, {money} of new money came in{share} and {joiners}.",
    "zh-CN": "崩盘后模拟又运行了{days}天，其间流入新增资金{money}{share}，{joiners}。",
  },
  "verdict.after.share": { en: " ({share} of the run's)", "zh-CN": "（占全程的{share}）" },
  "verdict.after.nobodyJoined": { en: "nobody joined", "zh-CN": "没有新用户加入" },
  "verdict.after.joinedLosing": { en: "{joined} users joined, {losing} of whom lose {money}", "zh-CN": "{joined}名用户加入，其中{losing}人亏损{money}" },
  "verdict.after.joinedNoneLoses": { en: "{joined} users joined, none of whom loses", "zh-CN": "{joined}名用户加入，无人亏损" },
  "list.comma": { en: ", ", "zh-CN": "、" },

  // --- The engine's own failure signals (a scheme's live in its module) ---
  "signal.newMoney": {
    en: "new money fell below {share} of its peak for {days} days",
    "zh-CN": "新增资金连续{days}天低于峰值的{share}",
  },
  "signal.backlog": { en: "withdrawals unpaid for more than {days} days", "zh-CN": "提现逾期未付超过{days}天" },

  // --- The terminal summary (src/cli/terminal.ts) ---
  "terminal.collapsed": { en: "COLLAPSED on day {day}: {reason}", "zh-CN": "第{day}天崩盘：{reason}" },
  "terminal.stressed": { en: "stressed (no collapse)", "zh-CN": "承压（未崩盘）" },
  "terminal.noCollapse": { en: "no collapse", "zh-CN": "未崩盘" },
  "terminal.heading": { en: "{scenario} (seed {seed}, {days} days): {status}", "zh-CN": "{scenario}（种子 {seed}，{days}天）：{status}" },
  "terminal.notApplicable": { en: "n/a", "zh-CN": "无" },
  "terminal.losing": {
    en: "{share} of {paying} paying users (wind-up); {cash} in cash; {face} at face value",
    "zh-CN": "{paying}名付费用户中{share}亏损（清算口径）；现金口径{cash}；面值口径{face}",
  },
  "terminal.usersPeak": { en: "users (peak)", "zh-CN": "用户数（峰值）" },
  "terminal.newMoneyIn": { en: "new money in", "zh-CN": "新增资金" },
  "terminal.withdrawalsPaid": { en: "withdrawals paid", "zh-CN": "已付提现" },
  "terminal.withdrawalsPaidValue": { en: "{paid} of {asked} asked", "zh-CN": "{paid}（申请{asked}）" },
  "terminal.peakLiabilities": { en: "peak liabilities", "zh-CN": "负债峰值" },
  "terminal.onDay": { en: " (day {day})", "zh-CN": "（第{day}天）" },
  "terminal.platformResult": { en: "platform result", "zh-CN": "平台盈亏" },
  "terminal.usersLosing": { en: "users losing money", "zh-CN": "亏损用户" },
  "terminal.owedUnpayable": { en: "owed, unpayable", "zh-CN": "欠付且无法兑付" },
  "terminal.owedUnpayableNote": { en: " (what a wind-up at the end could not pay)", "zh-CN": "（期末清算时无法兑付的部分）" },
  "terminal.redFlag": { en: "red flag", "zh-CN": "风险信号" },
  "terminal.legalTests": { en: "legal tests", "zh-CN": "法律检验" },
  "terminal.legalTestsNone": { en: "none met (compliance.json)", "zh-CN": "均未达到（compliance.json）" },
  "terminal.legalTestsMet": { en: "legal tests met", "zh-CN": "已满足的法律检验" },
  "terminal.legalTestDay": { en: "{test}: day {day}", "zh-CN": "{test}：第{day}天" },
  "terminal.days": { en: "day 1 … {days}", "zh-CN": "第1天 … 第{days}天" },
  "terminal.outputs": { en: "outputs", "zh-CN": "输出" },
  "terminal.outputsValue": { en: "{folder} (open report.html)", "zh-CN": "{folder}（打开 report.html）" },
  "terminal.afterCollapse": { en: "after the collapse", "zh-CN": "崩盘之后" },
  "terminal.afterCollapseEnds": { en: "the run ends on the collapse day", "zh-CN": "模拟在崩盘当天结束" },
  "terminal.afterCollapseShare": { en: " ({share} of the run's)", "zh-CN": "（占全程的{share}）" },
  "terminal.afterCollapseMoney": { en: "{days} more days: {money} of new money came in{share}", "zh-CN": "此后又运行{days}天：流入新增资金{money}{share}" },
  "terminal.afterCollapseLosing": { en: "{count} of them lose {money}", "zh-CN": "其中{count}人亏损{money}" },
  "terminal.afterCollapseNoneLoses": { en: "none of them loses", "zh-CN": "其中无人亏损" },
  "terminal.afterCollapseUsers": {
    en: "{joined} users joined, {paying} paid {money}; {losing} (after-collapse.json)",
    "zh-CN": "{joined}名用户加入，{paying}人付款{money}；{losing}（after-collapse.json）",
  },
  "spark.users": { en: "users", "zh-CN": "用户数" },
  "spark.platformCash": { en: "platform cash", "zh-CN": "平台现金" },
  "spark.liabilities": { en: "liabilities", "zh-CN": "负债" },
  "spark.coverageRatio": { en: "coverage ratio", "zh-CN": "兑付覆盖率" },
  "spark.withdrawalBacklog": { en: "withdrawal backlog", "zh-CN": "提现积压" },
  "spark.confidence": { en: "confidence", "zh-CN": "信心指数" },

  // --- Defaults that shape the result and plausibility warnings (src/scenario/shaping-defaults.ts, plausibility.ts) ---
  "shaping.header": {
    en: "defaults that shape the result (not written in the scenario; write them to make them yours, docs/plausibility.md):",
    "zh-CN": "影响结果的默认值（情景中没有写明；写进情景即成为你自己的选择，见 docs/plausibility.md）：",
  },
  "punct.colon": { en: ": ", "zh-CN": "：" },
  "shaping.goodsValue": {
    en: "goods of {names} count in who loses at their cost when the product funds a scheme, at their price when it is a plain sale",
    "zh-CN": "计算谁亏损时，{names}的商品在附带模式时按成本计，在普通销售时按售价计",
  },
  "shaping.withdrawalMinimum": { en: "change below it, yuan, cannot be withdrawn", "zh-CN": "低于此金额（元）的零钱不能提现" },
  "plausibility.header": {
    en: "{source}: {count} plausibility warning{plural} (not errors; to accept one, list its path under acceptWarnings: docs/plausibility.md)",
    "zh-CN": "{source}：{count}条合理性警告（不是错误；要接受某条警告，请把它的路径列在 acceptWarnings 下，见 docs/plausibility.md）",
  },

  // --- Progress (cli-progress fills in the braces it knows: pass them back as themselves) ---
  "progress.run": { en: "simulating {bar} day {value}/{total} | ETA {eta}s", "zh-CN": "模拟中 {bar} 第{value}/{total}天 | 预计剩余{eta}秒" },

  // --- Problems with an input (src/errors.ts ScenarioError; src/scenario/validate.ts) ---
  "problem.header": { en: "{source}: {count} problem{plural}", "zh-CN": "{source}：{count}个问题" },
  "problem.line": { en: "{path}: expected {expected}, found {found}", "zh-CN": "{path}：应为{expected}，实际为{found}" },
  "problem.topLevel": { en: "(top level)", "zh-CN": "（顶层）" },
  "problem.knownKeyGuess": { en: 'a known key (did you mean "{guess}"?)', "zh-CN": "已知的键（是否想写“{guess}”？）" },
  "problem.knownKeys": { en: "one of the known keys: {known}", "zh-CN": "以下已知键之一：{known}" },
  "problem.unknownKey": { en: 'unknown key "{key}"', "zh-CN": "未知的键“{key}”" },
  "problem.required": { en: "a value (this key is required)", "zh-CN": "一个值（此键为必填）" },
  "problem.number": { en: "a number {comparison} {limit}", "zh-CN": "{comparison}{limit}的数" },
  "problem.decimals": { en: "a number with at most {decimals} decimals", "zh-CN": "最多{decimals}位小数的数" },
  "problem.oneOf": { en: "one of {options}", "zh-CN": "以下之一：{options}" },
  "problem.atLeastItems": { en: "at least {limit} item{plural}", "zh-CN": "至少{limit}项" },
  "problem.atMostItems": { en: "at most {limit} items", "zh-CN": "至多{limit}项" },
  "problem.pattern": { en: "text matching {pattern}", "zh-CN": "符合{pattern}的文本" },
  "problem.minLength": { en: "text of at least {limit} characters", "zh-CN": "至少{limit}个字符的文本" },
  "problem.maxLength": { en: "text of at most {limit} characters", "zh-CN": "至多{limit}个字符的文本" },
  "problem.or": { en: " or ", "zh-CN": "或" },
  "value.nothing": { en: "nothing", "zh-CN": "无" },
  "value.text": { en: "a text of {length} character{plural}", "zh-CN": "{length}个字符的文本" },
  "value.list": { en: "a list of {length} item{plural}", "zh-CN": "含{length}项的列表" },
  "value.mapping": { en: "a mapping", "zh-CN": "映射（键值表）" },
  "type.integer": { en: "a whole number", "zh-CN": "整数" },
  "type.object": { en: "a mapping", "zh-CN": "映射（键值表）" },
  "type.array": { en: "a list", "zh-CN": "列表" },
  "type.number": { en: "a number", "zh-CN": "数" },
  "type.string": { en: "a string", "zh-CN": "文本" },
  "type.boolean": { en: "a boolean", "zh-CN": "布尔值（true 或 false）" },

  // --- Gates (src/gates/gates.ts) and verify (src/cli/verify.ts) ---
  "gate.uncheckable": { en: '{run}: {kind} "{gate}" could not be checked: {error}', "zh-CN": "{run}：{kind}“{gate}”无法检查：{error}" },
  "gate.assertionFailed": { en: "{run}: assertion failed: {gate}{values}", "zh-CN": "{run}：断言不成立：{gate}{values}" },
  "gate.failIfMatched": { en: "{run}: --fail-if matched: {gate}{values}", "zh-CN": "{run}：--fail-if 条件成立：{gate}{values}" },
  "gate.kind.assertion": { en: "assertion", "zh-CN": "断言" },
  "gate.kind.failIf": { en: "fail-if", "zh-CN": "fail-if 条件" },
  "verify.ok": { en: "{dir}: verified, {count} files identical ({files})", "zh-CN": "{dir}：已核验，{count}个文件完全一致（{files}）" },
  "verify.notOk": { en: "{dir}: NOT verified, {count} difference{plural}", "zh-CN": "{dir}：核验未通过，{count}处不同" },
  "verify.warning": { en: "pointsim verify: warning: {warning}", "zh-CN": "pointsim verify：警告：{warning}" },
  "validate.ok": { en: '{file}: valid scenario "{name}" ({days} days, seed {seed})', "zh-CN": "{file}：有效的情景“{name}”（{days}天，种子 {seed}）" },

  // --- sweep's terminal (src/cli/commands.ts, src/cli/sweep-table.ts) ---
  "sweep.done": {
    en: "{name}: {done} of {total} runs done, {failed} failed; {out} (runs.csv, runs.parquet, points.csv, report.html)",
    "zh-CN": "{name}：{total}次运行已完成{done}次，失败{failed}次；{out}（runs.csv、runs.parquet、points.csv、report.html）",
  },
  "sweep.table.note": {
    en: "collapse day: a run that did not collapse counts as its last day + 1; losing: share of paying users losing (wind-up)",
    "zh-CN": "崩盘日：未崩盘的运行按其最后一天加1计；亏损：亏损的付费用户占比（清算口径）",
  },
  "sweep.table.point": { en: "point", "zh-CN": "参数点" },
  "sweep.table.runs": { en: "runs", "zh-CN": "运行次数" },
  "sweep.table.collapsed": { en: "collapsed", "zh-CN": "崩盘比例" },
  "sweep.table.collapseDay": { en: "collapse day P50 [P5, P95]", "zh-CN": "崩盘日 P50 [P5, P95]" },
  "sweep.table.losing": { en: "losing P50", "zh-CN": "亏损 P50" },
  "sweep.table.more": { en: "  ... {count} more points in points.csv", "zh-CN": "  …… 另有{count}个参数点见 points.csv" },
  "sweep.table.sobol": { en: "total Sobol index ST", "zh-CN": "Sobol 总效应指数 ST" },
  "sweep.table.morris": { en: "Morris mu*", "zh-CN": "Morris 指数 mu*" },
  "sweep.table.largest": {
    en: "largest {name} per metric, with its bootstrap interval (sensitivity.csv has them all)",
    "zh-CN": "每个指标最大的{name}及其自助法区间（全部见 sensitivity.csv）",
  },
  "sweep.table.metric": { en: "metric", "zh-CN": "指标" },
  "sweep.table.parameter": { en: "parameter", "zh-CN": "参数" },
  "sweep.table.interval": { en: "{lead} [low, high]", "zh-CN": "{lead} [下限, 上限]" },
  "sweep.table.flag": { en: "flag", "zh-CN": "标记" },

  // --- compare (src/cli/compare.ts) ---
  "compare.changed": { en: "changed", "zh-CN": "有变化" },
  "compare.scenarioDifferences": { en: "scenario differences", "zh-CN": "情景差异" },
  "compare.noDifference": { en: "  (none: same resolved scenario)", "zh-CN": "  （无：解析后的情景相同）" },
  "compare.keyIndicators": { en: "key indicators", "zh-CN": "关键指标" },
  "compare.redFlagsRaised": { en: "red flags raised", "zh-CN": "触发的预警信号" },

  // --- explain (src/cli/explain.ts; each scheme's own lines are its module's) ---
  "explain.heading": {
    en: "{scenario}: what one order promises, against what the platform earns from it",
    "zh-CN": "{scenario}：一笔订单承诺了什么，对比平台从中赚到多少",
  },
  "explain.order": { en: "{product}: a {price} order", "zh-CN": "{product}：一笔{price}的订单" },
  "explain.split": {
    en: "  split: cost {cost}, platform margin {margin}, distribution {distribution}, contribution {contribution}",
    "zh-CN": "  拆分：成本{cost}，平台毛利{margin}，分销预算{distribution}，贡献{contribution}",
  },
  "explain.goods": { en: "  goods: counted at {value} in who loses ({why})", "zh-CN": "  商品：计算谁亏损时按{value}计（{why}）" },
  "explain.goods.stated": { en: "the scenario's goodsValue", "zh-CN": "情景中的 goodsValue" },
  "explain.goods.cost": { en: "its cost: it funds {funds}", "zh-CN": "按成本：它为{funds}提供资金" },
  "explain.goods.price": { en: "its price: it funds no scheme, a plain sale", "zh-CN": "按售价：不为任何模式提供资金，是普通销售" },
  "explain.changes": {
    en: "rules that change during the run (the figures above are day 1's rules):",
    "zh-CN": "模拟期间会变更的规则（以上数字按第1天的规则计算）：",
  },
  "explain.change": { en: "  day {day}: {key} becomes {value}", "zh-CN": "  第{day}天：{key} 变为 {value}" },
  "explain.responses": {
    en: "behaviour that responds to drivers (from the next day, on top of confidence):",
    "zh-CN": "随驱动因素变化的用户行为（从次日起生效，叠加在信心指数之上）：",
  },
  "explain.promisesMore": { en: "promises MORE than it earns", "zh-CN": "承诺多于收入" },
  "explain.earnsEnough": { en: "earns at least what it promises", "zh-CN": "收入不少于承诺" },
  "explain.balance": {
    en: "  => promised to users {promised} (releases, commissions, refunds, dividends) against earned {earned} (margin, unused distribution, kept contribution, revenue such as ads): {verdict}",
    "zh-CN": "  => 向用户承诺{promised}（释放、佣金、返还、分红），对比收入{earned}（毛利、未用完的分销预算、留存的贡献、广告等收入）：{verdict}",
  },

  // --- The regulator's tests (src/engine/compliance.ts; docs/compliance.md names the statutes) ---
  "legal.pyramidThresholdDay": { en: "pyramid threshold (30 participants, 3 levels)", "zh-CN": "传销立案标准（30名参与传销活动人员、3个层级）" },
  "legal.seriousParticipantsDay": { en: "serious: 120 participants", "zh-CN": "情节严重：120名参与传销活动人员" },
  "legal.seriousAmountDay": { en: "serious: ¥2,500,000 collected", "zh-CN": "情节严重：收取250万元" },
  "legal.recruitPayDay": { en: "pay for recruiting (拉人头)", "zh-CN": "拉人头（按发展人员数量计酬）" },
  "legal.entryFeeDay": { en: "fee to join (入门费)", "zh-CN": "入门费" },
  "legal.teamPayDay": { en: "pay on downline sales (团队计酬)", "zh-CN": "团队计酬（按下线销售业绩计酬）" },
  "legal.directSellingCapDay": { en: "over the direct-selling pay cap", "zh-CN": "超过直销报酬上限（30%）" },
  "statute.criminalLaw224": {
    en: "Criminal Law art. 224-1 (organising or leading pyramid-selling activities)",
    "zh-CN": "《中华人民共和国刑法》第二百二十四条之一（组织、领导传销活动罪）",
  },
  "statute.prosecutionStandards78": {
    en: "Provisions on the Standards for Filing Criminal Cases under the Jurisdiction of Public Security Organs (II), art. 78",
    "zh-CN": "最高人民检察院、公安部《关于公安机关管辖的刑事案件立案追诉标准的规定（二）》第七十八条",
  },
  "statute.opinion2013": {
    en: "Opinions on Several Issues concerning the Application of Law in Handling Criminal Cases of Organising or Leading Pyramid-Selling Activities (2013)",
    "zh-CN": "最高人民法院、最高人民检察院、公安部《关于办理组织领导传销活动刑事案件适用法律若干问题的意见》（2013年）",
  },
  "statute.prohibition7": { en: "Regulations on Prohibition of Pyramid Selling, art. 7", "zh-CN": "《禁止传销条例》第七条" },
  "statute.directSelling24": { en: "Regulations on Administration of Direct Selling, art. 24", "zh-CN": "《直销管理条例》第二十四条" },

  // --- Each legal test's rule with its statutes' full titles (compliance.json's basisZh in a zh-CN run) ---
  "legalBasis.pyramid-threshold": {
    en: "{criminalLaw}; {standards}: at least 30 participants in at least 3 levels, counting the organiser and the organiser's own level",
    "zh-CN": "{criminalLaw}；{standards}：参与传销活动人员30人以上且层级在3级以上（含组织者及其所在层级）",
  },
  "legalBasis.serious-participants": {
    en: "{criminalLaw}; {opinion}: serious circumstances, at least 120 participants",
    "zh-CN": "{criminalLaw}；{opinion}：情节严重，参与传销活动人员累计120人以上",
  },
  "legalBasis.serious-amount": {
    en: "{criminalLaw}; {opinion}: serious circumstances, at least 2,500,000 yuan collected from the organisation's participants",
    "zh-CN": "{criminalLaw}；{opinion}：情节严重，直接或者间接收取参与传销活动人员缴纳的传销资金数额累计250万元以上",
  },
  "legalBasis.recruit-pay": {
    en: "{prohibition} (1) (拉人头): pay computed on the number of people recruited, directly or indirectly",
    "zh-CN": "{prohibition}第（一）项（拉人头）：以直接或者间接发展的人员数量为依据计算和给付报酬",
  },
  "legalBasis.entry-fee": {
    en: "{prohibition} (2) (入门费): a fee, or a purchase standing for one, required to join or to earn from recruiting",
    "zh-CN": "{prohibition}第（二）项（入门费）：交纳费用或者以认购商品等方式变相交纳费用，取得加入或者发展其他人员加入的资格",
  },
  "legalBasis.team-pay": {
    en: "{prohibition} (3) (团队计酬): pay to an upline computed on a downline's sales or activity",
    "zh-CN": "{prohibition}第（三）项（团队计酬）：以下线的销售业绩为依据计算和给付上线报酬",
  },
  "legalBasis.direct-selling-cap": {
    en: "{directSelling}: a direct seller's pay only on their own direct sales, at most 30% of them, and no team-based pay",
    "zh-CN": "{directSelling}：直销员的报酬只能按其本人直接向消费者销售产品的收入计算，总额不得超过其销售收入的30%，不得团队计酬",
  },

  // --- Red flags (src/engine/red-flags.ts), by id ---
  "redFlag.commissionDepth": { en: "Commissions three or more levels deep", "zh-CN": "三级及以上的多层级佣金" },
  "redFlag.recruitingRewards": { en: "Rewards that depend on recruiting", "zh-CN": "奖励取决于拉人头" },
  "redFlag.entryFees": { en: "Entry fee: a fee, or a purchase that unlocks pay for recruiting", "zh-CN": "入门费：缴费，或以购买换取拉人头计酬资格" },
  "redFlag.payoutsFromNewMoney": { en: "More than half of payouts funded by new money over 30 days", "zh-CN": "30天内过半兑付来自新增资金" },
  "redFlag.promisesExceedRevenue": { en: "Promised releases exceed the platform's real revenue", "zh-CN": "承诺的释放超过平台的真实收入" },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** The names in braces in a template: "day {day}: {reason}" → "day" | "reason" (`plural`: English only). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message needs, named as its English template names them (its Chinese names the same, by test). */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof MESSAGES)[K]["en"]>, string | number>;

/** A message in a language, its parameters filled in. */
export function say<K extends MessageKey>(
  lang: Lang,
  key: K,
  ...params: Placeholders<(typeof MESSAGES)[K]["en"]> extends never ? [] : [MessageParams<K>]
): string {
  const template: string = MESSAGES[key][lang];
  const values = (params[0] ?? {}) as Record<string, string | number>;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
