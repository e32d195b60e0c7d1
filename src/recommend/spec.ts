import { createHash } from "node:crypto";
import { basename, dirname, resolve } from "node:path";
import { parseScenarioText, readInputFile } from "../scenario/load.js";
import { schemaProblems } from "../scenario/problems.js";
import { resolveScenario } from "../scenario/validate.js";
import type { Scenario } from "../scenario/types.js";
import { createSimulation } from "../simulate.js";
import { getPath, setPath } from "../engine/paths.js";
import { summaryMetricProblem } from "../sweep/preflight.js";
import { nonFiniteProblems, seedProblem } from "../sweep/spec.js";
import { evaluate, parseExpression, printable } from "../gates/expression.js";
import { unknownMetricProblems } from "../gates/gates.js";
import { valueAt } from "../fit/spec.js";
// Generated from RecommendSchema by `npm run docs` (src/scenario/validators.ts); a test fails when stale.
import validate from "../../generated/recommend-validator.js";
import { seedsToProve } from "./bounds.js";
import type { RecommendSpec } from "./schema.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { atPath, problem } from "../scenario/problem.js";
import { errorWords, verbatim, words } from "../i18n/words.js";

export interface LoadedRecommend {
  spec: RecommendSpec;
  file: string;
  sha256: string;
  baseFile: string;
  /** The base scenario as written (recommended.yaml is this with the chosen values and `set`). */
  baseData: unknown;
  baseText: string;
  baseSha256: string;
  /** The base with `set` applied: what every candidate starts from. */
  runData: unknown;
  /** Each constraint's label (its name, else its event). */
  labels: string[];
}

/** The largest magnitude of a range's end (as in fit files). */
const MAX_RANGE = 1e15;
/** Most grid points a grid design may have. */
const MAX_GRID = 10_000;

/** The values a parameter takes on a grid: from, from + step, ... up to to. */
export function gridValues(p: RecommendSpec["parameters"][number]): number[] {
  const step = p.range.step as number;
  const count = Math.floor((p.range.to - p.range.from) / step + 1e-9) + 1;
  const f = 10 ** p.decimals;
  return Array.from({ length: count }, (_, i) => Math.round((p.range.from + i * step) * f) / f);
}

/** The δ each verified front point's bound is taken at: δ split over the front's points and the constraints (Bonferroni). */
export function verifyDelta(spec: Pick<RecommendSpec, "confidence" | "front" | "constraints">): number {
  return (1 - spec.confidence) / (spec.front * spec.constraints.length);
}

/** Numbers the search cannot use exactly, and plans that could never prove a setting safe. */
function numberProblems(spec: RecommendSpec): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const seed = seedProblem(spec.seed);
  if (seed !== null) problems.push(seed);
  spec.parameters.forEach((p, i) => {
    for (const end of ["from", "to"] as const)
      if (Math.abs(p.range[end]) > MAX_RANGE)
        problems.push(
          problem(`parameters[${i}].range.${end}`, words("expected.numberFromTo", { from: `-${MAX_RANGE}`, to: MAX_RANGE }), verbatim(String(p.range[end]))),
        );
  });
  const delta = 1 - spec.confidence;
  spec.constraints.forEach((c, i) => {
    // With no event at all, the bound reaches alpha only at seedsToProve runs: fewer can never prove a setting safe.
    const screen = seedsToProve(c.max, delta);
    if (spec.maxSeeds < screen)
      problems.push(
        problem("maxSeeds", words("expected.screenSeeds", { seeds: screen, confidence: spec.confidence, max: c.max, i }), verbatim(String(spec.maxSeeds))),
      );
    const verify = seedsToProve(c.max, verifyDelta(spec));
    if (spec.verifySeeds < verify)
      problems.push(
        problem(
          "verifySeeds",
          words("expected.verifySeeds", {
            seeds: verify,
            delta: delta.toPrecision(3),
            front: spec.front,
            constraints: spec.constraints.length,
            max: c.max,
            i,
          }),
          verbatim(String(spec.verifySeeds)),
        ),
      );
  });
  return problems;
}

/** Candidates the design asks for before refinement (a grid's product, counted without listing it). */
function designSize(spec: RecommendSpec): number {
  if (spec.design === "lhs") return spec.samples;
  return spec.parameters.reduce(
    (n, p) => n * (p.range.step === undefined ? 1 : Math.max(1, Math.floor((p.range.to - p.range.from) / p.range.step + 1e-9) + 1)),
    1,
  );
}

/** The most runs the plan can take: every candidate to maxSeeds, and the front's verification. */
function plannedRuns(spec: RecommendSpec): number {
  return (designSize(spec) + spec.refine * spec.directions) * spec.maxSeeds + spec.front * spec.verifySeeds;
}

/**
 * Loads a recommend file and its base scenario, and checks everything that can be checked
 * before a run: keys (as a sweep's), ranges (the scenario valid at both ends), the constraints'
 * events and the objective (names a run's summary has), and a plan able to prove a setting
 * safe. Every problem at once (ScenarioError, exit 2).
 */
