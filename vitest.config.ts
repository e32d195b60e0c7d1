import { defineConfig } from "vitest/config";

/**
 * Two tiers. The end-to-end tier runs the CLI in child processes or a browser (and the long
 * fit and case runs); the unit tier is everything else and is the quick check while working
 * (`npm run test:unit`). `npm test` runs both. POINTSIM_TIER picks one.
 */
const END_TO_END = [
  "test/audit.test.ts",
  "test/cases.test.ts",
  "test/changes-cli.test.ts",
  "test/cli.test.ts",
  "test/commands.test.ts",
  "test/discover-cli.test.ts",
  "test/estimate.test.ts",
  "test/fit.test.ts",
  "test/watch-cli.test.ts",
  "test/fuzz.test.ts",
  "test/gates.test.ts",
  "test/hostile-corpus.test.ts",
  "test/hostile.test.ts",
  "test/i18n-cli.test.ts",
  "test/i18n-commands.test.ts",
  "test/i18n-terminal.test.ts",
  "test/validation-zh.test.ts",
  "test/newcomer.test.ts",
  "test/pool.test.ts",
  "test/recommend.test.ts",
  "test/report.browser.test.ts",
  "test/sweep-sensitivity.test.ts",
  "test/sweep.test.ts",
  "test/threads.test.ts",
];
const tier = process.env.POINTSIM_TIER;
const NODE_MODULES = "**/node_modules/**";

/**
 * The unit tier's files share their workers (isolate: false): each file would otherwise start
 * a fresh worker and import the engine again, about a CPU-second per file, a third of what the
 * unit tier costs. They can share one: they only call functions and keep no state of the
 * process between files (no working folder, environment or stdout of their own). The
 * end-to-end files stay isolated: the in-process CLI (test/helpers/cli.ts) changes the working
 * folder, environment and stdout while it runs, and they are few.
 */
const unit = { extends: true as const, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...END_TO_END, NODE_MODULES], isolate: false } };
const endToEnd = { extends: true as const, test: { name: "e2e", include: END_TO_END, exclude: [NODE_MODULES] } };

// Timeouts guard against hangs only, so they are far above any run on a slow or busy machine
// (no test passes or fails by the clock); speed is measured by `npm run bench`, never by tests.
export default defineConfig({
  test: {
    projects: tier === "e2e" ? [endToEnd] : tier === "unit" ? [unit] : [unit, endToEnd],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
