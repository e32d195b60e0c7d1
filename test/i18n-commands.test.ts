import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as fontkit from "fontkit";
import { beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { numericSeries } from "../src/engine/columns.js";
import { groupedNumber } from "../src/i18n/grouping.js";
import { COMMAND_MESSAGES } from "../src/i18n/command-messages.js";
import { boxRule, leafText } from "../src/discover/outputs.js";
import type { DiscoveredBox } from "../src/discover/boxes.js";
import { ROOT, cliInProcess, tempDir, type CliResult } from "./helpers/cli.js";
import { englishSentences as sentences } from "./helpers/english.js";
import { scenarioOf } from "./helpers/scenario.js";

/**
 * fit, watch, recommend, sweep, discover, merge and init in Chinese: what they print has no
 * English sentence left, and their report.html is in Chinese (lang zh-CN) with an embedded font
 * that holds every CJK character of the page. Small platforms and tiny budgets: every command runs
 * once, in this process.
 */

/** Runs of three or more English words, once the given names are taken out (the detector of test/i18n-cli.test.ts). */
function englishSentences(text: string, remove: string[]): string[] {
  let rest = text;
  for (const r of remove) rest = rest.split(r).join(" ");
  rest = rest.replace(/\S+\.(json|csv|html|yaml|md)\b/g, " ");
  return [...rest.matchAll(/[A-Za-z][A-Za-z'-]*(?:[ ,;:]+[A-Za-z][A-Za-z'-]*){2,}/g)].map((m) => m[0]);
}

/** What a reader of a page sees: its text and its script's string literals, without the bundled engine, the data and the styles. */
function pageText(html: string): string {
  const body = html
    .replace(/<script type="text\/plain"[\s\S]*?<\/script>/g, " ")
    .replace(/<script type="application\/json"[\s\S]*?<\/script>/g, " ")
    .replace(/<style>[\s\S]*?<\/style>/g, " ");
  const literals = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? "")
    // Chart.js itself is English code, not the page's words.
    .filter((script) => script.length < 100_000)
    .flatMap((script) => [...script.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? ""));
  return `${body.replace(/<script>[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ")}\n${literals.join("\n")}`;
}

/** The page's ideographs and full-width punctuation, found here by their Unicode blocks (not by pointsim's own list). */
const cjkOf = (text: string) => [...new Set([...text.matchAll(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)].map((m) => m[0].codePointAt(0) ?? 0))];

