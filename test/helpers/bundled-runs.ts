import { simulate, type FormattedRun } from "../../src/simulate.js";
import { bundled } from "./scenario.js";

/**
 * Each bundled scenario run once at its own seed, shared by every test that reads it: the unit
 * tier's files share their worker (vitest.config.ts, isolate: false), so a scenario that the
 * goldens, the red flags, the verdicts and the engine's checks all read (seed 002's combined plan
 * for two years: several CPU-seconds) is simulated once rather than once per file. A run is a
 * pure function of its scenario and seed, so a kept one is the same result. Frozen, so that no
 * test can change what another reads.
 */
const runs = new Map<string, FormattedRun>();

export function bundledRun(name: string): FormattedRun {
  let run = runs.get(name);
  if (run === undefined) {
    run = deepFreeze(simulate(bundled(name)));
    runs.set(name, run);
  }
  return run;
}

/** Freezes plain objects and arrays all the way down; typed arrays cannot be frozen and are left as they are. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
