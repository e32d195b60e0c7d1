import { formatYuan } from "../engine/units.js";
import { countZhShort, yuanZh, yuanZhShort } from "../report/format-zh.js";
import type { Lang } from "./lang.js";

/**
 * Figures in a language, by pointsim's own code (never Intl, whose output changes with Node's ICU
 * data). English keeps the one money format it always had ("¥1,234.56"); Chinese writes yuan as a
 * person says them, in 万 and 亿 from ten thousand on ("2734.57万元"), or exact to the fen
 * ("27,345,678.90元") where a figure is evidence.
 */
export interface Figures {
  /** Integer fen as a person reads money in this language. */
  money(fen: number): string;
  /** Integer fen, exact to the fen. */
  exactMoney(fen: number): string;
  /** A whole count of people ("12.35万人"; English: "123,456"). */
  people(count: number): string;
}

const english: Figures = {
  money: formatYuan,
  exactMoney: formatYuan,
  people: (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ","),
};

const chinese: Figures = {
  money: yuanZhShort,
  exactMoney: yuanZh,
  people: (count) => countZhShort(count, "人"),
};

export function figures(lang: Lang): Figures {
  return lang === "zh-CN" ? chinese : english;
}

/** A share as a percentage with one decimal, the same in both languages ("12.3%"). */
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Yuan (a summary figure, exact to the fen as a float) as integer fen. */
export const fenOf = (yuan: number): number => Math.round(yuan * 100);
