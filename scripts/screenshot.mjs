#!/usr/bin/env node
// Regenerates docs/images/report.png, the README's picture of a report, and
// docs/images/report-zh.png, its legal tests with their Chinese statutes (README.zh-CN.md): runs
// a bundled scenario with the built CLI and photographs its report.html in Debian's chromium
// (npm run screenshot; needs `npm run build` and /usr/bin/chromium, as npm test does). The
// browser is given no CJK font: the Chinese is drawn in the font report.html embeds.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("..", import.meta.url).pathname;
const out = join(mkdtempSync(join(tmpdir(), "pointsim-shot-")), "run");
const run = spawnSync(process.execPath, [join(root, "bin", "pointsim"), "run", join(root, "scenarios", "seed-002-combined.yaml"), "--out", out, "-q"], {
  stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1200, height: 1100 }, deviceScaleFactor: 1 });
await page.goto(`file://${join(out, "report.html")}`);
await page.waitForFunction(() => window.__pointsim !== undefined);
await page.screenshot({ path: join(root, "docs", "images", "report.png") });
// The legal tests, from their heading to the end of their table.
await page.evaluate(() => document.fonts.ready);
const box = await page.evaluate(() => {
  const table = document.getElementById("compliance");
  const heading = table.previousElementSibling.previousElementSibling;
  const top = heading.getBoundingClientRect().top + window.scrollY - 8;
  return { x: 0, y: top, width: 1200, height: table.getBoundingClientRect().bottom + window.scrollY + 12 - top };
});
await page.screenshot({ path: join(root, "docs", "images", "report-zh.png"), clip: box, fullPage: true });
await browser.close();
rmSync(join(out, ".."), { recursive: true, force: true });
console.log("wrote docs/images/report.png and docs/images/report-zh.png");
