/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cliInProcess, tempDir } from "../helpers/cli.js";
import { type BrowserOf, type OfflinePage, openOffline, openReport, runWhatIf, setWhatIf, whatIfPaths } from "./page.js";

const ARTIFACTS = join(ROOT, "test-artifacts");

/**
 * A picture of the top of a page (the viewport, 1,280 × 1,800) for a person to look at; nothing
 * checks it. Not the full page: a full-page PNG of a report costs about a CPU-second to encode.
 */
function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(ARTIFACTS, name) });
}

/** For each canvas of the page, whether it was painted: some pixel differs from the background. */
function paintedCanvases(page: Page): Promise<boolean[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("canvas")).map((c) => {
      const ctx = (c as HTMLCanvasElement).getContext("2d");
      if (!ctx) return false;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) !== 0) return true;
      return false;
    }),
  );
}

/** The page's width, each table's box and content widths, every header's text and the cohort table's money cells (its columns 4-10). */
function tableLayout(
  page: Page,
): Promise<{ pageWidth: number; tables: { id: string; scrollWidth: number; clientWidth: number }[]; headers: string[]; money: string[] }> {
  return page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    tables: Array.from(document.querySelectorAll("table")).map((t, i) => ({
      id: t.id || `table ${i}`,
      scrollWidth: t.scrollWidth,
      clientWidth: t.clientWidth,
    })),
    headers: Array.from(document.querySelectorAll("th")).map((th) => th.textContent ?? ""),
    money: Array.from(document.querySelectorAll("#outcomes tr")).flatMap((tr) =>
      Array.from(tr.querySelectorAll("td"))
        .slice(3, 10)
        .map((td) => td.textContent ?? ""),
    ),
  }));
}

interface Drawn {
  charts: { id: string; datasets: number; points: number; axisTitles: (string | undefined)[] }[];
  expected: number;
  markers: Record<string, { collapse: number; shock: number; scheme: number }>;
  events: { day: number; kind: string }[];
}

/** Replaces `from` in a file's text, and says so when it is not there (a cut that silently did nothing would run the full size). */
function cut(text: string, from: string | RegExp, to: string): string {
  if (!(typeof from === "string" ? text.includes(from) : from.test(text))) throw new Error(`nothing to cut: ${String(from)}`);
  return text.replace(from, to);
}

/** A bundled scenario with its market size divided by `divisor`, written to a temporary folder; its name and everything else as bundled. */
function scaledScenario(name: string, divisor: number): string {
  const file = join(ROOT, "scenarios", `${name}.yaml`);
  if (divisor === 1) return file;
  const scenario = parse(readFileSync(file, "utf8")) as { population: { arrivals: { marketSize: number } } };
  scenario.population.arrivals.marketSize = Math.round(scenario.population.arrivals.marketSize / divisor);
  const scaled = join(tempDir(), `${name}.yaml`);
  writeFileSync(scaled, stringify(scenario));
  return scaled;
}

/**
 * The bundled scenarios whose reports are opened, each with the divisor of its market size. A
 * page draws the same charts and tables at any number of users, and a full-size run costs
 * seconds of CPU to write. A quarter of the market keeps every run's collapse (so every page's
 * collapse markers are checked) and the cohort table's money within a digit of the full run's,
 * the cells whose width the no-sideways-scroll check bites on. seed 003 stays whole: 5,000
 * users, and at a smaller market it no longer collapses.
 */
const PAGES: Record<string, number> = {
  "seed-002-combined": 4,
  "seed-003-shared-purchase": 1,
  "seed-004-order-dividend": 4,
  "seed-002-team-agents": 4,
  rotation: 4,
};

/**
 * The report checks in Debian's chromium: run reports of the bundled schemes, a fit's, a sweep's and
 * a recommendation's, and the what-if panel against the CLI.
 */
