/// <reference lib="dom" />
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cliInProcess, tempDir } from "../helpers/cli.js";
import { type BrowserOf, openOffline, openReport, runWhatIf, setWhatIf, whatIfPaths } from "./page.js";

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

/** A zh-CN run's report in Debian's chromium: no English sentence, and the what-if's Chinese verdict is the CLI's. */
export function describeReportZh(browserOf: BrowserOf): void {
  describe("a zh-CN run's report.html", () => {
    it("opens offline with no console error, shows no English sentence, and its what-if re-run writes the CLI's Chinese verdict", async () => {
      const dir = tempDir();
      const out = join(dir, "run");
      expect((await cliInProcess(["run", chineseScenario(dir, "zh-CN", 200), "--out", out, "-q"])).code).toBe(0);
      const html = readFileSync(join(out, "report.html"), "utf8");
      expect(html).toContain('<html lang="zh-CN">');

      const { context, page, errors, requests } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));

      const text = await page.evaluate(visibleText);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(englishRuns(text)).toEqual([]);
      const drawn = await page.evaluate(canvasText);
      expect(drawn.length).toBeGreaterThan(10);
      expect(drawn.flatMap(englishRuns)).toEqual([]);

      // A what-if: twice the share of turnover paid to the rights.
      await setWhatIf(page, await whatIfPaths(page), "schemes.dividendRights.turnoverShare", "0.1");
      await runWhatIf(page);
      const verdict = (await page.textContent("#whatif-verdict")) ?? "";
      const after = await page.evaluate(visibleText);
      expect(englishRuns(after)).toEqual([]);
      expect((await page.evaluate(canvasText)).flatMap(englishRuns)).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
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
      const { context, page } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));
      expect(englishRuns(await page.evaluate(visibleText)).length).toBeGreaterThan(20);
      expect((await page.evaluate(canvasText)).flatMap(englishRuns).length).toBeGreaterThan(5);
      await context.close();
    });
  });
}
