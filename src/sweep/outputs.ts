import { tell } from "../i18n/tell.js";
import { createHash } from "node:crypto";
import type { Lang } from "../i18n/lang.js";
import { manifestLang } from "../i18n/command-lang.js";
import { existsSync } from "node:fs";
import { readRegularFile } from "../scenario/read.js";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { checkGates, type GateResult } from "../gates/gates.js";
import { sha256, stableJson } from "../report/outputs.js";
import { AtomicFileWriter, writeFileAtomic } from "../report/write.js";
import { VERSION } from "../version.js";
import { ParquetTable, type ParquetColumn } from "./parquet.js";
import { BAND_POINTS, LogReader, type LogEntry, type RunRecord } from "./records.js";
import { PointAccumulator, csvLine, pointsCsvColumns, pointsCsvRow, runsCsvColumns, runsCsvRow, type PointStats } from "./results.js";
import { sweepReportHtml } from "./report.js";
import { morrisIndices, sobolIndices, type SensitivityIndex } from "./sensitivity.js";
import { isGlobalSensitivity, sensitivityDesign, type SweepPoint, type SweepSpec } from "./spec.js";
import { csvNumber } from "./stats.js";
import { sweepWhatIf, whatIfRunsPerPoint, type SweepWhatIfRun } from "./what-if.js";
import { ScenarioError } from "../errors.js";
import { SweepDiscovery } from "../discover/sweep-section.js";
import { problem } from "../scenario/problem.js";
import { words } from "../i18n/words.js";

/** What the outputs need to know about the sweep (its lock). */
export interface SweepIdentity {
  identity: string;
  modelHash: string;
  sweepSha256: string;
  baseSha256: string;
  spec: SweepSpec;
  points: SweepPoint[];
  runs: number;
  /** The base scenario's data as loaded (absent in a sweep.json of an earlier build: the report then has no what-if). */
  baseData?: unknown;
}

/** Points whose statistics the report draws (points.csv has them all). */
const REPORT_POINTS = 2000;
/** The series the sweep report's what-if draws (money, in yuan). */
const WHAT_IF_COLUMNS = ["liabilities", "platform_cash", "withdrawal_backlog"];
/** Replicas per point whose daily bands are kept for the report's Monte Carlo bands. */
export const BAND_REPLICAS = 100;

/** A scalar of a summary by dotted path; arrays become JSON text. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === "" ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value);
}

/**
 * A summary metric as a number for sensitivity: the value at its dotted path; a day that did not
 * happen (null, e.g. no collapse) counts as the day after the horizon, as in the statistics.
 */
function metricValue(summary: Record<string, unknown>, path: string): number {
  let current: unknown = summary;
  for (const part of path.split(".")) current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
  if (typeof current === "number") return current;
  const last = path.split(".").pop() ?? "";
  if (current === null && (last === "day" || last.endsWith("Day"))) return (summary.daysSimulated as number) + 1;
  return NaN;
}

/** Column types of runs.parquet's summary part, from every run's flattened summary (first-seen order). */
function summaryColumns(reader: LogReader, entries: readonly LogEntry[]): ParquetColumn[] {
  const kinds = new Map<string, "number" | "string" | "boolean" | "null">();
  for (const e of entries) {
    if (e.failed) continue;
    const flat = new Map<string, unknown>();
    flatten(reader.read(e).summary, "", flat);
    for (const [name, v] of flat) {
      const kind = v === null ? "null" : typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
      const before = kinds.get(name);
      if (before === undefined || before === "null") kinds.set(name, kind);
      else if (kind !== "null" && kind !== before) kinds.set(name, "string");
    }
  }
  return [...kinds].map(([name, kind]) => ({ name, type: kind === "number" ? "DOUBLE" : kind === "boolean" ? "BOOLEAN" : "STRING" }));
}

/** A parameter's Parquet column: numbers as DOUBLE, anything else as text. */
function parameterColumn(key: string, points: readonly SweepPoint[]): ParquetColumn {
  const numeric = points.every((p) => p.values[key] === undefined || p.values[key] === null || typeof p.values[key] === "number");
  return { name: key, type: numeric ? "DOUBLE" : "STRING" };
}

