import { groupedNumber } from "../i18n/grouping.js";
import { Chalk, type ChalkInstance } from "chalk";
import { numericSeries, type ColumnSpec, type DayValues } from "../engine/columns.js";
import type { Summary } from "../engine/summary-types.js";
import type { AfterCollapse } from "../engine/after-collapse.js";
import { sparkline } from "./sparkline.js";
import { formatYuan } from "../engine/units.js";
import { verdictSentence } from "../engine/verdict.js";
import type { Lang } from "../i18n/lang.js";
import { MESSAGES, say, type MessageKey } from "../i18n/messages.js";
import { fenOf, figures, percent } from "../i18n/format.js";

/** Colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
export function makeChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const colour = stream.isTTY === true && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";
  return new Chalk({ level: colour ? 1 : 0 });
}

/** Yuan (a summary figure, exact to the fen) as "¥1,234.56", the one money format of the terminal and the report. */
const yuan = (n: number): string => formatYuan(Math.round(n * 100));
/** Yuan in the terminal's language: "¥1,234.56", or "2734.57万元" in Chinese. */
const money = (n: number, lang: Lang): string => figures(lang).money(fenOf(n));

type Unit = "yuan" | "count" | "ratio" | "price";
const formatters: Record<Unit, (v: number) => string> = {
  yuan,
  count: (v) => groupedNumber(v, { maximumFractionDigits: 0 }),
  ratio: (v) => v.toFixed(4),
  price: (v) => `¥${v.toFixed(4)}`,
};

/**
 * Main series drawn as sparklines under the summary (only those with data), with their unit:
 * the engine's, then the columns schemes mark with a `sparkline` label, then confidence.
 */
const CORE_SPARKS: [string, MessageKey, Unit][] = [
  ["users_total", "spark.users", "count"],
  ["platform_cash", "spark.platformCash", "yuan"],
  ["liabilities", "spark.liabilities", "yuan"],
  ["coverage_ratio", "spark.coverageRatio", "ratio"],
  ["withdrawal_backlog", "spark.withdrawalBacklog", "yuan"],
];
const LAST_SPARKS: [string, MessageKey, Unit][] = [["confidence", "spark.confidence", "ratio"]];

/** A label padded to the terminal's label column; a Chinese character takes two columns. */
function pad(label: string, width = 22): string {
  const columns = [...label].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  return label + " ".repeat(Math.max(0, width - columns));
}

/** How a scheme's column is written at the end of its sparkline, from its unit. */
function unitOf(spec: ColumnSpec): Unit {
  if (spec.unit === "yuan") return "yuan";
  if (spec.unit === "yuan per point") return "price";
  return spec.decimals === 0 ? "count" : "ratio";
}

function sparklines(days: RunDays, c: ChalkInstance, lang: Lang): string[] {
  const lines: string[] = [];
  const core = (sparks: [string, MessageKey, Unit][]): [string, string, Unit][] =>
    sparks.map(([column, key, unit]) => [column, say(lang, key as "spark.users"), unit]);
  const schemeSparks = days.specs.flatMap((spec): [string, string, Unit][] =>
    spec.sparkline ? [[spec.name, lang === "zh-CN" ? (spec.sparklineZh ?? spec.sparkline) : spec.sparkline, unitOf(spec)]] : [],
  );
  for (const [column, label, unit] of [...core(CORE_SPARKS), ...schemeSparks, ...core(LAST_SPARKS)]) {
    const values = numericSeries(days.specs, days.values, column);
    const present = values.filter((v): v is number => v !== null);
    if (present.length === 0) continue;
    const last = present[present.length - 1] as number;
    const value =
      lang === "zh-CN" && unit === "yuan" ? money(last, lang) : lang === "zh-CN" && unit === "price" ? `${last.toFixed(4)}元/积分` : formatters[unit](last);
    lines.push(`  ${pad(label)} ${c.cyan(sparkline(values))} ${value}`);
  }
  return lines;
}

