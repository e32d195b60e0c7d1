import type { BasisSummary, Summary } from "./summary-types.js";
import { formatYuan } from "./units.js";

const money = (yuan: number): string => formatYuan(Math.round(yuan * 100));
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** "12.3% of paying users are out of pocket (¥4,560.00 in total)", or "none ... is". */
function losing(basis: BasisSummary): string {
  if (basis.usersLosingShare === null) return "no user paid in";
  if (basis.usersLosing === 0) return "no paying user is out of pocket";
  return `${percent(basis.usersLosingShare)} of paying users are out of pocket (${money(basis.totalLoss)} in total)`;
}

/** Two bases say the same when their share losing and total loss are the same. */
const same = (a: BasisSummary, b: BasisSummary): boolean => a.usersLosingShare === b.usersLosingShare && a.totalLoss === b.totalLoss;

/** How the headline counts goods, from the products' goods bases (docs/model.md, "Who loses"). */
function goodsWords(goods: Summary["goods"]): string {
  const bases = new Set(goods.map((g) => g.basis));
  const words = { stated: "their stated value", cost: "cost", price: "their price" } as const;
  const parts = (["stated", "cost", "price"] as const).filter((b) => bases.has(b));
  if (parts.length === 0) return "goods at cost";
  if (parts.length === 1) return `goods at ${words[parts[0] as keyof typeof words]}${parts[0] === "price" ? " (sold with no scheme attached)" : ""}`;
  return `goods at ${parts.map((b) => (b === "price" ? "their price where a product funds no scheme" : b === "cost" ? "cost where it funds one" : "their stated value where the scenario states it")).join(", ")}`;
}

/**
 * The run in one sentence, built only from the summary's figures (docs/model.md, "Verdict").
 * It names the first collapse and, when the platform became insolvent later, that day too; the
 * basis of its "who loses" figure (the wind-up basis and how goods count); and the cash and
 * face-value bases wherever their share or amount differs, so a reader sees how much of a
 * gain is paper.
 */
export function verdictSentence(s: Summary): string {
  const parts: string[] = [];
  let opening =
    s.collapse !== null
      ? `Collapsed on day ${s.collapse.day}: ${s.collapse.reason}`
      : `No collapse in ${s.daysSimulated} days${s.finalStatus === "stressed" ? ", but stressed at the end" : ""}`;
  if (s.collapse !== null && s.collapse.kind !== "insolvency" && s.insolvencyDay !== null) {
    const insolvency = s.signals.find((x) => x.kind === "insolvency" && x.firstDay === s.insolvencyDay);
    opening += `; insolvent from day ${s.insolvencyDay}${insolvency ? ` (${insolvency.reason})` : ""}`;
  }
  if (s.owedUnpayable > 0) opening += `; the platform owes users ${money(s.owedUnpayable)} that a wind-up could not pay`;
  parts.push(`${opening}.`);
  const { windUp, cash, faceValue } = s.bases;
  if (windUp.usersLosingShare !== null) {
    let who = `Counting ${goodsWords(s.goods)} and claims at what a wind-up would pay, ${losing(windUp)}`;
    const cashDiffers = !same(cash, windUp);
    const faceDiffers = !same(faceValue, windUp);
    if (cashDiffers && faceDiffers && same(cash, faceValue)) who += `; in cash alone and with claims at face value, ${losing(cash)}`;
    else {
      if (cashDiffers) who += `; in cash alone, ${losing(cash)}`;
      if (faceDiffers) who += `; with claims at face value, ${losing(faceValue)}`;
    }
    parts.push(`${who}.`);
  } else {
    parts.push("No user paid in.");
  }
  if (s.earliestTenthShareOfGains !== null) parts.push(`The first 10% of entrants took ${percent(s.earliestTenthShareOfGains)} of all gains.`);
  return parts.join(" ");
}
