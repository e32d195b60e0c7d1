import { basename, join } from "node:path";
import { stringify as csv } from "csv-stringify/sync";
import { isScalar, parseDocument } from "yaml";
import { sha256, stableJson } from "../report/outputs.js";
import { writeFileAtomic } from "../report/write.js";
import { concretePath } from "../fit/fitted-yaml.js";
import { VERSION } from "../version.js";
import { modelHash } from "../sweep/identity.js";
import { ParquetTable } from "../sweep/parquet.js";
import { JOURNAL, journalText, planOf } from "./folder.js";
import { recommendMetrics, type Candidate, type RecommendOutcome } from "./run.js";
import { recommendReportHtml } from "./report.js";
import type { Lang } from "../i18n/lang.js";
import { type CatalogueKey, tell } from "../i18n/tell.js";
import { manifestLang } from "../i18n/command-lang.js";
import { verifyDelta, type LoadedRecommend } from "./spec.js";

/** A number for a CSV cell or a YAML comment: shortest round-trip form, no locale. */
const num = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? "" : String(v));

/** A figure for a comment: 8 significant digits, no locale. */
const short = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(8))));

/**
 * recommended.yaml: the base scenario as its author wrote it, comments kept, with the spec's
 * `set` and the recommended values, headed by what was proved about it. Runnable as it is.
 */
function recommendedYaml(loaded: LoadedRecommend, outcome: RecommendOutcome, lang: Lang): string {
  const t = (key: CatalogueKey, params: Readonly<Record<string, string | number>> = {}) => tell(lang, key, params);
  const r = outcome.recommended as Candidate;
  const v = r.verification;
  const doc = parseDocument(loaded.baseText);
  for (const [key, value] of Object.entries(loaded.spec.set)) doc.setIn(concretePath(loaded.runData, key), value);
  loaded.spec.parameters.forEach((p, i) => {
    const path = concretePath(loaded.runData, p.key);
    doc.setIn(path, r.values[i]);
    const node = doc.getIn(path, true);
    if (isScalar(node)) node.comment = t("recommended.valueComment", { from: num(p.range.from), to: num(p.range.to) });
  });
  // The comments in the recommendation's language (its files'); an English one's as before, byte for byte.
  const header = [
    t("recommended.by", { version: VERSION, file: basename(loaded.file), base: loaded.spec.base }),
    ...loaded.spec.parameters.map((p, i) => `   ${p.key}: ${num(r.values[i])}`),
    t("recommended.verified", {
      seeds: v?.seeds ?? 0,
      metric: loaded.spec.objective.metric,
      mean: short(v?.objective.mean),
      confidence: loaded.spec.confidence * 100,
      low: short(v?.objective.low),
      high: short(v?.objective.high),
    }),
    ...(v?.constraints ?? []).map((c, j) =>
      t("recommended.constraint", {
        label: loaded.labels[j] ?? "",
        events: c.events,
        runs: c.runs,
        upper: short(c.upper),
        max: num(loaded.spec.constraints[j]?.max),
        level: short(1 - verifyDelta(loaded.spec)),
      }),
    ),
    t("recommended.below", { base: loaded.spec.base }),
  ];
  doc.commentBefore = doc.commentBefore ? `${header.join("\n")}\n\n${doc.commentBefore}` : header.join("\n");
  return doc.toString({ lineWidth: 0 });
}

const constraintColumns = (labels: readonly string[], prefix: string) =>
  labels.flatMap((l) => [`${prefix}events:${l}`, `${prefix}runs:${l}`, `${prefix}upper:${l}`, `${prefix}verdict:${l}`]);

/** candidates.csv: every candidate in the order it was made, its seeds, bounds, verdict and objective. */
function candidatesCsv(loaded: LoadedRecommend, outcome: RecommendOutcome, lang: Lang): string {
  // A zh-CN recommendation adds failureZh last, so that a script's columns keep their places.
  const zh = lang === "zh-CN";
  const rows = outcome.candidates.map((c) => [
    String(c.index),
    c.stage,
    ...c.values.map(num),
    c.status,
    ...loaded.labels.flatMap((_, j) => {
      const r = c.constraints[j];
      return r ? [String(r.events), String(r.runs), num(r.upper), r.verdict] : ["", "", "", ""];
    }),
    num(c.risk),
    num(c.objective?.mean),
    num(c.objective?.low),
    num(c.objective?.high),
    c.failure ?? "",
    ...(zh ? [c.failureZh ?? c.failure ?? ""] : []),
  ]);
  return csv(rows, {
    header: true,
    columns: [
      "candidate",
      "stage",
      ...loaded.spec.parameters.map((p) => p.key),
      "status",
      ...constraintColumns(loaded.labels, ""),
      "risk",
      "objective",
      "objective_low",
      "objective_high",
      "failure",
      ...(zh ? ["failureZh"] : []),
    ],
    record_delimiter: "\n",
  });
}

