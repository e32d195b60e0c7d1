import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { parseDocument } from "yaml";
import type { Scenario } from "./schema.js";
import { ScenarioError, type ScenarioProblem } from "./problems.js";
import { resolveScenario } from "./validate.js";

/** Scenario files larger than this are refused before parsing. */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;
/** YAML aliases allowed per document (bounds "billion laughs" expansion). */
const MAX_ALIASES = 1000;

export interface LoadedScenario {
  scenario: Scenario;
  /** sha256 of the file's bytes. */
  sha256: string;
  path: string;
}

/** Parses YAML (or JSON, which is YAML too, but parsed strictly when the file says .json). */
export function parseScenarioText(text: string, source: string): { data: unknown; problems: ScenarioProblem[] } {
  if (extname(source).toLowerCase() === ".json") {
    try {
      return { data: JSON.parse(text), problems: [] };
    } catch (error) {
      return { data: undefined, problems: [{ path: "", expected: "valid JSON", found: (error as Error).message }] };
    }
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true });
  const problems: ScenarioProblem[] = doc.errors.map((e) => ({
    path: e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "",
    expected: "valid YAML",
    found: (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ""),
  }));
  if (problems.length > 0) return { data: undefined, problems };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), problems: [] };
  } catch (error) {
    return { data: undefined, problems: [{ path: "", expected: `valid YAML with at most ${MAX_ALIASES} alias expansions`, found: (error as Error).message }] };
  }
}

/** Reads, parses and validates a scenario file; throws ScenarioError listing every problem. */
export function loadScenarioFile(path: string): LoadedScenario {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENARIO_BYTES) throw new ScenarioError(path, [{ path: "", expected: `a file of at most ${MAX_SCENARIO_BYTES} bytes`, found: `${size} bytes` }]);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(path, [{ path: "", expected: "a readable scenario file", found: (error as NodeJS.ErrnoException).code ?? (error as Error).message }]);
  }
  const { data, problems } = parseScenarioText(bytes.toString("utf8"), basename(path));
  if (problems.length > 0) throw new ScenarioError(path, problems);
  const resolved = resolveScenario(data);
  if (resolved.scenario === null) throw new ScenarioError(path, resolved.problems);
  return { scenario: resolved.scenario, sha256: createHash("sha256").update(bytes).digest("hex"), path };
}
