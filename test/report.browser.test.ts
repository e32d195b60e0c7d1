import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser/page.js";
import { describeReports } from "./browser/report.js";
import { describeReportFont } from "./browser/report-font.js";
import { describeReportZh } from "./browser/report-zh.js";

/**
 * Every check that needs a browser, in one file so that they share one chromium and one test
 * process: a chromium, a vitest worker and the first report.html of a process (its CJK font
 * subset, docs/testing.md) each cost CPU-seconds, paid once here rather than once per file.
 * Each part is its own module under test/browser/.
 */
let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

function browserOf(): Browser {
  if (browser === undefined) throw new Error("chromium has not started");
  return browser;
}

describeReports(browserOf);
describeReportFont(browserOf);
describeReportZh(browserOf);
