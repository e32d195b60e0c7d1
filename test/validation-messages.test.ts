import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  FitInterrupted,
  FolderBusyError,
  InterruptedError,
  OutputExistsError,
  OutputIoError,
  RecommendInterrupted,
  ScenarioError,
  SweepInterrupted,
  WriteInterrupted,
} from "../src/errors.js";
import { judgeFolder, manifestFolderRules } from "../src/report/ownership.js";
import { englishSentences } from "./helpers/english.js";
import { tempDir } from "./helpers/cli.js";
import { VALIDATION_MESSAGES, YAML_ERRORS_ZH } from "../src/i18n/validation-messages.js";
import { words } from "../src/i18n/words.js";
import { parseSeed } from "../src/cli/commands.js";
import { parseWorkers } from "../src/cli/sweep.js";
import { parseScenarioText } from "../src/scenario/load.js";
import { atPath } from "../src/scenario/problem.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { glossaryProblems } from "./helpers/glossary.js";

/**
 * The validation catalogue (src/i18n/validation-messages.ts): every message in both languages
 * with the same parameters, Chinese in every Chinese template, the glossary's terms; and the
 * problems built from it print their Chinese in a zh-CN terminal while their English (and JSON)
 * stay what they were. The Chinese expected here is written by hand from the checks' rules.
 */
const CATALOGUE = VALIDATION_MESSAGES as Record<string, { en: string; "zh-CN": string }>;

/** A template's parameters, but `plural` ("s" or ""), which is English grammar only. */
const placeholders = (template: string) =>
  [...template.matchAll(/\{([A-Za-z]+)\}/g)]
    .map((m) => m[1])
    .filter((name) => name !== "plural")
    .sort();

/**
 * Templates whose Chinese is only parameters, code and punctuation (a key list in parentheses,
 * a file name before its problem, a type name): there is no sentence in them to translate.
 */
const NO_SENTENCE = new Set([
  "expected.figureOf",
  "found.fileSays",
  "found.atPoints",
  "ajv.type",
  "expected.priceParts",
  "expression.closing",
  "expected.schemaRule",
  // In Chinese the file's problem is itself the noun phrase after 实际为 (文件夹，而不是文件).
  "found.theFile",
]);

describe("the validation catalogue", () => {
  it("holds the messages of every check (a catalogue that lost its entries would pass the rest)", () => {
    expect(Object.keys(CATALOGUE).length).toBeGreaterThan(200);
  });

  it("every message has both languages, naming the same parameters", () => {
    const problems: string[] = [];
    for (const [key, t] of Object.entries(CATALOGUE)) {
      if (!t.en) problems.push(`${key}: no en`);
      if (!t["zh-CN"]) problems.push(`${key}: no zh-CN`);
      if (placeholders(t.en).join() !== placeholders(t["zh-CN"]).join()) problems.push(`${key}: parameters differ`);
    }
    expect(problems).toEqual([]);
  });

  it("the parameter check bites: a Chinese template that drops or renames one fails it", () => {
    const differ = (en: string, zh: string) => placeholders(en).join() !== placeholders(zh).join();
    expect(differ("a day of the run, 1 to {days}", "模拟中的一天")).toBe(true);
    expect(differ("{count} field{plural}", "{count}个字段")).toBe(false);
    expect(differ("at most {max} runs", "至多{limit}次运行")).toBe(true);
  });

  it("every Chinese template has Chinese in it, but those that are only parameters and code", () => {
    const untranslated = Object.entries(CATALOGUE)
      .filter(([key, t]) => !NO_SENTENCE.has(key) && !/[\u4e00-\u9fff]/.test(t["zh-CN"]))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
    for (const key of NO_SENTENCE) expect(CATALOGUE[key], key).toBeDefined();
  });

  it("a message whose English uses a glossary term says it with the glossary's Chinese", () => {
    expect(glossaryProblems(CATALOGUE)).toEqual([]);
  });

  it("every YAML parser error code has its Chinese", () => {
    for (const [code, zh] of Object.entries(YAML_ERRORS_ZH)) expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
  });

  it("words fill parameters in each language; {plural} is English only, from {count}", () => {
    expect(words("found.fields", { count: 1 })).toEqual({ en: "1 field", zh: "1个字段" });
    expect(words("found.fields", { count: 4 })).toEqual({ en: "4 fields", zh: "4个字段" });
    // A parameter that is words itself is filled in its own language.
    expect(words("found.metricIs", { name: "days", kind: words("found.kind.list") })).toEqual({ en: '"days" is a list', zh: "“days”是列表" });
  });
});

/** A ScenarioError's report in a language. */
const report = (problems: ScenarioError["problems"], lang: "en" | "zh-CN") => new ScenarioError("s.yaml", problems).report(lang);

