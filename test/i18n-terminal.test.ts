import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cliInProcess, tempDir, type CliResult } from "./helpers/cli.js";
import { englishSentences } from "./helpers/english.js";

/**
 * The terminal of a zh-CN session where it used to stay English: commander's own errors (a bad
 * --lang, an unknown option, a missing argument), the run-cost estimate, a run stopped by a
 * limit, a gate that cannot be evaluated, verify's findings and a note in a problem's path. The
 * commands run in-process with LANG=zh_CN.UTF-8 (the terminal's language from the environment);
 * the Chinese expected is written by hand.
 */
const ZH = { env: { LANG: "zh_CN.UTF-8", LC_ALL: "" } };
const dir = tempDir("i18n-terminal-");

/** What commander's help after an error shows that is not a sentence: the flags and placeholders. */
const flags = (text: string) => text.replace(/--?[a-z-]+|<[^>]+>|\[[^\]]+\]|"[^"]*"/g, " ");

describe("commander's own errors in a zh terminal", () => {
  const cases: [string[], string, string][] = [
    [
      ["run", "x.yaml", "--lang", "fr"],
      "pointsim：选项 --lang <lang> 的取值“fr”无效，可选值为 en, zh-CN",
      "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh-CN.",
    ],
    [["run", "x.yaml", "--bogus"], "pointsim：未知选项“--bogus”", "error: unknown option '--bogus'"],
    [["run"], "pointsim：缺少必需的参数 file", "error: missing required argument 'file'"],
    [["run", "a.yaml", "b.yaml"], "pointsim：命令 run 的参数过多：应有1个，实际有2个", "error: too many arguments for 'run'. Expected 1 argument but got 2."],
    [["run", "x.yaml", "--seed"], "pointsim：选项 --seed <seed> 缺少取值", "error: option '--seed <seed>' argument missing"],
    [["discover", "x"], "pointsim：缺少必需的选项 --where <expr>", "error: required option '--where <expr>' not specified"],
  ];
  it("exit 2, no stack trace, the first line in Chinese, no English sentence in the rest (the help); English as commander writes it", async () => {
    for (const [args, zh, en] of cases) {
      const z = await cliInProcess(args, ZH);
      const e = await cliInProcess(args);
      expect(z.code, args.join(" ")).toBe(2);
      expect(e.code, args.join(" ")).toBe(2);
      expect(z.stderr.split("\n")[0], args.join(" ")).toBe(zh);
      expect(e.stderr.split("\n")[0], args.join(" ")).toBe(en);
      expect(z.stderr).not.toMatch(/\n\s+at /);
      expect(englishSentences(flags(z.stderr), []), args.join(" ")).toEqual([]);
      expect(englishSentences(flags(e.stderr), []).length, args.join(" ")).toBeGreaterThan(0);
    }
  });

  it("an unknown command and commander's guess", async () => {
    const r = await cliInProcess(["runn", "x.yaml"], ZH);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith("pointsim：未知命令“runn”\n（是否想输入 run？）\n")).toBe(true);
  });
});

