import { Chalk, type ChalkInstance } from "chalk";
import { numericSeries, type ColumnSpec, type DayValues } from "../engine/columns.js";
import type { Summary } from "../engine/summary-types.js";
import type { AfterCollapse } from "../engine/after-collapse.js";
import { sparkline } from "./sparkline.js";
import { formatYuan } from "../engine/units.js";

/** Colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
export function makeChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const colour = stream.isTTY === true && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";
  return new Chalk({ level: colour ? 1 : 0 });
}

/** Yuan (a summary figure, exact to the fen) as "¥1,234.56", the one money format of the terminal and the report. */
const yuan = (n: number): string => formatYuan(Math.round(n * 100));

type Unit = "yuan" | "count" | "ratio" | "price";
const formatters: Record<Unit, (v: number) => string> = {
  yuan,
  count: (v) => v.toLocaleString("en-US", { maximumFractionDigits: 0 }),
  ratio: (v) => v.toFixed(4),
  price: (v) => `¥${v.toFixed(4)}`,
};

/**
 * Main series drawn as sparklines under the summary (only those with data), with their unit:
 * the engine's, then the columns schemes mark with a `sparkline` label, then confidence.
 */
const CORE_SPARKS: [string, string, Unit][] = [
  ["users_total", "users", "count"],
  ["platform_cash", "platform cash", "yuan"],
  ["liabilities", "liabilities", "yuan"],
  ["coverage_ratio", "coverage ratio", "ratio"],
  ["withdrawal_backlog", "withdrawal backlog", "yuan"],
];
const LAST_SPARKS: [string, string, Unit][] = [["confidence", "confidence", "ratio"]];

/** How a scheme's column is written at the end of its sparkline, from its unit. */
function unitOf(spec: ColumnSpec): Unit {
  if (spec.unit === "yuan") return "yuan";
  if (spec.unit === "yuan per point") return "price";
  return spec.decimals === 0 ? "count" : "ratio";
}

function sparklines(days: RunDays, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const schemeSparks = days.specs.flatMap((spec): [string, string, Unit][] => (spec.sparkline ? [[spec.name, spec.sparkline, unitOf(spec)]] : []));
  for (const [column, label, unit] of [...CORE_SPARKS, ...schemeSparks, ...LAST_SPARKS]) {
    const values = numericSeries(days.specs, days.values, column);
    const present = values.filter((v): v is number => v !== null);
    if (present.length === 0) continue;
    const last = present[present.length - 1] as number;
    lines.push(`  ${label.padEnd(22)} ${c.cyan(sparkline(values))} ${formatters[unit](last)}`);
  }
  return lines;
}

/** Splits text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
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
const LEGAL_TESTS: [string, string][] = [
  ["pyramidThresholdDay", "pyramid threshold (30 participants, 3 levels)"],
  ["seriousParticipantsDay", "serious: 120 participants"],
  ["seriousAmountDay", "serious: ¥2,500,000 collected"],
  ["recruitPayDay", "pay for recruiting (拉人头)"],
  ["entryFeeDay", "fee to join (入门费)"],
  ["teamPayDay", "pay on downline sales (团队计酬)"],
  ["directSellingCapDay", "over the direct-selling pay cap"],
];

function complianceLines(summary: Summary, c: ChalkInstance): string[] {
  const met = LEGAL_TESTS.flatMap(([key, label]) => {
    const day = summary.compliance[key];
    return day === null || day === undefined ? [] : [`${label}: day ${day}`];
  });
  if (met.length === 0) return [`  ${"legal tests".padEnd(22)} none met (compliance.json)`];
  return met.map((text, i) => `  ${c.yellow(i === 0 ? "legal tests met".padEnd(22) : "".padEnd(22))} ${text}`);
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
function afterCollapseLines(after: AfterCollapse | null | undefined, c: ChalkInstance): string[] {
  if (after === null || after === undefined) return [];
  if (after.daysAfter === 0) return [`  after the collapse     the run ends on the collapse day`];
  const share = after.newMoneyShare === null ? "" : ` (${(after.newMoneyShare * 100).toFixed(1)}% of the run's)`;
  const losing = after.usersLosing > 0 ? c.red(`${after.usersLosing} of them lose ${yuan(after.totalLoss)}`) : "none of them loses";
  return [
    `  after the collapse     ${after.daysAfter} more days: ${yuan(after.newMoneyIn)} of new money came in${share}`,
    `                         ${after.usersJoined} users joined, ${after.payingUsers} paid ${yuan(after.moneyIn)}; ${losing} (after-collapse.json)`,
  ];
}

export function formatSummary(summary: Summary, folder: string, c: ChalkInstance, days: RunDays = { specs: [], values: [] }): string {
  const status =
    summary.collapse !== null
      ? c.red.bold(`COLLAPSED on day ${summary.collapse.day}: ${summary.collapse.reason}`)
      : summary.finalStatus === "stressed"
        ? c.yellow.bold("stressed (no collapse)")
        : c.green.bold("no collapse");
  const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
  const losing =
    summary.usersLosingShare === null
      ? "n/a"
      : `${pct(summary.usersLosingShare)} of ${summary.payingUsers} paying users (wind-up); ${pct(summary.usersLosingShareCash)} in cash; ${pct(summary.usersLosingShareFaceValue)} at face value`;
  const lines = [
    `${c.bold(summary.scenario)} (seed ${summary.seed}, ${summary.daysSimulated} days): ${status}`,
    ...wrap(summary.verdict, 96).map((line) => `  ${line}`),
    ...afterCollapseLines(days.afterCollapse, c),
    `  users (peak)           ${summary.peakUsers}`,
    `  new money in           ${yuan(summary.totalNewMoneyIn)}`,
    `  withdrawals paid       ${yuan(summary.totalWithdrawalsPaid)} of ${yuan(summary.totalWithdrawalsRequested)} asked`,
    `  peak liabilities       ${yuan(summary.peakLiabilities)}${summary.peakLiabilitiesDay !== null ? ` (day ${summary.peakLiabilitiesDay})` : ""}`,
    `  platform result        ${summary.platformResult < 0 ? c.red(yuan(summary.platformResult)) : yuan(summary.platformResult)}`,
    `  users losing money     ${summary.usersLosingShare !== null && summary.usersLosingShare >= 0.5 ? c.red(losing) : losing}`,
    ...(summary.owedUnpayable > 0 ? [`  owed, unpayable        ${c.red(yuan(summary.owedUnpayable))} (what a wind-up at the end could not pay)`] : []),
    ...summary.keyFigures.map(([label, value]) => `  ${label.padEnd(22)} ${value}`),
    ...summary.redFlags.filter((f) => f.raised).map((f) => `  ${c.red("red flag")}               ${f.title}`),
    ...complianceLines(summary, c),
    ...(days.values.length > 1 ? [`  day 1 … ${days.values.length}`, ...sparklines(days, c)] : []),
    `  outputs                ${folder} (open report.html)`,
  ];
  return `${lines.join("\n")}\n`;
}
