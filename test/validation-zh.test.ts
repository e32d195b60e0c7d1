import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cliInProcess, tempDir } from "./helpers/cli.js";
import { englishSentences } from "./helpers/english.js";

/**
 * Bad input in Chinese: every file of the hostile corpus (test/hostile/) and bad options, run
 * with --lang zh-CN, are refused as in English (exit 2, the same problems at the same paths, all
 * at once), and what each problem expected and found has no English sentence left in it. The
 * Chinese quoted here is written by hand from the rules each check states.
 */
const CORPUS = join(ROOT, "test", "hostile");

/** The command that reads a corpus file: fit and sweep files by their names, scenarios by validate. */
function commandFor(file: string, cwd: string): string[] {
  const path = join(CORPUS, file);
  if (file.startsWith("fit-")) return ["fit", path, "--out", join(cwd, "out"), "-q"];
  if (file.startsWith("sweep-")) return ["sweep", path, "--out", join(cwd, "out"), "-q"];
  return ["validate", path];
}

/** The problem lines of a report ("  path: expected …"), and what follows each path in Chinese. */
const problemLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("  "));
const pathOf = (line: string, colon: string) =>
  line
    .slice(2, line.indexOf(colon))
    .replace("（顶层）", "(top level)")
    .replace(/^第(\d+)行第(\d+)列$/, "line $1, column $2");
/**
 * What a Chinese problem line says after its path (a path stays as written: keys, file names;
 * a place in the file reads 第4行第1列), less the input's own text it quotes (“…”, "…") and the CSV header it names.
 */
const wordsOf = (line: string) =>
  line
    .slice(line.indexOf("：应为") + 1)
    .replace(/“[^”]*”|"[^"]*"/g, " ")
    .replace("day,column,value", " ");

