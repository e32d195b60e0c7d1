/**
 * The long runs: `npm run test:long` sets POINTSIM_LONG=1 and runs the statistical tests of the
 * fit and the early warning (test/fit.test.ts, test/watch-cli.test.ts) at the full size they
 * were written for: their search budgets, projected seeds and horizons, benchmark platforms and
 * particles. `npm test` runs the same checks smaller; each test's comment says why its smaller
 * size still proves the property (docs/testing.md).
 */
const LONG = process.env.POINTSIM_LONG === "1";

/** The suite's size, or the full one under POINTSIM_LONG=1. */
export function sized<T>(suite: T, long: T): T {
  return LONG ? long : suite;
}
