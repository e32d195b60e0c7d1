import { defineConfig } from "vitest/config";

// Timeouts guard against hangs only; speed is measured by `npm run bench`, never by tests.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
