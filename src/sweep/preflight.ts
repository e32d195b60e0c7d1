import { resolveScenario } from "../scenario/validate.js";
import type { Scenario } from "../scenario/types.js";
import { createSimulation, scenarioWarnings } from "../simulate.js";
import type { PlausibilityWarning } from "../scenario/plausibility.js";
import { unknownMetricProblems } from "../gates/gates.js";
import { setPath } from "../engine/paths.js";
import { isGlobalSensitivity, type LoadedSweep } from "./spec.js";
import { didYouMean } from "../scenario/problems.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { problem, problemWords } from "../scenario/problem.js";
import { errorWords, joinWords, verbatim, type Words, words } from "../i18n/words.js";

/**
 * Why a dotted path is not a number of summary.json, checked on the summary of an empty run
 * (which has every key): an unknown name (with did-you-mean) or a text or list value; null when
 * it is one. A value null in the shape passes (a day that has not happened, a share of no
 * users): it may be a number in a run (sweeps and fits count a missing collapse day as the day
 * after the horizon).
 */
export function summaryMetricProblem(shape: unknown, metric: string): Words | null {
  let current: unknown = shape;
  for (const part of metric.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, part)) {
      const known = current !== null && typeof current === "object" ? Object.keys(current) : [];
      const guess = didYouMean(part, known);
      return guess ? words("found.unknownMetricGuess", { name: metric, guess }) : words("expression.unknownMetric", { name: metric });
    }
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === "number" || current === null) return null;
  const kind = Array.isArray(current)
    ? words("found.kind.list")
    : typeof current === "string"
      ? words("found.kind.string")
      : typeof current === "boolean"
        ? words("found.kind.boolean")
        : words("found.kind.object");
  return words("found.metricIs", { name: metric, kind });
}

/** The sensitivity metrics that are not a number of summary.json. */
function metricProblems(metrics: readonly string[], shape: Record<string, unknown>): ScenarioProblem[] {
  return metrics.flatMap((metric, i) => {
    const found = summaryMetricProblem(shape, metric);
    return found === null ? [] : [problem(`metrics[${i}]`, words("expected.summaryNumber", { doc: "docs/sweeps.md" }), found)];
  });
}

/** A plausibility warning of a sweep: the first point's, and at how many points it holds. */
export interface SweepWarning extends PlausibilityWarning {
  points: number;
}

/** How many points a problem names before "and N more". */
const POINTS_NAMED = 5;

/**
 * Everything a sweep can get wrong that shows before any run (docs/sweeps.md): every point's
 * scenario is built and validated, each problem listed once with the points (and their
 * parameter values) that cause it; every gate's metric names are checked against the metrics a
 * run reports, with did-you-mean. Throws a ScenarioError (exit 2) listing them all.
 */
export function preflightSweep(loaded: LoadedSweep, failIf: readonly string[]): SweepWarning[] {
  // Plausibility warnings by path (docs/plausibility.md), the first point's words and value.
  const warnings = new Map<string, SweepWarning>();
  // One problem per (path, what was expected), with every point that has it and what it found there.
  const byProblem = new Map<string, { problem: ScenarioProblem; points: { index: number; found: Words }[] }>();
  let valid: Scenario | null = null;
  for (const point of loaded.points) {
    const data = structuredClone(loaded.baseData);
    let problems: ScenarioProblem[];
    try {
      for (const [key, value] of Object.entries(point.values)) setPath(data, key, value);
      const resolved = resolveScenario(data);
      problems = resolved.problems;
      if (resolved.scenario !== null && valid === null) valid = resolved.scenario;
      if (resolved.scenario !== null) {
        for (const w of scenarioWarnings(resolved.scenario)) {
          const seen = warnings.get(w.path);
          warnings.set(w.path, seen === undefined ? { ...w, points: 1 } : { ...seen, points: seen.points + 1 });
        }
      }
    } catch (error) {
      problems = [problem("parameters", words("expected.baseKey"), errorWords(error))];
    }
    for (const p of problems) {
      const key = `${p.path}\u0000${p.expected}`;
      const entry = byProblem.get(key) ?? { problem: p, points: [] };
      entry.points.push({ index: point.index, found: problemWords(p).found });
      byProblem.set(key, entry);
    }
  }
  const describe = (index: number) => {
    const values = loaded.points[index]?.values ?? {};
    const text = Object.entries(values)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    return `#${index}${text ? ` (${text})` : ""}`;
  };
  const problems: ScenarioProblem[] = [...byProblem.values()].map(({ problem: first, points }) => {
    const { expected, found } = problemWords(first);
    const same = points.every((p) => p.found.en === found.en);
    const where = joinWords(
      points.slice(0, POINTS_NAMED).map((p) => (same ? verbatim(describe(p.index)) : words("found.atPoint", { found: p.found, point: describe(p.index) }))),
      "; ",
      "；",
    );
    const more = points.length > POINTS_NAMED ? words("found.andMore", { count: points.length - POINTS_NAMED }) : verbatim("");
    const count =
      points.length === loaded.points.length ? words("found.everyPoint") : words("found.pointsOf", { count: points.length, total: loaded.points.length });
    return problem(first.path, expected, same ? words("found.sameAtPoints", { found, count, where, more }) : words("found.atPoints", { count, where, more }));
  });
  if (valid !== null) {
    const shape = createSimulation(valid).result().summary as unknown as Record<string, unknown>;
    if (isGlobalSensitivity(loaded.spec.method)) problems.push(...metricProblems(loaded.spec.metrics, shape));
    for (const p of unknownMetricProblems({ assertions: loaded.spec.assertions, failIf: [...failIf] }, shape)) {
      problems.push(
        problem("--fail-if / assertions", words("expected.summaryMetric"), words("found.inExpression", { reason: p.message, expression: p.expression })),
      );
    }
    const discover = loaded.spec.discover?.where;
    if (discover !== undefined)
      for (const p of unknownMetricProblems({ assertions: [discover], failIf: [] }, shape))
        problems.push(problem("discover.where", words("expected.summaryMetric"), words("found.inExpression", { reason: p.message, expression: p.expression })));
  }
  if (problems.length > 0) throw new ScenarioError(loaded.file, problems);
  return [...warnings.values()];
}

/** The sweep's warnings for the terminal, once before the runs: each path with at how many points. */
export function formatSweepWarnings(source: string, warnings: readonly SweepWarning[], points: number): string {
  if (warnings.length === 0) return "";
  const lines = warnings.map(
    (w) =>
      `  ${w.path} (${w.points === points ? "every point" : `${w.points} of ${points} points`}; e.g. ${w.value === null ? "null" : String(w.value)}): ${w.message}`,
  );
  return `${source}: ${warnings.length} plausibility warning${warnings.length === 1 ? "" : "s"} (not errors; to accept one, list its path under the base scenario's acceptWarnings: docs/plausibility.md)\n${lines.join("\n")}\n`;
}