/** front.csv: the front, best objective first, with the screening and the fresh seeds' figures. */
function frontCsv(loaded: LoadedRecommend, outcome: RecommendOutcome): string {
  const rows = outcome.front.map((c, rank) => {
    const v = c.verification;
    return [
      String(rank + 1),
      String(c.index),
      ...c.values.map(num),
      num(c.objective?.mean),
      num(c.risk),
      ...loaded.labels.flatMap((_, j) => [num(c.constraints[j]?.upper)]),
      num(v?.objective.mean),
      num(v?.objective.low),
      num(v?.objective.high),
      ...loaded.labels.flatMap((_, j) => {
        const r = v?.constraints[j];
        return [r ? String(r.events) : "", r ? String(r.runs) : "", num(r?.upper), r ? String(r.withinScreeningBound) : ""];
      }),
      String(v?.holds === true),
      String(outcome.recommended === c),
    ];
  });
  return csv(rows, {
    header: true,
    columns: [
      "rank",
      "candidate",
      ...loaded.spec.parameters.map((p) => p.key),
      "objective",
      "risk",
      ...loaded.labels.map((l) => `upper:${l}`),
      "verified_objective",
      "verified_objective_low",
      "verified_objective_high",
      ...loaded.labels.flatMap((l) => [`verified_events:${l}`, `verified_runs:${l}`, `verified_upper:${l}`, `within_screening_bound:${l}`]),
      "holds",
      "recommended",
    ],
    record_delimiter: "\n",
  });
}

/**
 * runs.parquet: every run once, in the order planned (as runs.jsonl), for analysis in other
 * tools: its seed stream (search or verify), replica and seed, the values, each constraint's event,
 * the objective's figure, and why it failed. Written by the sweep's Parquet writer.
 */
function runsParquet(path: string, loaded: LoadedRecommend, outcome: RecommendOutcome): string {
  const table = new ParquetTable(path, [
    { name: "stream", type: "STRING", required: true },
    { name: "replica", type: "INT32", required: true },
    { name: "seed", type: "INT64", required: true },
    ...loaded.spec.parameters.map((p) => ({ name: p.key, type: "DOUBLE" as const, required: true })),
    ...loaded.labels.map((l) => ({ name: `event:${l}`, type: "BOOLEAN" as const })),
    { name: "objective", type: "DOUBLE" },
    { name: "failure", type: "STRING" },
  ]);
  try {
    const seen = new Set<string>();
    for (const { key, seed, result } of outcome.log) {
      if (seen.has(key)) continue;
      seen.add(key);
      // A key is the values' JSON, "|", the stream, ":", the replica (src/recommend/run.ts).
      const bar = key.lastIndexOf("|");
      const [stream, replica] = key.slice(bar + 1).split(":");
      const failed = result.error !== null;
      table.push([
        stream,
        Number(replica),
        seed,
        ...(JSON.parse(key.slice(0, bar)) as number[]),
        ...loaded.labels.map((_, j) => (failed ? null : (result.events[j] ?? null))),
        failed ? null : result.objective,
        result.error,
      ]);
    }
  } catch (error) {
    table.abandon();
    throw error;
  }
  return table.finish();
}

const candidateJson = (loaded: LoadedRecommend, c: Candidate) => ({
  candidate: c.index,
  stage: c.stage,
  values: Object.fromEntries(loaded.spec.parameters.map((p, i) => [p.key, c.values[i]])),
  status: c.status,
  risk: Number.isFinite(c.risk) ? c.risk : null,
  objective: c.objective,
  constraints: Object.fromEntries(loaded.labels.map((l, j) => [l, c.constraints[j] ?? null])),
  verification:
    c.verification === null
      ? null
      : {
          ...c.verification,
          constraints: Object.fromEntries(loaded.labels.map((l, j) => [l, c.verification?.constraints[j] ?? null])),
        },
});

/** recommend.json: the recommendation, the front, the binding constraints and the figures --fail-if reads. */
export function recommendJson(loaded: LoadedRecommend, outcome: RecommendOutcome): Record<string, unknown> {
  return {
    name: loaded.spec.name,
    base: loaded.spec.base,
    seed: loaded.spec.seed,
    confidence: loaded.spec.confidence,
    verifyConfidence: 1 - verifyDelta(loaded.spec),
    objective: loaded.spec.objective,
    metrics: recommendMetrics(outcome),
    recommended: outcome.recommended === null ? null : candidateJson(loaded, outcome.recommended),
    binding: outcome.binding,
    front: outcome.front.map((c) => candidateJson(loaded, c)),
  };
}

/**
 * Writes the outputs into the folder the caller prepared and locked: runs.jsonl rewritten in the
 * order the runs were planned (so the folder is the same with any number of workers), then each
 * file, the manifest last (a folder without one is a run stopped before its end).
 */
export function writeRecommendOutputs(out: string, loaded: LoadedRecommend, outcome: RecommendOutcome, lang: Lang = "en"): string[] {
  const identity = planOf(loaded).identity;
  const files: [string, string][] = [
    [JOURNAL, journalText(identity, outcome.log)],
    ...(outcome.recommended === null ? [] : [["recommended.yaml", recommendedYaml(loaded, outcome, lang)] as [string, string]]),
    ["candidates.csv", candidatesCsv(loaded, outcome, lang)],
    ["front.csv", frontCsv(loaded, outcome)],
    ["recommend.json", stableJson(recommendJson(loaded, outcome))],
    ["report.html", recommendReportHtml(loaded, outcome, lang)],
  ];
  for (const [name, content] of files) writeFileAtomic(join(out, name), content);
  const parquetSha256 = runsParquet(join(out, "runs.parquet"), loaded, outcome);
  const manifest = {
    tool: "pointsim-recommend",
    pointsimVersion: VERSION,
    modelHash: modelHash(),
    recommendFile: { name: basename(loaded.file), sha256: loaded.sha256 },
    baseFile: { name: loaded.spec.base, sha256: loaded.baseSha256 },
    ...manifestLang(lang),
    files: { ...Object.fromEntries(files.map(([name, content]) => [name, sha256(content)])), "runs.parquet": parquetSha256 },
  };
  writeFileAtomic(join(out, "manifest.json"), stableJson(manifest));
  return [...files.map(([name]) => name), "runs.parquet", "manifest.json"];
}
