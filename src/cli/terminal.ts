import { Chalk, type ChalkInstance } from "chalk";
import type { Summary } from "../engine/summary.js";

/** Colour only on a terminal and never with NO_COLOR set (https://no-color.org). */
export function makeChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const colour = stream.isTTY === true && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";
  return new Chalk({ level: colour ? 1 : 0 });
}

const yuan = (n: number): string => `${n < 0 ? "-" : ""}¥${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The short run summary printed after a run. */
export function formatSummary(summary: Summary, folder: string, c: ChalkInstance): string {
  const status =
    summary.collapseDay !== null
      ? c.red.bold(`COLLAPSED on day ${summary.collapseDay}`)
      : summary.finalStatus === "stressed"
        ? c.yellow.bold("stressed (no collapse)")
        : c.green.bold("no collapse");
  const losing = summary.usersLosingShare === null ? "n/a" : `${(summary.usersLosingShare * 100).toFixed(1)}% of ${summary.payingUsers} paying users`;
  const lines = [
    `${c.bold(summary.scenario)} (seed ${summary.seed}, ${summary.daysSimulated} days): ${status}`,
    `  users (peak)           ${summary.peakUsers}`,
    `  new money in           ${yuan(summary.totalNewMoneyIn)}`,
    `  withdrawals paid       ${yuan(summary.totalWithdrawalsPaid)} of ${yuan(summary.totalWithdrawalsRequested)} asked`,
    `  peak liabilities       ${yuan(summary.peakLiabilities)}${summary.peakLiabilitiesDay !== null ? ` (day ${summary.peakLiabilitiesDay})` : ""}`,
    `  platform result        ${summary.platformResult < 0 ? c.red(yuan(summary.platformResult)) : yuan(summary.platformResult)}`,
    `  users losing money     ${summary.usersLosingShare !== null && summary.usersLosingShare >= 0.5 ? c.red(losing) : losing}`,
    `  outputs                ${folder}`,
  ];
  return `${lines.join("\n")}\n`;
}
