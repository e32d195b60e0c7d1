import { groupedNumber } from "../i18n/grouping.js";
import type { CohortOutcome } from "../engine/outcomes.js";
import { formatYuan } from "../engine/units.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { yuanZh } from "./format-zh.js";

/**
 * The report's cohort table (outcomes.csv in words): headers labelled with their units, money as
 * yuan with thousands separators (a cohort's totals in whole yuan), and the three bases grouped under one heading each, so that it
 * reads like the rest of the report and fits a 1,280-pixel window. Medians on the cash and
 * face-value bases, and every figure unrounded, are in outcomes.csv.
 */

/** A cohort's total in whole yuan ("¥1,281,718"): totals of millions keep the table within the window; outcomes.csv has the fen. */
function wholeYuan(fen: number): string {
  return formatYuan(Math.round(fen / 100) * 100).replace(/\.00$/, "");
}

/** A share of paying users, or a dash when the cohort has none. */
function losing(count: number, paying: number): string {
  return paying === 0 ? "–" : `${((count / paying) * 100).toFixed(1)}%`;
}

/**
 * Chinese money in the table: yuan exact to the fen with the unit after ("-1,234.56元"), and a
 * cohort's totals in whole yuan ("1,281,718元"), by src/report/format-zh.ts.
 */
function yuanZhWhole(fen: number): string {
  return yuanZh(Math.round(fen / 100) * 100).replace(/\.00元$/, "元");
}

/** The table's rows, header included, as HTML (cells escaped: they hold only numbers and fixed text). */
export function cohortTableHtml(outcomes: readonly CohortOutcome[], lang: Lang = "en"): string {
  const head = say(lang, "report.cohortHead");
  const money = lang === "en" ? formatYuan : yuanZh;
  const whole = lang === "en" ? wholeYuan : yuanZhWhole;
  const count = (n: number) => (lang === "en" ? groupedNumber(n) : String(n));
  const rows = outcomes.map((o) =>
    [
      say(lang, "report.cohortCell", { cohort: o.cohort, first: o.firstDay, last: o.lastDay }),
      count(o.users),
      count(o.payingUsers),
      whole(o.moneyInFen),
      whole(o.moneyOutFen),
      whole(o.goodsFen),
      whole(o.claimsFaceFen),
      whole(o.claimsWindUpFen),
      money(o.windUp.meanResultFen),
      money(o.windUp.medianResultFen),
      losing(o.windUp.losing, o.payingUsers),
      money(o.cash.meanResultFen),
      losing(o.cash.losing, o.payingUsers),
      money(o.faceValue.meanResultFen),
      losing(o.faceValue.losing, o.payingUsers),
    ]
      .map((cell) => `<td>${String(cell)}</td>`)
      .join(""),
  );
  return [head, ...rows.map((r) => `<tr>${r}</tr>`)].join("\n");
}