describe("bad input in Chinese", () => {
  const files = readdirSync(CORPUS)
    .filter((f) => !f.endsWith(".csv"))
    .sort();

  it("the corpus is there (a check over no files would pass anything)", () => {
    expect(files.length).toBeGreaterThan(25);
  });

  for (const file of files) {
    it(`${file}: exit 2 in both languages, the same problems, no English sentence in the Chinese`, async () => {
      const cwd = tempDir();
      const en = await cliInProcess(commandFor(file, cwd), { cwd });
      const zh = await cliInProcess([...commandFor(file, cwd), "--lang", "zh-CN"], { cwd });
      expect(en.code, en.stderr).toBe(2);
      expect(zh.code, zh.stderr).toBe(2);
      const enLines = problemLines(en.stderr);
      const zhLines = problemLines(zh.stderr);
      // Every problem at once, in the same order at the same paths.
      expect(zhLines.map((l) => pathOf(l, "：应为"))).toEqual(enLines.map((l) => pathOf(l, ": expected ")));
      expect(zh.stderr).toMatch(new RegExp(`：${enLines.length}个问题\\n`));
      expect(
        zhLines.flatMap((line) => englishSentences(wordsOf(line), [])),
        zh.stderr,
      ).toEqual([]);
    });
  }

  it("the check bites: the English report of the same files is full of English", async () => {
    const cwd = tempDir();
    const en = await cliInProcess(commandFor("negative-days.yaml", cwd), { cwd });
    expect(problemLines(en.stderr).flatMap((line) => englishSentences(line, [])).length).toBeGreaterThan(0);
  });

  it("hand-written Chinese for the rules the corpus breaks", async () => {
    const cwd = tempDir();
    const zh = async (file: string) => (await cliInProcess([...commandFor(file, cwd), "--lang", "zh-CN"], { cwd })).stderr;
    // A product's parts above its price; the rule keeps its field names.
    expect(await zh("cost-above-price.yaml")).toContain("：应为cost + platformMargin + distribution ≤ price（");
    expect(await zh("proto-key.yaml")).toContain("：应为普通的键，实际为保留键“__proto__”");
    expect(await zh("duplicate-key.yaml")).toContain("：应为有效的 YAML，实际为键“days”第二次出现");
    expect(await zh("invalid-utf8.yaml")).toContain("：应为UTF-8 文本，实际为不是有效 UTF-8 的字节");
    // 20,000,000 users × 36,500 days is past 2×10^10 user-days.
    expect(await zh("twenty-million-users-for-a-century.yaml")).toContain("：应为population.maxUsers × days 不超过20,000,000,000用户·天");
    expect(await zh("fit-observed-hex.yaml")).toContain("：应为普通的十进制数，实际为十六进制数（请写成十进制）");
    expect(await zh("sweep-seed-past-2-53.yaml")).toContain("seed：应为不超过9007199254740991的整数（更长的种子请写成文本）");
    expect(await zh("sweep-range-overflow.yaml")).toContain("：应为from 与 to 相差小于约1.8e308");
  });

  it("bad options in Chinese: --seed, --shard, --workers and a control character in --fail-if", async () => {
    const cwd = tempDir();
    const scenario = join(ROOT, "scenarios", "seed-002-value-added-example.yaml");
    const sweep = join(ROOT, "scenarios", "sweep-example.yaml");
    const zh = (args: string[]) => cliInProcess([...args, "--lang", "zh-CN"], { cwd });
    const seed = await zh(["run", scenario, "--seed", "-q"]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toBe('--seed：1个问题\n  --seed：应为种子，而不是选项（它以 - 开头），实际为"-q"\n');
    const shard = await zh(["sweep", sweep, "--shard", "9/8"]);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard：应为K/N，且 1 ≤ K ≤ N ≤ 1000000（如 2/8），实际为"9/8"');
    const workers = await zh(["sweep", sweep, "--workers", "0"]);
    expect(workers.stderr).toContain('--workers：应为1到256之间的整数，实际为"0"');
    const gate = await zh(["run", scenario, "--fail-if", "days > 0\u001b[2J"]);
    expect(gate.code).toBe(2);
    // The control character is at column 9 of the expression: "days > 0" is 8 characters.
    expect(gate.stderr).toContain("--fail-if：应为有效的表达式（见 docs/gates.md），实际为表达式“days > 0\\u001b[2J”中：第9列有控制字符（U+001B）");
  });

  it("the language: --lang first, then the scenario's lang:, then LANG; the English stays English", async () => {
    const cwd = tempDir();
    const file = join(cwd, "bad.yaml");
    writeFileSync(file, "name: bad\nlang: zh-CN\ndays: 10\nproducts:\n  - { id: a, price: 10, cost: 20 }\n");
    // cost 20 alone is above the price of 10.
    const stated = await cliInProcess(["validate", file], { cwd });
    expect(stated.code).toBe(2);
    expect(stated.stderr).toBe(`${file}：1个问题\n  products[0]：应为cost + platformMargin + distribution ≤ price（10），实际为20.00\n`);
    const english = await cliInProcess(["validate", file, "--lang", "en"], { cwd });
    expect(english.stderr).toBe(`${file}: 1 problem\n  products[0]: expected cost + platformMargin + distribution ≤ price (10), found 20.00\n`);
    // A file that cannot be read states no language: LANG decides.
    const missing = join(cwd, "missing.yaml");
    const env = await cliInProcess(["validate", missing], { cwd, env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } });
    expect(env.stderr).toBe(`${missing}：1个问题\n  （顶层）：应为可读取且不超过1048576字节的文件，实际为不存在的文件\n`);
    const plain = await cliInProcess(["validate", missing], { cwd });
    expect(plain.stderr).toBe(`${missing}: 1 problem\n  (top level): expected a readable file of at most 1048576 bytes, found the file is missing\n`);
  });

  it("--threads on a valid Chinese scenario: the option's problem in the scenario's language", async () => {
    const cwd = tempDir();
    const file = join(cwd, "zh.yaml");
    writeFileSync(file, `${readFileSync(join(ROOT, "scenarios", "seed-002-value-added-example.yaml"), "utf8")}\nlang: zh-CN\n`);
    const r = await cliInProcess(["run", file, "--threads", "0", "-q"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--threads：1个问题\n  --threads：应为1到256之间的整数，实际为"0"\n');
  });
});
