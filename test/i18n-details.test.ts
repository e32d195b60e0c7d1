import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRuns, formatComparison } from "../src/cli/compare.js";
import { sweepTable } from "../src/cli/sweep-table.js";
import { ScenarioError, type ScenarioProblem } from "../src/errors.js";
import { targetLabel } from "../src/fit/report.js";
import { cohortTableHtml } from "../src/report/cohort-table.js";
import { loadScenarioFile, parseScenarioText } from "../src/scenario/load.js";
import { parse } from "yaml";
import { ROOT } from "./helpers/cli.js";
import { englishSentences } from "./helpers/english.js";

/**
 * Chinese where a zh-CN reader used to meet English or English punctuation: a YAML error's place,
 * a duplicate key's quotes, the cohort table's first cell, compare's table, the sweep's flags and
 * a fit's series target. The Chinese expected is written here by hand; the English beside it is
 * what pointsim always printed.
 */

const temp = () => mkdtempSync(join(tmpdir(), "i18n-details-"));

/** The problems' lines as the terminal prints them, less the header line naming the file. */
const formatProblems = (problems: ScenarioProblem[], lang: "en" | "zh-CN") =>
  new ScenarioError("f.yaml", problems).report(lang).split("\n").slice(1).join("\n").trimEnd();

describe("a scenario file's syntax problems", () => {
  it("the place of a YAML error reads 第3行第1列 in Chinese and line 3, column 1 in English", () => {
    // "days: [" opens a flow sequence that the end of line 3 never closes.
    const { problems } = parseScenarioText("name: x\ndays: [\n", "bad.yaml");
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p?.path).toBe("line 3, column 1");
    expect(formatProblems(problems, "zh-CN")).toContain("  第3行第1列：应为有效的 YAML，实际为");
    expect(formatProblems(problems, "en")).toContain("  line 3, column 1: expected valid YAML, found ");
  });

  it("a key given twice: its place, and the key in Chinese quotation marks", () => {
    // The second "name" starts line 2, column 1.
    const { problems } = parseScenarioText("name: x\nname: y\ndays: 3\n", "dup.yaml");
    expect(formatProblems(problems, "zh-CN")).toBe("  第2行第1列：应为有效的 YAML，实际为键“name”第二次出现");
    expect(formatProblems(problems, "en")).toBe('  line 2, column 1: expected valid YAML, found the key "name" a second time');
  });
});

describe("the report's cohort table", () => {
  it("names a cohort 第1批（第1–30天） in Chinese and 1 (1–30) in English", () => {
    const basis = { meanResultFen: 0, medianResultFen: 0, losing: 0 };
    const cohort = {
      cohort: 1,
      firstDay: 1,
      lastDay: 30,
      users: 2,
      payingUsers: 2,
      moneyInFen: 0,
      moneyOutFen: 0,
      goodsFen: 0,
      claimsFaceFen: 0,
      claimsWindUpFen: 0,
      windUp: basis,
      cash: basis,
      faceValue: basis,
    };
    expect(cohortTableHtml([cohort], "zh-CN")).toContain("<tr><td>第1批（第1–30天）</td>");
    expect(cohortTableHtml([cohort], "en")).toContain("<tr><td>1 (1–30)</td>");
  });
});

