import type { CohortOutcome } from "../engine/outcomes.js";
import { formatYuan } from "../engine/units.js";

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

/** The table's rows, header included, as HTML (cells escaped: they hold only numbers and fixed text). */
export function cohortTableHtml(outcomes: readonly CohortOutcome[]): string {
  const head = [
    `<tr><th rowspan="2">Cohort (joined on days)</th><th rowspan="2">Users</th><th rowspan="2">Paying users</th>`,
    `<th colspan="5">Money of the cohort (whole yuan)</th><th colspan="3">Wind-up basis, per paying user</th><th colspan="2">Cash basis</th><th colspan="2">Face-value basis</th></tr>`,
    `<tr><th>Paid in</th><th>Paid out</th><th>Goods</th><th>Claims at face value</th><th>Claims in a wind-up</th>`,
    `<th>Mean result (yuan)</th><th>Median result (yuan)</th><th>Losing</th><th>Mean result (yuan)</th><th>Losing</th><th>Mean result (yuan)</th><th>Losing</th></tr>`,
  ].join("");
  const rows = outcomes.map((o) =>
    [
      `${o.cohort} (${o.firstDay}–${o.lastDay})`,
      o.users.toLocaleString("en-US"),
      o.payingUsers.toLocaleString("en-US"),
      wholeYuan(o.moneyInFen),
      wholeYuan(o.moneyOutFen),
      wholeYuan(o.goodsFen),
      wholeYuan(o.claimsFaceFen),
      wholeYuan(o.claimsWindUpFen),
      formatYuan(o.windUp.meanResultFen),
      formatYuan(o.windUp.medianResultFen),
      losing(o.windUp.losing, o.payingUsers),
      formatYuan(o.cash.meanResultFen),
      losing(o.cash.losing, o.payingUsers),
      formatYuan(o.faceValue.meanResultFen),
      losing(o.faceValue.losing, o.payingUsers),
    ]
      .map((cell) => `<td>${String(cell)}</td>`)
      .join(""),
  );
  return [head, ...rows.map((r) => `<tr>${r}</tr>`)].join("\n");
}
