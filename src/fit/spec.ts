import { createHash } from "node:crypto";
import { basename, dirname, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { parseScenarioText, readInputFile } from "../scenario/load.js";
import { describeValue, didYouMean, schemaProblems, valueWords } from "../scenario/problems.js";
import { atPath, problem, problemWords } from "../scenario/problem.js";
import { errorWords, verbatim, type Words, words } from "../i18n/words.js";
import { resolveScenario } from "../scenario/validate.js";
import type { Scenario } from "../scenario/types.js";
import { createSimulation } from "../simulate.js";
import { getPath, setPath } from "../engine/paths.js";
import { summaryMetricProblem } from "../sweep/preflight.js";
import { nonFiniteProblems, seedProblem } from "../sweep/spec.js";
// Generated from FitSchema by `npm run docs` (src/scenario/validators.ts); a test fails when stale.
import validate from "../../generated/fit-validator.js";
import type { FitParameter, FitSpec } from "./schema.js";
import type { Goal } from "./objective.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";

export interface LoadedFit {
  spec: FitSpec;
  file: string;
  sha256: string;
  baseFile: string;
  /** The base scenario as written (the fitted scenario is this with the fitted values). */
  baseData: unknown;
  /** The base scenario's text: fitted.yaml edits it, keeping its comments. */
  baseText: string;
  baseSha256: string;
  /** The base with the fit's `set` changes: what every candidate starts from. */
  fitData: unknown;
  goals: Goal[];
  /** Each observed series file and its sha256, for the manifest. */
  inputs: { file: string; sha256: string }[];
  /** Days a candidate runs (the fit scenario's horizon). */
  days: number;
}

/**
 * The largest magnitude of an observed figure, a target's value or scale and a range's end
 * (docs/fit.md): far above any figure a run produces, and small enough that differences and
 * squares of relative errors stay finite, so an error is never an overflow read as 0.
 */
const MAX_FIT_NUMBER = 1e15;
/** The smallest scale a target's error may be relative to (a smaller one would overflow its square). */
const MIN_FIT_SCALE = 1e-9;

/** A plain decimal number as an observed CSV writes it: no hex, no "Infinity", no spaces or separators. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** What a CSV field that is not a plain decimal number is, without quoting it (the file may not be the user's). */
function describeField(text: string): Words {
  if (text === "") return words("found.emptyField");
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(text)) return words("found.hexNumber");
  if (/^[-+]?(infinity|inf|nan)$/i.test(text)) return words("found.infinityOrNaN");
  return valueWords(text, false);
}

/** A column name as found in a CSV: quoted only when it looks like a column name. */
const describeColumn = (name: string): Words => (/^[A-Za-z0-9_.:-]{1,60}$/.test(name) ? verbatim(`"${name}"`) : valueWords(name, false));

/** A number outside ±MAX_FIT_NUMBER (or a scale below MIN_FIT_SCALE), as a problem at `path`. */
function magnitudeProblem(path: string, value: number | undefined, scale = false): ScenarioProblem | null {
  if (value === undefined) return null;
  const within = words("expected.numberFromTo", { from: scale ? MIN_FIT_SCALE : `-${MAX_FIT_NUMBER}`, to: MAX_FIT_NUMBER });
  if (scale && value < MIN_FIT_SCALE) return problem(path, within, verbatim(String(value)));
  if (Math.abs(value) > MAX_FIT_NUMBER) return problem(path, within, verbatim(String(value)));
  return null;
}

/** Numbers a fit cannot use exactly: a seed past 2^53 − 1, and figures, scales and ranges outside their documented range. */
function fitNumberProblems(spec: FitSpec): ScenarioProblem[] {
  const problems: (ScenarioProblem | null)[] = [seedProblem(spec.seed)];
  spec.parameters.forEach((p, i) =>
    problems.push(magnitudeProblem(`parameters[${i}].range.from`, p.range.from), magnitudeProblem(`parameters[${i}].range.to`, p.range.to)),
  );
  spec.targets.forEach((t, i) => problems.push(magnitudeProblem(`targets[${i}].value`, t.value), magnitudeProblem(`targets[${i}].scale`, t.scale, true)));
  return problems.filter((p): p is ScenarioProblem => p !== null);
}