const parameterCell = (column: ParquetColumn, v: unknown): unknown =>
  v === undefined || v === null ? null : column.type === "DOUBLE" ? v : typeof v === "string" ? v : JSON.stringify(v);

/** sensitivity.csv's lines, metric by metric, parameter by parameter; `flag` last, so the columns before it keep their places. */
function sensitivityCsv(rows: readonly SensitivityIndex[]): string {
  return [
    csvLine(["metric", "parameter", "index", "value", "low", "high", "flag"]),
    ...rows.map((r) => csvLine([r.metric, r.parameter, r.index, csvNumber(r.value), csvNumber(r.low), csvNumber(r.high), r.flags.join(" ")])),
  ].join("");
}

/** Morris or Sobol indices for every metric, from each point's mean over its replicas (NaN where none ran). */
function sensitivityIndices(spec: SweepSpec, points: readonly SweepPoint[], sums: Float64Array, counts: Float64Array): SensitivityIndex[] {
  const keys = spec.parameters.map((p) => p.key);
  const options = (metric: string) => ({ resamples: spec.bootstrap, confidence: spec.confidence, seed: `pointsim-bootstrap:${String(spec.seed)}:${metric}` });
  const rows: SensitivityIndex[] = [];
  spec.metrics.forEach((metric, m) => {
    const y = Float64Array.from(points, (_, p) =>
      (counts[p * spec.metrics.length + m] as number) > 0
        ? (sums[p * spec.metrics.length + m] as number) / (counts[p * spec.metrics.length + m] as number)
        : NaN,
    );
    if (spec.method === "sobol") rows.push(...sobolIndices(metric, keys, y, options(metric)));
    else {
      // Unit coordinates from the values as run (after rounding), so each effect divides by the step taken.
      const unit = points.map((p) =>
        spec.parameters.map((param) => {
          const { from, to } = param.range ?? { from: 0, to: 1 };
          return to === from ? 0 : ((p.values[param.key] as number) - from) / (to - from);
        }),
      );
      rows.push(...morrisIndices(metric, keys, unit, sensitivityDesign(spec).order, y, options(metric)));
    }
  });
  const order = ["S1", "ST", "mu_star", "mu", "sigma"];
  return rows.sort(
    (a, b) =>
      spec.metrics.indexOf(a.metric) - spec.metrics.indexOf(b.metric) ||
      keys.indexOf(a.parameter) - keys.indexOf(b.parameter) ||
      order.indexOf(a.index) - order.indexOf(b.index),
  );
}

/** The largest run series read back: 36,500 days of every column is well under it. */
const MAX_SERIES_BYTES = 1024 * 1024 * 1024;

/**
 * series.parquet: every kept run's timeseries.csv in long form (run, day, column, value or text).
 * Returns its sha256 and each series file's (the manifest lists them, so that `--force` deletes
 * only series files as this sweep wrote them).
 */
function writeSeriesParquet(out: string, entries: readonly LogEntry[]): { parquet: string; series: Record<string, string> } {
  const digests: Record<string, string> = {};
  const table = new ParquetTable(join(out, "series.parquet"), [
    { name: "run", type: "INT32", required: true },
    { name: "day", type: "INT32", required: true },
    { name: "column", type: "STRING", required: true },
    { name: "value", type: "DOUBLE" },
    { name: "text", type: "STRING" },
  ]);
  try {
    for (const e of entries) {
      const file = join(out, "series", `run-${String(e.index).padStart(6, "0")}.csv`);
      if (e.failed || !existsSync(file)) continue;
      // A run's own timeseries.csv, as the sweep wrote it: a regular file of bounded size, never a link.
      const read = readRegularFile(file, MAX_SERIES_BYTES, { followLinks: false });
      if ("problem" in read) throw new ScenarioError(file, [problem("", words("expected.runSeries"), words("found.theFile", { problem: read.problem }))]);
      digests[`run-${String(e.index).padStart(6, "0")}.csv`] = createHash("sha256").update(read.bytes).digest("hex");
      const [header, ...rows] = parse(read.bytes) as string[][];
      for (const row of rows) {
        const day = Number(row[0]);
        header?.forEach((name, c) => {
          if (c === 0) return;
          const text = row[c] ?? "";
          const number = text === "" ? null : Number(text);
          const numeric = number === null || Number.isFinite(number);
          table.push([e.index, day, name, numeric ? number : null, numeric ? null : text]);
        });
      }
    }
    return { parquet: table.finish(), series: digests };
  } catch (error) {
    table.abandon();
    throw error;
  }
}