describe("problems in two languages", () => {
  it("cross-field rules: the English as it was, the Chinese written by hand, every problem at once", () => {
    const data = {
      name: "x",
      days: 10,
      products: [
        { id: "a", price: 10, cost: 8, platformMargin: 2, distribution: 1, weight: 0 },
        { id: "a", price: 10, cost: 1, platformMargin: 1, distribution: 1, weight: 0 },
      ],
    };
    const { problems } = resolveScenario(data);
    // cost 8 + margin 2 + distribution 1 = 11.00 > price 10; id "a" twice; every weight 0.
    expect(report(problems, "en")).toBe(
      "s.yaml: 3 problems\n" +
        "  products[0]: expected cost + platformMargin + distribution ≤ price (10), found 11.00\n" +
        '  products[1].id: expected a product id not used before, found "a"\n' +
        "  products: expected at least one product with weight > 0, found all weights 0\n",
    );
    expect(report(problems, "zh-CN")).toBe(
      "s.yaml：3个问题\n" +
        "  products[0]：应为cost + platformMargin + distribution ≤ price（10），实际为11.00\n" +
        '  products[1].id：应为未用过的商品 id，实际为"a"\n' +
        "  products：应为至少一件 weight > 0 的商品，实际为所有 weight 都为0\n",
    );
    // The Chinese is not part of a problem's JSON (validate --json, the files): the English is.
    expect(JSON.parse(JSON.stringify(problems[1]))).toEqual({ path: "products[1].id", expected: "a product id not used before", found: '"a"' });
  });

  it("a file that is not YAML: the parser's message in English, what its code means in Chinese", () => {
    const { problems } = parseScenarioText("name: a\n  days: [1\n", "s.yaml");
    expect(problems.length).toBeGreaterThan(0);
    const zh = report(problems, "zh-CN");
    expect(zh).toContain("应为有效的 YAML，实际为");
    expect(zh).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{2,} [A-Za-z]{2,}/);
  });

  it("command-line options: --seed and --workers", () => {
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error as ScenarioError;
      }
      throw new Error("not refused");
    };
    expect(caught(() => parseWorkers("x")).report("zh-CN")).toBe('--workers：1个问题\n  --workers：应为1到256之间的整数，实际为"x"\n');
    expect(caught(() => parseSeed("-3")).report("zh-CN")).toBe('--seed：1个问题\n  --seed：应为种子，而不是选项（它以 - 开头），实际为"-3"\n');
    expect(caught(() => parseSeed("-3")).report("en")).toBe('--seed: 1 problem\n  --seed: expected a seed, not an option (it starts with -), found "-3"\n');
  });

  it("a problem moved to another path keeps its Chinese (a spread would drop it: it is not enumerable)", () => {
    const [first] = resolveScenario({ name: "x", days: 0 }).problems;
    if (first === undefined) throw new Error("no problem");
    const moved = atPath(first, "days (at the from end)");
    expect(moved.zh).toEqual(first.zh);
    expect({ ...first }.zh).toBeUndefined();
  });
});

describe("refusals and stops in two languages", () => {
  it("a folder pointsim will not write: the English as it was, the Chinese written by hand", () => {
    const dir = tempDir();
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const refusal = (() => {
      try {
        judgeFolder(file, manifestFolderRules(words("noun.fit"), "pointsim-fit", ["fit.json"]), false);
      } catch (error) {
        return error as OutputExistsError;
      }
      throw new Error("the file was not refused");
    })();
    expect(refusal).toBeInstanceOf(OutputExistsError);
    expect(refusal.report("en")).toBe(`pointsim: ${file} is a file, not a folder\n`);
    expect(refusal.report("zh-CN")).toBe(`pointsim：${file} 是文件，不是文件夹\n`);
    // The default refusal and an earlier fit's folder, worded with the noun in each language.
    expect(new OutputExistsError("out").report("zh-CN")).toBe("pointsim：out 已存在；用 --force 替换它，或换一个名字\n");
    const earlier = manifestFolderRules(words("noun.fit"), "pointsim-fit", []).refuse.occupied({});
    expect(earlier).toEqual({
      en: "holds an earlier fit; use another --out, or --force to replace it",
      zh: "含有之前的拟合；请换一个 --out，或用 --force 替换它",
    });
  });

  it("a busy folder, a stop and a full disk in Chinese, with no English sentence left", () => {
    const busy = new FolderBusyError("out", "out/.lock", 42).report("zh-CN");
    expect(busy).toBe("pointsim：out正由另一个 pointsim 进程（进程号 42）写入；请等它写完再试，或换一个文件夹（如果没有 pointsim 在运行，请删除 out/.lock）\n");
    expect(new FolderBusyError("out", "out/.lock", 42).report("en")).toBe(
      "pointsim: out is being written by another pointsim process (pid 42) right now; try again when it is done, or choose another folder (if no pointsim is running, remove out/.lock)\n",
    );
    expect(new InterruptedError(7).report("zh-CN")).toBe("pointsim：在第7天之前被中断；没有写出任何文件\n");
    expect(new SweepInterrupted(3, 10).report("zh-CN")).toBe("pointsim：完成10次运行中的3次后被中断；再次执行同一条命令即可续跑\n");
    expect(new OutputIoError("out/summary.json", "ENOSPC").report("zh-CN")).toBe("pointsim：无法写入 out/summary.json：磁盘已满\n");
    for (const error of [new FitInterrupted(), new RecommendInterrupted(4), new WriteInterrupted("out"), new OutputIoError("x", "EWHATEVER")])
      expect(englishSentences(error.report("zh-CN"), [])).toEqual([]);
  });
});
