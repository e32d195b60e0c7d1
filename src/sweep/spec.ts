import { createHash } from "node:crypto";
import { basename, dirname, resolve } from "node:path";
import seedrandom from "seedrandom";
import { parseScenarioText, readInputFile } from "../scenario/load.js";
import { joinPath, schemaProblems, valueWords } from "../scenario/problems.js";
import { parseExpression } from "../gates/expression.js";
import { getPath, setPath } from "../engine/paths.js";
import { designPoints, morrisDesign, sobolDesign } from "./designs.js";
// Generated from SweepSchema by `npm run docs` (src/scenario/validators.ts); a test fails when stale.
import validate from "../../generated/sweep-validator.js";
import type { SweepSpec } from "./schema.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { errorWords, verbatim, words } from "../i18n/words.js";

export type { SweepSpec } from "./schema.js";

export interface SweepPoint {
  index: number;
  /** key → value for this point. */
  values: Record<string, unknown>;
}

export interface SweepRun {
  index: number;
  point: number;
  replica: number;
  seed: number;
}

export interface LoadedSweep {
  spec: SweepSpec;
  file: string;
  sha256: string;
  baseFile: string;
  baseData: unknown;
  baseSha256: string;
  points: SweepPoint[];
  runs: SweepRun[];
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** The values a parameter takes in a grid or one-at-a-time sweep. */
function listValues(p: SweepSpec["parameters"][number], problems: ScenarioProblem[], path: string): unknown[] {
  if (p.values) return p.values;
  if (p.range?.step !== undefined) {
    const { from, to, step } = p.range;
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count < 1 || count > 100_000) {
      problems.push(problem(path, words("expected.rangeSteps"), verbatim(count)));
      return [];
    }
    return Array.from({ length: count }, (_, i) => round(from + i * step, p.decimals));
  }
  problems.push(problem(path, words("expected.valuesOrStep"), words("found.neither")));
  return [];
}

/** How many values a parameter takes in a grid or one-at-a-time sweep (without listing them). */
function valueCount(p: SweepSpec["parameters"][number]): number {
  if (p.values) return p.values.length;
  if (p.range?.step !== undefined) return Math.max(0, Math.floor((p.range.to - p.range.from) / p.range.step + 1e-9) + 1);
  return 0;
}

/**
 * The number of runs a sweep asks for, counted before anything is expanded, so that a sweep
 * far past maxRuns is refused at once instead of filling memory.
 */
function plannedRuns(spec: SweepSpec): number {
  let points: number;
  if (spec.parameters.length === 0) points = 1;
  else if (spec.method === "grid") points = spec.parameters.reduce((n, p) => n * Math.max(1, valueCount(p)), 1);
  else if (spec.method === "oat") points = 1 + spec.parameters.reduce((n, p) => n + valueCount(p), 0);
  else if (spec.method === "morris") points = designPoints("morris", spec.parameters.length, spec.trajectories);
  else if (spec.method === "sobol") points = designPoints("sobol", spec.parameters.length, spec.samples);
  else points = spec.samples;
  return points * spec.seeds;
}

/** A run's seed from the sweep's seed and the run's index, never from the clock. */
function runSeed(sweepSeed: string | number, index: number): number {
  return seedrandom(`pointsim-sweep:${String(sweepSeed)}:${index}`).int32() >>> 0;
}

/** Whether a method estimates sensitivity indices (and so runs every point on common seeds). */
export const isGlobalSensitivity = (method: SweepSpec["method"]): method is "morris" | "sobol" => method === "morris" || method === "sobol";

/**
 * The seed of run `index` (replica `replica` of its point). Morris and Sobol use common random
 * numbers: replica r of every point runs on the same seed, so the difference between two points
 * is the parameters' effect and not the noise of two seeds (a parameter that cannot matter then
 * changes nothing at all). The other methods give every run its own seed.
 */
export function seedOfRun(spec: Pick<SweepSpec, "method" | "seed">, index: number, replica: number): number {
  return runSeed(spec.seed, isGlobalSensitivity(spec.method) ? replica : index);
}

/**
 * A Morris or Sobol design in unit coordinates, from its own stream of the sweep's seed, so the
 * sensitivity step can rebuild it from the spec alone (the trajectories' order is not stored).
 */