describe("compare in Chinese", () => {
  /** A run folder as pointsim writes one, reduced to what compare reads. */
  function runFolder(root: string, name: string, summary: Record<string, unknown>, inviteRate: number): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ resolvedScenario: { name: "s", population: { arrivals: { inviteRate } } } }));
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    return dir;
  }
  const root = temp();
  const a = runFolder(
    root,
    "a",
    { collapseDay: null, collapse: null, finalStatus: "healthy", peakUsers: 630, totalNewMoneyIn: 687908.29, redFlags: [{ id: "entryFees", raised: true }] },
    0.02,
  );
  const b = runFolder(
    root,
    "b",
    {
      collapseDay: 45,
      collapse: { reason: "withdrawals unpaid for more than 7 days", reasonZh: "提现逾期未付超过7天" },
      finalStatus: "collapsed",
      peakUsers: 1110,
      totalNewMoneyIn: 1186366.73,
      redFlags: [{ id: "entryFees", raised: false }],
    },
    0.03,
  );

  /**
   * Column widths, counted by hand: the first column is "  population.arrivals.inviteRate" (32)
   * + 2 = 34. In Chinese (a CJK character takes two columns) A's widest cell is "687,908.29元"
   * (10 + 2 = 12) + 2 = 14 and B's is "提现逾期未付超过7天" (9 × 2 + 1 = 19) + 2 = 21; in English
   * A's is "¥687,908.29" (11) + 2 = 13 and B's "withdrawals unpaid for more than 7 days" (39) + 2 = 41.
   */
  const sp = (n: number) => " ".repeat(n);

  it("money in 元 to the fen, the status, the collapse reason and the red flags in Chinese, columns aligned by terminal width", () => {
    const lines = formatComparison("a", "b", compareRuns(a, b), "zh-CN").split("\n");
    expect(lines).toContain(`关键指标${sp(26)}A${sp(13)}B${sp(20)}B − A`);
    // 1,186,366.73 − 687,908.29 = 498,458.44.
    expect(lines).toContain(`  totalNewMoneyIn${sp(17)}687,908.29元${sp(2)}1,186,366.73元${sp(7)}+498,458.44元`);
    expect(lines).toContain(`  finalStatus${sp(21)}未崩盘${sp(8)}崩盘${sp(17)}有变化`);
    expect(lines).toContain(`  collapse.reason${sp(17)}—${sp(13)}提现逾期未付超过7天${sp(2)}有变化`);
    expect(lines).toContain(`  entryFees${sp(23)}是${sp(12)}否${sp(19)}有变化`);
  });

  it("English as it always was, and --json without the Chinese", () => {
    const c = compareRuns(a, b);
    const lines = formatComparison("a", "b", c, "en").split("\n");
    expect(lines).toContain(`  totalNewMoneyIn${sp(17)}¥687,908.29${sp(2)}¥1,186,366.73${sp(28)}+¥498,458.44`);
    expect(lines).toContain(`  collapse.reason${sp(17)}—${sp(12)}withdrawals unpaid for more than 7 days${sp(2)}changed`);
    expect(lines).toContain(`  entryFees${sp(23)}true${sp(9)}false${sp(36)}changed`);
    expect(JSON.stringify(c)).not.toContain("提现");
  });
});

describe("a sweep's sensitivity table in a Chinese terminal", () => {
  it("says the flags in words; English prints the tokens", () => {
    const dir = temp();
    writeFileSync(
      join(dir, "sensitivity.csv"),
      [
        "metric,parameter,index,value,low,high,flag",
        "platformResult,p,ST,1.25,0.56,2.46,too-few-samples:N=2900",
        "platformResult,q,ST,0.5,0.1,1.2,outside-0-1 too-few-samples:N=713",
      ].join("\n"),
    );
    const zh = sweepTable(dir, "zh-CN");
    expect(zh).toContain("样本太少（N = 2900）\n");
    expect(zh).toContain("超出 [0, 1]；样本太少（N = 713）\n");
    const en = sweepTable(dir, "en");
    expect(en).toContain("too-few-samples:N=2900\n");
    expect(en).toContain("outside-0-1 too-few-samples:N=713\n");
  });
});

describe("a fit's series target", () => {
  it("reads users_total（逐日序列） in Chinese; its label in fit.csv and English stays users_total (series)", () => {
    expect(targetLabel({ label: "users_total (series)", kind: "series" }, "zh-CN")).toBe("users_total（逐日序列）");
    expect(targetLabel({ label: "users_total (series)", kind: "series" }, "en")).toBe("users_total (series)");
    expect(targetLabel({ label: "peakUsers", kind: "metric" }, "zh-CN")).toBe("peakUsers");
  });
});

describe("the Chinese starter scenario (pointsim init --lang zh-CN)", () => {
  const en = join(ROOT, "templates", "starter.yaml");
  const zh = join(ROOT, "templates", "starter.zh-CN.yaml");

  it("is the English starter's scenario with a Chinese description and lang: zh-CN, and validates", () => {
    const data = (file: string) => parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const { description: enDescription, ...enRest } = data(en);
    const { description: zhDescription, lang, ...zhRest } = data(zh);
    expect(zhRest).toEqual(enRest);
    expect(lang).toBe("zh-CN");
    expect(zhDescription).toBe("入门情景：一种报单产品，赠送广告积分和消费增值积分，两级推荐。");
    expect(enDescription).toMatch(/^A starter/);
    expect(loadScenarioFile(zh).scenario.lang).toBe("zh-CN");
  });

  it("its comments say in Chinese what the English one says: every comment line Chinese, one more than in English (on lang)", () => {
    const comments = (file: string) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes("#"));
    const zhComments = comments(zh);
    // The Chinese starter adds one line, on lang: zh-CN.
    expect(zhComments.length).toBe(comments(en).length + 1);
    for (const line of zhComments) expect(line, line).toMatch(/[\u4e00-\u9fff]/);
    // Keys and values in comments (lang: zh-CN, the arrival models) are the scenario's words, not sentences.
    expect(englishSentences(zhComments.join("\n"), ["pointsim validate", "pointsim run", "constant | exponential | logistic | referral"])).toEqual([]);
  });
});