describe("a zh terminal's messages from a run, validate and verify", () => {
  const scenarioFile = join(dir, "short.yaml");
  const limitFile = join(dir, "limit.yaml");
  let gated: CliResult;
  beforeAll(async () => {
    // seed 003 over 30 days: cheap, and it runs to the end.
    const scenario = parse(readFileSync(join(ROOT, "scenarios", "seed-003-shared-purchase.yaml"), "utf8")) as Record<string, unknown>;
    scenario.days = 30;
    writeFileSync(scenarioFile, stringify(scenario));
    // 10 users on day 1, 20 more on day 3: past maxUsers 25 on day 3.
    const limit = {
      ...scenario,
      population: {
        ...(scenario.population as object),
        maxUsers: 25,
        arrivals: { model: "constant", perDay: 0 },
        scheduled: [
          { day: 1, count: 10, segment: "shopper" },
          { day: 3, count: 20, segment: "shopper" },
        ],
      },
    };
    writeFileSync(limitFile, stringify(limit));
    gated = await cliInProcess(["run", scenarioFile, "--out", join(dir, "run"), "-q", "--fail-if", "usersLosingShare"], ZH);
  });

  it("a gate that cannot be evaluated says why in Chinese (exit 1)", () => {
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(
      new RegExp(
        `^pointsim：${join(dir, "run").replace(/[/.]/g, "\\$&")}：fail-if 条件“usersLosingShare”无法检查：表达式“usersLosingShare”中：表达式的结果是[\\d.]+，不是 true 或 false\\n$`,
      ),
    );
  });

  it("a run stopped by population.maxUsers: exit 2, in Chinese", async () => {
    const r = await cliInProcess(["run", limitFile, "--out", join(dir, "limit")], ZH);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pointsim：第3天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度\n");
    expect(englishSentences(r.stderr, [limitFile])).toEqual([]);
  });

  it("a zh-CN sweep, or a zh terminal, names a failed run, its gate and its error in Chinese; the environment changes no file", async () => {
    const sweep = (lang: string[], env: Record<string, string> = {}) =>
      cliInProcess(["sweep", "sw.yaml", "--out", `sweep-${lang.length}${Object.keys(env).length > 0 ? "-zh-terminal" : ""}`, "--workers", "1", ...lang], {
        cwd: dir,
        env,
      });
    writeFileSync(
      join(dir, "sw.yaml"),
      stringify({ name: "sw", base: "limit.yaml", seeds: 1, parameters: [{ key: "population.maxUsers", values: [25, 1000] }] }),
    );
    const zh = await sweep(["--lang", "zh-CN"]);
    const en = await sweep([]);
    expect(zh.code).toBe(1);
    // Point 0 (maxUsers 25) stops on day 3 as the run above; point 1 completes.
    expect(zh.stderr).toMatch(
      /^pointsim：运行0（参数点0，种子 \d+）：断言“运行完成”无法检查：LimitError：第3天：新加入的用户将超过 population\.maxUsers（25）；请调高它，或降低加入的速度\n$/,
    );
    expect(en.stderr).toMatch(
      /^pointsim: run 0 \(point 0, seed \d+\): assertion "the run completes" could not be checked: LimitError: day 3: arrivals would exceed population\.maxUsers \(25\); raise it or lower arrivals\n$/,
    );
    // English files in a Chinese terminal: the same error in Chinese on the terminal, read from the
    // run log, which holds both languages whatever the sweep's; the files are the English sweep's bytes.
    const zhTerminal = await sweep([], ZH.env);
    expect(zhTerminal.code).toBe(1);
    expect(zhTerminal.stderr).toBe(zh.stderr);
    for (const file of ["runs.jsonl", "runs.csv", "points.csv", "report.html"])
      expect(readFileSync(join(dir, "sweep-0-zh-terminal", file), "utf8"), file).toBe(readFileSync(join(dir, "sweep-0", file), "utf8"));
    expect(readFileSync(join(dir, "sweep-0", "runs.jsonl"), "utf8")).toContain(
      ',"errorZh":"LimitError：第3天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度"',
    );
    // The table: point 0's one run failed, so it has no figure, written as a dash; the English writes n/a.
    expect(zh.stdout).toMatch(/\n {2}0\s+25\s+1\s+—\s+— \[—, —\]\s+—\n/);
    expect(en.stdout).toMatch(/\n {2}0\s+25\s+1\s+n\/a\s+n\/a \[n\/a, n\/a\]\s+n\/a\n/);
    expect(englishSentences(zh.stdout, ["sweep-2", "maxUsers"])).toEqual([]);
    // runs.csv: the Chinese error as a last column of a zh-CN sweep only; the English error column as it was.
    const [zhHeader = "", zhFailed = ""] = readFileSync(join(dir, "sweep-2", "runs.csv"), "utf8").split("\n");
    const [enHeader = ""] = readFileSync(join(dir, "sweep-0", "runs.csv"), "utf8").split("\n");
    expect(zhHeader).toBe(`${enHeader},errorZh`);
    expect(zhFailed).toContain(",failed,LimitError: day 3: arrivals would exceed population.maxUsers (25); raise it or lower arrivals,");
    expect(zhFailed.endsWith(",LimitError：第3天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度")).toBe(true);
  });

  it("a fit whose every candidate fails (the limit above) says why in Chinese", async () => {
    writeFileSync(join(dir, "limit-observed.csv"), "day,column,value\n1,users_total,10\n2,users_total,10\n");
    const spec = {
      name: "lf",
      base: "limit.yaml",
      seed: 3,
      seeds: 1,
      maxCandidates: 4,
      parameters: [{ key: "population.segments.shopper.orderRate", range: { from: 0.01, to: 0.1 } }],
      targets: [{ series: "limit-observed.csv" }],
    };
    writeFileSync(join(dir, "lf.yaml"), JSON.stringify(spec));
    const r = await cliInProcess(["fit", "lf.yaml", "--out", "lf", "--workers", "1"], { cwd: dir, ...ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "lf.yaml：1个问题\n  parameters：应为情景能够运行的范围，实际为所有起始候选都失败了，例如：LimitError：第3天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度\n",
    );
  });

  /** limit.yaml with 10 users on day 1 and then `perDay` arrivals: arrivals.yaml. */
  const writeArrivalsScenario = () => {
    const scenario = parse(readFileSync(limitFile, "utf8")) as { population: Record<string, unknown> };
    scenario.population.arrivals = { model: "constant", perDay: 0 };
    scenario.population.scheduled = [{ day: 1, count: 10, segment: "shopper" }];
    writeFileSync(join(dir, "arrivals.yaml"), stringify(scenario));
  };
  /** What a run that stops on `day` says, in both languages. */
  const stopped = (day: number) =>
    `LimitError: day ${day}: arrivals would exceed population.maxUsers (25); raise it or lower arrivals,LimitError：第${day}天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度`;

  it("a zh-CN recommendation's candidates.csv says in Chinese, in a last column, why a candidate's runs failed", async () => {
    // As the fit below: a run stops on day ceil(16 / perDay) when that is within the 30 days.
    writeArrivalsScenario();
    const spec = {
      name: "ar",
      base: "arrivals.yaml",
      seed: 3,
      parameters: [{ key: "population.arrivals.perDay", range: { from: 0.1, to: 1 }, decimals: 4 }],
      samples: 6,
      refine: 0,
      directions: 1,
      constraints: [{ name: "solvent", event: "collapseDay != null", max: 0.5 }],
      objective: { metric: "totalUserPayouts", goal: "maximize" },
      front: 1,
      verifySeeds: 5,
    };
    writeFileSync(join(dir, "ar.yaml"), JSON.stringify(spec));
    await cliInProcess(["recommend", "ar.yaml", "--out", "ar", "--workers", "1", "--lang", "zh-CN", "-q"], { cwd: dir });
    const [header = "", ...rows] = readFileSync(join(dir, "ar", "candidates.csv"), "utf8")
      .trimEnd()
      .split("\n");
    expect(header.endsWith(",failure,failureZh")).toBe(true);
    let failed = 0;
    for (const row of rows) {
      const day = Math.ceil(16 / Number(row.split(",")[2]));
      if (day > 30) expect(row.endsWith(",,")).toBe(true);
      else {
        failed++;
        expect(row.endsWith(`,failed,,,,,,,,,${stopped(day)}`)).toBe(true);
      }
    }
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(rows.length);
  });

  it("a zh-CN fit.csv says in Chinese, in a last column, why a candidate's run failed", async () => {
    // 10 users on day 1, then perDay arrivals (fractions carry over): past maxUsers 25 once
    // floor(perDay × d) reaches 16, on day d = ceil(16 / perDay). Below about 0.53 a day the
    // 30 days run to the end; above, the run stops on that day.
    writeArrivalsScenario();
    writeFileSync(join(dir, "arrivals-observed.csv"), "day,column,value\n1,users_total,10\n2,users_total,10\n");
    const spec = {
      name: "af",
      base: "arrivals.yaml",
      seed: 3,
      seeds: 1,
      maxCandidates: 6,
      parameters: [{ key: "population.arrivals.perDay", range: { from: 0.1, to: 1 } }],
      targets: [{ series: "arrivals-observed.csv" }],
    };
    writeFileSync(join(dir, "af.yaml"), JSON.stringify(spec));
    const r = await cliInProcess(["fit", "af.yaml", "--out", "af", "--workers", "1", "--lang", "zh-CN", "-q"], { cwd: dir });
    expect(r.code).toBe(0);
    const [header = "", ...rows] = readFileSync(join(dir, "af", "fit.csv"), "utf8")
      .trimEnd()
      .split("\n");
    expect(header).toBe("candidate,stage,population.arrivals.perDay,error,simulated:users_total (series),failure,failureZh");
    let failed = 0;
    for (const row of rows) {
      const cells = row.split(",");
      const perDay = Number(cells[2]);
      const day = Math.ceil(16 / perDay);
      if (day > 30) {
        expect(cells.slice(-2)).toEqual(["", ""]);
        continue;
      }
      failed++;
      expect(row.endsWith(`,${stopped(day)}`)).toBe(true);
    }
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(rows.length);
  });

  it("validate's estimate line in Chinese, as much as its English says", async () => {
    const zh = await cliInProcess(["validate", "scenarios/bench-combined.yaml"], ZH);
    const en = await cliInProcess(["validate", "scenarios/bench-combined.yaml"]);
    expect(zh.code).toBe(0);
    // The English: "up to 1,000,000 users, 2xx.x M user-days"; the same in 亿 (10^8): 2.xx亿.
    const millions = Number(/up to 1,000,000 users, (\d+\.\d) M user-days/.exec(en.stdout)?.[1]);
    const yi = Number(/共(\d\.\d\d)亿用户日/.exec(zh.stdout)?.[1]);
    expect(Math.abs(yi * 100 - millions)).toBeLessThan(0.6);
    expect(zh.stdout).toMatch(/\n {2}预计：最多1,000,000名用户，共\d\.\d\d亿用户日，约需\d+(秒|分钟)、内存\d+ MiB（估算方法见 docs\/performance\.md）\n/);
    expect(englishSentences(zh.stdout + zh.stderr, ["scenarios/bench-combined.yaml", "bench-combined"])).toEqual([]);
  });

  it("verify's findings in Chinese", async () => {
    const folder = join(dir, "run");
    appendFileSync(join(folder, "timeseries.csv"), "x\n");
    writeFileSync(join(folder, "extra.txt"), "");
    const r = await cliInProcess(["verify", folder], ZH);
    expect(r.code).toBe(1);
    // 30 days: a header and 30 rows, so the appended "x" is line 32 and the re-run has an empty line there.
    expect(r.stdout).toBe(
      `${folder}：核验未通过，2处不同\n  extra.txt：在文件夹中，但不在 manifest 中\n  timeseries.csv：与重新运行的结果不是逐字节相同；第32行起不同：\n    记录的：  "x"\n    重新运行：""\n`,
    );
    const en = await cliInProcess(["verify", folder]);
    expect(en.stdout).toContain(
      '  timeseries.csv: differs from the re-run, byte for byte; first difference at line 32:\n    recorded: "x"\n    re-run:   ""\n',
    );
  });
});

describe("a note in a problem's path, in Chinese", () => {
  const base = {
    name: "small-zh",
    seed: 7,
    days: 40,
    products: [{ id: "pack", price: 100, cost: 70, platformMargin: 30 }],
    population: {
      maxUsers: 10_000_000,
      arrivals: { model: "logistic", marketSize: 800, initialUsers: 30, growthRate: 0.1 },
      segments: [{ name: "member", firstOrderProduct: "pack", orderRate: 0.05, churnRate: 0.002 }],
    },
    platform: { initialCash: 20000 },
  };
  const fitFile = (to: number) => ({
    name: "small-fit",
    base: "base.yaml",
    seed: 3,
    seeds: 1,
    maxCandidates: 6,
    parameters: [{ key: "population.segments.member.orderRate", range: { from: 0.005, to } }],
    targets: [{ series: "observed.csv" }],
  });
  beforeAll(() => {
    writeFileSync(join(dir, "base.yaml"), JSON.stringify(base));
    writeFileSync(join(dir, "observed.csv"), "day,column,value\n1,users_total,30\n2,users_total,33\n");
    writeFileSync(join(dir, "corner.yaml"), JSON.stringify(fitFile(1.5)));
    writeFileSync(join(dir, "fit.yaml"), JSON.stringify(fitFile(0.1)));
  });

  it("fit and recommend: a range end the scenario refuses", async () => {
    const r = await cliInProcess(["fit", "corner.yaml", "--out", "f"], { cwd: dir, ...ZH });
    expect(r.code).toBe(2);
    // orderRate is a probability: at most 1, and the range's to end is 1.5.
    expect(r.stderr).toBe("corner.yaml：1个问题\n  population.segments[0].orderRate（每个参数都取其范围的 to 端时）：应为小于或等于1的数，实际为1.5\n");
    // recommend's example with its release rate's range widened to 1.5: a rate is at most 1.
    copyFileSync(join(ROOT, "scenarios/recommend/platform.yaml"), join(dir, "platform.yaml"));
    writeFileSync(join(dir, "rec.yaml"), readFileSync(join(ROOT, "scenarios/recommend/recommend.yaml"), "utf8").replace("to: 0.06 }", "to: 1.5 }"));
    const rec = await cliInProcess(["recommend", "rec.yaml", "--out", "r"], { cwd: dir, ...ZH });
    expect(rec.code).toBe(2);
    // The base file named by its full path, as recommend names it.
    expect(rec.stderr).toBe(
      `${join(dir, "platform.yaml")}：1个问题\n  schemes.ads.releaseRate（每个参数都取其范围的 to 端时）：应为小于或等于1的数，实际为1.5\n`,
    );
  });

  it("watch: a horizon the scenario refuses", async () => {
    // 36,000 days past the last observed day (2): 36,002 days × 10,000,000 users is past the user-days limit.
    const r = await cliInProcess(["watch", "fit.yaml", "--horizon", "36000", "--out", "w"], { cwd: dir, ...ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--horizon：1个问题\n {2}population\.maxUsers（拟合的情景共36002天：最后一个观测日 \+ --horizon）：应为/);
    expect(englishSentences(r.stderr, ["population.maxUsers × days", "maxUsers"])).toEqual([]);
  });
});
