// npm run bench:what-if -- [--users 20000] [--days 730] [--repeat 3]
// How fast report.html's what-if panel re-runs a scenario in headless Chromium (docs/what-if.md,
// docs/performance.md "What-if in the page"): the bundled dividend-rights scenario is run by the
// built CLI, its report opened offline in Debian's chromium, and the what-if set to `--users`
// (the market size) over `--days` with twice the turnover share; prints the page's own timing of
// each run (window.__pointsimWhatIf.ms, the worker's run from start to summary). A benchmark,
// never a test: nothing here passes or fails. Needs `npm run build` and /usr/bin/chromium.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const users = arg("--users", "20000");
const days = arg("--days", "730");
const repeat = Number(arg("--repeat", "3"));
const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "pointsim-what-if-"));
const out = join(work, "run");
const run = spawnSync(process.execPath, [join(root, "bin", "pointsim"), "run", join(root, "scenarios", "dividend-rights.yaml"), "--out", out, "-q"], {
  stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const times = [];
for (let r = 0; r < repeat; r++) {
  // A fresh page each time: the panel records one what-if per load.
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  await page.goto(`file://${join(out, "report.html")}`);
  await page.waitForFunction(() => window.__pointsim !== undefined);
  const paths = await page.evaluate(() => JSON.parse(document.getElementById("whatif-data").textContent).sliders.map((s) => s.path));
  for (const [path, value] of [
    ["days", days],
    ["population.arrivals.marketSize", users],
    ["schemes.dividendRights.turnoverShare", "0.1"],
  ]) {
    const i = paths.indexOf(path);
    if (i < 0) throw new Error(`the what-if panel has no slider for ${path}`);
    await page.fill(`#wi-${i}-n`, value);
    await page.dispatchEvent(`#wi-${i}-n`, "change");
  }
  await page.click("#whatif-run");
  await page.waitForFunction(() => window.__pointsimWhatIf !== undefined || document.getElementById("whatif-state").textContent === "too large for the page");
  const ms = await page.evaluate(() => window.__pointsimWhatIf?.ms);
  if (ms === undefined) {
    console.log(`${users} users × ${days} days: too large for the page (the page shows the CLI command)`);
    break;
  }
  const peak = await page.evaluate(() => window.__pointsimWhatIf.summary.peakUsers);
  times.push(ms);
  console.log(`run ${r + 1}: ${Math.round(ms)} ms (peak users ${peak})`);
  await page.close();
}
await browser.close();
rmSync(work, { recursive: true, force: true });
if (times.length > 0) console.log(`${users} users × ${days} days what-if in the page: best ${Math.round(Math.min(...times))} ms of ${times.length}`);
