import type { BasisSummary, Summary } from "./summary.js";
import { formatYuan } from "./units.js";

const money = (yuan: number): string => formatYuan(Math.round(yuan * 100));
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** "12.3% of paying users are out of pocket (¥4,560.00 in total)", or "none ... is". */
function losing(basis: BasisSummary): string {
  if (basis.usersLosingShare === null) return "no user paid in";
  if (basis.usersLosing === 0) return "no paying user is out of pocket";
  return `${percent(basis.usersLosingShare)} of paying users are out of pocket (${money(basis.totalLoss)} in total)`;
}

/**
 * The run in one sentence, built only from the summary's figures (docs/model.md, "Verdict").
 * It names the basis of its "who loses" figure, the wind-up basis, and adds the cash and
 * face-value bases where they disagree with it, so a reader sees how much of a gain is paper.
 */
export function verdictSentence(s: Summary): string {
  const parts: string[] = [];
  let opening = s.collapse !== null ? `Collapsed on day ${s.collapse.day}: ${s.collapse.reason}` : `No collapse in ${s.daysSimulated} days${s.finalStatus === "stressed" ? ", but stressed at the end" : ""}`;
  if (s.owedUnpayable > 0) opening += `; the platform owes users ${money(s.owedUnpayable)} that a wind-up could not pay`;
  parts.push(`${opening}.`);
  const { windUp, cash, faceValue } = s.bases;
  if (windUp.usersLosingShare !== null) {
    let who = `Counting goods at their value and claims at what a wind-up would pay, ${losing(windUp)}`;
    if (cash.usersLosingShare !== windUp.usersLosingShare) who += `; in cash alone, ${losing(cash)}`;
    if (faceValue.usersLosingShare !== windUp.usersLosingShare && faceValue.usersLosingShare !== cash.usersLosingShare) who += `; with claims at face value, ${losing(faceValue)}`;
    parts.push(`${who}.`);
  } else {
    parts.push("No user paid in.");
  }
  if (s.earliestTenthShareOfGains !== null) parts.push(`The first 10% of entrants took ${percent(s.earliestTenthShareOfGains)} of all gains.`);
  return parts.join(" ");
}
