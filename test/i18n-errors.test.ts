import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConservationError, type ExactRangeError } from "../src/errors.js";
import { Ledger, assertExact } from "../src/engine/ledger.js";
import { simulate } from "../src/simulate.js";
import { checkGates, describeFailure } from "../src/gates/gates.js";
import { commanderErrorText, commanderLine } from "../src/cli/commander-errors.js";
import { describeEstimate } from "../src/cli/estimate-text.js";
import { tell } from "../src/i18n/tell.js";
import { words } from "../src/i18n/words.js";
import { problem } from "../src/scenario/problem.js";
import { ScenarioError } from "../src/errors.js";
import { ROOT } from "./helpers/cli.js";
import { englishSentences } from "./helpers/english.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * What used to stay English in a zh-CN terminal: commander's own errors, the run-cost estimate,
 * a run stopped by a limit, the exact range or a broken invariant, a gate that cannot be
 * evaluated, and a note in a problem's path. The Chinese expected here is written by hand; the
 * English is what pointsim printed before, byte for byte.
 */

/** What the error makes the terminal print, then that the Chinese has no English sentence left. */
function caught(run: () => unknown): { en: string; zh: string } {
  try {
    run();
  } catch (error) {
    const e = error as ExactRangeError;
    return { en: e.report("en"), zh: e.report("zh-CN") };
  }
  throw new Error("nothing was thrown");
}

