// Part of `npm run build`: decodes the report's CJK source font (WOFF2, brotli) once into
// dist/fonts/, so that a process writing a report reads it instead of decoding it again
// (src/report/font-subset.ts, sourceFont). Written to a temporary name and renamed, so an
// interrupted build leaves no partial font that a report could read.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decodedFontName } from "../dist/report/font-subset.js";
import { woff2ToSfnt } from "../dist/report/sfnt.js";

const require = createRequire(import.meta.url);
const woff2 = readFileSync(require("@librescore/fonts").CN);
const folder = new URL("../dist/fonts/", import.meta.url);
mkdirSync(folder, { recursive: true });
const target = new URL(decodedFontName(woff2), folder);
const partial = new URL(`${decodedFontName(woff2)}.partial-${process.pid}`, folder);
writeFileSync(partial, woff2ToSfnt(woff2));
renameSync(partial, target);
