// Part of `npm run build`: bundles the engine for report.html's what-if panel (docs/what-if.md).
import { build } from "esbuild";

await build({
  entryPoints: [new URL("../src/browser/pointsim-engine.ts", import.meta.url).pathname],
  outfile: new URL("../dist/browser/engine.bundle.js", import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});
