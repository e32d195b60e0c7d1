import { stringify } from "csv-stringify/sync";
import type { RunRecord } from "./records.js";
import type { Lang } from "../i18n/lang.js";
import type { SweepPoint, SweepSpec } from "./spec.js";
import { csvNumber, mean, quantile } from "./stats.js";

/** Summary metrics reported per run and aggregated per point. */
const RUN_METRICS = [
  "collapseDay",
  "peakLiabilities",
  "usersLosingShare",
  "platformResult",
  "peakUsers",
  "totalNewMoneyIn",
  "totalWithdrawalsPaid",
  "finalStatus",
  "daysSimulated",
] as const;
/** Metrics with mean and P5 / P50 / P95 per point. */
const POINT_METRICS = ["collapseDay", "peakLiabilities", "usersLosingShare", "platformResult"] as const;

/** Metrics in yuan: written with exactly two decimals (a mean rounded half-up to the fen). */
const MONEY_METRICS = new Set<string>(["peakLiabilities", "platformResult", "totalNewMoneyIn", "totalWithdrawalsPaid"]);
const moneyCell = (v: unknown): string => (typeof v === "number" && Number.isFinite(v) ? (Math.round(v * 100) / 100).toFixed(2) : "");
const cell = (v: unknown): string =>
  typeof v === "number" ? csvNumber(v) : v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);

/**
 * A run's collapse day for statistics: a run that did not collapse counts as collapsing the
 * day after its horizon (days simulated + 1), so "later is better" orders every run.
 */
function collapseDayForStats(record: RunRecord): number | null {
  if (!record.summary) return null;
  return record.summary.collapseDay ?? record.summary.daysSimulated + 1;
}

function metric(record: RunRecord, key: (typeof POINT_METRICS)[number]): number | null {
  if (!record.summary) return null;
  if (key === "collapseDay") return collapseDayForStats(record);
  const v = record.summary[key];
  return typeof v === "number" ? v : null;
}

/** runs.csv's columns; a zh-CN sweep adds errorZh last, so that a script's columns keep their places. */
export function runsCsvColumns(spec: SweepSpec, lang: Lang = "en"): string[] {
  return ["run", "point", "replica", "seed", ...spec.parameters.map((p) => p.key), "status", "error", ...RUN_METRICS, ...(lang === "en" ? [] : ["errorZh"])];
}

/** One line of runs.csv (quoted as csv-stringify quotes; the header is a line of its own). */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells], { record_delimiter: "\n" });
}

export function runsCsvRow(spec: SweepSpec, points: readonly SweepPoint[], r: RunRecord, lang: Lang = "en"): string[] {
  return [
    String(r.index),
    String(r.point),
    String(r.replica),
    String(r.seed),
    ...spec.parameters.map((p) => cell(points[r.point]?.values[p.key])),
    r.status,
    r.error ?? "",
    ...RUN_METRICS.map((m) => (MONEY_METRICS.has(m) ? moneyCell : cell)(r.summary ? (r.summary as unknown as Record<string, unknown>)[m] : null)),
    ...(lang === "en" ? [] : [r.errorZh ?? ""]),
  ];
}

export interface PointStats {
  point: number;
  values: Record<string, unknown>;
  runs: number;
  failed: number;
  collapsedShare: number | null;
  stats: Record<string, { mean: number | null; p5: number | null; p50: number | null; p95: number | null }>;
}

/**
 * A point's statistics, from its runs given one at a time (a point's runs are consecutive in
 * index order, so each point is summed up when the next begins and only one is held).
 */
export class PointAccumulator {
  private runs = 0;
  private ok = 0;
  private collapsed = 0;
  private readonly values = POINT_METRICS.map((): number[] => []);

  constructor(readonly point: SweepPoint) {}

  add(record: RunRecord): void {
    this.runs++;
    if (record.status !== "ok") return;
    this.ok++;
    if (record.summary?.collapseDay !== null) this.collapsed++;
    POINT_METRICS.forEach((key, i) => {
      const v = metric(record, key);
      if (v !== null) this.values[i]?.push(v);
    });
  }

