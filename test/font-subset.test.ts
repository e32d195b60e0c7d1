import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { CJK_FONT_FACE_SLOT, cjkCodePoints, cjkSubsetWoff, decodedFontName, withCjkFont } from "../src/report/font-subset.js";
import { sfntToWoff, woff2ToSfnt } from "../src/report/sfnt.js";

// The second method throughout is fontkit, a font parser that shares no code with pointsim's
// WOFF2 reader, WOFF writer or harfbuzz: it reads the bundled WOFF2 itself (its own brotli and
// table decoding) and the WOFF pointsim writes (its own zlib).

const SOURCE = readFileSync((createRequire(import.meta.url)("@librescore/fonts") as { CN: string }).CN);

function open(bytes: Uint8Array): fontkit.Font {
  return fontkit.create(Buffer.from(bytes)) as fontkit.Font;
}

/** A font's characters, as its cmap maps them (fontkit lists format 4's closing 0xFFFF segment too; it maps nothing). */
function characters(font: fontkit.Font): number[] {
  return font.characterSet.filter((c) => c !== 0xffff && font.glyphForCodePoint(c).id !== 0).sort((a, b) => a - b);
}

/** A glyph's outline as SVG path data: the same outline in two fonts gives the same text. */
const outline = (font: fontkit.Font, code: number) => font.glyphForCodePoint(code).path.toSVG();

const codes = (text: string) => [...new Set([...text].map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b);

describe("the bundled font read from WOFF2", () => {
  const source = open(SOURCE);
  const sfnt = open(woff2ToSfnt(SOURCE));
  it("is the font fontkit reads from the WOFF2: same glyphs, characters and outlines", () => {
    expect(sfnt.numGlyphs).toBe(source.numGlyphs);
    expect(sfnt.characterSet.length).toBe(source.characterSet.length);
    expect(sfnt.familyName).toBe(source.familyName);
    for (const c of codes("刑法第二百二十四条之一组织领导传销活动罪万亿元，（）Ag")) expect(outline(sfnt, c)).toBe(outline(source, c));
  });
  // `npm run build` decodes the font once into dist/fonts/, which every report then reads: it must
  // be the very bytes decoded here (npm test builds first; a tree never built has none to check).
  const built = new URL(`../dist/fonts/${decodedFontName(SOURCE)}`, import.meta.url);
  it.skipIf(!existsSync(built))("the build's decoded copy is the same bytes", () => {
    expect(Buffer.compare(readFileSync(built), Buffer.from(woff2ToSfnt(SOURCE)))).toBe(0);
  });
  it("refuses a WOFF2 whose glyf table is transformed, and a file that is not WOFF2", () => {
    // A 48-byte WOFF2 header announcing one table, then its directory entry: flags 10 (glyf,
    // transform version 0, which for glyf means transformed) and an original length of 1.
    const header = new Uint8Array(52);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x774f4632);
    view.setUint32(4, 0x00010000);
    view.setUint16(12, 1);
    header.set([10, 1, 1], 48);
    expect(() => woff2ToSfnt(header)).toThrow(/glyf is transformed/);
    expect(() => woff2ToSfnt(new Uint8Array(48))).toThrow(/not a WOFF2 font/);
  });
});

describe("the CJK subset", () => {
  const source = open(SOURCE);
  const text = "刑法第二百二十四条之一：组织、领导传销活动罪；万亿元（谁亏损）〇。";
  const woff = cjkSubsetWoff(codes(text));
  const subset = open(woff);

  it("maps exactly the characters asked for, each to the source's outline", () => {
    expect(characters(subset)).toEqual(codes(text));
    for (const c of codes(text)) expect(outline(subset, c)).toBe(outline(source, c));
    expect(subset.familyName).toBe("Source Han Sans CN");
    // A WOFF 1.0 file (wOFF): fontkit read it through its own zlib.
    expect(Buffer.from(woff.subarray(0, 4)).toString("latin1")).toBe("wOFF");
  });

  it("is a few kilobytes for a few dozen characters, not the 3.5 MB font", () => {
    expect(woff.length).toBeLessThan(20_000);
    expect(woff.length).toBeGreaterThan(1_000);
  });

  it("gives the same bytes every time, whatever the order of the characters", () => {
    expect(Buffer.from(cjkSubsetWoff([...codes(text)].reverse())).equals(Buffer.from(woff))).toBe(true);
  });

  it("packs WOFF that unpacks to the same tables (sfntToWoff of the source read back by fontkit)", () => {
    // The whole source font through the WOFF writer: every outline survives.
    const whole = open(sfntToWoff(woff2ToSfnt(SOURCE)));
    expect(whole.numGlyphs).toBe(source.numGlyphs);
    for (const c of codes("鑫瑞龘齉〇")) expect(outline(whole, c)).toBe(outline(source, c));
  });
});

describe("the CJK characters of a page", () => {
  it("are read as written and as escapes, and nothing else is", () => {
    // 中 U+4E2D literal; 文 U+6587 as \u6587; 𠀀 U+20000 as the surrogate pair \ud840\udc00 and as
    // \u{20001}; 一 U+4E00 as &#x4e00; and 丁 U+4E01 as &#19969;; full-width comma U+FF0C and
    // the ideographic full stop U+3002 are CJK; é, …, “ and ¥ are not. 𠀂 U+20002 literal (a
    // surrogate pair in the string) counts; a lone high surrogate before "x" is no character.
    const page = "中 \\u6587 \\ud840\\udc00 \\u{20001} &#x4e00; &#19969; ，。 é … “ ¥ \\u0041 𠀂 \ud840x";
    expect(cjkCodePoints(page)).toEqual([0x3002, 0x4e00, 0x4e01, 0x4e2d, 0x6587, 0xff0c, 0x20000, 0x20001, 0x20002]);
  });

  it("decide the font: none without CJK text, and a subset holding exactly the page's CJK characters with it", () => {
    const latin = `<style>${CJK_FONT_FACE_SLOT}</style><p>No Chinese here.</p>`;
    expect(withCjkFont(latin)).toBe("<style></style><p>No Chinese here.</p>");
    const page = `<style>${CJK_FONT_FACE_SLOT}</style><p>集资诈骗罪</p><script>var s = "\\u8c01\\u4e8f\\u635f";</script>`;
    const written = withCjkFont(page);
    const base64 = /url\(data:font\/woff;base64,([A-Za-z0-9+/=]+)\)/.exec(written)?.[1];
    expect(base64).toBeDefined();
    expect(characters(open(Buffer.from(base64 ?? "", "base64")))).toEqual(codes("集资诈骗罪谁亏损"));
    expect(withCjkFont(page)).toBe(written);
  });
});