export function sensitivityDesign(spec: SweepSpec): { points: number[][]; order: number[][] } {
  const random = seedrandom(`pointsim-design:${spec.method}:${String(spec.seed)}`);
  const k = spec.parameters.length;
  if (spec.method === "morris") return morrisDesign(k, spec.trajectories, spec.levels, random);
  return { points: sobolDesign(k, spec.samples, random), order: [] };
}

function expandPoints(spec: SweepSpec, baseData: unknown, problems: ScenarioProblem[]): SweepPoint[] {
  const params = spec.parameters;
  params.forEach((p, i) => {
    try {
      getPath(baseData, p.key);
    } catch (error) {
      if (!/no key/.test((error as Error).message)) problems.push(problem(`parameters[${i}].key`, words("expected.basePath"), errorWords(error)));
    }
  });
  if (params.length === 0) return [{ index: 0, values: {} }];
  const rng = seedrandom(`pointsim-samples:${String(spec.seed)}`);
  const bounds = (p: SweepSpec["parameters"][number], i: number): [number, number] => {
    if (p.range) return [p.range.from, p.range.to];
    problems.push(problem(`parameters[${i}].range`, words("expected.rangeFor", { method: spec.method }), words("found.nothing")));
    return [0, 0];
  };
  let combos: Record<string, unknown>[] = [];
  if (spec.method === "grid") {
    combos = [{}];
    params.forEach((p, i) => {
      const values = listValues(p, problems, `parameters[${i}]`);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [p.key]: v })));
    });
  } else if (spec.method === "random") {
    for (let s = 0; s < spec.samples; s++) {
      const c: Record<string, unknown> = {};
      params.forEach((p, i) => {
        const [lo, hi] = bounds(p, i);
        c[p.key] = round(lo + rng() * (hi - lo), p.decimals);
      });
      combos.push(c);
    }
  } else if (spec.method === "lhs") {
    // Latin hypercube: each parameter's range cut into `samples` strata, each stratum used once.
    combos = Array.from({ length: spec.samples }, () => ({}));
    params.forEach((p, i) => {
      const [lo, hi] = bounds(p, i);
      const strata = Array.from({ length: spec.samples }, (_, k) => k);
      for (let k = strata.length - 1; k > 0; k--) {
        const j = Math.floor(rng() * (k + 1));
        [strata[k], strata[j]] = [strata[j] as number, strata[k] as number];
      }
      combos.forEach((c, s) => {
        c[p.key] = round(lo + (((strata[s] as number) + rng()) / spec.samples) * (hi - lo), p.decimals);
      });
    });
  } else if (isGlobalSensitivity(spec.method)) {
    const ranges = params.map((p, i) => bounds(p, i));
    combos = sensitivityDesign(spec).points.map((unit) =>
      Object.fromEntries(
        params.map((p, i) => {
          const [lo, hi] = ranges[i] as [number, number];
          return [p.key, round(lo + (unit[i] as number) * (hi - lo), p.decimals)];
        }),
      ),
    );
  } else {
    // One at a time: the base, then each parameter through its values with the others at base.
    combos = [{}];
    params.forEach((p, i) => {
      let base: unknown;
      try {
        base = getPath(baseData, p.key);
      } catch {
        base = undefined;
      }
      for (const v of listValues(p, problems, `parameters[${i}]`)) if (v !== base) combos.push({ [p.key]: v });
    });
  }
  return combos.map((values, index) => ({ index, values }));
}

/** Every NaN or infinity in a parsed document (YAML's .nan and .inf), each at its own path. */
export function nonFiniteProblems(data: unknown): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const stack: [unknown, string][] = [[data, ""]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === "number" && !Number.isFinite(value)) problems.push(problem(path, words("expected.finiteNumber"), valueWords(value)));
    else if (value !== null && typeof value === "object")
      for (const [key, child] of Object.entries(value)) stack.push([child, joinPath(path, Array.isArray(value) ? Number(key) : key)]);
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A numeric seed past 2^53 − 1 would silently become another seed (a longer seed is a string). */
export function seedProblem(seed: unknown): ScenarioProblem | null {
  if (typeof seed !== "number" || Number.isSafeInteger(seed)) return null;
  return problem("seed", words("expected.seedAsString", { max: Number.MAX_SAFE_INTEGER }), valueWords(seed));
}

