import { Simulation } from "../engine/engine.js";
import { numericSeries } from "../engine/columns.js";
import { SCHEME_MODULES } from "../registry.js";
import { estimateRun } from "../scenario/estimate.js";
import { verdictSentence } from "../engine/verdict.js";
import { yuanZhShort } from "../report/format-zh.js";

/**
 * The engine for the browser (docs/what-if.md): bundled by `npm run build` (esbuild, an IIFE)
 * into dist/browser/engine.bundle.js, which report.html carries and runs in a Web Worker.
 * The same modules as the CLI's runs: the engine, the registry's schemes, the estimate, and the
 * Chinese verdict and money a zh-CN report's panel writes.
 */
(globalThis as unknown as { pointsimEngine: unknown }).pointsimEngine = {
  Simulation,
  registry: SCHEME_MODULES,
  numericSeries,
  estimateRun,
  verdictSentence,
  yuanZhShort,
};
