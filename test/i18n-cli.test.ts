import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cli, cliInProcess, type CliResult, tempDir } from "./helpers/cli.js";
import { englishSentences } from "./helpers/english.js";

/**
 * A run in Chinese end to end: what the terminal prints has no English sentence left in it, the
 * files are those of the scenario with lang: zh-CN (recorded, so verify rebuilds them), and
 * --excel marks every CSV for Excel without changing a byte after the mark.
 *
 * The commands run in-process (cliInProcess): the language is an argument of each call, never
 * state kept between them. One run stays a child process: the one whose language comes from the
 * environment a process starts with.
 */

/** seed 003 run once in English with no options, for the tests that compare other runs with it. */
let english: Promise<{ folder: string; run: CliResult }> | undefined;
function englishRun(): Promise<{ folder: string; run: CliResult }> {
  english ??= (async () => {
    const folder = join(tempDir(), "en");
    return { folder, run: await cliInProcess(["run", "scenarios/seed-003-shared-purchase.yaml", "--out", folder]) };
  })();
  return english;
}

describe("pointsim in Chinese, end to end", () => {
  it("the check finds English: the default run's terminal is full of it", async () => {
    const { folder, run } = await englishRun();
    expect(run.code).toBe(0);
    expect(englishSentences(run.stdout, [folder, "seed-003-shared-purchase"]).length).toBeGreaterThan(10);
  });

  it("a zh-CN run prints no untranslated English sentence, and verify rebuilds its files", async () => {
    const out = tempDir();
    const folder = join(out, "zh");
    const run = await cliInProcess(["run", "scenarios/seed-003-shared-purchase.yaml", "--out", folder, "--lang", "zh-CN"]);
    expect(run.code).toBe(0);
    expect(englishSentences(run.stdout, [folder, "seed-003-shared-purchase"])).toEqual([]);
    // Its status line and verdict, as written by hand in test/i18n.test.ts.
    expect(run.stdout).toContain("第69天崩盘：连续7天流失超过50%的销售");
    const summary = JSON.parse(readFileSync(join(folder, "summary.json"), "utf8")) as Record<string, unknown>;
    expect(summary.verdict).toMatch(/^Collapsed on day 69/);
    expect(summary.verdictZh).toMatch(/^第69天崩盘/);
    const resolved = JSON.parse(readFileSync(join(folder, "scenario.resolved.json"), "utf8")) as Record<string, unknown>;
    expect(resolved.lang).toBe("zh-CN");
    const verify = await cliInProcess(["verify", folder]);
    expect(verify.code).toBe(0);
  });

  it("LANG=zh_CN changes only the terminal: the files are the English run's, byte for byte", async () => {
    const out = tempDir();
    const { folder, run: en } = await englishRun();
    // A child process: the language comes from the environment it starts with.
    const zh = cli(["run", "scenarios/seed-003-shared-purchase.yaml", "--out", join(out, "env")], { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("第69天崩盘");
    expect(en.stdout).toContain("COLLAPSED on day 69");
    for (const name of ["summary.json", "timeseries.csv", "outcomes.csv", "compliance.json", "report.html", "manifest.json"])
      expect(readFileSync(join(out, "env", name), "utf8"), name).toBe(readFileSync(join(folder, name), "utf8"));
  });

  it("validation problems in Chinese: the path as it is, what was expected and found in Chinese; exit 2 as in English", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, 'name: bad\ndays: -3\nproducts:\n  - id: a\n    price: "x"\n');
    const zh = await cliInProcess(["validate", file, "--lang", "zh-CN"]);
    const en = await cliInProcess(["validate", file]);
    expect(zh.code).toBe(2);
    expect(en.code).toBe(2);
    // days must be a whole number ≥ 1 and price a number: written by hand from the schema.
    expect(zh.stderr).toBe(`${file}：2个问题\n  days：应为大于或等于1的数，实际为-3\n  products[0].price：应为数，实际为"x"\n`);
    expect(en.stderr).toBe(`${file}: 2 problems\n  days: expected a number >= 1, found -3\n  products[0].price: expected a number, found "x"\n`);
  });

  it("--excel starts every CSV with a UTF-8 byte-order mark and changes nothing else; verify redoes it", async () => {
    const out = tempDir();
    const { folder: plainFolder, run: plainRun } = await englishRun();
    expect(plainRun.code).toBe(0);
    expect((await cliInProcess(["run", "scenarios/seed-003-shared-purchase.yaml", "--out", join(out, "excel"), "--excel"])).code).toBe(0);
    for (const name of ["timeseries.csv", "outcomes.csv", "compliance.csv"]) {
      const plain = readFileSync(join(plainFolder, name));
      const excel = readFileSync(join(out, "excel", name));
      // EF BB BF is U+FEFF in UTF-8; the plain file starts with its header's first letter.
      expect([...excel.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(plain[0], name).not.toBe(0xef);
      expect(excel.subarray(3).equals(plain), name).toBe(true);
    }
    expect(readFileSync(join(out, "excel", "summary.json"), "utf8")).toBe(readFileSync(join(plainFolder, "summary.json"), "utf8"));
    const manifest = JSON.parse(readFileSync(join(out, "excel", "manifest.json"), "utf8")) as { options: Record<string, unknown> };
    expect(manifest.options).toEqual({ journal: false, excel: true });
    expect((await cliInProcess(["verify", join(out, "excel")])).code).toBe(0);
  });

  it("a zh-CN run's stderr (shaping defaults, plausibility warnings) and zh-CN explain have no English sentence; in English they do", async () => {
    const dir = tempDir();
    // seed 003 with a withdrawal fee past its bound: a plausibility warning, and the defaults it leaves unwritten.
    const scenario = parse(readFileSync(join(ROOT, "scenarios", "seed-003-shared-purchase.yaml"), "utf8")) as Record<string, unknown>;
    scenario.withdrawals = { ...(scenario.withdrawals as object), feeRate: 0.3 };
    scenario.days = 60;
    const file = join(dir, "fee.yaml");
    writeFileSync(file, stringify(scenario));
    const zh = await cliInProcess(["run", file, "--out", join(dir, "zh"), "--lang", "zh-CN"]);
    const en = await cliInProcess(["run", file, "--out", join(dir, "en")]);
    expect(zh.code).toBe(0);
    expect(zh.stderr).toContain("withdrawals.feeRate = 0.3：平台从每笔提现中扣留30%，高于20%的界限");
    expect(zh.stderr).toContain("影响结果的默认值");
    expect(englishSentences(zh.stderr, [file])).toEqual([]);
    expect(englishSentences(zh.stdout, [join(dir, "zh"), "seed-003-shared-purchase"])).toEqual([]);
    expect(englishSentences(en.stderr, [file]).length).toBeGreaterThan(3);
    // explain of every scheme's lines, and of a scenario's rule changes.
    for (const name of [
      "seed-002-combined",
      "dividend-rights",
      "mutual-aid",
      "membership",
      "rank-dividends",
      "seed-002-team-agents",
      "seed-003-shared-purchase",
      "seed-004-order-dividend",
      "changes-example",
    ]) {
      const path = join("scenarios", `${name}.yaml`);
      const zhExplain = await cliInProcess(["explain", path, "--lang", "zh-CN"]);
      const enExplain = await cliInProcess(["explain", path]);
      expect(zhExplain.code, name).toBe(0);
      expect(englishSentences(zhExplain.stdout + zhExplain.stderr, [name]), name).toEqual([]);
      expect(englishSentences(enExplain.stdout, [name]).length, name).toBeGreaterThan(2);
    }
  });

  it("a zh-CN sweep's terminal summary and table have no English sentence; the English one has", async () => {
    const dir = tempDir();
    // The bundled example sweep (4 points × 3 seeds) over a tenth of seed 002's market, 3,000
    // users: its 12 runs still all collapse, so the table's collapse columns are filled, at a
    // fraction of the full sweep's cost. What is checked is the language, not the figures.
    const sweep = parse(readFileSync(join(ROOT, "scenarios", "sweep-example.yaml"), "utf8")) as { base: string; set: Record<string, unknown> };
    sweep.base = join(ROOT, "scenarios", sweep.base);
    sweep.set["population.arrivals.marketSize"] = 3000;
    const file = join(dir, "sweep-example.yaml");
    writeFileSync(file, stringify(sweep));
    const zh = await cliInProcess(["sweep", file, "--out", join(dir, "zh"), "--lang", "zh-CN", "--workers", "1"]);
    const en = await cliInProcess(["sweep", file, "--out", join(dir, "en"), "--workers", "1"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("12次运行已完成12次，失败0次");
    // Each point's row: 3 runs, all collapsed.
    expect(zh.stdout.match(/ 3 +100% /g)).toHaveLength(4);
    expect(englishSentences(zh.stdout + zh.stderr, [join(dir, "zh"), "sweep-example"])).toEqual([]);
    expect(englishSentences(en.stdout, [join(dir, "en"), "sweep-example"]).length).toBeGreaterThan(2);
    // Its report embeds the CJK font subset the run report uses (the page holds the bundled engine's Chinese).
    expect(readFileSync(join(dir, "zh", "report.html"), "utf8")).toMatch(/@font-face \{ font-family: "pointsim CJK"; src: url\(data:font\/woff;base64,/);
  });
});
