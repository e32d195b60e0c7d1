#!/usr/bin/env node
// Regenerates docs/images/report.png, the README's picture of a report, and
// docs/images/report-zh.png, the top of the same run's report in Chinese (README.zh-CN.md: the
// verdict, the key figures and the first charts): runs a bundled scenario with the built CLI, in
// English and with --lang zh-CN, and photographs each report.html in Debian's chromium (npm run
// screenshot; needs `npm run build` and /usr/bin/chromium, as npm test does). The browser is given
// no CJK font: the Chinese is drawn in the font report.html embeds.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "pointsim-shot-"));
const out = join(work, "run");
const outZh = join(work, "run-zh");
// The Chinese run's scenario says in Chinese what the bundled one says in English: the
// description is the user's own text, which pointsim does not translate.
const scenarioZh = join(work, "seed-002-combined.yaml");
writeFileSync(
  scenarioZh,
  readFileSync(join(root, "scenarios", "seed-002-combined.yaml"), "utf8").replace(
    /^description: .*$/m,
    'description: "种子方案002：广告积分每天释放1%、不设下限，释放佣金20%/10%，第一年发放消费增值积分，此后利润注入托底池。"',
  ),
);
for (const [file, dir, extra] of [
  [join(root, "scenarios", "seed-002-combined.yaml"), out, []],
  [scenarioZh, outZh, ["--lang", "zh-CN"]],
]) {
  const run = spawnSync(process.execPath, [join(root, "bin", "pointsim"), "run", file, "--out", dir, "-q", ...extra], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1200, height: 1100 }, deviceScaleFactor: 1 });
await page.goto(`file://${join(out, "report.html")}`);
await page.waitForFunction(() => window.__pointsim !== undefined);
await page.screenshot({ path: join(root, "docs", "images", "report.png") });
// The Chinese report: its top (verdict and key figures) above its first two rows of charts, one picture.
await page.goto(`file://${join(outZh, "report.html")}`);
await page.waitForFunction(() => window.__pointsim !== undefined);
await page.evaluate(() => document.fonts.ready);
const boxes = await page.evaluate(() => {
  const y = (el, edge) => el.getBoundingClientRect()[edge] + window.scrollY;
  const figures = document.querySelector(".figures");
  const charts = [...document.querySelectorAll(".charts")].at(-1);
  const heading = charts.previousElementSibling;
  const secondRow = charts.children[3] ?? charts.lastElementChild;
  return [
    { x: 0, y: 0, width: 1200, height: y(figures, "bottom") + 12 },
    { x: 0, y: y(heading, "top") - 8, width: 1200, height: y(secondRow, "bottom") + 12 - (y(heading, "top") - 8) },
  ];
});
const parts = [];
for (const clip of boxes) parts.push((await page.screenshot({ clip, fullPage: true })).toString("base64"));
const height = boxes.reduce((sum, b) => sum + Math.ceil(b.height), 0);
const sheet = await browser.newPage({ viewport: { width: 1200, height }, deviceScaleFactor: 1 });
await sheet.setContent(`<body style="margin:0">${parts.map((p) => `<img style="display:block" src="data:image/png;base64,${p}">`).join("")}</body>`);
await sheet.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
await sheet.screenshot({ path: join(root, "docs", "images", "report-zh.png"), fullPage: true });
await browser.close();
rmSync(work, { recursive: true, force: true });
console.log("wrote docs/images/report.png and docs/images/report-zh.png");