export function describeReports(browserOf: BrowserOf): void {
  /** Each scenario's report, written and opened once for the tests that read it; closed after the last. */
  const opened = new Map<string, Promise<OfflinePage & { out: string }>>();
  function reportPage(name: string): Promise<OfflinePage & { out: string }> {
    let report = opened.get(name);
    if (report === undefined) {
      const out = join(tempDir(), name);
      report = (async () => {
        const r = await cliInProcess(["run", scaledScenario(name, PAGES[name] ?? 1), "--out", out, "-q"]);
        expect(r.code, r.stderr).toBe(0);
        const offline = await openOffline(browserOf());
        await openReport(offline.page, join(out, "report.html"));
        return { ...offline, out };
      })();
      opened.set(name, report);
    }
    return report;
  }

  beforeAll(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  describe("report.html in a real browser", () => {
    afterAll(async () => {
      for (const report of opened.values()) await (await report).context.close();
    });

    it.each(Object.keys(PAGES))("%s: opens offline with no console error, and every chart draws its data", async (name) => {
      const { page, errors, requests, out } = await reportPage(name);
      const drawn = (await page.evaluate(() => (window as unknown as { __pointsim: unknown }).__pointsim)) as Drawn;
      await screenshot(page, `report-${name}.png`);
      const painted = await paintedCanvases(page);
      const layout = await tableLayout(page);
      // At 1,280 pixels nothing scrolls sideways: not the page, not a table inside its box.
      expect(layout.pageWidth).toBeLessThanOrEqual(1280);
      for (const t of layout.tables) expect({ id: t.id, overflow: t.scrollWidth > t.clientWidth }).toEqual({ id: t.id, overflow: false });
      // Headers in words (no snake_case column names), and the cohort table's money as yuan.
      expect(layout.headers.filter((h) => /[a-z]_[a-z]/.test(h))).toEqual([]);
      expect(layout.money.length).toBeGreaterThan(0);
      expect(layout.money.filter((m) => !/^-?¥\d{1,3}(,\d{3})*(\.\d{2})?$/.test(m))).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(drawn.charts.length).toBe(drawn.expected);
      for (const chart of drawn.charts) expect({ id: chart.id, hasData: chart.points > 0 && chart.datasets > 0 }).toEqual({ id: chart.id, hasData: true });
      expect(painted.length).toBe(drawn.expected);
      expect(painted.every(Boolean)).toBe(true);
      // Every axis of every chart has a title with its unit.
      for (const chart of drawn.charts)
        for (const title of chart.axisTitles)
          expect({ id: chart.id, title: typeof title === "string" && title.length > 0 }).toEqual({ id: chart.id, title: true });
      // A run that collapsed marks the collapse day on every day-by-day chart (every run here collapses).
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { collapse: { day: number } | null };
      const dayCharts = drawn.charts.filter((c) => c.id !== "cohorts");
      expect(summary.collapse).not.toBeNull();
      expect(drawn.events.some((e) => e.kind === "collapse" && e.day === summary.collapse?.day)).toBe(true);
      for (const chart of dayCharts) expect({ id: chart.id, collapse: drawn.markers[`chart-${chart.id}`]?.collapse }).toEqual({ id: chart.id, collapse: 1 });
    });

    it("shows the scheme's own charts", async () => {
      const { page, out } = await reportPage("seed-003-shared-purchase");
      const ids = await page.evaluate(() => Array.from(document.querySelectorAll("canvas")).map((c) => c.id));
      expect(ids).toContain("chart-ctc");
      expect(ids).toContain("chart-merchants");
      expect(ids).not.toContain("chart-va-price");
      expect(await page.textContent("#red-flags")).toContain("Rewards that depend on recruiting");
      // The headline: the collapse with its reason, and the verdict sentence from summary.json.
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { verdict: string; collapse: { day: number; reason: string } };
      expect(await page.textContent("#status")).toBe(`Collapsed on day ${summary.collapse.day}: ${summary.collapse.reason}`);
      expect(await page.textContent("#verdict")).toBe(summary.verdict);
    });
  });

  describe("the fit's report.html in a real browser", () => {
    it("opens offline with no console error; the observed points lie over the projection; every chart is painted", async () => {
      const dir = tempDir();
      // The founder's fit, cut short: 4 start candidates and 8 more, one seed each, a projection of
      // 2 runs, over a market of 6,000. The page is drawn the same way whatever the fit finds (how
      // well it fits is test/fit.test.ts's); the projection still spans the platform's 730 days.
      const platform = parse(readFileSync(join(ROOT, "scenarios/founder/platform.yaml"), "utf8")) as { population: { arrivals: { marketSize: number } } };
      platform.population.arrivals.marketSize = 6000;
      writeFileSync(join(dir, "platform.yaml"), stringify(platform));
      let fit = readFileSync(join(ROOT, "scenarios/founder/fit.yaml"), "utf8");
      fit = cut(fit, "base: platform.yaml", `base: ${join(dir, "platform.yaml")}`);
      fit = cut(fit, "series: observed.csv", `series: ${join(ROOT, "scenarios/founder/observed.csv")}`);
      fit = cut(fit, /^start: \d+$/m, "start: 4");
      fit = cut(fit, /^seeds: \d+$/m, "seeds: 1");
      fit = cut(fit, "maxCandidates: 120", "maxCandidates: 8");
      fit = cut(fit, "project: { seeds: 20 }", "project: { seeds: 2 }");
      writeFileSync(join(dir, "fit.yaml"), fit);
      const out = join(dir, "out");
      expect((await cliInProcess(["fit", join(dir, "fit.yaml"), "--out", out, "-q", "--workers", "1"])).code).toBe(0);
      const { context, page, errors, requests } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));
      const drawn = (await page.evaluate(() => (window as unknown as { __pointsim: unknown }).__pointsim)) as {
        charts: { id: string; column?: string; points: number; observed?: number }[];
      };
      const painted = await paintedCanvases(page);
      await screenshot(page, "report-fit.png");
      const summary = await page.textContent("#projection-summary");
      await context.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(drawn.charts.map((c) => [c.id, c.column ?? null, c.points, c.observed ?? null])).toEqual([
        ["search", null, expect.any(Number), null],
        ["projection-0", "users_total", 730, 90],
        ["projection-1", "orders", 730, 90],
        ["projection-2", "gmv", 730, 90],
        ["projection-3", "liabilities", 730, 0],
        ["projection-4", "platform_cash", 730, 0],
      ]);
      expect(painted).toEqual([true, true, true, true, true, true]);
      const result = JSON.parse(readFileSync(join(out, "fit.json"), "utf8")) as { projection: { collapseDay: { p50: number } } };
      expect(summary).toContain(`collapse day median ${result.projection.collapseDay.p50}`);
    });
  });

  describe("the what-if panel in report.html", () => {
    it("re-runs a changed scenario in the page with the CLI's numbers; too large a run is left to the CLI", async () => {
      const dir = tempDir();
      const out = join(dir, "run");
      // Dividend rights at a tenth of its market (3,000 users), two years. How fast the page runs
      // a 20,000-user what-if is a benchmark's question (npm run bench:what-if), not a test's.
      expect((await cliInProcess(["run", scaledScenario("dividend-rights", 10), "--out", out, "-q"])).code).toBe(0);
      const { context, page, errors, requests } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));
      const paths = await whatIfPaths(page);
      // A what-if with the arrival model's market and a scheme parameter changed.
      await setWhatIf(page, paths, "population.arrivals.marketSize", "2000");
      await setWhatIf(page, paths, "schemes.dividendRights.turnoverShare", "0.1");
      await runWhatIf(page);
      const shown = await page.evaluate(() => ({
        collapseDay: document.getElementById("whatif-collapse-day")?.dataset.value,
        losing: document.getElementById("whatif-losing-share")?.dataset.value,
        changes: document.getElementById("whatif-changes")?.textContent,
      }));
      const yaml = await page.inputValue("#whatif-yaml");
      expect(shown.changes).toContain("schemes.dividendRights.turnoverShare: 0.05 → 0.1");
      // The copied YAML, run by the CLI, gives the page's numbers: a collapse day and a share of
      // paying users losing, both there to compare (the run collapses).
      writeFileSync(join(dir, "whatif.yaml"), yaml);
      const r = await cliInProcess(["run", join(dir, "whatif.yaml"), "--out", join(dir, "cli"), "-q", "--json"]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { collapseDay: number | null; usersLosingShare: number | null; peakUsers: number };
      expect(summary.peakUsers).toBeLessThanOrEqual(2000);
      expect(summary.collapseDay).not.toBeNull();
      expect(summary.usersLosingShare).not.toBeNull();
      expect(shown.collapseDay).toBe(String(summary.collapseDay));
      expect(shown.losing).toBe(String(summary.usersLosingShare));
      // Too large for a page: ten years of 120,000 users.
      await setWhatIf(page, paths, "days", "3650");
      await setWhatIf(page, paths, "population.arrivals.marketSize", "120000");
      await page.click("#whatif-run");
      await page.waitForFunction(() => document.getElementById("whatif-state")?.textContent === "too large for the page");
      expect(await page.textContent("#whatif-command")).toContain("pointsim run whatif.yaml");
      await screenshot(page, "report-what-if.png");
      await context.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });
  });

  describe("the sweep report's what-if", () => {
    it("hovering a point shows its parameters; a click re-runs one of its runs in the page exactly as recorded, and a what-if matches the CLI", async () => {
      const dir = tempDir();
      // 2 × 2 grid × 2 seeds of seed 002's combined scheme, one year, at a sixth of its market (5,000:
      // every run still collapses, so the page's re-runs have a collapse day to match).
      writeFileSync(
        join(dir, "sweep.yaml"),
        `name: whatif-sweep\nbase: ${join(ROOT, "scenarios/seed-002-combined.yaml")}\nmethod: grid\nseed: 7\nseeds: 2\nset:\n  days: 365\n  population.arrivals.marketSize: 5000\nparameters:\n  - key: schemes.valueAdded.sellPayoutRatio\n    values: [0.7, 0.9]\n  - key: population.arrivals.inviteRate\n    values: [0.015, 0.025]\n`,
      );
      const out = join(dir, "out");
      expect((await cliInProcess(["sweep", join(dir, "sweep.yaml"), "--out", out, "-q", "--workers", "1"])).code).toBe(0);
      const runs = readFileSync(join(out, "runs.csv"), "utf8")
        .trim()
        .split("\n")
        .map((l) => l.split(","));
      const header = runs[0] as string[];
      const cell = (run: number, column: string) => (runs[run + 1] as string[])[header.indexOf(column)];
      const { context, page, errors, requests } = await openOffline(browserOf());
      await page.goto(`file://${join(out, "report.html")}`);
      await page.waitForFunction(() => (window as unknown as { __pointsimSweepWhatIf?: unknown }).__pointsimSweepWhatIf !== undefined);
      // Hover point 2 (sellPayoutRatio 0.9, inviteRate 0.015) on the collapse-day chart.
      const at = await page.evaluate(() => {
        const chart = (
          window as unknown as { __pointsimCollapseChart: { canvas: HTMLCanvasElement; getDatasetMeta(i: number): { data: { x: number; y: number }[] } } }
        ).__pointsimCollapseChart;
        const box = chart.canvas.getBoundingClientRect();
        const p = chart.getDatasetMeta(1).data[2] as { x: number; y: number };
        return { x: box.left + p.x, y: box.top + p.y };
      });
      await page.mouse.move(at.x, at.y);
      const tip = await page.evaluate(() => {
        const t = (window as unknown as { __pointsimCollapseChart: { tooltip: { title: string[]; afterBody: string[] } } }).__pointsimCollapseChart.tooltip;
        return { title: t.title, lines: t.afterBody };
      });
      expect(tip.title).toEqual(["point 2"]);
      expect(tip.lines).toContain("schemes.valueAdded.sellPayoutRatio = 0.9");
      expect(tip.lines).toContain("population.arrivals.inviteRate = 0.015");
      expect(tip.lines.join("\n")).toContain("click: open a run of this point");
      // A click opens point 2's first run (run 4) and re-runs it: the same figures as the sweep's.
      await page.mouse.click(at.x, at.y);
      await page.waitForFunction(() => document.getElementById("sweep-whatif-check")?.hasAttribute("data-match"));
      expect(await page.getAttribute("#sweep-whatif-check", "data-match")).toBe("true");
      const check = (await page.textContent("#sweep-whatif-check")) ?? "";
      expect(cell(4, "collapseDay")).toMatch(/^\d+$/);
      expect(check).toContain(`collapse day ${cell(4, "collapseDay")}`);
      expect(await page.textContent("#whatif-title")).toContain(`run 4, seed ${cell(4, "seed")}`);
      // A what-if of that run: a sell payout between the swept values, run in the page, then by the CLI from the copied YAML.
      const paths = await page.evaluate(() => Array.from(document.querySelectorAll("#whatif-sliders code")).map((c) => c.textContent));
      const i = paths.indexOf("schemes.valueAdded.sellPayoutRatio");
      expect(i).toBe(0);
      await page.fill(`#wi-${i}-n`, "0.8");
      await page.dispatchEvent(`#wi-${i}-n`, "change");
      await page.click("#whatif-run");
      await page.waitForFunction(() => (window as unknown as { __pointsimWhatIf?: unknown }).__pointsimWhatIf !== undefined);
      const shown = await page.evaluate(() => ({
        collapseDay: document.getElementById("whatif-collapse-day")?.dataset.value,
        losing: document.getElementById("whatif-losing-share")?.dataset.value,
      }));
      writeFileSync(join(dir, "whatif.yaml"), await page.inputValue("#whatif-yaml"));
      const r = await cliInProcess(["run", join(dir, "whatif.yaml"), "--out", join(dir, "cli"), "-q", "--json"]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { collapseDay: number | null; usersLosingShare: number | null; seed: number };
      expect(summary.seed).toBe(Number(cell(4, "seed")));
      expect(shown.collapseDay).toBe(String(summary.collapseDay));
      expect(shown.losing).toBe(String(summary.usersLosingShare));
      // The heat map opens a point too; the run list picks another of its runs (point 1's second: run 3).
      await page.click('#heat td[data-point="1"]');
      await page.waitForFunction(() => document.getElementById("sweep-whatif-check")?.hasAttribute("data-match"));
      await page.selectOption("#sweep-whatif-run", "1");
      await page.waitForFunction(() => document.getElementById("sweep-whatif-check")?.hasAttribute("data-match"));
      expect(await page.getAttribute("#sweep-whatif-check", "data-match")).toBe("true");
      expect(await page.textContent("#whatif-title")).toContain(`run 3, seed ${cell(3, "seed")}`);
      await screenshot(page, "sweep-what-if.png");
      expect(errors).toEqual([]);
      expect((await paintedCanvases(page)).every(Boolean)).toBe(true);
      await context.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });
  });

  describe("the recommendation's report.html in a real browser", () => {
    it("opens offline with no console error; the front chart is painted over every candidate", async () => {
      const out = join(tempDir(), "out");
      const spec = join(ROOT, "scenarios/recommend/recommend.yaml");
      expect((await cliInProcess(["recommend", spec, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
      const { context, page, errors, requests } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));
      const drawn = (await page.evaluate(() => (window as unknown as { __pointsim: unknown }).__pointsim)) as {
        charts: { id: string; points: number; front?: number; key?: string }[];
      };
      const painted = await paintedCanvases(page);
      await screenshot(page, "report-recommend.png");
      const summary = await page.textContent("#recommend-summary");
      await context.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      const result = JSON.parse(readFileSync(join(out, "recommend.json"), "utf8")) as { metrics: { candidates: number; front: number } };
      expect(drawn.charts).toEqual([
        { id: "front", points: result.metrics.candidates, front: result.metrics.front },
        { id: "parameter-0", key: "schemes.ads.releaseRate", points: result.metrics.candidates },
      ]);
      expect(painted).toEqual([true, true]);
      expect(summary).toContain("schemes.ads.releaseRate = 0.02362");
    });
  });
}