/** A parameter's value at unit coordinate u (linear or logarithmic), rounded to its decimals. */
export function valueAt(p: FitParameter, u: number): number {
  const { from, to } = p.range;
  const raw = p.scale === "log" ? from * (to / from) ** u : from + u * (to - from);
  const f = 10 ** p.decimals;
  return Math.min(Math.max(Math.round(raw * f) / f, Math.min(from, to)), Math.max(from, to));
}

/** Where a value lies in a parameter's range, in unit coordinates. */
export function unitOf(p: FitParameter, value: number): number {
  const { from, to } = p.range;
  return p.scale === "log" ? Math.log(value / from) / Math.log(to / from) : (value - from) / (to - from);
}

/** The scenario data of a candidate: the fit's base (set applied) with the parameters' values. */
function candidateData(fitData: unknown, spec: Pick<FitSpec, "parameters">, values: readonly number[]): unknown {
  const data = structuredClone(fitData);
  spec.parameters.forEach((p, i) => setPath(data, p.key, values[i]));
  return data;
}

/** Reads an observed series CSV (day,column,value): rows grouped by column, in day order. */
function readSeries(
  file: string,
  where: string,
  problems: ScenarioProblem[],
): { bytes: Buffer; columns: Map<string, { days: number[]; values: number[] }> } | null {
  let text: string;
  let bytes: Buffer;
  try {
    ({ bytes, text } = readInputFile(file));
  } catch (error) {
    const first = error instanceof ScenarioError ? error.problems[0] : undefined;
    const found = first !== undefined ? problemWords(first).found : errorWords(error);
    problems.push(problem(where, words("expected.observedCsv"), words("found.fileSays", { file, found })));
    return null;
  }
  let rows: string[][];
  try {
    // Rows of another length are kept, to be reported each on its own line below.
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    // csv-parse's own message quotes the field; only its line is said.
    const line = (error as { lines?: unknown }).lines;
    problems.push(problem(where, words("expected.seriesCsv"), typeof line === "number" ? words("found.notCsvAt", { line }) : words("found.notCsv")));
    return null;
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  if (header.join(",") !== "day,column,value") {
    problems.push(problem(where, words("expected.seriesHeader"), words("found.otherHeader", { count: (rows[0] ?? []).length })));
    return null;
  }
  const columns = new Map<string, Map<number, number>>();
  const before = problems.length;
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const [dayText = "", column = "", valueText = ""] = row;
    const day = Number(dayText);
    const value = Number(valueText);
    if (row.length !== 3) problems.push(problem(`${where}, line ${line}`, words("expected.threeFields"), words("found.fields", { count: row.length })));
    else if (!/^\d{1,9}$/.test(dayText) || day < 1)
      problems.push(
        problem(
          `${where}, line ${line}`,
          words("expected.dayNumber"),
          /^\d+$/.test(dayText) ? (dayText.length > 12 ? words("found.digits", { count: dayText.length }) : verbatim(dayText)) : describeField(dayText),
        ),
      );
    else if (!DECIMAL.test(valueText)) problems.push(problem(`${where}, line ${line}`, words("expected.decimal"), describeField(valueText)));
    else if (!Number.isFinite(value) || Math.abs(value) > MAX_FIT_NUMBER)
      problems.push(
        problem(`${where}, line ${line}`, words("expected.numberFromTo", { from: `-${MAX_FIT_NUMBER}`, to: MAX_FIT_NUMBER }), verbatim(String(value))),
      );
    else {
      const byDay = columns.get(column) ?? new Map<number, number>();
      if (byDay.has(day))
        problems.push(
          problem(`${where}, line ${line}`, words("expected.oneValuePerDay"), words("found.columnDayAgain", { column: describeColumn(column), day })),
        );
      byDay.set(day, value);
      columns.set(column, byDay);
    }
  });
  if (problems.length - before > 20)
    problems.splice(before + 20, problems.length - before - 20, problem(where, words("expected.fewerProblems"), words("found.moreProblems", { count: 20 })));
  if (rows.length < 2) problems.push(problem(where, words("expected.observedRow"), words("found.headerOnly")));
  const out = new Map<string, { days: number[]; values: number[] }>();
  for (const [column, byDay] of columns) {
    const days = [...byDay.keys()].sort((a, b) => a - b);
    out.set(column, { days, values: days.map((d) => byDay.get(d) as number) });
  }
  return { bytes, columns: out };
}

