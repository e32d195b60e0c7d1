import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/**
 * docs/glossary.md's tables as (English terms, Chinese terms): "a; b" and "a / b" are
 * alternatives, a parenthesis explains and is not part of the term.
 */
export function glossary(): { en: string[]; zh: string[] }[] {
  const text = readFileSync(join(ROOT, "docs", "glossary.md"), "utf8");
  const rows: { en: string[]; zh: string[] }[] = [];
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || cells[1] === "English" || /^-+$/.test(cells[1] ?? "")) continue;
    const en = (cells[1] ?? "").replace(/\([^)]*\)/g, "").replace(/"/g, "");
    const zh = (cells[2] ?? "").replace(/（[^）]*）/g, "");
    rows.push({
      en: en
        .split(/[;/]/)
        .map((t) => t.trim())
        .filter((t) => t !== ""),
      zh: zh
        .split(/[；/]/)
        .map((t) => t.trim())
        .filter((t) => t !== ""),
    });
  }
  return rows;
}

/** Each message whose English uses a glossary term and whose Chinese lacks the glossary's Chinese for it. */
export function glossaryProblems(messages: Record<string, { en: string; "zh-CN": string }>): string[] {
  const problems: string[] = [];
  // An official title is quoted as the state publishes it, in both languages.
  const verbatim = new Set(["statute.opinion2013"]);
  const terms = glossary();
  for (const [key, t] of Object.entries(messages)) {
    if (verbatim.has(key)) continue;
    // File names (after-collapse.json) are not words.
    const english = t.en.replace(/\S+\.(json|csv|html)\b/g, "").replace(/\{\w+\}/g, "");
    for (const term of terms) {
      const used = term.en.filter((en) => new RegExp(`\\b${en.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(s|d|ed)?\\b`, "i").test(english));
      if (used.length > 0 && !term.zh.some((zh) => t["zh-CN"].includes(zh))) problems.push(`${key}: "${used[0]}" should be ${term.zh.join(" or ")}`);
    }
  }
  return problems;
}