/** The embedded font read by fontkit (a parser that shares no code with pointsim's subsetting): the CJK characters it has no glyph for. */
function missingGlyphs(html: string): number[] {
  const base64 = /@font-face \{ font-family: "pointsim CJK"; src: url\(data:font\/woff;base64,([A-Za-z0-9+/=]+)\)/.exec(html)?.[1];
  if (base64 === undefined) return [-1];
  const font = fontkit.create(Buffer.from(base64, "base64")) as fontkit.Font;
  return cjkOf(html).filter((code) => font.glyphForCodePoint(code).id === 0);
}

/** A platform whose fate depends on how often its members order (test/watch-cli.test.ts's). */
const platform = (orderRate: number, days: number) => ({
  name: "small-zh",
  seed: 7,
  days,
  products: [{ id: "pack", price: 100, cost: 70, platformMargin: 30 }],
  population: {
    arrivals: { model: "logistic", marketSize: 800, initialUsers: 30, growthRate: 0.1 },
    segments: [{ name: "member", firstOrderProduct: "pack", orderRate, churnRate: 0.002 }],
  },
  schemes: { dividendRights: { spendPerRight: 500, rightValue: 500, turnoverShare: 0.05, maxPerRightPerDay: 1 } },
  platform: { initialCash: 20000 },
});

const dir = tempDir("i18n-commands-");
const ran: Record<string, CliResult> = {};
const zh = ["--lang", "zh-CN"];

beforeAll(async () => {
  const truth = simulate(scenarioOf(platform(0.05, 40)));
  const users = numericSeries(truth.specs, truth.values, "users_total");
  const lines = ["day,column,value", ...users.slice(0, 40).map((v, d) => `${d + 1},users_total,${v}`)];
  writeFileSync(join(dir, "observed.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "base.yaml"), JSON.stringify(platform(0.02, 220)));
  writeFileSync(
    join(dir, "fit.yaml"),
    JSON.stringify({
      name: "small-fit",
      base: "base.yaml",
      seed: 3,
      seeds: 1,
      set: { days: 40 },
      maxCandidates: 6,
      start: 3,
      project: { seeds: 2 },
      parameters: [{ key: "population.segments.member.orderRate", range: { from: 0.005, to: 0.1 }, scale: "log", decimals: 4 }],
      targets: [{ series: "observed.csv" }],
    }),
  );
  writeFileSync(
    join(dir, "sweep.yaml"),
    "name: small-sweep\nbase: base.yaml\nseeds: 1\nparameters:\n  - { key: population.segments.member.orderRate, values: [0.005, 0.01, 0.05, 0.08] }\n",
  );
  copyFileSync(join(ROOT, "scenarios/recommend/platform.yaml"), join(dir, "platform.yaml"));
  copyFileSync(join(ROOT, "scenarios/recommend/recommend.yaml"), join(dir, "recommend.yaml"));
  const run = async (name: string, args: string[]) => {
    ran[name] = await cliInProcess(args, { cwd: dir });
  };
  await run("sweep", ["sweep", "sweep.yaml", "--out", "sweep", "--workers", "1", ...zh]);
  await run("discover", ["discover", "sweep", "--where", "collapseDay != null", "--min-leaf", "1", "--out", "disc", ...zh]);
  await run("merge", ["merge", "sweep", "--out", "merged", ...zh]);
  await run("fit", ["fit", "fit.yaml", "--out", "fit", "--workers", "1", ...zh]);
  await run("watch", ["watch", "fit.yaml", "--every", "20", "--horizon", "60", "--particles", "6", "--rounds", "1", "--out", "watch", "--workers", "1", ...zh]);
  await run("recommend", ["recommend", "recommend.yaml", "--out", "rec", "--workers", "1", ...zh]);
  await run("init", ["init", "starter.yaml", ...zh]);
}, 300_000);

describe("the commands in Chinese", () => {
  /** Names that are the user's, not pointsim's words: scenario and sweep names, parameter keys, metrics, folders. */
  const names = [dir, "small-sweep", "small-fit", "small-zh", "ad-release", "collapseDay != null", "pointsim validate", "pointsim run"];

  it("every command succeeds and prints no untranslated English sentence", () => {
    for (const [name, r] of Object.entries(ran)) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(englishSentences(r.stdout + r.stderr, names), name).toEqual([]);
    }
  });

  it("says what it did in the words written here by hand", () => {
    expect(ran.sweep?.stdout).toContain("4次运行已完成4次，失败0次");
    expect(ran.merge?.stdout).toContain("已把4次运行合并到 merged");
    expect(ran.discover?.stdout).toMatch(/^small-sweep：“collapseDay != null”在4次已完成的运行中有\d次成立/);
    expect(ran.fit?.stdout).toMatch(
      /^small-fit：经\d+个候选后误差为[\d.]+（(已收敛|达到 maxCandidates 后停止)）；fit（fitted\.yaml、fit\.csv、fit\.json、report\.html）/,
    );
    expect(ran.watch?.stdout).toMatch(/^small-fit：每20天计算一次60天内崩盘的概率，至第40天，6个粒子/);
    expect(ran.watch?.stdout).toContain("  第20天：");
    expect(ran.recommend?.stdout).toMatch(/^ad-release：经\d+个候选、\d+次运行后给出推荐；rec（/);
    expect(ran.init?.stdout).toBe("已写出 starter.yaml：编辑它，然后运行 `pointsim validate starter.yaml` 和 `pointsim run starter.yaml`\n");
  });

  it("each report.html is in Chinese: lang zh-CN, no English sentence, and its embedded font holds every CJK character of the page", () => {
    for (const folder of ["sweep", "merged", "fit", "watch", "rec"]) {
      const html = readFileSync(join(dir, folder, "report.html"), "utf8");
      expect(html, folder).toContain('<html lang="zh-CN">');
      expect(cjkOf(html).length, folder).toBeGreaterThan(50);
      expect(missingGlyphs(html), folder).toEqual([]);
      const keys = ["population.segments.member.orderRate", "schemes.ads.releaseRate", "totalUserPayouts", "users_total", "pointsim run whatif"];
      expect(englishSentences(pageText(html), [...names, ...keys]), folder).toEqual([]);
    }
    // The fit's own sentence, worded by hand.
    expect(readFileSync(join(dir, "fit", "report.html"), "utf8")).toMatch(/<p id="fit-summary">基础情景 base\.yaml。误差 <b>/);
  });

  it("init --lang zh-CN writes the Chinese starter; a fit's series target and each page's footer read in Chinese", () => {
    const starter = readFileSync(join(dir, "starter.yaml"), "utf8");
    expect(starter.startsWith("# 一个 pointsim 情景：修改后用 `pointsim validate` 检查，再用 `pointsim run` 运行。\n")).toBe(true);
    expect(starter).toContain("\nlang: zh-CN\n");
    expect(englishSentences(starter, ["pointsim validate", "pointsim run", "constant | exponential | logistic | referral"])).toEqual([]);
    // The observed series users_total is the fit's one target.
    expect(ran.fit?.stdout).toMatch(/\n {2}users_total（逐日序列）：观测40天，均方根误差 /);
    expect(readFileSync(join(dir, "fit", "report.html"), "utf8")).toContain("<tr><td>users_total（逐日序列）</td>");
    for (const folder of ["fit", "watch", "rec"])
      expect(readFileSync(join(dir, folder, "report.html"), "utf8"), folder).toMatch(/<footer><p>pointsim [\d.]+。<\/p><\/footer>/);
    expect(readFileSync(join(dir, "sweep", "report.html"), "utf8")).toMatch(/<footer><p>pointsim [\d.]+。完整数值：points\.csv 和 runs\.csv。<\/p><\/footer>/);
  });

  it("a Chinese folder records its language; JSON keys stay as they are, boxes.json adds ruleZh beside rule", () => {
    for (const folder of ["sweep", "fit", "watch", "rec", "disc"])
      expect(JSON.parse(readFileSync(join(dir, folder, "manifest.json"), "utf8")).lang, folder).toBe("zh-CN");
    const boxes = JSON.parse(readFileSync(join(dir, "disc", "boxes.json"), "utf8")) as { boxes: { rule: string; ruleZh?: string }[] };
    for (const b of boxes.boxes) {
      expect(b.rule).toMatch(/^collapseDay != null when /);
      expect(b.ruleZh).toMatch(/^当.+时，collapseDay != null$/);
    }
  });
});

describe("text values in a Chinese folder's files", () => {
  it("fit.json and watch.json keep method and add methodZh; boxes.json keeps choice and adds choiceZh; rules.csv adds ruleZh last", () => {
    const fit = JSON.parse(readFileSync(join(dir, "fit", "fit.json"), "utf8")) as { uncertainty: { method: string; methodZh?: string } };
    expect(fit.uncertainty.method).toBe("population Monte Carlo draws from a synthetic likelihood of the targets, noise from the seeds (docs/fit.md)");
    expect(fit.uncertainty.methodZh).toBe("用种群蒙特卡洛从拟合目标的合成似然中抽样，噪声来自各随机种子（docs/fit.md）");
    const watch = JSON.parse(readFileSync(join(dir, "watch", "watch.json"), "utf8")) as { method: string; methodZh?: string };
    expect(watch.method).toMatch(/^particles drawn from the fit's prior/);
    // The reliability floor: 10 effective particles (src/watch/run.ts ESS_FLOOR), in both.
    expect(watch.method).toContain("at least 10;");
    expect(watch.methodZh).toMatch(/^粒子从拟合的先验中抽取.*有效样本量至少为10的一步才算可靠；区间：按有效样本量计算的 Wilson 90%区间（docs\/decide\.md）$/);
    expect(sentences(watch.methodZh ?? "", ["minEss", "rounds"])).toEqual([]);
    const fitParameters = JSON.parse(readFileSync(join(dir, "fit", "fit.json"), "utf8")).parameters as { warning: string | null; warningZh?: string }[];
    for (const p of fitParameters) {
      expect(p.warningZh === undefined, "warningZh only beside a warning").toBe(p.warning === null);
      expect(sentences(p.warningZh ?? "", [])).toEqual([]);
    }
    const boxes = JSON.parse(readFileSync(join(dir, "disc", "boxes.json"), "utf8")) as { settings: { choice: string; choiceZh?: string } };
    // No --min-density: the densest step among those covering enough.
    expect(boxes.settings.choice).toBe("the peeling step of highest density among those with coverage >= minCoverage");
    expect(boxes.settings.choiceZh).toBe("覆盖率 >= minCoverage 的剥离步骤中密度最高者");
    const rules = readFileSync(join(dir, "disc", "rules.csv"), "utf8")
      .trim()
      .split("\n");
    expect(rules[0]).toBe("leaf,rule,runs,cases,share,ruleZh");
    for (const row of rules.slice(1)) {
      // The English rule keeps its column; the Chinese one reads "属于" for "in", "且" for "and", 全部运行 for a tree of one leaf.
      expect(row).toMatch(/^\d+,/);
      const zh = row.slice(row.lastIndexOf(",") + 1);
      expect(sentences(zh, ["population.segments.member.orderRate"])).toEqual([]);
      expect(zh === "全部运行" || zh.includes("population.segments.member.orderRate"), row).toBe(true);
    }
  });
});

describe("the comments heading a Chinese fitted.yaml and recommended.yaml", () => {
  /** The comment lines pointsim writes above the base scenario's own text. */
  const header = (file: string) => {
    const lines = readFileSync(file, "utf8").split("\n");
    return lines.slice(0, lines.indexOf(""));
  };
  it("say what was fitted or recommended, from what, and how sure, in Chinese", () => {
    const fitted = header(join(dir, "fit", "fitted.yaml"));
    expect(fitted[0]).toMatch(/^# 由 pointsim \S+ 拟合（`pointsim fit fit\.yaml`），基于 base\.yaml：$/);
    expect(fitted[1]).toMatch(/^# 拟合误差 [\d.]+（1个目标上的加权均方根相对误差；docs\/fit\.md）。$/);
    expect(fitted[2]).toMatch(/^# {3}population\.segments\.member\.orderRate: [\d.]+（90%区间 [\d.]+ 至 [\d.]+）/);
    expect(fitted.at(-1)).toBe("# 以下为 base.yaml 的原文，保留其注释；未应用拟合的 `set`。");
    expect(sentences(fitted.join("\n"), ["population.segments.member.orderRate"])).toEqual([]);
    const recommended = header(join(dir, "rec", "recommended.yaml"));
    expect(recommended[0]).toMatch(/^# 由 pointsim \S+ 推荐（`pointsim recommend recommend\.yaml`），基于 platform\.yaml：$/);
    // recommend.yaml: verifySeeds 72, confidence 0.95, the constraint "solvent" with max 0.05.
    expect(recommended[2]).toMatch(/^# 已在72个新的随机种子上复核（docs\/decide\.md）：totalUserPayouts 均值 [\d.]+（95%区间 /);
    expect(recommended[3]).toMatch(/^# {3}solvent：72次运行中发生\d+次，P ≤ [\d.]+（容许值 0\.05，置信度 [\d.]+ 的单侧 Clopper–Pearson 上界）$/);
    expect(sentences(recommended.join("\n"), ["schemes.ads.releaseRate", "totalUserPayouts"])).toEqual([]);
    expect(readFileSync(join(dir, "rec", "recommended.yaml"), "utf8")).toMatch(/releaseRate: [\d.]+ # 推荐值（范围 0\.001 至 0\.06）/);
  });
});

describe("a discovered box and a tree leaf as rules", () => {
  const edge = { quasiP: 0.01, interval: null, kept: null };
  const box = {
    edges: [
      { ...edge, parameter: "a", edge: "low", value: 0.8, excluded: [] },
      { ...edge, parameter: "plan", edge: "excluded", value: null, excluded: ["x", "y"] },
    ],
  } as unknown as DiscoveredBox;
  it("reads in English as before and in Chinese with the condition last", () => {
    expect(boxRule("collapseDay <= 365", box)).toBe("collapseDay <= 365 when a >= 0.8 and plan not in (x, y)");
    expect(boxRule("collapseDay <= 365", box, "zh-CN")).toBe("当a >= 0.8 且 plan 不属于（x, y）时，collapseDay <= 365");
    const leaf = { leaf: 1, count: 3, cases: 1, share: 1 / 3, conditions: [{ parameter: "b", above: null, atMost: null, values: ["p", "q"] }] };
    expect(leafText(leaf)).toBe("b in (p, q)");
    expect(leafText(leaf, "zh-CN")).toBe("b 属于（p, q）");
    expect(leafText({ ...leaf, conditions: [] }, "zh-CN")).toBe("全部运行");
  });
});

describe("the commands' catalogue", () => {
  it("every message has both languages, with the same parameters (plural is English only), and Chinese in its Chinese", () => {
    const params = (t: string) =>
      [...t.matchAll(/\{([A-Za-z]+)\}/g)]
        .map((m) => m[1])
        .filter((p) => p !== "plural" && p !== "seedsPlural")
        .sort()
        .join();
    for (const [key, t] of Object.entries(COMMAND_MESSAGES)) {
      expect(t.en, key).not.toBe("");
      expect(params(t["zh-CN"]), key).toBe(params(t.en));
      // Chinese words, or nothing to translate (a folder and its file names in full-width brackets).
      const words = t["zh-CN"].replace(/\{[A-Za-z]+\}|[\w-]+\.(csv|json|html|yaml)\b/g, "");
      expect(/[\u4e00-\u9fff]/.test(words) || !/[A-Za-z]/.test(words), key).toBe(true);
    }
  });
});

describe("digit grouping without Intl", () => {
  it("writes what en-US grouping writes, worked by hand", () => {
    expect(groupedNumber(1234567.891)).toBe("1,234,567.891");
    expect(groupedNumber(1234.5678)).toBe("1,234.568"); // three places by default, 0.0008 rounds up
    expect(groupedNumber(1.005, { maximumFractionDigits: 2 })).toBe("1.01"); // the shortest form 1.005, half away from zero
    expect(groupedNumber(999.9996)).toBe("1,000"); // 999.9996 → 1000.000, zeros dropped
    expect(groupedNumber(0.0005)).toBe("0.001");
    expect(groupedNumber(0.0004)).toBe("0");
    expect(groupedNumber(-0.0001)).toBe("-0");
    expect(groupedNumber(-2.5, { maximumFractionDigits: 0 })).toBe("-3");
    expect(groupedNumber(1.2, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe("1.20");
    expect(groupedNumber(1e21)).toBe("1,000,000,000,000,000,000,000");
    expect(groupedNumber(1.5e-7, { maximumFractionDigits: 6 })).toBe("0");
    expect(groupedNumber(0.1 + 0.2, { maximumFractionDigits: 20 })).toBe("0.30000000000000004");
    expect(groupedNumber(100)).toBe("100");
    expect(groupedNumber(1000)).toBe("1,000");
  });

  it("agrees with this Node's Intl over a spread of numbers (a second method, where its ICU data matches)", () => {
    const values: number[] = [];
    for (let i = 0; i < 2000; i++) values.push(((i * 7919) % 1000003) / 10 ** (i % 9), -((i * 104729) % 99991) * 10 ** ((i % 7) - 3));
    for (const options of [{}, { maximumFractionDigits: 0 }, { maximumFractionDigits: 6 }, { minimumFractionDigits: 2, maximumFractionDigits: 2 }])
      for (const v of values) expect(groupedNumber(v, options)).toBe(v.toLocaleString("en-US", options));
  });
});
