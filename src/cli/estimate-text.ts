import { groupedNumber } from "../i18n/grouping.js";
import type { Lang } from "../i18n/lang.js";
import { tell } from "../i18n/tell.js";
import { countZhShort } from "../report/format-zh.js";
import { type RunEstimate, WARN_SECONDS } from "../scenario/estimate.js";

/*
 * A run's estimated cost in words (src/scenario/estimate.ts computes it). Apart from the estimate
 * itself, which report.html's bundled engine carries: the words come from the commands'
 * catalogue, which that bundle must not carry.
 */

/** A time as the terminal writes it: seconds under 90, minutes under 90, then hours. */
function duration(s: number, lang: Lang): string {
  const zh = lang === "zh-CN";
  if (s < 90) return `${Math.max(1, Math.round(s))}${zh ? "秒" : " s"}`;
  if (s < 5400) return `${Math.round(s / 60)}${zh ? "分钟" : " min"}`;
  return `${(s / 3600).toFixed(1)}${zh ? "小时" : " h"}`;
}
const size = (b: number) => (b < 1024 ** 3 ? `${Math.round(b / 1024 ** 2)} MiB` : `${(b / 1024 ** 3).toFixed(1)} GiB`);

/**
 * The estimate in words, and a warning when it is long or larger than the machine's memory, in
 * the terminal's language (user-days in millions in English, in 万 or 亿 in Chinese).
 */
export function describeEstimate(e: RunEstimate, totalMemory: number, lang: Lang = "en"): { line: string; warning: string | null } {
  const userDays = lang === "en" ? (e.userDays / 1e6).toFixed(1) : countZhShort(Math.round(e.userDays), "用户日");
  const line = tell(lang, "estimate.line", { users: groupedNumber(e.peakUsers), userDays, time: duration(e.seconds, lang), memory: size(e.bytes) });
  const warnings: string[] = [];
  if (e.seconds > WARN_SECONDS) warnings.push(tell(lang, "estimate.long", { time: duration(e.seconds, lang) }));
  if (e.bytes > totalMemory * 0.8) warnings.push(tell(lang, "estimate.memory", { memory: size(e.bytes), total: size(totalMemory) }));
  return { line, warning: warnings.length > 0 ? warnings.join(lang === "en" ? "; " : "；") : null };
}
