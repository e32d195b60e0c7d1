import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { MESSAGES, say } from "../src/i18n/messages.js";
import { COMMAND_MESSAGES } from "../src/i18n/command-messages.js";
import { LANGS, terminalLang } from "../src/i18n/lang.js";
import { summaryForFile } from "../src/i18n/summary-file.js";
import { legalBasis } from "../src/i18n/compliance-file.js";
import { verdictSentence } from "../src/engine/verdict.js";
import type { simulate } from "../src/simulate.js";
import type { Summary } from "../src/engine/summary-types.js";
import { ROOT } from "./helpers/cli.js";
import { glossary, glossaryProblems } from "./helpers/glossary.js";
import { buildProgram } from "../src/cli/main.js";
import { wrap } from "../src/cli/terminal.js";

/** A template's parameters, but `plural` ("s" or ""), which is English grammar only. */
const placeholders = (template: string) =>
  [...template.matchAll(/\{([A-Za-z]+)\}/g)]
    .map((m) => m[1])
    .filter((name) => name !== "plural")
    .sort();

describe("the message catalogue", () => {
  it("every message has a non-empty template in every language, naming the same parameters", () => {
    const problems: string[] = [];
    for (const [key, templates] of Object.entries(MESSAGES)) {
      for (const lang of LANGS) {
        const text = (templates as Record<string, string | undefined>)[lang];
        // The one message whose Chinese is empty on purpose: Chinese sentences join with nothing between them.
        if (text === undefined || (text === "" && key !== "verdict.sentenceJoin")) problems.push(`${key}: no ${lang}`);
      }
      if (placeholders(templates.en).join() !== placeholders(templates["zh-CN"]).join()) problems.push(`${key}: parameters differ`);
    }
    expect(problems).toEqual([]);
  });

  it("a Chinese template has Chinese in it (an English sentence left untranslated fails)", () => {
    const untranslated = Object.entries(MESSAGES).filter(([key, t]) => {
      const zh = t["zh-CN"].replace(/\{[A-Za-z]+\}/g, "");
      // Punctuation-only templates (a separator, a sentence end) and the progress line's units.
      if (/^[\s.,;:()（）。，；：、]*$/.test(zh)) return false;
      return !/[\u4e00-\u9fff]/.test(zh) && key !== "list.comma";
    });
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });

  it("say fills named parameters and leaves the rest of the template alone", () => {
    expect(say("en", "terminal.legalTestDay", { test: "entry fee", day: 3 })).toBe("entry fee: day 3");
    expect(say("zh-CN", "terminal.legalTestDay", { test: "入门费", day: 3 })).toBe("入门费：第3天");
    expect(say("zh-CN", "progress.run", { bar: "{bar}", value: "{value}", total: "{total}", eta: "{eta}" })).toBe(
      "模拟中 {bar} 第{value}/{total}天 | 预计剩余{eta}秒",
    );
  });
});

describe("one glossary", () => {
  it("reads the glossary (a parser that found nothing would pass anything)", () => {
    const terms = glossary();
    expect(terms.length).toBeGreaterThan(30);
    expect(terms).toContainEqual({ en: ["collapse"], zh: ["崩盘"] });
    expect(terms).toContainEqual({ en: ["new money"], zh: ["新增资金"] });
    expect(terms).toContainEqual({ en: ["mutual aid", "a money game"], zh: ["互助", "资金盘"] });
  });

  it("a message whose English uses a glossary term says it in Chinese with the glossary's Chinese term", () => {
    expect(glossaryProblems(MESSAGES)).toEqual([]);
    expect(glossaryProblems(COMMAND_MESSAGES)).toEqual([]);
  });

  it("the check bites: 崩溃 for collapse, or 提款 for withdrawal, fails it", () => {
    expect(
      glossaryProblems({
        a: { en: "Collapsed on day {day}", "zh-CN": "第{day}天崩溃" },
        b: { en: "withdrawals paid", "zh-CN": "已付提款" },
        c: { en: "withdrawals paid", "zh-CN": "已付提现" },
      }),
    ).toEqual(['a: "collapse" should be 崩盘', 'b: "withdrawal" should be 提现']);
  });
});

