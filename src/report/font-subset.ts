import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sfntToWoff, woff2ToSfnt } from "./sfnt.js";

/**
 * The report's Chinese text renders on a machine with no CJK font: report.html embeds a subset
 * of Source Han Sans CN (SIL Open Font License 1.1; the WOFF2 build in @librescore/fonts)
 * holding exactly the CJK characters the page can show, cut by harfbuzz's hb-subset (the
 * harfbuzzjs WebAssembly build) and packed as WOFF with pako. The set is read from the finished
 * page, scripts and embedded data included: whatever the page's script can write (the what-if's
 * verdicts from the bundled engine, user-given scenario and segment names, the catalogue's
 * strings) is text of the page, literally or as a \uXXXX escape. Everything here is
 * synchronous and pinned (font, harfbuzz and pako versions are exact in package.json): the same
 * page gives the same font bytes, on any machine.
 */

/** The @font-face family of the embedded subset; the page's font stacks name it first. */
export const CJK_FAMILY = "pointsim CJK";
/** Where reportHtml leaves room for the @font-face rule in its style element. */
export const CJK_FONT_FACE_SLOT = "/* pointsim CJK font */";

/** Code point ranges written with the CJK font: ideographs, their punctuation, kana and full-width forms. */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fdf], // CJK radicals, Kangxi radicals
  [0x3000, 0x30ff], // CJK symbols and punctuation (、。「」), hiragana, katakana
  [0x3100, 0x312f], // bopomofo
  [0x3190, 0x33ff], // kanbun, strokes, enclosed CJK letters, CJK compatibility
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // full-width forms (，：（）)
  [0x20000, 0x3134f], // extensions B to G
];

const FIRST_CJK = (CJK_RANGES[0] as readonly [number, number])[0];

/** True for a code point the embedded font writes. */
function isCjk(codePoint: number): boolean {
  return CJK_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/**
 * The CJK code points of a page, ascending: its characters as written, and those written as
 * escapes, which a script or JSON turns back into text (\uXXXX, \u{X}, &#xX; and &#N;).
 */
export function cjkCodePoints(page: string): number[] {
  const unescaped = page.replace(
    /\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|&#[xX]([0-9a-fA-F]{1,6});|&#([0-9]{1,7});/g,
    (whole, braced, four, hex, dec) => {
      const code =
        braced !== undefined
          ? Number.parseInt(braced, 16)
          : four !== undefined
            ? Number.parseInt(four, 16)
            : hex !== undefined
              ? Number.parseInt(hex, 16)
              : Number(dec);
      // A lone surrogate from \uXXXX pairs up with the next escape in the unescaped text.
      return code <= 0x10ffff
        ? String.fromCharCode(...(code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code]))
        : whole;
    },
  );
  const found = new Set<number>();
  // By UTF-16 unit rather than `for...of`: a page is mostly ASCII (its script and data), and a
  // unit below the first CJK range is passed over at once; a surrogate pair is read as the one
  // code point `for...of` would give, and a lone surrogate is no CJK character either way.
  for (let i = 0; i < unescaped.length; i++) {
    let code = unescaped.charCodeAt(i);
    if (code < FIRST_CJK) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < unescaped.length) {
      const low = unescaped.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (isCjk(code)) found.add(code);
  }
  return [...found].sort((a, b) => a - b);
}

/** Node's WebAssembly global, as used here (the project's TypeScript libraries leave out the DOM's, where its types live). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** hb-subset's C API as the WebAssembly build exports it (harfbuzz's hb-subset.h). */
interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/**
 * The source font as OpenType. Decoding the WOFF2 (brotli) costs about 0.17 CPU-seconds, paid by
 * every process that writes a report, so `npm run build` decodes it once into
 * dist/fonts/ (scripts/decode-font.mjs), named by the WOFF2's sha256: a font package
 * upgraded without a rebuild finds no file of its digest and is decoded here, as is any
 * source tree without a build. The decoding is defined by the formats, so both give the same bytes.
 */
function sourceFont(woff2: Uint8Array): Uint8Array {
  const decoded = new URL(`../../dist/fonts/${decodedFontName(woff2)}`, import.meta.url);
  try {
    return readFileSync(decoded);
  } catch {
    return woff2ToSfnt(woff2);
  }
}

/** The file name `npm run build` gives the decoded font: the WOFF2's digest, so a stale one is never read. */
export function decodedFontName(woff2: Uint8Array): string {
  return `cjk-source-${createHash("sha256").update(woff2).digest("hex").slice(0, 32)}.otf`;
}

/** harfbuzz with the source font loaded once: the font's bytes stay in its memory for every subset. */
let loaded: { hb: HarfBuzz; face: number } | null = null;

function harfbuzzWithFont(): { hb: HarfBuzz; face: number } {
  if (loaded === null) {
    const require = createRequire(import.meta.url);
    // The wasm build imports nothing, so it is compiled and started synchronously.
    const module = new WebAssembly.Module(readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")));
    const hb = new WebAssembly.Instance(module, {}).exports as unknown as HarfBuzz;
    hb._initialize();
    const font = sourceFont(readFileSync((require("@librescore/fonts") as { CN: string }).CN));
    const pointer = hb.malloc(font.length);
    new Uint8Array(hb.memory.buffer).set(font, pointer);
    const HB_MEMORY_MODE_READONLY = 1;
    const blob = hb.hb_blob_create(pointer, font.length, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    loaded = { hb, face };
  }
  return loaded;
}

/** The source font cut to these code points (and the glyphs its layout rules reach from them), as OpenType. */
function subsetSfnt(codePoints: readonly number[]): Uint8Array {
  const { hb, face } = harfbuzzWithFont();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error("harfbuzz could not start a subset");
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const code of codePoints) hb.hb_set_add(unicodes, code);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  if (subset === 0) throw new Error("harfbuzz could not subset the CJK font");
  const blob = hb.hb_face_reference_blob(subset);
  const bytes = new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(blob, 0), hb.hb_blob_get_length(blob)).slice();
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(subset);
  return bytes;
}

/**
 * Subsets already cut in this process, by their code points: a sweep, a fit or a test writes many
 * pages holding the same characters (the catalogue's Chinese, the same names), and a subset costs
 * a tenth of a CPU-second. The font is a function of the code points alone, so a kept one is the
 * same bytes. A few are kept, the oldest dropped first.
 */
const subsets = new Map<string, Uint8Array>();
const SUBSETS_KEPT = 8;

/** The embedded font for these code points: a WOFF file holding their glyphs. */
export function cjkSubsetWoff(codePoints: readonly number[]): Uint8Array {
  const key = codePoints.join(",");
  let woff = subsets.get(key);
  if (woff === undefined) {
    woff = sfntToWoff(subsetSfnt(codePoints));
    if (subsets.size >= SUBSETS_KEPT) subsets.delete(subsets.keys().next().value as string);
    subsets.set(key, woff);
  }
  return woff.slice();
}

/**
 * The page with its CJK font: the @font-face rule (a base64 WOFF of every CJK character the
 * page holds) in place of CJK_FONT_FACE_SLOT; a page with no CJK character gets no rule.
 */
export function withCjkFont(page: string): string {
  const codePoints = cjkCodePoints(page);
  const rule =
    codePoints.length === 0
      ? ""
      : `@font-face { font-family: "${CJK_FAMILY}"; src: url(data:font/woff;base64,${Buffer.from(cjkSubsetWoff(codePoints)).toString("base64")}) format("woff"); }`;
  return page.replace(CJK_FONT_FACE_SLOT, rule);
}
