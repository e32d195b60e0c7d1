import type { Scenario } from "./types.js";
import { expectedArrivals } from "../engine/arrivals.js";
import { enabledConfig } from "../engine/window.js";
import { SCHEME_MODULES } from "../registry.js";
import type { RunHorizon } from "../engine/scheme.js";

/**
 * What a run will cost, before it starts: users day by day from the arrival rules (no
 * randomness, no confidence or shocks, which only slow arrivals down), hence user-days, time
 * and memory from coefficients measured with `npm run bench` (docs/performance.md, "What a run
 * costs"). An estimate to warn with, not a promise: a run that collapses early costs less.
 */
export interface RunEstimate {
  /** Users at the end of the horizon, at most. */
  peakUsers: number;
  userDays: number;
  seconds: number;
  bytes: number;
}

/**
 * Nanoseconds per user-day of the full combined benchmark (ad points, value-added, commissions,
 * withdrawals) on one thread of the 2-core reference machine: model 2 measured 110 ns at ten
 * million users on a quiet day, and the same run moves by 40% within a day there, so the
 * estimate takes the slow side. More threads only make a run faster than this.
 */
export const NS_PER_USER_DAY = 160;
/** Bytes per user at the peak (columns, withdrawal queue, compliance tracking) and the fixed cost of the process. */
export const BYTES_PER_USER = 600;
export const BASE_BYTES = 120 * 1024 * 1024;
/** A run estimated to take longer than this gets a warning. */
export const WARN_SECONDS = 600;

export function estimateRun(scenario: Scenario): RunEstimate {
  const { population, days } = scenario;
  const c = population.arrivals;
  const cap = Math.min(population.maxUsers, c.marketSize);
  let users = 0;
  let carry = 0;
  let userDays = 0;
  for (let day = 1; day <= days; day++) {
    for (const group of population.scheduled) if (group.day === day) users += group.count;
    if (day >= c.startDay && (c.endDay === null || day <= c.endDay)) {
      // Referral: every user counted as a promoter, an upper bound.
      const expected = expectedArrivals(c, day - c.startDay, users, users);
      carry += Number.isFinite(expected) ? expected : cap;
      const count = Math.floor(carry);
      carry -= count;
      users += Math.max(0, Math.min(count, cap - users));
    }
    users = Math.min(users, population.maxUsers);
    userDays += users;
  }
  const perUser = BYTES_PER_USER + schemeBytesPerUser(scenario);
  return { peakUsers: users, userDays, seconds: (userDays * NS_PER_USER_DAY) / 1e9, bytes: BASE_BYTES + users * perUser };
}

/** What the running schemes keep per user beyond the measured columns (SchemeModule.bytesPerUser). */
export function schemeBytesPerUser(scenario: Scenario): number {
  const horizon = runHorizon(scenario);
  let bytes = 0;
  for (const module of SCHEME_MODULES) {
    const config = enabledConfig(scenario.schemes, module.key);
    if (config !== null && module.bytesPerUser) bytes += module.bytesPerUser(config as never, horizon);
  }
  return bytes;
}

/** The horizon a scheme's per-user memory is bounded over (RunHorizon): the days, and the orders a user can place in them. */
function runHorizon(scenario: Scenario): RunHorizon {
  const changed = (scenario.changes ?? []).filter((c) => /^population\.segments\.[^.]+\.orderRate$/.test(c.key)).map((c) => Number(c.value));
  const rate = Math.min(1, Math.max(0, ...scenario.population.segments.map((s) => s.orderRate), ...changed));
  return { days: scenario.days, ordersPerUser: Math.min(scenario.days, 1 + rate * scenario.days) };
}
