/// <reference lib="dom" />
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as fontkit from "fontkit";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, cli, cliInProcess, tempDir } from "../helpers/cli.js";
import { type BrowserOf, openOffline, openReport, runWhatIf, setWhatIf, whatIfPaths } from "./page.js";

// Ideographs, CJK punctuation and full-width forms: the characters the embedded font must hold
// (an independent statement of src/report/font-subset.ts's ranges, narrowed to what Chinese text uses).
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu;

/** The font embedded in a report, as fontkit reads it from the page's @font-face data URL. */
function embeddedFont(html: string): fontkit.Font {
  const base64 = /@font-face \{ font-family: "pointsim CJK"; src: url\(data:font\/woff;base64,([A-Za-z0-9+/=]+)\)/.exec(html)?.[1];
  if (base64 === undefined) throw new Error("report.html has no embedded CJK font");
  return fontkit.create(Buffer.from(base64, "base64")) as fontkit.Font;
}

/** Every platform font Chromium used to draw a node's text (CDP CSS.getPlatformFontsForNode). */
async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  expect(nodeId, selector).toBeGreaterThan(0);
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts;
}

/** A short run of a bundled scenario whose description, the user's own text, is in Chinese. */
function chineseScenario(dir: string): string {
  const scenario = parse(readFileSync(join(ROOT, "scenarios", "dividend-rights.yaml"), "utf8")) as Record<string, unknown>;
  scenario.description = "消费五百返五百：鑫瑞商城每天拿出营业额的百分之五，平分给未返完的分红权。";
  scenario.days = 120;
  const file = join(dir, "zh.yaml");
  writeFileSync(file, stringify(scenario));
  return file;
}

/** The report's embedded CJK font, in Debian's chromium (which has no CJK font of its own) and byte for byte. */
export function describeReportFont(browserOf: BrowserOf): void {
  describe("report.html's Chinese text in a browser with no CJK font of its own", () => {
    it("is drawn in the embedded font, which holds every CJK character the page shows, before and after a what-if", async () => {
      const dir = tempDir();
      const out = join(dir, "run");
      expect((await cliInProcess(["run", chineseScenario(dir), "--out", out, "-q"])).code).toBe(0);
      const html = readFileSync(join(out, "report.html"), "utf8");
      const font = embeddedFont(html);
      const { context, page, errors, requests } = await openOffline(browserOf());
      await openReport(page, join(out, "report.html"));
      await page.evaluate(() => document.fonts.ready);
      // Checked before the CDP probe below: enabling CDP's CSS domain logs an error of its own on
      // a file: page (it asks for the page's URL as a stylesheet's origin).
      expect(errors).toEqual([]);

      // The user's description and a legal test's statute: each CJK glyph is drawn by the
      // embedded face (a web font, named as the subset names itself), none by a system font.
      for (const selector of ["h1 + p", "#compliance tr:nth-child(2) td:nth-child(2)"]) {
        const text = (await page.textContent(selector)) ?? "";
        const cjkGlyphs = (text.match(CJK) ?? []).length;
        expect(cjkGlyphs, selector).toBeGreaterThan(0);
        const fonts = await platformFonts(page, selector);
        const embedded = fonts.filter((f) => f.isCustomFont);
        expect(embedded.map((f) => f.familyName)).toEqual([font.familyName]);
        // The embedded face drew exactly the CJK glyphs (it holds no other character).
        expect(embedded[0]?.glyphCount, selector).toBe(cjkGlyphs);
      }

      // A what-if run writes its own text (the verdict, the YAML of the changed scenario with the
      // Chinese description); then every CJK character anywhere on the page is in the subset.
      await setWhatIf(page, await whatIfPaths(page), "days", "60");
      await runWhatIf(page);
      const shown = await page.evaluate(() =>
        [document.body.textContent ?? "", ...Array.from(document.querySelectorAll("textarea, input")).map((e) => (e as HTMLInputElement).value)].join("\n"),
      );
      await context.close();
      expect(requests).toEqual([]);
      expect(shown).toContain("鑫瑞商城");
      const onPage = [...new Set(shown.match(CJK) ?? [])];
      expect(onPage.length).toBeGreaterThan(20);
      expect(onPage.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0))).toEqual([]);
    });

    it("is the same bytes when the report is written again, in this process or a fresh one", async () => {
      const dir = tempDir();
      const scenario = chineseScenario(dir);
      expect((await cliInProcess(["run", scenario, "--out", join(dir, "a"), "-q"])).code).toBe(0);
      expect(cli(["run", scenario, "--out", join(dir, "b"), "-q"]).code).toBe(0);
      const a = readFileSync(join(dir, "a", "report.html"));
      expect(a.equals(readFileSync(join(dir, "b", "report.html")))).toBe(true);
      expect(embeddedFont(a.toString("utf8")).familyName).toBe("Source Han Sans CN");
    });
  });
}