export function loadRecommendFile(file: string): LoadedRecommend {
  const { bytes, text } = readInputFile(file);
  const parsed = parseScenarioText(text, basename(file));
  if (parsed.problems.length > 0) throw new ScenarioError(file, parsed.problems);
  const data = structuredClone(parsed.data);
  // Before the schema, which would blame a NaN on a neighbouring key.
  const nonFinite = nonFiniteProblems(data);
  if (nonFinite.length > 0) throw new ScenarioError(file, nonFinite);
  if (!validate(data)) throw new ScenarioError(file, schemaProblems(validate.errors));
  const spec = data as RecommendSpec;
  const problems: ScenarioProblem[] = numberProblems(spec);
  spec.constraints.forEach((c, i) => {
    try {
      parseExpression(c.event);
    } catch (error) {
      problems.push(problem(`constraints[${i}].event`, words("expected.validExpressionIn", { doc: "docs/gates.md" }), errorWords(error)));
    }
  });
  const seen = new Set<string>();
  spec.parameters.forEach((p, i) => {
    const where = `parameters[${i}]`;
    if (seen.has(p.key)) problems.push(problem(`${where}.key`, words("expected.chosenOnce"), words("found.secondTime", { key: p.key })));
    seen.add(p.key);
    if (p.key in spec.set) problems.push(problem(`${where}.key`, words("expected.notInSet"), words("found.inSet", { key: p.key })));
    if (!(p.range.to > p.range.from))
      problems.push(problem(`${where}.range`, words("expected.fromBelowTo"), words("found.fromComma", { from: p.range.from, to: p.range.to })));
    if (p.scale === "log" && !(p.range.from > 0)) problems.push(problem(`${where}.range.from`, words("expected.aboveZeroLog"), verbatim(String(p.range.from))));
    if (spec.design === "grid" && p.range.step === undefined) problems.push(problem(`${where}.range.step`, words("expected.gridStep"), words("found.none")));
  });
  if (spec.design === "grid" && designSize(spec) > MAX_GRID)
    problems.push(problem("parameters", words("expected.gridSize", { max: MAX_GRID }), words("found.candidates", { count: designSize(spec) })));
  const labels = spec.constraints.map((c) => c.name ?? c.event);
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i) problems.push(problem(`constraints[${i}]`, words("expected.constraintOnce"), words("found.twice", { label })));
  });
  const planned = plannedRuns(spec);
  if (planned > spec.maxRuns) problems.push(problem("maxRuns", words("expected.planRuns", { count: planned }), verbatim(String(spec.maxRuns))));
  if (problems.length > 0) throw new ScenarioError(file, problems);

  const baseFile = resolve(dirname(file), spec.base);
  if (!/\.(ya?ml|json)$/i.test(baseFile))
    throw new ScenarioError(file, [problem("base", words("expected.scenarioFile"), verbatim(JSON.stringify(spec.base).slice(0, 200)))]);
  const { bytes: baseBytes, text: baseText } = readInputFile(baseFile);
  const base = parseScenarioText(baseText, basename(baseFile));
  if (base.problems.length > 0) throw new ScenarioError(baseFile, base.problems);
  const runData = structuredClone(base.data);
  for (const [key, value] of Object.entries(spec.set)) {
    try {
      setPath(runData, key, value);
    } catch (error) {
      problems.push(problem(`set.${key}`, words("expected.basePath"), errorWords(error)));
    }
  }
  spec.parameters.forEach((p, i) => {
    try {
      getPath(runData, p.key);
    } catch (error) {
      if (!/no key/.test((error as Error).message)) problems.push(problem(`parameters[${i}].key`, words("expected.basePath"), errorWords(error)));
    }
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);

  // The scenario must be valid at both ends of every range (the corners of the box).
  let valid: Scenario | null = null;
  for (const corner of [0, 1]) {
    const candidate = structuredClone(runData);
    spec.parameters.forEach((p) => setPath(candidate, p.key, valueAt(p, corner)));
    const resolved = resolveScenario(candidate);
    if (resolved.scenario === null) {
      for (const p of resolved.problems) problems.push(atPath(p, words("path.atRangeEnd", { path: p.path, end: corner === 0 ? "from" : "to" })));
    } else valid ??= resolved.scenario;
  }
  if (valid === null || problems.length > 0) throw new ScenarioError(baseFile, problems);
  // The names a run's summary has, from an empty run's (as --fail-if is checked before a run).
  const shape = createSimulation(valid).result().summary as unknown as Record<string, unknown>;
  const objective = summaryMetricProblem(shape, spec.objective.metric);
  if (objective !== null) problems.push(problem("objective.metric", words("expected.summaryNumber", { doc: "docs/indicators.md" }), objective));
  spec.constraints.forEach((c, i) => {
    const unknown = unknownMetricProblems({ assertions: [c.event], failIf: [] }, shape);
    for (const p of unknown)
      problems.push(
        problem(
          `constraints[${i}].event`,
          words("expected.summaryNames"),
          words("found.inExpression", { reason: p.message, expression: printable(p.expression) }),
        ),
      );
    if (unknown.length > 0) return;
    // An event must say true or false of a run: one that gives a number ("collapseDay") is a question, not a constraint.
    try {
      evaluate(parseExpression(c.event), shape, c.event);
    } catch (error) {
      if (/not true or false/.test((error as Error).message))
        problems.push(problem(`constraints[${i}].event`, words("expected.booleanEvent"), errorWords(error)));
    }
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  return { spec, file, sha256: sha(bytes), baseFile, baseData: base.data, baseText, baseSha256: sha(baseBytes), runData, labels };
}
