import { createHash } from "node:crypto";
import { basename } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { RunResult } from "../engine/engine.js";
import { formatDay } from "../engine/columns.js";
import { formatFen } from "../engine/units.js";
import type { Scenario } from "../scenario/types.js";
import { OUTCOME_COLUMNS, outcomeRows } from "../engine/outcomes.js";
import { reportHtml } from "./html.js";
import { VERSION } from "../version.js";
import { plausibilityWarnings, summaryWithWarnings } from "../scenario/plausibility.js";
import { summaryForFile } from "../i18n/summary-file.js";
import { runLang, type Lang } from "../i18n/lang.js";
import { complianceTestsForFile } from "../i18n/compliance-file.js";

/** An output file's name and bytes, built in memory before anything touches the disk. */
export interface OutputFile {
  name: string;
  content: string;
}

/** timeseries.csv: each day's values formatted at the edge (exact decimals, "" for none). */
export function timeseriesCsv(result: RunResult): string {
  const rows = result.values.map((day) => formatDay(result.specs, day));
  return stringify(rows, { header: true, columns: [...result.columns], record_delimiter: "\n" });
}

/** compliance.json: each regulator's test with its figures and evidence, the focus organisation's growth, and the structures at the end. */
function complianceJson(result: RunResult, lang: Lang): string {
  const { tests, platform, growth, organisations, structure } = result.compliance;
  return stableJson({ tests: complianceTestsForFile(tests, lang), platform, organisationsListed: organisations.length, growth, structure });
}

/** compliance.csv: one row per organisation (every root with a participant, every one over the pyramid line), largest first. */
function complianceCsv(result: RunResult): string {
  const day = (d: number | null) => (d === null ? "" : String(d));
  const rows = result.compliance.organisations.map((o) => [
    String(o.organiser),
    String(o.organiserJoinDay),
    o.root ? "yes" : "no",
    String(o.participants),
    String(o.levels),
    formatFen(o.collectedFen),
    formatFen(o.downlineRewardsFen),
    formatFen(o.ownRewardsFen),
    day(o.pyramidDay),
    day(o.seriousParticipantsDay),
    day(o.seriousAmountDay),
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      "organiser",
      "organiser_join_day",
      "root",
      "participants",
      "levels",
      "collected",
      "rewards_for_downlines",
      "rewards_own",
      "pyramid_threshold_day",
      "serious_participants_day",
      "serious_amount_day",
    ],
    record_delimiter: "\n",
  });
}

/** journal.csv: each day's transfers aggregated by (from, to, reason), amounts in integer fen. */
function journalCsv(result: RunResult): string {
  const rows = (result.journal ?? []).map((line) => [String(line.day), line.from, line.to, line.reason, String(line.fen)]);
  return stringify(rows, { header: true, columns: ["day", "from", "to", "reason", "amount_fen"], record_delimiter: "\n" });
}

/** Stable JSON: 2-space indent, trailing newline (key order is the order built). */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Run options that change which files a run writes; recorded so `verify` can redo them. `excel`
 * is recorded only when set, so a run without it keeps the manifest it always had.
 */
interface RunFileOptions {
  journal: boolean;
  /** Every CSV starts with a UTF-8 byte-order mark, so Excel and WPS read its Chinese as UTF-8. */
  excel?: true;
}

/** The UTF-8 byte-order mark `--excel` puts before a CSV's first byte (nothing else changes). */
const UTF8_BOM = "\uFEFF";

/** The CSVs as `--excel` writes them: each with the byte-order mark, every other file as it was. */
function withExcelMarks(files: OutputFile[]): OutputFile[] {
  return files.map((f) => (f.name.endsWith(".csv") ? { name: f.name, content: UTF8_BOM + f.content } : f));
}

export interface ManifestInput {
  options: RunFileOptions;
  scenario: Scenario;
  scenarioFileSha256: string | null;
  scenarioFile: string | null;
  seed: string | number;
  files: OutputFile[];
  complete: boolean;
}

/**
 * manifest.json: what produced the run and the sha256 of every other output, so
 * `pointsim verify` can re-run it. It holds no time stamp, so reruns are byte-identical.
 */
function manifestJson(input: ManifestInput): string {
  return manifestText({ ...input, pointsimVersion: VERSION, nodeVersion: process.version });
}

/** manifest.json's text for given versions (verify rebuilds a recorded run's manifest with its own). */
export function manifestText(input: ManifestInput & { pointsimVersion: string; nodeVersion: string }): string {
  return stableJson({
    tool: "pointsim",
    pointsimVersion: input.pointsimVersion,
    nodeVersion: input.nodeVersion,
    complete: input.complete,
    options: input.options,
    scenarioFile: input.scenarioFile,
    scenarioFileSha256: input.scenarioFileSha256,
    seed: input.seed,
    outputs: Object.fromEntries(input.files.map((f) => [f.name, sha256(f.content)])),
    resolvedScenario: input.scenario,
  });
}

/** The files of one run except the manifest, in the order they are listed in it. */
export function dataOutputs(result: RunResult, scenario: Scenario, fileOptions: { excel?: boolean } = {}): OutputFile[] {
  const files: OutputFile[] = [
    { name: "timeseries.csv", content: timeseriesCsv(result) },
    {
      name: "summary.json",
      content: stableJson(summaryWithWarnings(summaryForFile(result.summary, runLang(scenario)), plausibilityWarnings(scenario, result.schemes))),
    },
    { name: "outcomes.csv", content: stringify(outcomeRows(result.outcomes), { header: true, columns: [...OUTCOME_COLUMNS], record_delimiter: "\n" }) },
    { name: "scenario.resolved.json", content: stableJson({ ...scenario, seed: result.seed }) },
    { name: "compliance.json", content: complianceJson(result, runLang(scenario)) },
    { name: "compliance.csv", content: complianceCsv(result) },
  ];
  // Only after a collapse: summary.json keeps its bytes, and what came in after stands apart.
  if (result.afterCollapse !== null) files.push({ name: "after-collapse.json", content: stableJson(result.afterCollapse) });
  if (result.journal !== null) files.push({ name: "journal.csv", content: journalCsv(result) });
  files.push({ name: "report.html", content: reportHtml(result, scenario) });
  return fileOptions.excel === true ? withExcelMarks(files) : files;
}

/** All files of one run, manifest last. The scenario file is named by its base name only, so moving it changes nothing. */
export function runOutputs(
  result: RunResult,
  scenario: Scenario,
  scenarioFile: string | null,
  scenarioFileSha256: string | null,
  fileOptions: { excel?: boolean } = {},
): OutputFile[] {
  const files = dataOutputs(result, scenario, fileOptions);
  const manifest = manifestJson({
    options: { journal: result.journal !== null, ...(fileOptions.excel === true ? { excel: true as const } : {}) },
    scenario: { ...scenario, seed: result.seed },
    scenarioFile: scenarioFile === null ? null : basename(scenarioFile),
    scenarioFileSha256,
    seed: result.seed,
    files,
    complete: true,
  });
  return [...files, { name: "manifest.json", content: manifest }];
}
