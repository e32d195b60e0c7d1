/// <reference lib="dom" />
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

// Debian's chromium, installed by .ci/run; never a downloaded browser.
const CHROMIUM = "/usr/bin/chromium";

/** Starts the one chromium that every browser check of test/report.browser.test.ts shares. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** What a check of the browser is given: the shared chromium, started before its first test. */
export type BrowserOf = () => Browser;

/** An offline page and what it saw: console errors, page errors and any request that leaves the machine (file: and blob: stay local). */
export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  requests: string[];
}

/** A fresh offline page at 1,280 × 1,800 that records what {@link OfflinePage} lists. */
export async function openOffline(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1800 }, offline: true });
  const page = await context.newPage();
  // Every wait below ends on an event in the page; only vitest's hang guard bounds it in time.
  page.setDefaultTimeout(0);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) requests.push(r.url());
  });
  return { context, page, errors, requests };
}

/** Opens a report.html and waits until its script has drawn the page (it sets window.__pointsim last). */
export async function openReport(page: Page, file: string): Promise<void> {
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => (window as unknown as { __pointsim?: unknown }).__pointsim !== undefined);
}

/** The slider paths of a report's what-if panel, in the order of their inputs (#wi-<i>-n). */
export function whatIfPaths(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (JSON.parse(document.getElementById("whatif-data")?.textContent ?? "{}") as { sliders: { path: string }[] }).sliders.map((s) => s.path),
  );
}

/** Types a value into the what-if panel's input for `path`, as a person does. */
export async function setWhatIf(page: Page, paths: string[], path: string, value: string): Promise<void> {
  const i = paths.indexOf(path);
  if (i < 0) throw new Error(`the what-if panel has no slider for ${path}`);
  await page.fill(`#wi-${i}-n`, value);
  await page.dispatchEvent(`#wi-${i}-n`, "change");
}

/** Runs the what-if and waits for the page to say it finished (window.__pointsimWhatIf is set at the end). */
export async function runWhatIf(page: Page): Promise<void> {
  await page.click("#whatif-run");
  await page.waitForFunction(() => (window as unknown as { __pointsimWhatIf?: unknown }).__pointsimWhatIf !== undefined);
}