/**
 * Numbers a sweep cannot use exactly: NaN and infinities anywhere (YAML's .nan and .inf), a
 * numeric seed past 2^53 − 1 (it would silently become another seed; a longer seed is a
 * string, as in a scenario), and a range whose width overflows (every sample would be infinite).
 */
function numberProblems(spec: SweepSpec): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [...nonFiniteProblems(spec)];
  const seed = seedProblem(spec.seed);
  if (seed !== null) problems.push(seed);
  spec.parameters.forEach((p, i) => {
    const range = p.range;
    if (range && Number.isFinite(range.from) && Number.isFinite(range.to) && !Number.isFinite(range.to - range.from)) {
      problems.push(problem(`parameters[${i}].range`, words("expected.rangeWidth"), words("found.fromTo", { from: range.from, to: range.to })));
    }
  });
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Loads a sweep file and its base scenario; every problem at once (ScenarioError). */
export function loadSweepFile(file: string, method?: SweepSpec["method"]): LoadedSweep {
  const { bytes, text } = readInputFile(file);
  const parsed = parseScenarioText(text, basename(file));
  if (parsed.problems.length > 0) throw new ScenarioError(file, parsed.problems);
  const data = structuredClone(parsed.data) as Record<string, unknown>;
  if (data && typeof data === "object" && method !== undefined) data.method = method;
  if (!validate(data)) throw new ScenarioError(file, schemaProblems(validate.errors));
  const spec = data as SweepSpec;
  const problems: ScenarioProblem[] = numberProblems(spec);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  spec.assertions.forEach((a, i) => {
    try {
      parseExpression(a);
    } catch (error) {
      problems.push(problem(`assertions[${i}]`, words("expected.validExpressionIn", { doc: "docs/gates.md" }), errorWords(error)));
    }
  });
  if (spec.discover !== undefined)
    try {
      parseExpression(spec.discover.where);
    } catch (error) {
      problems.push(problem("discover.where", words("expected.validExpressionIn", { doc: "docs/gates.md" }), errorWords(error)));
    }
  const baseFile = resolve(dirname(file), spec.base);
  if (!/\.(ya?ml|json)$/i.test(baseFile))
    throw new ScenarioError(file, [problem("base", words("expected.scenarioFile"), verbatim(JSON.stringify(spec.base).slice(0, 200)))]);
  const { bytes: baseBytes, text: baseText } = readInputFile(baseFile);
  const base = parseScenarioText(baseText, basename(baseFile));
  if (base.problems.length > 0) throw new ScenarioError(baseFile, base.problems);
  for (const [key, value] of Object.entries(spec.set)) {
    try {
      setPath(base.data, key, value);
    } catch (error) {
      problems.push(problem(`set.${key}`, words("expected.basePath"), errorWords(error)));
    }
  }
  if (spec.method === "morris" && spec.levels % 2 !== 0) problems.push(problem("levels", words("expected.morrisLevels"), verbatim(spec.levels)));
  if (isGlobalSensitivity(spec.method) && spec.parameters.length === 0)
    problems.push(problem("parameters", words("expected.someRangedParameter", { method: spec.method }), words("found.none")));
  if (isGlobalSensitivity(spec.method)) {
    spec.parameters.forEach((p, i) => {
      if (p.values !== undefined)
        problems.push(problem(`parameters[${i}].values`, words("expected.continuousRange", { method: spec.method }), words("found.listOfValues")));
    });
  }
  const planned = plannedRuns(spec);
  if (planned > spec.maxRuns) {
    problems.push(problem("maxRuns", words("expected.maxRunsRaise", { max: spec.maxRuns }), words("found.runs", { count: planned })));
    throw new ScenarioError(file, problems);
  }
  const points = expandPoints(spec, base.data, problems);
  const runs: SweepRun[] = [];
  for (const point of points)
    for (let replica = 0; replica < spec.seeds; replica++)
      runs.push({ index: runs.length, point: point.index, replica, seed: seedOfRun(spec, runs.length, replica) });
  if (runs.length > spec.maxRuns)
    problems.push(problem("maxRuns", words("expected.maxRuns", { max: spec.maxRuns }), words("found.runs", { count: runs.length })));
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  return { spec, file, sha256: sha(bytes), baseFile, baseData: base.data, baseSha256: sha(baseBytes), points, runs };
}
