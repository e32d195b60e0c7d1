import { groupedNumber } from "../i18n/grouping.js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { numericSeries } from "../engine/columns.js";
import { PYRAMID_LEVELS, PYRAMID_PARTICIPANTS, SERIOUS_PARTICIPANTS } from "../engine/compliance.js";
import type { RunResult } from "../engine/engine.js";
import { cohortTableHtml } from "./cohort-table.js";
import type { Scenario } from "../scenario/types.js";
import type { ChartSpec } from "../engine/scheme.js";
import { VERSION } from "../version.js";
import type { AfterCollapse } from "../engine/after-collapse.js";
import { formatYuan } from "../engine/units.js";
import { verdictSentence } from "../engine/verdict.js";
import { plausibilityWarnings, type PlausibilityWarning } from "../scenario/plausibility.js";
import { runLang, type Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { legalBasis } from "../i18n/compliance-file.js";
import { figures as figuresIn, fenOf, percent } from "../i18n/format.js";

/** The engine's own charts; each scheme adds its own (SchemeModule.charts). */
const CORE_CHARTS: ChartSpec[] = [
  {
    id: "cash-liabilities",
    title: "Cash against liabilities",
    caption:
      "What the platform holds (cash, pools) against what it owes (change, pending withdrawals, and what each scheme promises): when the lines cross, it cannot pay everyone.",
    yUnit: "yuan",
    // The running schemes' pools and liabilities are added by chartsFor.
    series: [
      ["platform_cash", "platform cash", "y"],
      ["liabilities", "liabilities", "y"],
      ["liability_change", "change owed", "y"],
    ],
    zh: {
      title: "现金与负债",
      caption: "平台持有的资金（现金、资金池）对比平台所欠的款项（零钱、待付提现及各模式的承诺）：两条线交叉时，平台已无法兑付所有人。",
      yUnit: "元",
      labels: { platform_cash: "平台现金", liabilities: "负债", liability_change: "应付零钱" },
    },
  },
  {
    id: "coverage",
    title: "Coverage ratio and confidence",
    caption: "Coverage below 1 means cash and pools no longer cover what is owed; confidence falls with unpaid withdrawals and a stalling price.",
    yUnit: "ratio",
    y2Unit: "confidence (0 to 1)",
    series: [
      ["coverage_ratio", "coverage (cash + pools) / liabilities", "y"],
      ["confidence", "confidence (right axis)", "y2"],
    ],
    zh: {
      title: "兑付覆盖率与信心指数",
      caption: "兑付覆盖率低于1，表示现金和资金池已不足以覆盖所欠款项；提现未付和价格停滞会使信心指数下降。",
      yUnit: "比率",
      y2Unit: "信心指数（0到1）",
      labels: { coverage_ratio: "兑付覆盖率（现金 + 资金池）/ 负债", confidence: "信心指数（右轴）" },
    },
  },
  {
    id: "users",
    title: "Users",
    caption: "Users who joined, those still active, and each day's arrivals: the scheme lives on the last line.",
    yUnit: "users",
    y2Unit: "users per day",
    series: [
      ["users_total", "users", "y"],
      ["users_active", "active", "y"],
      ["users_new", "new today (right axis)", "y2"],
    ],
    zh: {
      title: "用户",
      caption: "累计加入的用户、仍然活跃的用户和每天新加入的用户：模式靠最后这条线维持。",
      yUnit: "用户数",
      y2Unit: "每天用户数",
      labels: { users_total: "用户数", users_active: "活跃用户", users_new: "当天新增（右轴）" },
    },
  },
  {
    id: "money-flows",
    title: "Daily money flows",
    caption: "New money coming in against what the platform earns and what it credits to users: payouts above earnings are paid from newcomers.",
    yUnit: "yuan per day",
    series: [
      ["new_money_in", "new money in", "y"],
      ["earned_revenue", "earned revenue", "y"],
      ["user_payouts", "credited to users", "y"],
      ["commissions_paid", "commissions", "y"],
    ],
    zh: {
      title: "每日资金流",
      caption: "流入的新增资金，对比平台赚到的收入和记给用户的款项：记给用户的超过收入的部分，靠新加入的用户支付。",
      yUnit: "元/天",
      labels: { new_money_in: "新增资金", earned_revenue: "实际收入", user_payouts: "记给用户", commissions_paid: "佣金" },
    },
  },
  {
    id: "withdrawals",
    title: "Withdrawals and backlog",
    caption: "Withdrawals asked and paid each day, and the due withdrawals left unpaid: a backlog that keeps growing is insolvency.",
    yUnit: "yuan per day",
    y2Unit: "yuan",
    series: [
      ["withdrawals_requested", "requested", "y"],
      ["withdrawals_paid", "paid", "y"],
      ["withdrawal_backlog", "backlog, due and unpaid (right axis)", "y2"],
    ],
    zh: {
      title: "提现与积压",
      caption: "每天申请和实付的提现，以及到期未付的提现：积压不断增长，就是资不抵债。",
      yUnit: "元/天",
      y2Unit: "元",
      labels: { withdrawals_requested: "申请提现", withdrawals_paid: "实付提现", withdrawal_backlog: "积压（到期未付，右轴）" },
    },
  },
  {
    id: "new-money-share",
    title: "Share of payouts funded by new money",
    caption: "The share of each day's withdrawals that earned revenue does not cover: above 0.5 for long is how regulators recognise a Ponzi.",
    yUnit: "share (0 to 1)",
    series: [["payouts_new_money_share", "share not covered by earned revenue", "y"]],
    zh: {
      title: "靠新增资金兑付的比例",
      caption: "每天的提现中实际收入无法覆盖的比例：长期高于0.5，正是监管机关识别庞氏骗局的标志。",
      yUnit: "比例（0到1）",
      labels: { payouts_new_money_share: "实际收入未覆盖的比例" },
    },
  },
];

/** A day to mark on every chart: the collapse, a shock, a rule change, a scheme starting or ending. */
interface ChartEvent {
  day: number;
  label: string;
  kind: "collapse" | "shock" | "change" | "scheme";
}

/** The run's events, in day order. */
function chartEvents(result: RunResult, scenario: Scenario, lang: Lang): ChartEvent[] {
  const events: ChartEvent[] = [];
  const collapse = result.summary.collapse;
  const zh = lang === "zh-CN";
  if (collapse !== null)
    events.push({
      day: collapse.day,
      label: say(lang, "report.event.collapse", { reason: zh ? (collapse.reasonZh ?? collapse.reason) : collapse.reason }),
      kind: "collapse",
    });
  for (const shock of scenario.shocks)
    events.push({
      day: shock.day,
      label: say(lang, "report.event.shock", { shock: `${shock.type}${"value" in shock && shock.value !== undefined ? ` ${shock.value}` : ""}` }),
      kind: "shock",
    });
  for (const change of scenario.changes ?? [])
    events.push({ day: change.day, label: say(lang, "report.event.change", { key: change.key, value: JSON.stringify(change.value) }), kind: "change" });
  for (const scheme of result.schemes) {
    const title = zh ? scheme.titleZh : scheme.title;
    if (scheme.startDay > 1) events.push({ day: scheme.startDay, label: say(lang, "report.event.starts", { scheme: title }), kind: "scheme" });
    if (scheme.endDay !== null && scheme.endDay < scenario.days)
      events.push({ day: scheme.endDay, label: say(lang, "report.event.ends", { scheme: title }), kind: "scheme" });
  }
  return events.filter((e) => e.day <= result.values.length).sort((a, b) => a.day - b.day);
}

let chartJsSource: string | null = null;

/** Chart.js's UMD build, read from the installed package: the report needs no network. */
export function chartJs(): string {
  if (chartJsSource === null) {
    const require = createRequire(import.meta.url);
    // The package's exports hide dist/; its UMD build sits beside the CommonJS entry.
    chartJsSource = readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8");
  }
  return chartJsSource;
}

export { embed, escapeHtml } from "./html-parts.js";
import { embed, escapeHtml } from "./html-parts.js";
import { WHAT_IF_STYLE, runWhatIfData, whatIfPanel, whatIfScript } from "./what-if.js";
import { CJK_FAMILY, CJK_FONT_FACE_SLOT, withCjkFont } from "./font-subset.js";

/** The charts this run can draw: core ones, then each running scheme's. */
function chartsFor(result: RunResult, lang: Lang): ChartSpec[] {
  // Cash against liabilities: the platform's cash and each running scheme's pools, then the
  // liabilities and each running scheme's own.
  const [cashChart, ...rest] = CORE_CHARTS as [ChartSpec, ...ChartSpec[]];
  const [cash, total, change] = cashChart.series as [ChartSpec["series"][number], ChartSpec["series"][number], ChartSpec["series"][number]];
  const pools = result.schemes.flatMap((s) => s.poolColumns.map(([column, label]): ChartSpec["series"][number] => [column, label, "y"]));
  const owed = result.schemes.flatMap((s): ChartSpec["series"][number][] =>
    s.liabilityColumn ? [[s.liabilityColumn, say("en", "report.schemeOwed", { scheme: s.title }), "y"]] : [],
  );
  // The Chinese labels of the series the running schemes add to the first chart.
  const added = Object.fromEntries(
    result.schemes.flatMap((s) => [
      ...Object.entries(s.poolLabelsZh),
      ...(s.liabilityColumn ? [[s.liabilityColumn, say("zh-CN", "report.schemeOwed", { scheme: s.titleZh })]] : []),
    ]),
  );
  const first: ChartSpec = {
    ...cashChart,
    series: [cash, ...pools, total, change, ...owed],
    ...(cashChart.zh ? { zh: { ...cashChart.zh, labels: { ...cashChart.zh.labels, ...added } } } : {}),
  };
  const specs = [first, ...rest, ...result.schemes.flatMap((s) => s.charts)].map((spec) => inLanguage(spec, lang));
  const hasData = (column: string) => result.values.some((day) => day[column] !== undefined && day[column] !== null && day[column] !== "");
  return specs.map((spec) => ({ ...spec, series: spec.series.filter(([column]) => hasData(column)) })).filter((spec) => spec.series.length > 0);
}

/** A chart's words in a language: a zh-CN run's from the spec's `zh`, each missing one left in English. */
function inLanguage(spec: ChartSpec, lang: Lang): ChartSpec {
  if (lang === "en" || spec.zh === undefined) return spec;
  const zh = spec.zh;
  return {
    id: spec.id,
    title: zh.title,
    caption: zh.caption,
    yUnit: zh.yUnit,
    ...(spec.y2Unit !== undefined ? { y2Unit: zh.y2Unit ?? spec.y2Unit } : {}),
    series: spec.series.map(([column, label, axis]) => [column, zh.labels[column] ?? label, axis]),
  };
}

/** The growth of the organisation the legal tests look at, against the thresholds (null: no organisation). */
function complianceChart(result: RunResult, lang: Lang): { spec: ChartSpec; series: Record<string, (number | null)[]> } | null {
  const { growth } = result.compliance;
  if (growth.organiser === null || growth.days.length === 0) return null;
  const days = growth.days;
  return {
    spec: {
      id: "compliance",
      title: say(lang, "report.organisationTitle", { user: growth.organiser }),
      caption: say(lang, "report.organisationCaption", { participants: PYRAMID_PARTICIPANTS, levels: PYRAMID_LEVELS, serious: SERIOUS_PARTICIPANTS }),
      yUnit: say(lang, "report.participants"),
      y2Unit: say(lang, "report.levels"),
      series: [
        ["compliance_participants", say(lang, "report.participants"), "y"],
        ["compliance_line_participants", say(lang, "report.participantsLine", { count: PYRAMID_PARTICIPANTS }), "y"],
        ["compliance_line_serious", say(lang, "report.participantsLine", { count: SERIOUS_PARTICIPANTS }), "y"],
        ["compliance_levels", say(lang, "report.levelsRight"), "y2"],
        ["compliance_line_levels", say(lang, "report.levelsLineRight", { count: PYRAMID_LEVELS }), "y2"],
      ],
    },
    series: {
      compliance_participants: days.map((d) => d.participants),
      compliance_levels: days.map((d) => d.levels),
      compliance_line_participants: days.map(() => PYRAMID_PARTICIPANTS),
      compliance_line_serious: days.map(() => SERIOUS_PARTICIPANTS),
      compliance_line_levels: days.map(() => PYRAMID_LEVELS),
    },
  };
}

/** The names of the legal tests in Chinese (the terminal's). */
const TEST_NAMES_ZH = {
  "pyramid-threshold": "legal.pyramidThresholdDay",
  "serious-participants": "legal.seriousParticipantsDay",
  "serious-amount": "legal.seriousAmountDay",
  "recruit-pay": "legal.recruitPayDay",
  "entry-fee": "legal.entryFeeDay",
  "team-pay": "legal.teamPayDay",
  "direct-selling-cap": "legal.directSellingCapDay",
} as const;

/** A legal test's id in words: "pyramid-threshold" → "Pyramid threshold" (in Chinese, its name). */
function testName(id: keyof typeof TEST_NAMES_ZH, lang: Lang): string {
  if (lang === "zh-CN") return say(lang, TEST_NAMES_ZH[id]);
  const words = id.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What came in after the collapse day, in one paragraph (after-collapse.json has the figures). */
function afterCollapseHtml(after: AfterCollapse | null, lang: Lang): string {
  if (after === null) return "";
  const f = figuresIn(lang);
  const yuan = (n: number) => (lang === "en" ? formatYuan(Math.round(n * 100)) : f.money(fenOf(n)));
  const count = (n: number) => (lang === "en" ? groupedNumber(n) : String(n));
  if (after.daysAfter === 0) return `<p id="after-collapse">${say(lang, "report.afterEnds")}</p>\n`;
  const share = after.newMoneyShare === null ? "" : say(lang, "report.afterShare", { share: percent(after.newMoneyShare) });
  const text = say(lang, "report.after", {
    day: after.collapseDay,
    days: after.daysAfter,
    money: yuan(after.newMoneyIn),
    share,
    joined: count(after.usersJoined),
    paying: count(after.payingUsers),
    paid: yuan(after.moneyIn),
    losing: count(after.usersLosing),
    loss: yuan(after.totalLoss),
  });
  return `<p id="after-collapse">${text}</p>\n`;
}

/** The plausibility warnings the run was made with (docs/plausibility.md). */
function warningsHtml(warnings: readonly PlausibilityWarning[], lang: Lang): string {
  if (warnings.length === 0) return "";
  return `<div class="warn" id="warnings"><b>${say(lang, "report.warnings")}</b>${say(lang, "report.warningsNote")}<ul>${warnings.map((w) => `<li><code>${escapeHtml(w.path)}</code> = ${escapeHtml(String(w.value))}: ${escapeHtml(lang === "en" ? w.message : (w.messageZh ?? w.message))}</li>`).join("")}</ul></div>\n`;
}

/**
 * report.html: one self-contained file (Chart.js inlined, data embedded) with the summary,
 * red flags, charts, cohort outcomes and the resolved scenario. No time stamp, so it is
 * byte-identical for the same run. Its Chinese text is set in an embedded subset of a CJK font
 * (src/report/font-subset.ts), so it reads the same on a machine with no CJK font.
 */
export function reportHtml(result: RunResult, scenario: Scenario): string {
  const s = result.summary;
  const lang = runLang(scenario);
  const zh = lang === "zh-CN";
  const charts = chartsFor(result, lang);
  const columns = [...new Set(charts.flatMap((c) => c.series.map(([column]) => column)))];
  const legal = complianceChart(result, lang);
  const data = {
    days: result.values.map((day) => day.day as number),
    series: { ...Object.fromEntries(columns.map((c) => [c, numericSeries(result.specs, result.values, c)])), ...(legal?.series ?? {}) },
    charts: [...charts, ...(legal ? [legal.spec] : [])].map((c) => ({ id: c.id, series: c.series, yUnit: c.yUnit, y2Unit: c.y2Unit ?? null })),
    events: chartEvents(result, scenario, lang),
    cohorts: result.outcomes.map((o) => ({
      cohort: o.cohort,
      mean: o.windUp.meanResultFen / 100,
      median: o.windUp.medianResultFen / 100,
      losing: o.payingUsers === 0 ? null : o.windUp.losing / o.payingUsers,
    })),
  };
  const reason = (signal: { reason: string; reasonZh?: string }) => (zh ? (signal.reasonZh ?? signal.reason) : signal.reason);
  const status =
    s.collapse !== null
      ? say(lang, "report.collapsed", { day: s.collapse.day, reason: reason(s.collapse) })
      : s.finalStatus === "stressed"
        ? say(lang, "report.stressed")
        : say(lang, "report.noCollapse");
  const statusClass = s.collapseDay !== null ? "bad" : s.finalStatus === "stressed" ? "warn" : "good";
  const money = (n: number) =>
    zh ? figuresIn(lang).money(fenOf(n)) : `${n < 0 ? "-" : ""}¥${groupedNumber(Math.abs(n), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const na = say(lang, "report.notApplicable");
  const share = (x: number | null) => (x === null ? na : say(lang, "report.shareOf", { share: percent(x), paying: s.payingUsers }));
  const keyFigures = zh ? (s.keyFiguresZh ?? s.keyFigures) : s.keyFigures.map(([k, v]): [string, string] => [k[0]?.toUpperCase() + k.slice(1), v]);
  const figures: [string, string][] = [
    [say(lang, "report.fig.peakUsers"), String(s.peakUsers)],
    [say(lang, "report.fig.newMoneyIn"), money(s.totalNewMoneyIn)],
    [say(lang, "report.fig.withdrawals"), `${money(s.totalWithdrawalsPaid)} / ${money(s.totalWithdrawalsRequested)}`],
    [
      say(lang, "report.fig.peakLiabilities"),
      `${money(s.peakLiabilities)}${s.peakLiabilitiesDay === null ? "" : say(lang, "report.onDay", { day: s.peakLiabilitiesDay })}`,
    ],
    [say(lang, "report.fig.platformResult"), money(s.platformResult)],
    [say(lang, "report.fig.losingWindUp"), share(s.usersLosingShare)],
    [say(lang, "report.fig.losingCash"), share(s.usersLosingShareCash)],
    [say(lang, "report.fig.losingFace"), share(s.usersLosingShareFaceValue)],
    [say(lang, "report.fig.owedUnpayable"), money(s.owedUnpayable)],
    ...keyFigures,
    [say(lang, "report.fig.earliestTenth"), s.earliestTenthShareOfGains === null ? na : percent(s.earliestTenthShareOfGains)],
    [
      say(lang, "report.fig.lastCohortAhead"),
      s.lastCohortAhead === null
        ? say(lang, "report.none")
        : say(lang, "report.fig.cohortJoined", { cohort: s.lastCohortAhead.cohort, first: s.lastCohortAhead.firstDay, last: s.lastCohortAhead.lastDay }),
    ],
  ];
  const outcomeTable = cohortTableHtml(result.outcomes, lang);
  /** A string for the page script, as a JavaScript literal. */
  const js = (text: string) => JSON.stringify(text);
  const [collapseBefore, collapseAfter] = say(lang, "report.js.collapseDay", { day: "{day}" }).split("{day}") as [string, string];
  const collapseLabel = `${js(collapseBefore)} + e.day${collapseAfter === "" ? "" : ` + ${js(collapseAfter)}`}`;
  const kindName = { insolvency: "report.kind.insolvency", mechanism: "report.kind.mechanism", "business stopped": "report.kind.businessStopped" } as const;
  return withCjkFont(`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(say(lang, "report.title", { scenario: s.scenario, seed: String(s.seed) }))}</title>
<style>
${CJK_FONT_FACE_SLOT}
body { font: 14px/1.45 "${CJK_FAMILY}", system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1d2330; }
h1 { font-size: 22px; margin: 8px 0 2px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde; padding-bottom: 4px; }
.verdict { font-size: 15px; max-width: 900px; }
.caption { color: #555; font-size: 12px; margin: 2px 0 6px; }
#outcomes { display: block; overflow-x: auto; }
.status { display: inline-block; padding: 3px 10px; border-radius: 12px; font-weight: 600; }
.good { background: #e3f5e6; color: #1b6b2a; } .warn { background: #fff3d6; color: #7a5200; } .bad { background: #fde4e4; color: #9b1c1c; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px; margin-top: 12px; }
.figure { background: #f5f6fa; border-radius: 6px; padding: 8px 10px; } .figure b { display: block; font-size: 16px; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #dde; padding: 3px 7px; text-align: right; } th { background: #f5f6fa; }
.flags td, .flags th { text-align: left; vertical-align: top; }
#outcomes { font-size: 12px; } #outcomes th { text-align: center; vertical-align: bottom; font-weight: 600; } #outcomes td { white-space: nowrap; } #outcomes td, #outcomes th { padding: 3px 5px; } .raised { color: #9b1c1c; font-weight: 600; } .clear { color: #1b6b2a; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 18px; }
.chart { background: #fff; border: 1px solid #e4e6ef; border-radius: 6px; padding: 10px; } .chart h3 { margin: 0 0 4px; font-size: 14px; } .chart p { margin: 0 0 6px; color: #555; font-size: 12px; }
.chart canvas { width: 100% !important; height: 280px !important; }
input, button { font-family: inherit; }
pre { font-family: "${CJK_FAMILY}", monospace; background: #f5f6fa; padding: 10px; overflow: auto; font-size: 12px; max-height: 480px; }
footer { margin: 32px 0 8px; color: #777; font-size: 12px; }
${WHAT_IF_STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(s.scenario)}</h1>
<p>${escapeHtml(scenario.description)}</p>
<p><span class="status ${statusClass}" id="status">${escapeHtml(status)}</span>${escapeHtml(say(lang, "report.seedDays", { seed: String(s.seed), days: s.daysSimulated }))}</p>
<p class="verdict" id="verdict">${escapeHtml(zh ? verdictSentence(s, lang) : s.verdict)}</p>
${afterCollapseHtml(result.afterCollapse, lang)}${warningsHtml(plausibilityWarnings(scenario, result.schemes), lang)}<div class="figures">${figures.map(([k, v]) => `<div class="figure">${escapeHtml(k)}<b>${escapeHtml(v)}</b></div>`).join("")}</div>
${whatIfPanel(
  runWhatIfData(
    scenario,
    result,
    Object.keys(data.series).filter((c) => !c.startsWith("compliance_")),
    lang,
  ),
  say(lang, "whatIf.runIntro"),
  "",
  lang,
)}
<h2>${say(lang, "report.signals")}</h2>
<p class="caption">${say(lang, "report.signalsCaption")}</p>
<table class="flags" id="signals">${say(lang, "report.signalsHead")}
${s.signals.map((x) => `<tr><td>${escapeHtml(x.signal)}</td><td>${escapeHtml(zh ? say(lang, kindName[x.kind]) : x.kind)}</td><td class="${x.firstDay === null ? "clear" : "raised"}">${x.firstDay === null ? say(lang, "report.never") : say(lang, "report.day", { day: x.firstDay })}</td><td>${escapeHtml(reason(x))}</td></tr>`).join("\n")}
</table>
<h2>${say(lang, "report.redFlags")}</h2>
<table class="flags" id="red-flags">${say(lang, "report.redFlagsHead")}
${s.redFlags.map((f) => `<tr><td>${escapeHtml(zh ? say(lang, `redFlag.${f.id}` as "redFlag.entryFees") : f.title)}</td><td class="${f.raised ? "raised" : "clear"}">${f.raised ? say(lang, "report.raised") : say(lang, "report.clear")}</td><td>${escapeHtml(zh ? (f.evidenceZh ?? f.evidence) : f.evidence)}</td></tr>`).join("\n")}
</table>
<h2>${say(lang, "report.legal")}</h2>
<p class="caption">${say(lang, "report.legalCaption")}</p>
<table class="flags" id="compliance">${say(lang, "report.legalHead")}
${result.compliance.tests.map((t) => `<tr><td>${escapeHtml(testName(t.id, lang))}</td><td>${escapeHtml(zh ? legalBasis(t.id, lang) : t.basis)}</td><td class="${t.met ? "raised" : "clear"}">${t.met ? say(lang, "report.metOnDay", { day: String(t.firstDay) }) : t.status === "size only" ? say(lang, "report.sizeOnly", { day: String(t.figures.sizeDay) }) : say(lang, "report.notMet")}</td><td>${escapeHtml(zh ? t.evidenceZh : t.evidence)}</td></tr>`).join("\n")}
</table>
${legal ? `<div class="charts"><div class="chart"><h3>${escapeHtml(legal.spec.title)}</h3><p class="caption">${escapeHtml(legal.spec.caption)}</p><canvas id="chart-${legal.spec.id}"></canvas></div></div>` : ""}
<h2>${say(lang, "report.dayByDay")}</h2>
<div class="charts">
${charts.map((c) => `<div class="chart"><h3>${escapeHtml(c.title)}</h3><p class="caption">${escapeHtml(c.caption)}</p><canvas id="chart-${c.id}"></canvas></div>`).join("\n")}
</div>
<h2>${say(lang, "report.whoLoses", { days: scenario.report.cohortDays })}</h2>
<p class="caption">${say(lang, "report.whoLosesCaption")}</p>
<div class="chart"><canvas id="chart-cohorts"></canvas></div>
<table id="outcomes">
${outcomeTable}
</table>
<h2>${say(lang, "report.scenario")}</h2>
<pre id="scenario">${escapeHtml(JSON.stringify({ ...scenario, seed: result.seed }, null, 2))}</pre>
<footer>${say(lang, "report.footer", { version: escapeHtml(VERSION) })}</footer>
<script type="application/json" id="pointsim-summary">${embed({ collapseDay: s.collapseDay, usersLosingShare: s.usersLosingShare, peakUsers: s.peakUsers, totalNewMoneyIn: s.totalNewMoneyIn, totalWithdrawalsPaid: s.totalWithdrawalsPaid, platformResult: s.platformResult, owedUnpayable: s.owedUnpayable })}</script>
<script>${chartJs()}</script>
<script type="application/json" id="pointsim-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pointsim-data").textContent);
  var palette = ["#2f6fdf", "#e0552d", "#2a9d5b", "#8e44ad", "#c69214", "#16a2b8", "#d6336c"];
  var drawn = [];
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;
  // The page's own font stack, embedded CJK font first, so that Chinese labels draw in it too.
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // Vertical lines on the days of the run's events: the collapse (red), shocks (grey, dashed),
  // rule changes (amber, dash-dot), schemes starting or ending (blue, dotted). markers[chart id]
  // counts what each chart drew.
  var markers = {};
  var eventColours = { collapse: "#c0392b", shock: "#7f8c8d", change: "#c69214", scheme: "#2f6fdf" };
  var eventLines = {
    id: "pointsimEvents",
    afterDatasetsDraw: function (chart) {
      var x = chart.scales.x;
      var area = chart.chartArea;
      var ctx = chart.ctx;
      var id = chart.canvas.id;
      markers[id] = { collapse: 0, shock: 0, change: 0, scheme: 0 };
      data.events.forEach(function (e) {
        var px = x.getPixelForValue(e.day - 1);
        if (!(px >= area.left && px <= area.right)) return;
        ctx.save();
        ctx.strokeStyle = eventColours[e.kind];
        ctx.lineWidth = e.kind === "collapse" ? 2 : 1;
        ctx.setLineDash(e.kind === "shock" ? [5, 4] : e.kind === "change" ? [6, 2, 2, 2] : e.kind === "scheme" ? [2, 3] : []);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.fillStyle = eventColours[e.kind];
        ctx.font = "10px " + Chart.defaults.font.family;
        ctx.fillText(e.kind === "collapse" ? ${collapseLabel} : e.label, Math.min(px + 3, area.right - 80), area.top + 10 + (markers[id].shock + markers[id].change + markers[id].scheme) * 11);
        ctx.restore();
        markers[id][e.kind]++;
      });
    }
  };
  /** An axis that starts at 0 unless one of its series goes below it (cash may). */
  function axis(spec, id, unit, position) {
    var values = [];
    spec.series.forEach(function (s) { if (s[2] === id) values = values.concat(data.series[s[0]].filter(function (v) { return v !== null; })); });
    var negative = values.some(function (v) { return v < 0; });
    var allZero = values.every(function (v) { return v === 0; });
    var scale = { position: position, title: { display: true, text: unit }, beginAtZero: true };
    if (!negative) scale.min = 0;
    if (allZero) scale.max = 1;
    if (id === "y2") scale.grid = { drawOnChartArea: false };
    return scale;
  }
  var dayCharts = [];
  data.charts.forEach(function (spec) {
    var datasets = spec.series.map(function (s, i) {
      return { label: s[1], data: data.series[s[0]], yAxisID: s[2], borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 1.5, pointRadius: 0, spanGaps: false, borderDash: s[2] === "y2" ? [6, 3] : [] };
    });
    var scales = { x: { title: { display: true, text: ${js(say(lang, "report.js.day"))} }, ticks: { maxTicksLimit: 12 } }, y: axis(spec, "y", spec.yUnit, "left") };
    if (spec.series.some(function (s) { return s[2] === "y2"; })) scales.y2 = axis(spec, "y2", (spec.y2Unit || spec.yUnit) + ${js(say(lang, "report.js.rightAxis"))}, "right");
    var chart = new Chart(document.getElementById("chart-" + spec.id), { type: "line", data: { labels: data.days, datasets: datasets }, options: { responsive: true, maintainAspectRatio: false, interaction: { mode: "index", intersect: false }, scales: scales }, plugins: [eventLines] });
    if (spec.id !== "compliance") dayCharts.push({ spec: spec, chart: chart });
    drawn.push({
      id: spec.id,
      datasets: chart.data.datasets.length,
      points: chart.data.datasets.reduce(function (n, d) { return n + d.data.filter(function (v) { return v !== null; }).length; }, 0),
      axisTitles: Object.keys(chart.options.scales).map(function (k) { return chart.options.scales[k].title && chart.options.scales[k].title.text; })
    });
  });
  var cohorts = new Chart(document.getElementById("chart-cohorts"), {
    type: "bar",
    data: {
      labels: data.cohorts.map(function (c) { return ${js(say(lang, "report.js.cohort"))} + c.cohort; }),
      datasets: [
        { label: ${js(say(lang, "report.js.meanResult"))}, data: data.cohorts.map(function (c) { return c.mean; }), backgroundColor: data.cohorts.map(function (c) { return c.mean < 0 ? "#e0552d" : "#2a9d5b"; }), yAxisID: "y" },
        { type: "line", label: ${js(say(lang, "report.js.shareLosing"))}, data: data.cohorts.map(function (c) { return c.losing; }), borderColor: "#1d2330", pointRadius: 2, yAxisID: "y2" }
      ]
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: ${js(say(lang, "report.js.joinCohort"))} } }, y: { position: "left", title: { display: true, text: ${js(say(lang, "report.js.meanPerPaying"))} } }, y2: { position: "right", min: 0, max: 1, title: { display: true, text: ${js(say(lang, "report.js.shareLosingRight"))} }, grid: { drawOnChartArea: false } } } }
  });
  drawn.push({ id: "cohorts", datasets: cohorts.data.datasets.length, points: data.cohorts.length, axisTitles: [${js(say(lang, "report.js.joinCohort"))}, ${js(say(lang, "report.js.meanPerPaying"))}, ${js(say(lang, "report.js.shareLosingRight"))}] });
  // Canvas text waits for no font: once the embedded one has loaded, the charts draw again in it.
  if (document.fonts) document.fonts.ready.then(function () { Object.keys(Chart.instances).forEach(function (k) { Chart.instances[k].update(); }); });
  window.__pointsim = { charts: drawn, expected: data.charts.length + 1, markers: markers, events: data.events };
  // The what-if panel draws its run over the original: dashed lines labelled "what if: ...".
  window.__pointsimOriginal = {
    summary: JSON.parse(document.getElementById("pointsim-summary").textContent),
    overlay: function (series, days) {
      var labels = [];
      for (var i = 1; i <= Math.max(days, data.days.length); i++) labels.push(i);
      dayCharts.forEach(function (c) {
        c.chart.data.datasets = c.chart.data.datasets.filter(function (ds) { return !ds.whatIf; });
        c.spec.series.forEach(function (s, i) {
          if (!series[s[0]]) return;
          c.chart.data.datasets.push({ whatIf: true, label: ${js(say(lang, "report.js.whatIfLabel"))} + s[1], data: series[s[0]], yAxisID: s[2], borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 1.5, pointRadius: 0, borderDash: [2, 3] });
        });
        c.chart.data.labels = labels;
        c.chart.update();
      });
    }
  };
})();
</script>
${whatIfScript(lang)}
</body>
</html>
`);
}
