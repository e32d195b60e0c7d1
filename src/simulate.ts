import type { Scenario } from "./scenario/types.js";
import { Simulation, simulateWith, type RunResult, type SimulateOptions } from "./engine/engine.js";
import { formatDay, type DayRow } from "./engine/columns.js";
import { SCHEME_MODULES } from "./registry.js";
import { plausibilityWarnings, type PlausibilityWarning } from "./scenario/plausibility.js";
import { shapingDefaultsInUse, type DefaultInUse } from "./scenario/shaping-defaults.js";
import { canonicalPath } from "./engine/changes.js";
import { setPath } from "./engine/paths.js";

/**
 * The engine with pointsim's schemes: the one place they meet. The engine imports no scheme;
 * everything else that runs a scenario comes through here.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): FormattedRun {
  return withRows(simulateWith(SCHEME_MODULES, scenario, options));
}

/** A run with its days formatted as timeseries.csv writes them. */
export interface FormattedRun extends RunResult {
  rows: DayRow[];
}

/** Formats a run's days at the edge: the engine's values stay exact integers until here. */
export function withRows(result: RunResult): FormattedRun {
  return { ...result, rows: result.values.map((day) => formatDay(result.specs, day)) };
}

/** A steppable run of a scenario with pointsim's schemes. */
export function createSimulation(scenario: Scenario, seed: string | number = scenario.seed, options: { journal?: boolean } = {}): Simulation {
  return new Simulation(scenario, SCHEME_MODULES, seed, options);
}

/** A scenario's plausibility warnings before any run: the core's and each running scheme's (docs/plausibility.md). */
export function scenarioWarnings(scenario: Scenario): PlausibilityWarning[] {
  const warnings = declaredWarnings(scenario);
  const changes = scenario.changes ?? [];
  if (changes.length === 0) return warnings;
  // A rule change can make a value unlikely from its day on: each warning the rules of a later
  // day raise that day 1's do not, once, with the change that raised it.
  const seen = new Set(warnings.map((w) => w.path));
  const changed = structuredClone(scenario);
  const ordered = changes.map((change, i) => ({ change, i })).sort((a, b) => a.change.day - b.change.day || a.i - b.i);
  for (const { change, i } of ordered) {
    setPath(changed, canonicalPath(changed, change.key), change.value);
    for (const w of declaredWarnings(changed)) {
      if (seen.has(w.path)) continue;
      seen.add(w.path);
      warnings.push({ ...w, message: `from day ${change.day} (changes[${i}]): ${w.message}` });
    }
  }
  return warnings;
}

/** The warnings of a scenario's rules as written (day 1's). */
function declaredWarnings(scenario: Scenario): PlausibilityWarning[] {
  const configs = scenario.schemes as Record<string, unknown>;
  const schemes = SCHEME_MODULES.flatMap((module) => {
    const config = configs[module.key];
    return config === undefined ? [] : [{ key: module.key, findings: module.plausibility?.(config as never, scenario) ?? [] }];
  });
  return plausibilityWarnings(scenario, schemes);
}

/** The defaults that shape the result a scenario takes without writing them (docs/plausibility.md). */
export function scenarioShapingDefaults(written: unknown, scenario: Scenario): DefaultInUse[] {
  return shapingDefaultsInUse(written, scenario, SCHEME_MODULES);
}
