import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simulate } from "../engine/engine.js";
import { ScenarioError } from "../scenario/problems.js";
import { resolveScenario } from "../scenario/validate.js";
import { dataOutputs, sha256 } from "../report/outputs.js";
import { VERSION } from "../version.js";

export interface VerifyReport {
  ok: boolean;
  /** One line per finding: files that differ, and where. */
  differences: string[];
  /** Version mismatches: worth knowing, not failures in themselves. */
  warnings: string[];
  checked: string[];
}

interface Manifest {
  tool?: unknown;
  pointsimVersion?: unknown;
  nodeVersion?: unknown;
  complete?: unknown;
  seed?: unknown;
  options?: { journal?: unknown };
  outputs?: Record<string, unknown>;
  resolvedScenario?: unknown;
}

/**
 * `pointsim verify DIR`: re-runs the resolved scenario and seed recorded in DIR's
 * manifest and compares every output, byte for byte, with the recorded sha256 and with
 * the file on disk.
 */
export function verifyRun(dir: string): VerifyReport {
  const manifestPath = join(dir, "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  } catch (error) {
    throw new ScenarioError(manifestPath, [{ path: "", expected: "a readable pointsim manifest.json", found: (error as NodeJS.ErrnoException).code ?? (error as Error).message }]);
  }
  if (manifest.tool !== "pointsim" || typeof manifest.outputs !== "object" || manifest.outputs === null) {
    throw new ScenarioError(manifestPath, [{ path: "", expected: "a pointsim run manifest (tool, outputs, resolvedScenario)", found: "something else" }]);
  }
  const warnings: string[] = [];
  if (manifest.pointsimVersion !== VERSION) warnings.push(`the run was made by pointsim ${String(manifest.pointsimVersion)}; this is ${VERSION}`);
  if (manifest.nodeVersion !== process.version) warnings.push(`the run was made with Node ${String(manifest.nodeVersion)}; this is ${process.version}`);
  const differences: string[] = [];
  if (manifest.complete !== true) differences.push("manifest.json: the run is marked incomplete");

  const resolved = resolveScenario(manifest.resolvedScenario);
  if (resolved.scenario === null) throw new ScenarioError(`${manifestPath} (resolvedScenario)`, resolved.problems);
  const seed = typeof manifest.seed === "number" || typeof manifest.seed === "string" ? manifest.seed : resolved.scenario.seed;
  const result = simulate(resolved.scenario, { seed, journal: manifest.options?.journal === true });
  const rerun = dataOutputs(result, resolved.scenario);

  const recorded = manifest.outputs;
  for (const name of Object.keys(recorded)) {
    if (!rerun.some((f) => f.name === name)) differences.push(`${name}: recorded in the manifest but not produced by the re-run`);
  }
  for (const file of rerun) {
    const expectedHash = sha256(file.content);
    if (recorded[file.name] === undefined) {
      differences.push(`${file.name}: produced by the re-run but not recorded in the manifest`);
      continue;
    }
    if (recorded[file.name] !== expectedHash) differences.push(`${file.name}: the re-run's sha256 differs from the manifest's`);
    const path = join(dir, file.name);
    if (!existsSync(path)) {
      differences.push(`${file.name}: missing from ${dir}`);
      continue;
    }
    const onDisk = readFileSync(path, "utf8");
    if (onDisk !== file.content) differences.push(`${file.name}: differs from the re-run${firstDifference(onDisk, file.content)}`);
  }
  return { ok: differences.length === 0, differences, warnings, checked: rerun.map((f) => f.name) };
}

/** Where two texts first differ, by line, for CSV and JSON alike. */
function firstDifference(recorded: string, rerun: string): string {
  const a = recorded.split("\n");
  const b = rerun.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `; first difference at line ${i + 1}:\n    recorded: ${a[i] ?? "(end of file)"}\n    re-run:   ${b[i] ?? "(end of file)"}`;
  }
  return "";
}