describe("the help in Chinese", () => {
  /** Runs of three or more English words, once flags, placeholders and file names are taken out. */
  const english = (text: string) =>
    [
      ...text
        .replace(/--?[a-z-]+|<[^>]+>|\[[^\]]+\]|[\w./<>*-]+\.(json|csv|html|yaml)\b|"[^"]*"/g, " ")
        .matchAll(/[A-Za-z][A-Za-z'-]*(?:[ ,;:]+[A-Za-z][A-Za-z'-]*){2,}/g),
    ].map((m) => m[0]);

  it("every command's help has no English sentence left, and the English help is English (the check bites)", () => {
    const zh = buildProgram("zh-CN");
    const en = buildProgram("en");
    for (const command of [zh, ...zh.commands]) expect(english(command.helpInformation()), command.name()).toEqual([]);
    expect(english(en.commands.find((c) => c.name() === "run")?.helpInformation() ?? "").length).toBeGreaterThan(5);
  });

  it("defaults and choices in full-width brackets, with no space before them (run's --fail-if, --lang); no space after 用法：", () => {
    const run =
      buildProgram("zh-CN")
        .commands.find((c) => c.name() === "run")
        ?.helpInformation() ?? "";
    // A repeatable option's empty default list is left out; a real default stays.
    expect(run).toContain("以退出码 1 结束（可重复）\n");
    expect(run).not.toContain("[]");
    expect(run).toContain("（默认：reports/<name>-seed<seed>，");
    expect(run).toContain('（可选："en", "zh-CN"）');
    expect(run).not.toMatch(/ （(默认|可选)：/);
    expect(run.startsWith("用法：pointsim run [options] <file>\n")).toBe(true);
    // Every default in the Chinese help reads （默认：…）, never （默认 …）.
    const all = [buildProgram("zh-CN"), ...buildProgram("zh-CN").commands].map((c) => c.helpInformation()).join("\n");
    expect(all).not.toMatch(/[（；]默认 /);
    // The English help is commander's own.
    const en =
      buildProgram("en")
        .commands.find((c) => c.name() === "run")
        ?.helpInformation() ?? "";
    expect(en).toContain("(repeatable) (default: [])");
    expect(en.startsWith("Usage: pointsim run")).toBe(true);
  });
});

describe("the statutes, by their full titles", () => {
  it("each Chinese title the legal tests cite is the one docs/compliance.md cites", () => {
    const doc = readFileSync(join(ROOT, "docs", "compliance.md"), "utf8");
    const titles = Object.entries(MESSAGES)
      .filter(([key]) => key.startsWith("statute."))
      .flatMap(([, t]) => [...t["zh-CN"].matchAll(/《([^》]+)》/g)].map((m) => m[1] as string))
      // docs/compliance.md writes the Criminal Law as 刑法 §224之一.
      .filter((title) => title !== "中华人民共和国刑法");
    expect(titles.length).toBe(4);
    for (const title of titles) expect(doc, title).toContain(`《${title}》`);
  });

  it("a zh-CN run's compliance.json names the rule with the statute's full title (written by hand)", () => {
    expect(legalBasis("recruit-pay", "zh-CN")).toBe("《禁止传销条例》第七条第（一）项（拉人头）：以直接或者间接发展的人员数量为依据计算和给付报酬");
    expect(legalBasis("pyramid-threshold", "zh-CN")).toBe(
      "《中华人民共和国刑法》第二百二十四条之一（组织、领导传销活动罪）；最高人民检察院、公安部《关于公安机关管辖的刑事案件立案追诉标准的规定（二）》第七十八条：参与传销活动人员30人以上且层级在3级以上（含组织者及其所在层级）",
    );
  });
});

