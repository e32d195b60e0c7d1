import type { Summary } from "../engine/summary-types.js";
import { verdictSentence } from "../engine/verdict.js";
import type { Lang } from "./lang.js";
import { MESSAGES, say } from "./messages.js";

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
 * it); a zh-CN run's adds `verdictZh` after `verdict`, `reasonZh` after each `reason`, `keyFiguresZh` after `keyFigures` and `titleZh` after each red flag's `title`
 * (docs/indicators.md, "summary.json in Chinese").
 */
export function summaryForFile(summary: Summary, lang: Lang): Summary {
  if (lang === "en") {
    const english: Summary = {
      ...summary,
      collapse: summary.collapse === null ? null : withoutZh(summary.collapse),
      signals: summary.signals.map(withoutZh),
      redFlags: summary.redFlags.map(({ evidenceZh: _zh, ...flag }) => flag),
    };
    delete english.keyFiguresZh;
    return english;
  }
  const verdictZh = verdictSentence(summary, "zh-CN");
  const redFlags = summary.redFlags.map((f) => {
    const key = `redFlag.${f.id}`;
    const titleZh = key in MESSAGES ? say("zh-CN", key as "redFlag.entryFees") : f.title;
    return Object.fromEntries(
      Object.entries(f).flatMap(([k, v]) =>
        k === "title"
          ? [
              [k, v],
              ["titleZh", titleZh],
            ]
          : [[k, v]],
      ),
    );
  });
  return Object.fromEntries(
    Object.entries(summary).flatMap(([key, value]) =>
      key === "verdict"
        ? [
            [key, value],
            ["verdictZh", verdictZh],
          ]
        : key === "redFlags"
          ? [[key, redFlags]]
          : [[key, value]],
    ),
  ) as Summary;
}