/**
 * Loads a fit file, its base scenario and its observed series, and checks everything that can be
 * checked before a run (docs/fit.md): the keys, the ranges (the scenario is valid at both ends
 * of every range), the metrics and columns named, and the observed days within the horizon.
 * Every problem at once (ScenarioError, exit 2).
 */
export function loadFitFile(file: string): LoadedFit {
  const { bytes, text } = readInputFile(file);
  const parsed = parseScenarioText(text, basename(file));
  if (parsed.problems.length > 0) throw new ScenarioError(file, parsed.problems);
  const data = structuredClone(parsed.data);
  // Before the schema, which would blame a NaN on a neighbouring key (a range "not below" it).
  const nonFinite = nonFiniteProblems(data);
  if (nonFinite.length > 0) throw new ScenarioError(file, nonFinite);
  if (!validate(data)) throw new ScenarioError(file, schemaProblems(validate.errors));
  const spec = data as FitSpec;
  const problems: ScenarioProblem[] = fitNumberProblems(spec);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const baseFile = resolve(dirname(file), spec.base);
  if (!/\.(ya?ml|json)$/i.test(baseFile))
    throw new ScenarioError(file, [problem("base", words("expected.scenarioFile"), verbatim(JSON.stringify(spec.base).slice(0, 200)))]);
  const { bytes: baseBytes, text: baseText } = readInputFile(baseFile);
  const base = parseScenarioText(baseText, basename(baseFile));
  if (base.problems.length > 0) throw new ScenarioError(baseFile, base.problems);
  const fitData = structuredClone(base.data);
  for (const [key, value] of Object.entries(spec.set)) {
    try {
      setPath(fitData, key, value);
    } catch (error) {
      problems.push(problem(`set.${key}`, words("expected.basePath"), errorWords(error)));
    }
  }
  const seen = new Set<string>();
  spec.parameters.forEach((p, i) => {
    const where = `parameters[${i}]`;
    if (seen.has(p.key)) problems.push(problem(`${where}.key`, words("expected.fittedOnce"), words("found.secondTime", { key: p.key })));
    seen.add(p.key);
    if (p.key in spec.set) problems.push(problem(`${where}.key`, words("expected.notInSet"), words("found.inSet", { key: p.key })));
    try {
      getPath(fitData, p.key);
    } catch (error) {
      if (!/no key/.test((error as Error).message)) problems.push(problem(`${where}.key`, words("expected.basePath"), errorWords(error)));
    }
    if (!(p.range.to > p.range.from))
      problems.push(problem(`${where}.range`, words("expected.fromBelowTo"), words("found.fromComma", { from: p.range.from, to: p.range.to })));
    if (p.scale === "log" && !(p.range.from > 0)) problems.push(problem(`${where}.range.from`, words("expected.aboveZeroLog"), verbatim(String(p.range.from))));
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);

  // The scenario must be valid at both ends of every range (the corners of the box).
  let valid: Scenario | null = null;
  for (const corner of [0, 1]) {
    const values = spec.parameters.map((p) => valueAt(p, corner));
    const resolved = resolveScenario(candidateData(fitData, spec, values));
    if (resolved.scenario === null) {
      for (const p of resolved.problems) problems.push(atPath(p, words("path.atRangeEnd", { path: p.path, end: corner === 0 ? "from" : "to" })));
    } else valid ??= resolved.scenario;
  }
  if (valid === null) throw new ScenarioError(baseFile, problems);
  const shape = createSimulation(valid).result() as unknown as { summary: unknown; specs: { name: string }[] };
  const columnNames = shape.specs.map((s) => s.name).filter((n) => n !== "day");
  const goals: Goal[] = [];
  const inputs: { file: string; sha256: string }[] = [];
  spec.targets.forEach((target, i) => {
    const where = `targets[${i}]`;
    const metricKeys = (["metric", "value", "scale", "name"] as const).filter((key) => target[key] !== undefined);
    const seriesKeys = (["series", "columns"] as const).filter((key) => target[key] !== undefined);
    if (target.metric !== undefined && target.series !== undefined) {
      problems.push(problem(where, words("expected.metricOrSeries"), words("found.both")));
      return;
    }
    if (target.series === undefined && (target.metric === undefined || target.value === undefined)) {
      const keys = [...metricKeys, ...seriesKeys].join(", ");
      problems.push(
        problem(
          where,
          words("expected.metricWithValue"),
          target.metric !== undefined ? words("found.metricWithoutValue") : keys !== "" ? verbatim(keys) : words("found.neither"),
        ),
      );
      return;
    }
    if (target.series !== undefined && metricKeys.length > 0) {
      problems.push(problem(`${where}.${metricKeys[0]}`, words("expected.seriesTargetKey"), words("found.metricTargetKey", { key: String(metricKeys[0]) })));
      return;
    }
    if (target.metric !== undefined && target.value !== undefined) {
      if (seriesKeys.length > 0) {
        problems.push(problem(`${where}.${seriesKeys[0]}`, words("expected.metricTargetKey"), words("found.seriesTargetKey", { key: String(seriesKeys[0]) })));
        return;
      }
      const notNumber = summaryMetricProblem(shape.summary, target.metric);
      if (notNumber !== null) problems.push(problem(`${where}.metric`, words("expected.summaryNumber", { doc: "docs/fit.md" }), notNumber));
      const scale = target.scale ?? (target.value !== 0 ? Math.abs(target.value) : 1);
      goals.push({ kind: "metric", label: target.name ?? target.metric, metric: target.metric, observed: target.value, scale, weight: target.weight });
      return;
    }
    const path = resolve(dirname(file), target.series as string);
    // Named in every problem of its lines, quoted safely (a name with control characters is described).
    const read = readSeries(path, `${where}.series (${describeValue(target.series)})`, problems);
    if (read === null) return;
    const series = read.columns;
    // The digest of the bytes parsed, read once (a file changed in between cannot differ from its record).
    inputs.push({ file: target.series as string, sha256: createHash("sha256").update(read.bytes).digest("hex") });
    const wanted = target.columns ?? [...series.keys()];
    for (const column of wanted) {
      if (!columnNames.includes(column)) {
        const guess = didYouMean(column, columnNames);
        problems.push(
          problem(
            `${where}${target.columns ? ".columns" : ".series"}`,
            words("expected.timeseriesColumn"),
            guess ? words("found.columnGuess", { column: describeColumn(column), guess }) : describeColumn(column),
          ),
        );
        continue;
      }
      const observed = series.get(column);
      if (!observed) {
        problems.push(problem(`${where}.columns`, words("expected.columnOfFile", { file: String(target.series) }), describeColumn(column)));
        continue;
      }
      const late = observed.days.filter((d) => d > valid.days);
      if (late.length > 0)
        problems.push(
          problem(
            `${where}.series`,
            words("expected.withinHorizon", { days: valid.days }),
            late.length > 1
              ? words("found.lateDays", { column, day: Number(late[0]), later: late.length - 1 })
              : words("found.lateDay", { column, day: Number(late[0]) }),
          ),
        );
      const meanAbs = observed.values.reduce((a, v) => a + Math.abs(v), 0) / observed.values.length;
      goals.push({
        kind: "series",
        label: `${column} (series)`,
        column,
        days: observed.days,
        values: observed.values,
        scale: meanAbs > 0 ? meanAbs : 1,
        weight: target.weight,
        file: target.series as string,
      });
    }
  });
  const labels = new Set<string>();
  goals.forEach((g) => {
    if (labels.has(g.label)) problems.push(problem("targets", words("expected.targetOnce"), words("found.twice", { label: g.label })));
    labels.add(g.label);
  });
  if (problems.length === 0 && goals.every((g) => g.weight === 0))
    problems.push(problem("targets", words("expected.someTargetWeight"), words("found.everyWeightZero")));
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  return { spec, file, sha256: sha(bytes), baseFile, baseData: base.data, baseText, baseSha256: sha(baseBytes), fitData, goals, inputs, days: valid.days };
}