/**
 * A table cell's width on a terminal, for aligned columns (the sweep table, compare): a Hangul,
 * CJK or full-width character takes two columns, by the East Asian Width ranges.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/** Columns a character takes on a terminal: two for CJK and full-width forms, one otherwise. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) as number) >= 0x2e80 ? 2 : 1;
  return n;
}

/** Punctuation that may not begin a line in Chinese (it stays with what it closes). */
const NO_LINE_START = new Set([..."，。、；：！？）」』》%％"]);

/**
 * Splits text into lines of at most `width` columns: English at spaces; Chinese between any two
 * characters, but never inside a run of Latin letters and digits (a number such as 89.5% or
 * 63.06万 stays whole) and never before closing punctuation.
 */
export function wrap(text: string, width: number, lang: Lang): string[] {
  if (lang === "zh-CN") {
    const lines: string[] = [];
    let line = "";
    for (const token of text.match(/[\x21-\x7e]+| +|[^\x00-\x7f]/gu) ?? []) {
      const fits = columns(line) + columns(token) <= width;
      if (fits || line === "" || NO_LINE_START.has(token)) line += token;
      else {
        lines.push(line.trimEnd());
        line = token.trim() === "" ? "" : token;
      }
    }
    if (line.trim() !== "") lines.push(line.trimEnd());
    return lines;
  }
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The regulator's tests met, each with its first day (compliance.json has the evidence). */
const LEGAL_TESTS = [
  "pyramidThresholdDay",
  "seriousParticipantsDay",
  "seriousAmountDay",
  "recruitPayDay",
  "entryFeeDay",
  "teamPayDay",
  "directSellingCapDay",
] as const;

function complianceLines(summary: Summary, c: ChalkInstance, lang: Lang): string[] {
  const met = LEGAL_TESTS.flatMap((key) => {
    const day = summary.compliance[key];
    return day === null || day === undefined ? [] : [say(lang, "terminal.legalTestDay", { test: say(lang, `legal.${key}`), day })];
  });
  if (met.length === 0) return [`  ${pad(say(lang, "terminal.legalTests"))} ${say(lang, "terminal.legalTestsNone")}`];
  return met.map((text, i) => `  ${c.yellow(pad(i === 0 ? say(lang, "terminal.legalTestsMet") : ""))} ${text}`);
}

/** A red flag's title in the terminal's language (by its id; a flag the catalogue lacks keeps its own title). */
function flagTitle(flag: { id: string; title: string }, lang: Lang): string {
  const key = `redFlag.${flag.id}`;
  return key in MESSAGES ? say(lang, key as "redFlag.entryFees") : flag.title;
}

/** The short run summary printed after a run. */
/** A run's days, for the sparklines. */
export interface RunDays {
  specs: readonly ColumnSpec[];
  values: readonly DayValues[];
  /** What came in after the collapse day (null or absent: no collapse). */
  afterCollapse?: AfterCollapse | null;
}

/**
 * What came in after the collapse day, apart from the rest: the run goes on past it (docs/model.md,
 * "After the collapse"), and those who joined then lose on their own account.
 */
function afterCollapseLines(after: AfterCollapse | null | undefined, c: ChalkInstance, lang: Lang): string[] {
  if (after === null || after === undefined) return [];
  const label = pad(say(lang, "terminal.afterCollapse"));
  if (after.daysAfter === 0) return [`  ${label} ${say(lang, "terminal.afterCollapseEnds")}`];
  const share = after.newMoneyShare === null ? "" : say(lang, "terminal.afterCollapseShare", { share: percent(after.newMoneyShare) });
  const losing =
    after.usersLosing > 0
      ? c.red(say(lang, "terminal.afterCollapseLosing", { count: after.usersLosing, money: money(after.totalLoss, lang) }))
      : say(lang, "terminal.afterCollapseNoneLoses");
  return [
    `  ${label} ${say(lang, "terminal.afterCollapseMoney", { days: after.daysAfter, money: money(after.newMoneyIn, lang), share })}`,
    `  ${pad("")} ${say(lang, "terminal.afterCollapseUsers", { joined: after.usersJoined, paying: after.payingUsers, money: money(after.moneyIn, lang), losing })}`,
  ];
}

/**
 * The short run summary printed after a run, in the terminal's language (src/i18n/lang.ts): the
 * verdict and every label in Chinese when `lang` is zh-CN, money in 万 and 亿; the English is
 * what pointsim always printed.
 */
export function formatSummary(summary: Summary, folder: string, c: ChalkInstance, days: RunDays = { specs: [], values: [] }, lang: Lang = "en"): string {
  const collapseReason = summary.collapse === null ? "" : lang === "zh-CN" ? (summary.collapse.reasonZh ?? summary.collapse.reason) : summary.collapse.reason;
  const status =
    summary.collapse !== null
      ? c.red.bold(say(lang, "terminal.collapsed", { day: summary.collapse.day, reason: collapseReason }))
      : summary.finalStatus === "stressed"
        ? c.yellow.bold(say(lang, "terminal.stressed"))
        : c.green.bold(say(lang, "terminal.noCollapse"));
  const pct = (x: number | null) => (x === null ? say(lang, "terminal.notApplicable") : percent(x));
  const losing =
    summary.usersLosingShare === null
      ? say(lang, "terminal.notApplicable")
      : say(lang, "terminal.losing", {
          share: pct(summary.usersLosingShare),
          paying: summary.payingUsers,
          cash: pct(summary.usersLosingShareCash),
          face: pct(summary.usersLosingShareFaceValue),
        });
  const line = (key: MessageKey, value: string) => `  ${pad(say(lang, key as "terminal.usersPeak"))} ${value}`;
  const verdict = lang === "en" ? summary.verdict : verdictSentence(summary, lang);
  const keyFigures = lang === "zh-CN" && summary.keyFiguresZh !== undefined ? summary.keyFiguresZh : summary.keyFigures;
  const lines = [
    say(lang, "terminal.heading", { scenario: c.bold(summary.scenario), seed: summary.seed, days: summary.daysSimulated, status }),
    ...wrap(verdict, 96, lang).map((text) => `  ${text}`),
    ...afterCollapseLines(days.afterCollapse, c, lang),
    line("terminal.usersPeak", String(summary.peakUsers)),
    line("terminal.newMoneyIn", money(summary.totalNewMoneyIn, lang)),
    line(
      "terminal.withdrawalsPaid",
      say(lang, "terminal.withdrawalsPaidValue", { paid: money(summary.totalWithdrawalsPaid, lang), asked: money(summary.totalWithdrawalsRequested, lang) }),
    ),
    line(
      "terminal.peakLiabilities",
      `${money(summary.peakLiabilities, lang)}${summary.peakLiabilitiesDay !== null ? say(lang, "terminal.onDay", { day: summary.peakLiabilitiesDay }) : ""}`,
    ),
    line("terminal.platformResult", summary.platformResult < 0 ? c.red(money(summary.platformResult, lang)) : money(summary.platformResult, lang)),
    line("terminal.usersLosing", summary.usersLosingShare !== null && summary.usersLosingShare >= 0.5 ? c.red(losing) : losing),
    ...(summary.owedUnpayable > 0
      ? [line("terminal.owedUnpayable", `${c.red(money(summary.owedUnpayable, lang))}${say(lang, "terminal.owedUnpayableNote")}`)]
      : []),
    ...keyFigures.map(([label, value]) => `  ${pad(label)} ${value}`),
    ...summary.redFlags
      .filter((f) => f.raised)
      .map((f) => {
        const label = say(lang, "terminal.redFlag");
        return `  ${c.red(label)}${pad(label).slice(label.length)} ${flagTitle(f, lang)}`;
      }),
    ...complianceLines(summary, c, lang),
    ...(days.values.length > 1 ? [`  ${say(lang, "terminal.days", { days: days.values.length })}`, ...sparklines(days, c, lang)] : []),
    line("terminal.outputs", say(lang, "terminal.outputsValue", { folder })),
  ];
  return `${lines.join("\n")}\n`;
}