  result(): PointStats {
    const stats: PointStats["stats"] = {};
    POINT_METRICS.forEach((key, i) => {
      const values = (this.values[i] ?? []).sort((a, b) => a - b);
      stats[key] = { mean: mean(values), p5: quantile(values, 0.05), p50: quantile(values, 0.5), p95: quantile(values, 0.95) };
    });
    return {
      point: this.point.index,
      values: this.point.values,
      runs: this.runs,
      failed: this.runs - this.ok,
      collapsedShare: this.ok === 0 ? null : this.collapsed / this.ok,
      stats,
    };
  }
}

/** points.csv's columns. */
export function pointsCsvColumns(spec: SweepSpec): string[] {
  return [
    "point",
    ...spec.parameters.map((p) => p.key),
    "runs",
    "failed",
    "collapsed_share",
    ...POINT_METRICS.flatMap((m) => [`${m}_mean`, `${m}_p5`, `${m}_p50`, `${m}_p95`]),
  ];
}

export function pointsCsvRow(spec: SweepSpec, s: PointStats): string[] {
  return [
    String(s.point),
    ...spec.parameters.map((p) => cell(s.values[p.key])),
    String(s.runs),
    String(s.failed),
    cell(s.collapsedShare),
    ...POINT_METRICS.flatMap((m) => {
      const q = s.stats[m];
      const format = MONEY_METRICS.has(m) ? moneyCell : cell;
      return [format(q?.mean), format(q?.p5), format(q?.p50), format(q?.p95)];
    }),
  ];
}

/** One-at-a-time sensitivity: each parameter's swing of the mean collapse day and share losing. */
export interface Sensitivity {
  key: string;
  collapseDaySwing: number;
  collapseDayLow: number | null;
  collapseDayHigh: number | null;
  usersLosingShareSwing: number;
}

export function oatSensitivity(spec: SweepSpec, stats: readonly PointStats[]): Sensitivity[] {
  const base = stats.find((s) => Object.keys(s.values).length === 0);
  const result = spec.parameters.map((p) => {
    const related = stats.filter((s) => p.key in s.values);
    if (base) related.push(base);
    const collapse = related.map((s) => s.stats.collapseDay?.mean).filter((v): v is number => typeof v === "number");
    const losing = related.map((s) => s.stats.usersLosingShare?.mean).filter((v): v is number => typeof v === "number");
    const swing = (xs: number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));
    return {
      key: p.key,
      collapseDaySwing: swing(collapse),
      collapseDayLow: collapse.length === 0 ? null : Math.min(...collapse),
      collapseDayHigh: collapse.length === 0 ? null : Math.max(...collapse),
      usersLosingShareSwing: swing(losing),
    };
  });
  return result.sort((a, b) => b.collapseDaySwing - a.collapseDaySwing || b.usersLosingShareSwing - a.usersLosingShareSwing || (a.key < b.key ? -1 : 1));
}

/** Per point and band column: P5 / P50 / P95 across the point's runs, day by day. */
export function bands(records: readonly RunRecord[], column: string): Map<number, { p5: (number | null)[]; p50: (number | null)[]; p95: (number | null)[] }> {
  const byPoint = new Map<number, (number | null)[][]>();
  for (const r of records) {
    const series = r.bands?.[column];
    if (!series) continue;
    const list = byPoint.get(r.point) ?? [];
    list.push(series);
    byPoint.set(r.point, list);
  }
  const out = new Map<number, { p5: (number | null)[]; p50: (number | null)[]; p95: (number | null)[] }>();
  for (const [point, list] of byPoint) {
    const days = Math.max(...list.map((s) => s.length));
    const p5: (number | null)[] = [];
    const p50: (number | null)[] = [];
    const p95: (number | null)[] = [];
    for (let d = 0; d < days; d++) {
      const values = list
        .map((s) => s[d])
        .filter((v): v is number => typeof v === "number")
        .sort((a, b) => a - b);
      p5.push(quantile(values, 0.05));
      p50.push(quantile(values, 0.5));
      p95.push(quantile(values, 0.95));
    }
    out.set(point, { p5, p50, p95 });
  }
  return out;
}