/**
 * Writes every output of a sweep folder from its run log, streaming: the records are read back
 * one at a time in run order, so a sweep of any size is summed up in bounded memory and the files
 * do not depend on the worker count, on sharding, or on interruptions. Returns the gates' results.
 */
export function writeSweepOutputs(
  out: string,
  lock: SweepIdentity,
  entries: readonly LogEntry[],
  shard: { k: number; n: number } | null,
  options: { failIf?: readonly string[]; series?: boolean; lang?: Lang } = {},
): GateResult[] {
  const lang = options.lang ?? "en";
  const { spec, points } = lock;
  const reader = new LogReader();
  const files: Record<string, string> = {};
  /** Each kept series file's sha256, for the manifest (null: no series kept). */
  let seriesDigests: Record<string, string> | null = null;
  const gates: GateResult[] = [];
  try {
    const runsCsv = new AtomicFileWriter(join(out, "runs.csv"));
    const pointsCsv = new AtomicFileWriter(join(out, "points.csv"));
    runsCsv.write(csvLine(runsCsvColumns(spec, lang)));
    pointsCsv.write(csvLine(pointsCsvColumns(spec)));
    const parameterColumns = spec.parameters.map((p) => parameterColumn(p.key, points));
    // The summary's own `seed` is the run's seed, already a column; a name is never written twice.
    const taken = new Set(["run", "point", "replica", "seed", "status", "error", ...parameterColumns.map((c) => c.name)]);
    const summaryCols = summaryColumns(reader, entries).filter((c) => !taken.has(c.name));
    const runsTable = new ParquetTable(join(out, "runs.parquet"), [
      { name: "run", type: "INT32", required: true },
      { name: "point", type: "INT32", required: true },
      { name: "replica", type: "INT32", required: true },
      { name: "seed", type: "INT64", required: true },
      ...parameterColumns,
      { name: "status", type: "STRING", required: true },
      { name: "error", type: "STRING" },
      ...summaryCols,
    ]);
    const stats: PointStats[] = [];
    const bandRecords: RunRecord[] = [];
    const global = isGlobalSensitivity(spec.method);
    const width = spec.metrics.length;
    const sums = global ? new Float64Array(points.length * width) : new Float64Array(0);
    const counts = global ? new Float64Array(points.length * width) : new Float64Array(0);
    let current: PointAccumulator | null = null;
    let failed = 0;
    let pointCount = 0;
    // The runs the report's what-if lists for each charted point.
    const runsPerPoint = whatIfRunsPerPoint(spec.method === "oat" ? points.length : Math.min(points.length, REPORT_POINTS));
    const whatIfRuns = new Map<number, SweepWhatIfRun[]>();
    let currentRuns: SweepWhatIfRun[] = [];
    const discovery = spec.discover === undefined ? null : new SweepDiscovery({ ...spec, discover: spec.discover });
    const keepStats = (s: PointStats) => {
      pointsCsv.write(csvLine(pointsCsvRow(spec, s)));
      if (stats.length < REPORT_POINTS || spec.method === "oat") {
        stats.push(s);
        whatIfRuns.set(s.point, currentRuns);
      }
    };
    try {
      for (const e of entries) {
        const r = reader.read(e);
        runsCsv.write(csvLine(runsCsvRow(spec, points, r, lang)));
        const flat = new Map<string, unknown>();
        if (r.summary) flatten(r.summary, "", flat);
        const values = points[r.point]?.values ?? {};
        runsTable.push([
          r.index,
          r.point,
          r.replica,
          r.seed,
          ...parameterColumns.map((c) => parameterCell(c, values[c.name])),
          r.status,
          r.error,
          ...summaryCols.map((c) => {
            const v = flat.get(c.name);
            return v === undefined || v === null ? null : c.type === "STRING" && typeof v !== "string" ? JSON.stringify(v) : v;
          }),
        ]);
        if (current === null || current.point.index !== r.point) {
          if (current !== null) keepStats(current.result());
          current = new PointAccumulator(points[r.point] as SweepPoint);
          currentRuns = [];
          pointCount++;
        }
        current.add(r);
        if (currentRuns.length < runsPerPoint && r.summary) currentRuns.push([r.index, r.seed, r.summary.collapseDay, r.summary.usersLosingShare]);
        if (r.status === "failed") failed++;
        else if (discovery !== null && r.summary) discovery.add(values, r.summary as unknown as Record<string, unknown>);
        if (r.bands !== null && r.point < BAND_POINTS && r.replica < BAND_REPLICAS) bandRecords.push(r);
        if (global && r.summary) {
          spec.metrics.forEach((metric, m) => {
            const v = metricValue(r.summary as unknown as Record<string, unknown>, metric);
            if (Number.isFinite(v)) {
              const at = r.point * width + m;
              sums[at] = (sums[at] as number) + v;
              counts[at] = (counts[at] as number) + 1;
            }
          });
        }
        const name = `run ${r.index} (point ${r.point}, seed ${r.seed})`;
        // The run and the gate in Chinese too, for a zh-CN terminal or JUnit file (describeFailure).
        const runZh = tell("zh-CN", "cmd.sweep.run", { index: r.index, point: r.point, seed: r.seed });
        if (r.status === "failed")
          gates.push({
            run: name,
            runZh,
            gate: "the run completes",
            gateZh: tell("zh-CN", "cmd.sweep.completes"),
            kind: "assertion",
            passed: false,
            error: r.error,
            ...(r.errorZh === undefined ? {} : { errorZh: r.errorZh }),
          });
        else if (r.summary)
          gates.push(
            ...checkGates(name, r.summary as unknown as Record<string, unknown>, { assertions: spec.assertions, failIf: [...(options.failIf ?? [])] }).map(
              (g) => ({ ...g, runZh }),
            ),
          );
      }
      if (current !== null) keepStats(current.result());
      files["runs.parquet"] = runsTable.finish();
    } catch (error) {
      runsTable.abandon();
      runsCsv.abandon();
      pointsCsv.abandon();
      throw error;
    }
    files["runs.csv"] = runsCsv.commit();
    files["points.csv"] = pointsCsv.commit();
    let sensitivity: SensitivityIndex[] = [];
    if (global) {
      sensitivity = sensitivityIndices(spec, points, sums, counts);
      const content = sensitivityCsv(sensitivity);
      writeFileAtomic(join(out, "sensitivity.csv"), content);
      files["sensitivity.csv"] = sha256(content);
    }
    if (options.series === true) {
      const written = writeSeriesParquet(out, entries);
      files["series.parquet"] = written.parquet;
      seriesDigests = written.series;
    }
    const whatIf = lock.baseData === undefined ? null : sweepWhatIf(spec, lock.baseData, stats, (point) => whatIfRuns.get(point) ?? [], WHAT_IF_COLUMNS);
    const report = sweepReportHtml(
      spec,
      stats,
      bandRecords,
      { runs: entries.length, failed, points: pointCount },
      sensitivity,
      whatIf,
      discovery?.html(lang) ?? "",
      lang,
    );
    writeFileAtomic(join(out, "report.html"), report);
    files["report.html"] = sha256(report);
  } finally {
    reader.close();
  }
  writeFileAtomic(
    join(out, "manifest.json"),
    stableJson({
      tool: "pointsim",
      kind: "sweep",
      pointsimVersion: VERSION,
      nodeVersion: process.version,
      complete: entries.length === lock.runs,
      shard,
      sweepSha256: lock.sweepSha256,
      baseSha256: lock.baseSha256,
      identity: lock.identity,
      modelHash: lock.modelHash,
      ...manifestLang(lang),
      runs: entries.length,
      of: lock.runs,
      outputs: files,
      ...(seriesDigests === null ? {} : { series: seriesDigests }),
      sweep: spec,
    }),
  );
  return gates;
}
