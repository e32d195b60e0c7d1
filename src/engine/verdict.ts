import { say } from "../i18n/messages.js";
import type { Lang } from "../i18n/lang.js";
import { fenOf, figures, percent } from "../i18n/format.js";
import type { BasisSummary, Summary } from "./summary-types.js";
import { afterCollapseSentence } from "./after-collapse.js";

/** "12.3% of paying users are out of pocket (¥4,560.00 in total)", or "none ... is". */
function losing(basis: BasisSummary, lang: Lang): string {
  if (basis.usersLosingShare === null) return say(lang, "verdict.losing.nobodyPaid");
  if (basis.usersLosing === 0) return say(lang, "verdict.losing.none");
  return say(lang, "verdict.losing.some", { share: percent(basis.usersLosingShare), money: figures(lang).money(fenOf(basis.totalLoss)) });
}

/** Two bases say the same when their share losing and total loss are the same. */
const same = (a: BasisSummary, b: BasisSummary): boolean => a.usersLosingShare === b.usersLosingShare && a.totalLoss === b.totalLoss;

/** How the headline counts goods, from the products' goods bases (docs/model.md, "Who loses"). */
function goodsWords(goods: Summary["goods"], lang: Lang): string {
  const bases = new Set(goods.map((g) => g.basis));
  const parts = (["stated", "cost", "price"] as const).filter((b) => bases.has(b));
  const [only] = parts;
  if (only === undefined) return say(lang, "verdict.goods.none");
  if (parts.length === 1) return say(lang, `verdict.goods.${only}`);
  return say(lang, "verdict.goods.mixed", { parts: parts.map((b) => say(lang, `verdict.goods.part.${b}`)).join(say(lang, "list.comma")) });
}

/**
 * The run in one sentence, built only from the summary's figures (docs/model.md, "Verdict"), in
 * English or Chinese: the same facts, each language's own wording (not a translation of the
 * other's text). It names the first collapse and, when the platform became insolvent later, that
 * day too; the basis of its "who loses" figure (the wind-up basis and how goods count); and the
 * cash and face-value bases wherever their share or amount differs, so a reader sees how much of
 * a gain is paper.
 */
export function verdictSentence(s: Summary, lang: Lang = "en"): string {
  const reasonOf = (signal: { reason: string; reasonZh?: string }) => (lang === "zh-CN" ? (signal.reasonZh ?? signal.reason) : signal.reason);
  const parts: string[] = [];
  let opening =
    s.collapse !== null
      ? say(lang, "verdict.collapsed", { day: s.collapse.day, reason: reasonOf(s.collapse) })
      : say(lang, "verdict.noCollapse", { days: s.daysSimulated }) + (s.finalStatus === "stressed" ? say(lang, "verdict.stressedAtEnd") : "");
  if (s.collapse !== null && s.collapse.kind !== "insolvency" && s.insolvencyDay !== null) {
    const insolvency = s.signals.find((x) => x.kind === "insolvency" && x.firstDay === s.insolvencyDay);
    opening += say(lang, "verdict.insolventFrom", { day: s.insolvencyDay });
    if (insolvency) opening += say(lang, "verdict.insolventBecause", { reason: reasonOf(insolvency) });
  }
  if (s.owedUnpayable > 0) opening += say(lang, "verdict.owedUnpayable", { money: figures(lang).money(fenOf(s.owedUnpayable)) });
  const end = say(lang, "verdict.sentenceEnd");
  parts.push(`${opening}${end}`);
  const { windUp, cash, faceValue } = s.bases;
  if (windUp.usersLosingShare !== null) {
    let who = say(lang, "verdict.whoLoses", { goods: goodsWords(s.goods, lang), losing: losing(windUp, lang) });
    const cashDiffers = !same(cash, windUp);
    const faceDiffers = !same(faceValue, windUp);
    if (cashDiffers && faceDiffers && same(cash, faceValue)) who += say(lang, "verdict.cashAndFaceSame", { losing: losing(cash, lang) });
    else {
      if (cashDiffers) who += say(lang, "verdict.cashAlone", { losing: losing(cash, lang) });
      if (faceDiffers) who += say(lang, "verdict.faceValue", { losing: losing(faceValue, lang) });
    }
    parts.push(`${who}${end}`);
  } else {
    parts.push(say(lang, "verdict.noUserPaidIn"));
  }
  if (s.earliestTenthShareOfGains !== null) parts.push(say(lang, "verdict.earliestTenth", { share: percent(s.earliestTenthShareOfGains) }));
  // After a collapse, what came in after it, apart (docs/model.md, "After the collapse"). English
  // keeps the space it always had before the sentence, even when the run ended on the collapse day.
  if (s.afterCollapse !== undefined) parts.push(afterCollapseSentence(s.afterCollapse, lang));
  return parts.join(say(lang, "verdict.sentenceJoin"));
}
