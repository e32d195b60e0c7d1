import { enabledConfig } from "../engine/window.js";
import { SCHEME_MODULES } from "../registry.js";
import { stableJson } from "../report/outputs.js";
import { whatIfSliders, type WhatIfScheme, type WhatIfSlider } from "../report/what-if.js";
import type { Scenario } from "../scenario/types.js";
import { resolveScenario } from "../scenario/validate.js";
import { getPath, setPath, splitPath } from "../engine/paths.js";
import type { PointStats } from "./results.js";
import type { SweepSpec } from "./spec.js";

/**
 * The sweep report's what-if (docs/what-if.md): a click on a point opens one of its runs in the
 * what-if panel. The page builds a point's scenario from the resolved base and the point's
 * values, so only the base is embedded; a point whose scenario the page could not build that
 * way (a swept value that changes what resolving fills in) carries its own resolved scenario,
 * and a point the engine refuses carries the reason. Each point lists some of its runs (index,
 * seed, and the recorded collapse day and losing share, which the page checks its re-run against).
 */

/** At most this many runs listed per point, and this many in all (the page stays small). */
const RUNS_PER_POINT = 20;
const RUNS_IN_ALL = 10_000;

/** A listed run: [run index, seed, recorded collapse day, recorded users-losing share]. */
export type SweepWhatIfRun = [number, number, number | null, number | null];

interface SweepWhatIfPoint {
  point: number;
  /** The point's resolved scenario, only where applying its values to the base gives another. */
  scenario?: Scenario;
  /** Why the point's runs failed (its scenario is invalid). */
  invalid?: string;
  runs: SweepWhatIfRun[];
}

export interface SweepWhatIf {
  base: Scenario;
  sliders: WhatIfSlider[];
  /** Each swept key as an index path into the resolved base (`population.segments[0].orderRate`). */
  keys: Record<string, string>;
  columns: readonly string[];
  points: SweepWhatIfPoint[];
}

/** The running schemes of a scenario, from the registry, without running it. */
export function whatIfSchemes(scenario: Scenario): WhatIfScheme[] {
  return SCHEME_MODULES.filter((m) => enabledConfig(scenario.schemes, m.key) !== null).map((m) => ({ key: m.key, title: m.title, whatIf: m.whatIf ?? [] }));
}

/** A path with list items by position, as the page's own setPath reads it; null where the base has no such place. */
function indexPath(root: unknown, path: string): string | null {
  let current = root;
  let out = "";
  for (const part of splitPath(path)) {
    if (Array.isArray(current)) {
      const index = /^\d+$/.test(part)
        ? Number(part)
        : current.findIndex(
            (item) => item !== null && typeof item === "object" && ((item as { id?: unknown }).id === part || (item as { name?: unknown }).name === part),
          );
      if (index < 0 || index >= current.length) return null;
      out += `[${index}]`;
      current = current[index];
    } else if (current !== null && typeof current === "object") {
      out += out === "" ? part : `.${part}`;
      current = (current as Record<string, unknown>)[part];
    } else return null;
  }
  return out;
}

/** Runs the report lists per point, for a sweep of this many charted points. */
export function whatIfRunsPerPoint(points: number): number {
  return Math.max(1, Math.min(RUNS_PER_POINT, Math.floor(RUNS_IN_ALL / Math.max(1, points))));
}

/**
 * The data of the sweep report's what-if, or null when the base itself does not resolve (every
 * run failed; there is nothing to open). `runsOf(point)` gives the runs listed for a point.
 */
export function sweepWhatIf(
  spec: SweepSpec,
  baseData: unknown,
  stats: readonly PointStats[],
  runsOf: (point: number) => SweepWhatIfRun[],
  columns: readonly string[],
): SweepWhatIf | null {
  const resolvedBase = resolveScenario(structuredClone(baseData));
  if (resolvedBase.scenario === null) return null;
  const base = resolvedBase.scenario;
  const keys: Record<string, string> = {};
  for (const p of spec.parameters) keys[p.key] = indexPath(base, p.key) ?? p.key;
  const sliders = whatIfSliders(base, whatIfSchemes(base));
  // The swept keys come first, in a group of their own, over the range the sweep covered.
  const swept: WhatIfSlider[] = [];
  for (const p of spec.parameters) {
    const path = keys[p.key] as string;
    const numbers = stats.map((s) => s.values[p.key]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    let baseValue: unknown;
    try {
      baseValue = getPath(base, path);
    } catch {
      baseValue = undefined;
    }
    if (numbers.length === 0 || typeof baseValue !== "number") continue;
    const at = sliders.findIndex((s) => s.path === path);
    const existing = at >= 0 ? sliders.splice(at, 1)[0] : undefined;
    const lo = Math.min(...numbers, baseValue);
    const hi = Math.max(...numbers, baseValue);
    const step = existing?.step ?? (numbers.every(Number.isInteger) && Number.isInteger(baseValue) ? 1 : Number(((hi - lo) / 100 || 0.001).toPrecision(1)));
    swept.push({
      path,
      label: existing?.label ?? `swept: ${p.key}`,
      group: "swept parameters",
      min: Math.min(lo, existing?.min ?? lo),
      max: Math.max(hi, existing?.max ?? hi),
      step,
      value: baseValue,
    });
  }
  const points = stats.map((s): SweepWhatIfPoint => {
    const runs = runsOf(s.point);
    const raw = structuredClone(baseData);
    try {
      for (const [key, value] of Object.entries(s.values)) setPath(raw, key, value);
    } catch (error) {
      return { point: s.point, invalid: (error as Error).message, runs };
    }
    const resolved = resolveScenario(raw);
    if (resolved.scenario === null)
      return { point: s.point, invalid: resolved.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; "), runs };
    // What the page would build: the resolved base with the values set by index path.
    let built: unknown = null;
    try {
      built = structuredClone(base);
      for (const [key, value] of Object.entries(s.values)) setPath(built, keys[key] ?? key, value);
    } catch {
      built = null;
    }
    return built !== null && stableJson(built) === stableJson(resolved.scenario)
      ? { point: s.point, runs }
      : { point: s.point, scenario: resolved.scenario, runs };
  });
  return { base, sliders: [...swept, ...sliders], keys, columns, points };
}
