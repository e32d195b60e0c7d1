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
  "test/validation-zh.test.ts",
  "test/newcomer.test.ts",
  "test/pool.test.ts",
  "test/recommend.test.ts",
  "test/report.browser.test.ts",
  "test/report-font.browser.test.ts",
  "test/report-zh.browser.test.ts",
  "test/sweep-sensitivity.test.ts",
  "test/sweep.test.ts",
  "test/threads.test.ts",
];
const tier = process.env.POINTSIM_TIER;

// Timeouts guard against hangs only, so they are far above any run on a slow or busy machine
// (no test passes or fails by the clock); speed is measured by `npm run bench`, never by tests.
export default defineConfig({
  test: {
    include: tier === "e2e" ? END_TO_END : ["test/**/*.test.ts"],
    exclude: tier === "unit" ? [...END_TO_END, "**/node_modules/**"] : ["**/node_modules/**"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
