/// <reference lib="dom" />
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cliInProcess, tempDir } from "./helpers/cli.js";

// Debian's chromium, as in test/report.browser.test.ts; never a downloaded browser.
const CHROMIUM = "/usr/bin/chromium";
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Runs of three or more English words in a text: words of Latin letters separated by spaces only,
 * so that file names (docs/model.md), keys (withdrawals.backlog, schemes.dividendRights.rightValue)
 * and units (eCPM, 元/天) are not words of a sentence. Written apart from pointsim's own code.
 */
function englishRuns(text: string): string[] {
  return [...text.matchAll(/(?<![A-Za-z./_-])[A-Za-z]{2,}(?:[ \u00a0]+[A-Za-z]{2,}){2,}(?![A-Za-z./_-])/g)].map((m) => m[0]);
}

/** The person's own text (the description) in Chinese, as a Chinese user writes a scenario. */
function chineseScenario(dir: string, lang: "zh-CN" | "en", days: number): string {
  const scenario = parse(readFileSync(join(ROOT, "scenarios", "dividend-rights.yaml"), "utf8")) as Record<string, unknown>;
  scenario.description = "消费五百返五百：每天拿出营业额的百分之五，平分给未返完的分红权。";
  scenario.days = days;
  scenario.lang = lang;
  const file = join(dir, `${lang}.yaml`);
  writeFileSync(file, stringify(scenario));
  return file;
}

/**
 * Visible text of the page, one text node a line, less the resolved scenario (keys and values),
 * code and the YAML box: what a person reads, hidden parts left out.
 */
const visibleText = () => {
  const lines: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest("pre, code, script, style, textarea, [hidden]") !== null) continue;
    lines.push(node.textContent ?? "");
  }
  return lines.join("\n");
};

/** Every text a chart draws on its canvas: dataset labels, axis titles, event labels. */
const canvasText = () => {
  const charts = (
    window as unknown as {
      Chart: { instances: Record<string, { data: { datasets: { label: string }[] }; options: { scales: Record<string, { title?: { text?: string } }> } }> };
    }
  ).Chart.instances;
  const texts: string[] = [];
  for (const chart of Object.values(charts)) {
    for (const d of chart.data.datasets) texts.push(d.label);
    for (const scale of Object.values(chart.options.scales)) if (scale.title?.text) texts.push(scale.title.text);
  }
  for (const e of (window as unknown as { __pointsim: { events: { label: string }[] } }).__pointsim.events) texts.push(e.label);
  return texts;
};

describe("a zh-CN run's report.html", () => {
  it("opens offline with no console error, shows no English sentence, and its what-if re-run writes the CLI's Chinese verdict", async () => {
    const dir = tempDir();
    const out = join(dir, "run");
    expect((await cliInProcess(["run", chineseScenario(dir, "zh-CN", 200), "--out", out, "-q"])).code).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<html lang="zh-CN">');

    const context = await browser.newContext({ viewport: { width: 1280, height: 1800 }, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`file://${join(out, "report.html")}`);
    await page.waitForFunction(() => (window as unknown as { __pointsim?: unknown }).__pointsim !== undefined);

    const text = await page.evaluate(visibleText);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(englishRuns(text)).toEqual([]);
    const drawn = await page.evaluate(canvasText);
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.flatMap(englishRuns)).toEqual([]);

    // A what-if: twice the share of turnover paid to the rights.
    const paths = await page.evaluate(() =>
      (JSON.parse(document.getElementById("whatif-data")?.textContent ?? "{}") as { sliders: { path: string }[] }).sliders.map((s) => s.path),
    );
    const i = paths.indexOf("schemes.dividendRights.turnoverShare");
    expect(i).toBeGreaterThanOrEqual(0);
    await page.fill(`#wi-${i}-n`, "0.1");
    await page.dispatchEvent(`#wi-${i}-n`, "change");
    await page.click("#whatif-run");
    await page.waitForFunction(() => (window as unknown as { __pointsimWhatIf?: unknown }).__pointsimWhatIf !== undefined);
    const verdict = (await page.textContent("#whatif-verdict")) ?? "";
    const after = await page.evaluate(visibleText);
    expect(englishRuns(after)).toEqual([]);
    expect((await page.evaluate(canvasText)).flatMap(englishRuns)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The same what-if by the CLI, in Chinese: its summary.json's verdictZh is the page's verdict.
    const yaml = parse(readFileSync(chineseScenario(dir, "zh-CN", 200), "utf8")) as { schemes: { dividendRights: { turnoverShare: number } } };
    yaml.schemes.dividendRights.turnoverShare = 0.1;
    writeFileSync(join(dir, "whatif.yaml"), stringify(yaml));
    expect((await cliInProcess(["run", join(dir, "whatif.yaml"), "--out", join(dir, "cli"), "-q"])).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "cli", "summary.json"), "utf8")) as { verdict: string; verdictZh: string };
    expect(verdict).toBe(summary.verdictZh);
    expect(verdict).not.toBe(summary.verdict);
    expect(verdict).toMatch(/[\u4e00-\u9fff]/);
  });

  it("the check bites: an English run of the same scenario shows English sentences", async () => {
    const dir = tempDir();
    const out = join(dir, "run");
    expect((await cliInProcess(["run", chineseScenario(dir, "en", 60), "--out", out, "-q"])).code).toBe(0);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    await page.goto(`file://${join(out, "report.html")}`);
    await page.waitForFunction(() => (window as unknown as { __pointsim?: unknown }).__pointsim !== undefined);
    expect(englishRuns(await page.evaluate(visibleText)).length).toBeGreaterThan(20);
    expect((await page.evaluate(canvasText)).flatMap(englishRuns).length).toBeGreaterThan(5);
    await context.close();
  });
});
