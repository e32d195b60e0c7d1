import { brotliDecompressSync } from "node:zlib";
import { deflate } from "pako";

/**
 * The two font containers the report's embedded CJK font passes through, synchronously so that
 * report.html stays a plain function of the run (verify re-makes it byte for byte):
 *
 * - woff2ToSfnt reads the bundled WOFF2 font into the OpenType file harfbuzz subsets. Only
 *   untransformed tables are read (a CFF font such as Source Han Sans has no glyf/loca to
 *   transform); anything else is refused, never guessed. Brotli decompression is defined by its
 *   format, so Node's bundled brotli gives the same bytes everywhere.
 * - sfntToWoff packs the subset as WOFF 1.0 with pako's zlib, pure JavaScript pinned by the
 *   lock file: the same subset gives the same bytes on any machine (Node's own zlib is
 *   Chromium's fork, whose deflate output may differ between processors).
 *
 * Formats: https://www.w3.org/TR/WOFF2/ and https://www.w3.org/TR/WOFF/.
 */

/** WOFF2's known table tags, by the index its directory stores in place of a tag (WOFF2 §5.1). */
const KNOWN_TAGS = [
  "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca", "prep", "CFF ", "VORG", "EBDT",
  "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH",
  "CBDT", "CBLC", "COLR", "CPAL", "SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar",
  "gvar", "hsty", "just", "lcar", "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
]; // biome-ignore format: the spec's table, sixteen to a line

interface Table {
  tag: string;
  data: Uint8Array;
  /** The checksum the source's directory gives (a table read from an OpenType file). */
  checksum?: number;
}

const align4 = (n: number) => (n + 3) & ~3;

/** The OpenType checksum of a table: its big-endian 32-bit words summed modulo 2^32, the last one zero-padded. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4)
    sum = (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  return sum;
}

/** An OpenType file from its flavour and tables: directory sorted by tag, tables 4-byte aligned, head's checkSumAdjustment set. */
function sfnt(flavor: number, tables: Table[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const headerSize = 12 + 16 * n;
  const size = sorted.reduce((s, t) => s + align4(t.data.length), headerSize);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(n));
  view.setUint32(0, flavor);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let offset = headerSize;
  let headOffset = -1;
  sorted.forEach((t, i) => {
    const data = t.tag === "head" ? new Uint8Array(t.data) : t.data;
    // checkSumAdjustment counts as zero in head's own checksum and in the file's.
    if (t.tag === "head") new DataView(data.buffer, data.byteOffset, data.byteLength).setUint32(8, 0);
    for (let k = 0; k < 4; k++) out[12 + 16 * i + k] = t.tag.charCodeAt(k);
    view.setUint32(12 + 16 * i + 4, checksum(data));
    view.setUint32(12 + 16 * i + 8, offset);
    view.setUint32(12 + 16 * i + 12, data.length);
    out.set(data, offset);
    if (t.tag === "head") headOffset = offset;
    offset += align4(data.length);
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** The tables of an OpenType file, as its directory lists them. */
function sfntTables(font: Uint8Array): { flavor: number; tables: Table[] } {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const n = view.getUint16(4);
  const tables: Table[] = [];
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(font[at] ?? 0, font[at + 1] ?? 0, font[at + 2] ?? 0, font[at + 3] ?? 0);
    const offset = view.getUint32(at + 8);
    tables.push({ tag, data: font.subarray(offset, offset + view.getUint32(at + 12)), checksum: view.getUint32(at + 4) });
  }
  return { flavor: view.getUint32(0), tables };
}

/** A WOFF2 font as the OpenType file it packs (untransformed tables only; a font collection is refused). */
export function woff2ToSfnt(woff2: Uint8Array): Uint8Array {
  const view = new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error("not a WOFF2 font (no wOF2 signature)");
  const flavor = view.getUint32(4);
  if (flavor === 0x74746366) throw new Error("a WOFF2 font collection is not supported");
  const numTables = view.getUint16(12);
  const compressedSize = view.getUint32(20);
  let at = 48;
  // UIntBase128 (WOFF2 §4.1): 7 bits a byte, high bit set on all but the last, at most 5 bytes.
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(at++);
      if (i === 0 && byte === 0x80) throw new Error("WOFF2: a UIntBase128 with a leading zero");
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error("WOFF2: a UIntBase128 longer than 5 bytes");
  };
  const directory: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = view.getUint8(at++);
    const index = flags & 0x3f;
    let tag: string;
    if (index === 63) {
      tag = String.fromCharCode(...woff2.subarray(at, at + 4));
      at += 4;
    } else tag = KNOWN_TAGS[index] ?? "";
    const transform = flags >> 6;
    const length = base128();
    // glyf and loca are transformed at version 0 and plain at 3; every other table is plain at 0.
    const plain = tag === "glyf" || tag === "loca" ? transform === 3 : transform === 0;
    if (!plain) throw new Error(`WOFF2: table ${tag} is transformed (version ${transform}); only untransformed tables are read`);
    directory.push({ tag, length });
  }
  const stream = brotliDecompressSync(woff2.subarray(at, at + compressedSize));
  const tables: Table[] = [];
  let offset = 0;
  for (const { tag, length } of directory) {
    if (offset + length > stream.length) throw new Error(`WOFF2: table ${tag} runs past the decompressed data`);
    tables.push({ tag, data: new Uint8Array(stream.buffer, stream.byteOffset + offset, length) });
    offset += length;
  }
  return sfnt(flavor, tables);
}

/** An OpenType file packed as WOFF 1.0: each table zlib-compressed unless that makes it larger. */
export function sfntToWoff(font: Uint8Array): Uint8Array {
  const { flavor, tables } = sfntTables(font);
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const packed = sorted.map((t) => {
    const z = deflate(t.data, { level: 9 });
    return { ...t, stored: z.length < t.data.length ? z : t.data };
  });
  const headerSize = 44 + 20 * packed.length;
  const size = packed.reduce((s, t) => s + align4(t.stored.length), headerSize);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x774f4646); // wOFF
  view.setUint32(4, flavor);
  view.setUint32(8, size);
  view.setUint16(12, packed.length);
  view.setUint32(
    16,
    packed.reduce((s, t) => s + align4(t.data.length), 12 + 16 * packed.length),
  );
  let offset = headerSize;
  packed.forEach((t, i) => {
    const at = 44 + 20 * i;
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    view.setUint32(at + 4, offset);
    view.setUint32(at + 8, t.stored.length);
    view.setUint32(at + 12, t.data.length);
    view.setUint32(at + 16, t.checksum ?? checksum(t.data));
    out.set(t.stored, offset);
    offset += align4(t.stored.length);
  });
  return out;
}
