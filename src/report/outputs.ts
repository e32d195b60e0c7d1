import { createHash } from "node:crypto";
import { basename } from "node:path";
import { stringify } from "csv-stringify/sync";
import type { RunResult } from "../engine/engine.js";
import type { Scenario } from "../scenario/types.js";
import { VERSION } from "../version.js";

/** An output file's name and bytes, built in memory before anything touches the disk. */
export interface OutputFile {
  name: string;
  content: string;
}

export function timeseriesCsv(result: RunResult): string {
  return stringify(result.rows, { header: true, columns: [...result.columns], record_delimiter: "\n" });
}

/** Stable JSON: 2-space indent, trailing newline (key order is the order built). */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface ManifestInput {
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
export function manifestJson(input: ManifestInput): string {
  return stableJson({
    tool: "pointsim",
    pointsimVersion: VERSION,
    nodeVersion: process.version,
    complete: input.complete,
    scenarioFile: input.scenarioFile,
    scenarioFileSha256: input.scenarioFileSha256,
    seed: input.seed,
    outputs: Object.fromEntries(input.files.map((f) => [f.name, sha256(f.content)])),
    resolvedScenario: input.scenario,
  });
}

/** All files of one run, manifest last. */
export function runOutputs(result: RunResult, scenario: Scenario, scenarioFile: string | null, scenarioFileSha256: string | null): OutputFile[] {
  const resolved = { ...scenario, seed: result.seed };
  const files: OutputFile[] = [
    { name: "timeseries.csv", content: timeseriesCsv(result) },
    { name: "summary.json", content: stableJson(result.summary) },
    { name: "scenario.resolved.json", content: stableJson(resolved) },
  ];
  files.push({ name: "manifest.json", content: manifestJson({ scenario: resolved, scenarioFile, scenarioFileSha256, seed: result.seed, files, complete: true }) });
  return files;
}
