import type { Summary } from "../engine/summary-types.js";
import { verdictSentence } from "../engine/verdict.js";
import type { Lang } from "./lang.js";

/** A signal's record without its Chinese reason. */
function withoutZh<T extends { reasonZh?: string }>(record: T): Omit<T, "reasonZh"> {
  const copy: T = { ...record };
  delete copy.reasonZh;
  return copy;
}

/**
 * The summary as summary.json holds it in a run's language. Every key stays where it was, so
 * scripts keep working: `verdict` and each signal's `reason` are English in every run. An
 * English run's file is byte for byte what it was before pointsim spoke Chinese (no Chinese in
 * it); a zh-CN run's adds `verdictZh` after `verdict`, `reasonZh` after each `reason` and `keyFiguresZh` after `keyFigures`
 * (docs/indicators.md, "summary.json in Chinese").
 */
export function summaryForFile(summary: Summary, lang: Lang): Summary {
  if (lang === "en") {
    const english: Summary = { ...summary, collapse: summary.collapse === null ? null : withoutZh(summary.collapse), signals: summary.signals.map(withoutZh) };
    delete english.keyFiguresZh;
    return english;
  }
  const verdictZh = verdictSentence(summary, "zh-CN");
  return Object.fromEntries(
    Object.entries(summary).flatMap(([key, value]) =>
      key === "verdict"
        ? [
            [key, value],
            ["verdictZh", verdictZh],
          ]
        : [[key, value]],
    ),
  ) as Summary;
}