describe("the language of the terminal", () => {
  it("--lang first, then a Chinese run's own language, then LC_ALL before LANG", () => {
    expect(terminalLang("en", { LANG: "zh_CN.UTF-8" }, "zh-CN")).toBe("en");
    expect(terminalLang(undefined, {}, "zh-CN")).toBe("zh-CN");
    expect(terminalLang(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(terminalLang(undefined, { LANG: "zh_TW.UTF-8", LC_ALL: "C" })).toBe("en");
    expect(terminalLang(undefined, { LANG: "en_US.UTF-8", LC_ALL: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(terminalLang(undefined, { LANG: "en_GB.UTF-8" })).toBe("en");
    expect(terminalLang(undefined, {})).toBe("en");
  });
});

/** Each bundled scenario run once, shared by the verdicts and the evidence below (and other files). */
const runOf = (file: string): ReturnType<typeof simulate> => bundledRun(file.replace(/\.yaml$/, ""));
const summaryOf = (file: string): Summary => runOf(file).summary;

/**
 * The Chinese verdict of three bundled scenarios, written by hand from the facts in their
 * summary.json (listed above each), with 万 = 10⁴ yuan rounded half up to two decimals. The
 * sentence is what a Chinese reader should read; the figures are the English verdict's.
 */
describe("the verdict in Chinese, from the summary's facts", () => {
  it("dividend-rights: a mechanism collapse, money owed, three bases, what came in after", () => {
    // collapse day 227, dividendRights.payback (more than 1825 days to pay out); owedUnpayable
    // ¥38,423,717.76 = 3842.37万; goods at cost; wind-up 57.4119% losing ¥846,181.09 = 84.62万;
    // cash 100% ¥59,267,335.98 = 5926.73万; face value 99.83% ¥5,267,955.68 = 526.80万;
    // earliest tenth 39.8845%; after the collapse 503 days, new money ¥40,695,493.13 = 4069.55万
    // (66.3%), 4343 joined, 3427 lose ¥207,780.18 = 20.78万.
    const s = summaryOf("dividend-rights.yaml");
    expect(verdictSentence(s, "zh-CN")).toBe(
      "第227天崩盘：未兑付的分红权需要超过1825天才能付清；平台欠用户3842.37万元，清算时无法兑付。" +
        "商品按成本计、债权按清算可兑付金额计，57.4%的付费用户亏损（合计84.62万元）；仅按现金计，100.0%的付费用户亏损（合计5926.73万元）；" +
        "债权按面值计，99.8%的付费用户亏损（合计526.80万元）。最早加入的10%用户拿走了全部收益的39.9%。" +
        "崩盘后模拟又运行了503天，其间流入新增资金4069.55万元（占全程的66.3%），4343名用户加入，其中3427人亏损20.78万元。",
    );
    // The file of a zh-CN run holds it as verdictZh; the English verdict stays under verdict.
    const file = summaryForFile(s, "zh-CN") as Summary & { verdictZh: string };
    expect(file.verdict).toBe(s.verdict);
    expect(file.verdictZh).toBe(verdictSentence(s, "zh-CN"));
    expect(Object.keys(file).indexOf("verdictZh")).toBe(Object.keys(file).indexOf("verdict") + 1);
    // An English run's file has none of the Chinese keys (its bytes are the goldens').
    expect(JSON.stringify(summaryForFile(s, "en"))).not.toMatch(/verdictZh|reasonZh|keyFiguresZh/);
  });

  it("rank-dividends: no collapse in 540 days, cash and face value differing", () => {
    // no collapse in 540 days; goods at cost; wind-up 99.6533% losing ¥18,944,718.72 =
    // 1894.47万; cash 99.86% ¥50,704,990.40 = 5070.50万; face value 99.8533% ¥50,557,167.55 =
    // 5055.72万 (same share as cash to one decimal, another amount: both named); earliest 89.3594%.
    expect(verdictSentence(summaryOf("rank-dividends.yaml"), "zh-CN")).toBe(
      "540天内未崩盘。商品按成本计、债权按清算可兑付金额计，99.7%的付费用户亏损（合计1894.47万元）；" +
        "仅按现金计，99.9%的付费用户亏损（合计5070.50万元）；债权按面值计，99.9%的付费用户亏损（合计5055.72万元）。" +
        "最早加入的10%用户拿走了全部收益的89.4%。",
    );
  });

  it("seed-003-shared-purchase: nobody loses on the wind-up basis, everybody in cash; joiners after the collapse", () => {
    // collapse day 69, sharedPurchase.lostSales (more than 50% of sales lost for 7 days); nothing
    // owed; wind-up: 0 losing; cash 100% ¥872,030.79 = 87.20万; face 100% ¥872,016.82 = 87.20万;
    // earliest 75.6488%; after: 296 days, ¥64,500.00 = 6.45万 (7.2%), 3838 joined, none loses.
    expect(verdictSentence(summaryOf("seed-003-shared-purchase.yaml"), "zh-CN")).toBe(
      "第69天崩盘：连续7天流失超过50%的销售。商品按成本计、债权按清算可兑付金额计，没有付费用户亏损；" +
        "仅按现金计，100.0%的付费用户亏损（合计87.20万元）；债权按面值计，100.0%的付费用户亏损（合计87.20万元）。" +
        "最早加入的10%用户拿走了全部收益的75.6%。崩盘后模拟又运行了296天，其间流入新增资金6.45万元（占全程的7.2%），3838名用户加入，无人亏损。",
    );
  });
});

describe("Chinese lines on a terminal", () => {
  // A Chinese character takes two columns, a Latin letter or digit one.
  it("breaks between characters, never inside a number, never before closing punctuation", () => {
    // 合计 (4 columns) + 89.5% (5) = 9, + 的 = 11; 用 would make 13 > 12: the line ends.
    expect(wrap("合计89.5%的用户", 12, "zh-CN")).toEqual(["合计89.5%的", "用户"]);
    // At 8 columns 89.5% (9 with 合计) moves whole to the next line: 89.5% + 的 = 7, 用 would make 9.
    expect(wrap("合计89.5%的用户", 8, "zh-CN")).toEqual(["合计", "89.5%的", "用户"]);
    // 一二三 fills 6 columns; the comma may not start a line, so it stays (7 columns), 四 goes on.
    expect(wrap("一二三，四", 6, "zh-CN")).toEqual(["一二三，", "四"]);
    // A space where a line breaks is dropped.
    expect(wrap("种子 1，730天", 6, "zh-CN")).toEqual(["种子 1，", "730天"]);
  });

  it("keeps every line of seed 002's Chinese verdict within 96 columns (a closing mark may add 2) and loses no character", () => {
    const verdict = verdictSentence(summaryOf("seed-002-combined.yaml"), "zh-CN");
    const lines = wrap(verdict, 96, "zh-CN");
    expect(lines.join("").replace(/ /g, "")).toBe(verdict.replace(/ /g, ""));
    for (const line of lines) expect([...line].reduce((n, ch) => n + ((ch.codePointAt(0) as number) >= 0x2e80 ? 2 : 1), 0)).toBeLessThanOrEqual(98);
  });
});

describe("the legal evidence in Chinese uses the glossary's terms", () => {
  it("each legal test's and red flag's evidence, in the runs of four bundled scenarios, says in Chinese each glossary term its English uses", () => {
    const pairs: Record<string, { en: string; "zh-CN": string }> = {};
    for (const file of ["dividend-rights.yaml", "rank-dividends.yaml", "seed-003-shared-purchase.yaml", "seed-002-combined.yaml"]) {
      const { summary, compliance } = runOf(file);
      for (const t of compliance.tests) pairs[`${file} ${t.id}`] = { en: t.evidence, "zh-CN": t.evidenceZh };
      for (const f of summary.redFlags) pairs[`${file} ${f.id}`] = { en: f.evidence, "zh-CN": f.evidenceZh ?? "" };
    }
    // Not vacuous: many of these pairs use a glossary term (recruit, downline, entry fee, ...).
    const terms = glossary().flatMap((t) => t.en);
    const using = Object.values(pairs).filter((p) => terms.some((en) => p.en.toLowerCase().includes(en.toLowerCase())));
    expect(using.length).toBeGreaterThan(15);
    expect(glossaryProblems(pairs)).toEqual([]);
  });
});