describe("a run stopped by a limit, the exact range or a broken invariant, in Chinese", () => {
  it("population.maxUsers reached: the day and the limit", () => {
    // 10 users on day 1, 20 more on day 3: 30 > 25 on day 3.
    const scenario = scenarioOf({
      days: 5,
      products: [product({})],
      population: {
        maxUsers: 25,
        arrivals: { perDay: 0 },
        scheduled: [
          { day: 1, count: 10, segment: "s" },
          { day: 3, count: 20, segment: "s" },
        ],
        segments: [quietSegment("s")],
      },
    });
    const { en, zh } = caught(() => simulate(scenario));
    expect(en).toBe("pointsim: day 3: arrivals would exceed population.maxUsers (25); raise it or lower arrivals\n");
    expect(zh).toBe("pointsim：第3天：新加入的用户将超过 population.maxUsers（25）；请调高它，或降低加入的速度\n");
  });

  it("the exact range: a transfer, an account, a counter", () => {
    const ledger = new Ledger();
    ledger.startDay(2);
    const transfer = caught(() => ledger.transfer("world", "platform.cash", 2 ** 60, "order"));
    // 2^60 = 1152921504606846976 ≈ 1.153e+18.
    expect(transfer.en).toBe(
      "pointsim: the scenario is too large to run exactly: day 2: a transfer world -> platform.cash (order) of 1.153e+18 fen is past the exact range of 9007199254740991 fen; scale the scenario down; nothing was written\n",
    );
    expect(transfer.zh).toBe(
      "pointsim：情景过大，无法精确运行：第2天：一笔 world -> platform.cash（order）的转账为1.153e+18分，超出9007199254740991分的精确范围；请缩小情景的规模；没有写出任何文件\n",
    );
    ledger.balances[1] = 2 ** 60;
    expect(caught(() => ledger.checkConservation(2)).zh).toBe(
      "pointsim：情景过大，无法精确运行：第2天：账户 platform.cash 达到1.153e+18分，超出9007199254740991分（约90万亿元）的精确范围；请缩小情景的规模；没有写出任何文件\n",
    );
    expect(caught(() => assertExact(7, words("exact.adPoints"), 1, 2 ** 54)).zh).toBe(
      "pointsim：情景过大，无法精确运行：第7天：广告积分（以0.0001为单位）达到1.801e+16，超出9007199254740991个单位的精确范围；请缩小情景的规模；没有写出任何文件\n",
    );
  });

  it("a broken invariant: the accounts that do not sum to zero", () => {
    const ledger = new Ledger();
    ledger.startDay(4);
    ledger.transfer("world", "platform.cash", 1_000, "test");
    ledger.balances[1] = 1_001; // money from nowhere: one fen
    const { en, zh } = caught(() => ledger.checkConservation(4));
    expect(en).toMatch(/^pointsim: invariant violated, run stopped: day 4: money accounts sum to 0\.01 yuan, not 0 \(world=-10\.00, platform\.cash=10\.01, /);
    expect(zh).toMatch(/^pointsim：不变量被破坏，运行已停止：第4天：各资金账户合计0\.01元，而不是0（world=-10\.00, platform\.cash=10\.01, /);
    expect(caught(() => ledger.transfer("world", "platform.cash", 0.5, "x")).zh).toBe(
      "pointsim：不变量被破坏，运行已停止：第4天：world -> platform.cash（x）的转账金额0.5分不是非负整数分\n",
    );
  });

  it("every Chinese report above, and each invariant's Chinese, has no English sentence (the check bites on the English)", () => {
    const ledger = new Ledger();
    ledger.startDay(1);
    const reports = [
      caught(() => ledger.transfer("world", "platform.cash", 2 ** 60, "order")),
      caught(() => ledger.transfer("world", "users.change", -1, "x")),
    ];
    const names = ["world", "platform.cash", "users.change", "population.maxUsers"];
    for (const r of reports) {
      expect(englishSentences(r.zh, names)).toEqual([]);
      expect(englishSentences(r.en, names).length).toBeGreaterThan(0);
    }
    const invariants = [
      words("invariant.wallets", { day: 1, change: "1.00", changeAccount: "2.00", pending: "0.00", pendingAccount: "0.00", queue: "0.00" }),
      words("invariant.poolVsLedger", { day: 1, pool: words("invariant.mutualAidPools"), amount: "1.00", account: "pool.mutualAid", balance: "2.00" }),
      words("invariant.valueAdded", { day: 1, issued: "1", burned: "0", outstanding: "1", held: "1", pool: "1.00", balance: "2.00" }),
      words("invariant.rightsOwing", { day: 1, rights: 2, owing: "1.00", cohortRights: 1, cohortOwing: "0.50" }),
    ];
    for (const w of invariants) expect(englishSentences(new ConservationError(w).report("zh-CN"), ["users.change", "users.withdrawalsPending"])).toEqual([]);
    // The mutual-aid pools in Chinese, by hand.
    expect(new ConservationError(invariants[1] ?? words("invariant.dividendPool")).report("zh-CN")).toBe(
      "pointsim：不变量被破坏，运行已停止：第1天：互助资金池为1.00，而账本 pool.mutualAid 为2.00\n",
    );
  });

  it("pointsim's own code gives every one of these errors both languages (a sentence of one language only fails)", () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
      );
    const oneLanguage = /new (ExactRangeError|LimitError|ConservationError)\(\s*[`"']/;
    const offenders = sources("src").filter((file) => oneLanguage.test(readFileSync(join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
    expect(sources("src").filter((file) => /new ConservationError\(/.test(readFileSync(join(ROOT, file), "utf8"))).length).toBeGreaterThan(5);
    // The pattern bites.
    expect(oneLanguage.test("throw new LimitError(`day 3: too many`)")).toBe(true);
    expect(oneLanguage.test('throw new ConservationError("off by one")')).toBe(true);
  });
});

describe("a failed gate's values", () => {
  it("lists the metrics the run has and leaves out a path through null, in either language", () => {
    // `or` stops at its true left side, so b.c (b is null) is never read: the gate matches.
    const [result] = checkGates("out", { a: 1, b: null }, { assertions: [], failIf: ["a == 1 or b.c > 1"] });
    if (result === undefined) throw new Error("no gate result");
    expect(describeFailure(result, "en")).toBe("out: --fail-if matched: a == 1 or b.c > 1 (a = 1)");
    expect(describeFailure(result, "zh-CN")).toBe("out：--fail-if 条件成立：a == 1 or b.c > 1（a = 1）");
  });
});

describe("a gate that cannot be evaluated, in the terminal's language", () => {
  it("says why in Chinese: the expression error carries both languages", () => {
    // usersLosingShare is a number: a gate must give true or false.
    const [result] = checkGates("out", { usersLosingShare: 0.5 }, { assertions: [], failIf: ["usersLosingShare"] });
    if (result === undefined) throw new Error("no gate result");
    expect(describeFailure(result, "en")).toBe(
      'out: fail-if "usersLosingShare" could not be checked: the expression gives 0.5, not true or false in "usersLosingShare"',
    );
    expect(describeFailure(result, "zh-CN")).toBe(
      "out：fail-if 条件“usersLosingShare”无法检查：表达式“usersLosingShare”中：表达式的结果是0.5，不是 true 或 false",
    );
  });
});

describe("a problem whose path holds a note", () => {
  it("prints the note in the terminal's language; the English and the JSON stay as they were", () => {
    const p = problem(
      words("path.atRangeEnd", { path: "days", end: "to" }),
      words("expected.wholeNumberFromTo", { from: 1, to: 36500 }),
      words("found.userDays", { maxUsers: 1, days: 2 }),
    );
    expect(JSON.parse(JSON.stringify(p)).path).toBe("days (with every parameter at the to end of its range)");
    const error = new ScenarioError("fit.yaml", [p]);
    expect(error.report("zh-CN").split("\n")[1]).toMatch(/^ {2}days（每个参数都取其范围的 to 端时）：应为/);
    expect(error.report("en").split("\n")[1]).toMatch(/^ {2}days \(with every parameter at the to end of its range\): expected /);
    const horizon = problem(words("path.watchHorizon", { path: "days", days: 400 }), words("expected.seed"), words("found.notJson"));
    expect(new ScenarioError("--horizon", [horizon]).report("zh-CN").split("\n")[1]).toMatch(/^ {2}days（拟合的情景共400天：最后一个观测日 \+ --horizon）：/);
  });
});

describe("the run-cost estimate in Chinese", () => {
  const MiB = 1024 ** 2;
  it("users, user-days in 万 or 亿, time and memory; the English as before", () => {
    const small = { peakUsers: 4_999, userDays: 1_404_500, seconds: 0.3, bytes: 123 * MiB };
    expect(describeEstimate(small, 8 * 1024 * MiB, "en")).toEqual({
      line: 'estimated: up to 4,999 users, 1.4 M user-days, about 1 s and 123 MiB (docs/performance.md, "What a run costs")',
      warning: null,
    });
    // 1,404,500 user-days = 140.45万; 0.3 s is at least 1 s.
    expect(describeEstimate(small, 8 * 1024 * MiB, "zh-CN").line).toBe(
      "预计：最多4,999名用户，共140.45万用户日，约需1秒、内存123 MiB（估算方法见 docs/performance.md）",
    );
    // Two hours (7,200 s) and 10 GiB on an 8 GiB machine: both warnings.
    const big = { peakUsers: 10_000_000, userDays: 2_000_000_000, seconds: 7_200, bytes: 10 * 1024 * MiB };
    const zh = describeEstimate(big, 8 * 1024 * MiB, "zh-CN");
    expect(zh.line).toBe("预计：最多10,000,000名用户，共20.00亿用户日，约需2.0小时、内存10.0 GiB（估算方法见 docs/performance.md）");
    expect(zh.warning).toBe(
      "这次运行可能需要约2.0小时；调小 population.arrivals.marketSize 或减少天数，可以先快速看个大概；它可能需要约10.0 GiB内存，超过本机内存8.0 GiB的80%",
    );
    // 20 minutes.
    expect(describeEstimate({ ...big, seconds: 1_200 }, 64 * 1024 * MiB, "zh-CN").warning).toBe(
      "这次运行可能需要约20分钟；调小 population.arrivals.marketSize 或减少天数，可以先快速看个大概",
    );
    const names = ["population.arrivals.marketSize"];
    expect(englishSentences(`${zh.line}\n${zh.warning}`, names)).toEqual([]);
    const en = describeEstimate(big, 8 * 1024 * MiB, "en");
    expect(englishSentences(`${en.line}\n${en.warning}`, names).length).toBeGreaterThan(2);
  });
});

describe("commander's own errors", () => {
  /** commander 14's lines for pointsim's commands, written out here as commander words them (node_modules/commander/lib/command.js). */
  const lines: [string, string][] = [
    [
      "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh-CN.",
      "pointsim：选项 --lang <lang> 的取值“fr”无效，可选值为 en, zh-CN",
    ],
    ["error: unknown option '--bogus'", "pointsim：未知选项“--bogus”"],
    ["error: unknown command 'runn'", "pointsim：未知命令“runn”"],
    ["error: missing required argument 'file'", "pointsim：缺少必需的参数 file"],
    ["error: option '--seed <seed>' argument missing", "pointsim：选项 --seed <seed> 缺少取值"],
    ["error: required option '--where <expr>' not specified", "pointsim：缺少必需的选项 --where <expr>"],
    ["error: too many arguments for 'run'. Expected 1 argument but got 2.", "pointsim：命令 run 的参数过多：应有1个，实际有2个"],
    ["error: too many arguments for 'compare'. Expected 2 arguments but got 3.", "pointsim：命令 compare 的参数过多：应有2个，实际有3个"],
    ["error: too many arguments. Expected 0 arguments but got 1.", "pointsim：参数过多：应有0个，实际有1个"],
    ["(Did you mean run?)", "（是否想输入 run？）"],
    ["(Did you mean one of --seed, --out?)", "（是否想输入其中之一：--seed, --out？）"],
  ];
  it("each line read back and written again in English is commander's own; in Chinese, the words here", () => {
    for (const [en, zh] of lines) {
      const read = commanderLine(en);
      expect(read, en).not.toBeNull();
      if (read === null) continue;
      expect(tell("en", read.key, read.params)).toBe(en);
      expect(tell("zh-CN", read.key, read.params)).toBe(zh);
      expect(englishSentences(zh, ["--lang <lang>", "--where <expr>", "--seed <seed>"]), zh).toEqual([]);
    }
  });

  it("a whole error text: English unchanged, Chinese line by line, a line no pattern reads kept", () => {
    const text = "error: unknown command 'runn'\n(Did you mean run?)\n";
    expect(commanderErrorText(text, "en")).toBe(text);
    expect(commanderErrorText(text, "zh-CN")).toBe("pointsim：未知命令“runn”\n（是否想输入 run？）\n");
    expect(commanderErrorText("error: something new\n", "zh-CN")).toBe("error: something new\n");
  });
});
