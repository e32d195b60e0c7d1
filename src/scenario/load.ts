import { createHash } from "node:crypto";
import { MAX_DEPTH, MAX_NODES, decodeUtf8, jsonSyntaxProblem, readRegularFile, shapeProblem } from "./read.js";
import { basename, extname } from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Scenario } from "./schema.js";
import { resolveScenario } from "./validate.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { problem } from "./problem.js";
import { YAML_ERRORS_ZH } from "../i18n/validation-messages.js";
import { type Words, words } from "../i18n/words.js";
import type { Lang } from "../i18n/lang.js";

/** Scenario and sweep files larger than this are refused (a scenario is a few KB). */
const MAX_SCENARIO_BYTES = 1024 * 1024;
/** YAML aliases allowed per document (bounds "billion laughs" expansion). */
const MAX_ALIASES = 1000;

export interface LoadedScenario {
  scenario: Scenario;
  /** sha256 of the file's bytes. */
  sha256: string;
  path: string;
  /** The file's values before defaults filled in (which keys the author wrote). */
  written: unknown;
}

/** Parses YAML (or JSON, parsed strictly when the file says .json); duplicate keys, huge or deep documents are problems. */
export function parseScenarioText(text: string, source: string): { data: unknown; problems: ScenarioProblem[] } {
  const parsed = parseText(text, source);
  if (parsed.problems.length > 0) return parsed;
  const shape = shapeProblem(parsed.data);
  if (shape !== null) return { data: undefined, problems: [problem("", words("expected.documentSize", { values: MAX_NODES, levels: MAX_DEPTH }), shape)] };
  return parsed;
}

function parseText(text: string, source: string): { data: unknown; problems: ScenarioProblem[] } {
  if (extname(source).toLowerCase() === ".json") {
    try {
      JSON.parse(text);
    } catch (error) {
      return { data: undefined, problems: [problem("", words("expected.json"), jsonSyntaxProblem(error))] };
    }
    // JSON is YAML: the YAML parser finds what JSON.parse lets pass (a duplicate key, last wins).
  }
  // Duplicate keys are found by duplicateKeys below: the parser's own check compares every
  // pair of keys, which took minutes on a document of many thousand keys.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, strict: true });
  const valid = extname(source).toLowerCase() === ".json" ? words("expected.jsonUniqueKeys") : words("expected.yaml");
  const problems: ScenarioProblem[] = doc.errors.map((e) =>
    problem(e.linePos?.[0] ? words("path.lineColumn", { line: e.linePos[0].line, column: e.linePos[0].col }) : "", valid, {
      // The parser's own message in English; in Chinese, what its error code means.
      en: (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "").slice(0, 200),
      zh: YAML_ERRORS_ZH[e.code] ?? words("found.yamlError").zh,
    }),
  );
  if (problems.length > 0) return { data: undefined, problems };
  const duplicates = duplicateKeys(doc.contents, text);
  if (duplicates.length > 0)
    return {
      data: undefined,
      problems: duplicates.map((d) => {
        // English quotes the key as JSON ("name"); Chinese in its own quotation marks (“name”).
        const quoted = JSON.stringify(d.key).slice(0, 80);
        return problem(d.where, valid, words("found.keyAgain", { key: { en: quoted, zh: `“${quoted.slice(1, quoted.endsWith('"') ? -1 : undefined)}”` } }));
      }),
    };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIASES }), problems: [] };
  } catch (error) {
    return {
      data: undefined,
      problems: [
        problem("", words("expected.yamlAliases", { max: MAX_ALIASES }), {
          en: (error as Error).message.slice(0, 200),
          zh: YAML_ERRORS_ZH.RESOURCE_EXHAUSTION,
        }),
      ],
    };
  }
}

/** Keys that appear twice in one mapping, with where (line and column), in one pass over the tree. */
function duplicateKeys(root: unknown, text: string): { key: string; where: Words | "" }[] {
  const found: { key: string; where: Words | "" }[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const where = (offset: number | undefined): Words | "" => {
    if (offset === undefined) return "";
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return words("path.lineColumn", { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 });
  };
  const stack: unknown[] = [root];
  while (stack.length > 0 && found.length < 20) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) found.push({ key, where: where(isScalar(pair.key) ? pair.key.range?.[0] : undefined) });
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return found;
}

/** Reads a scenario or sweep file: a regular file, at most MAX_SCENARIO_BYTES, UTF-8. Throws ScenarioError. */
export function readInputFile(path: string): { bytes: Buffer; text: string } {
  const read = readRegularFile(path, MAX_SCENARIO_BYTES);
  if ("problem" in read)
    throw new ScenarioError(path, [
      problem("", words("expected.readableFile", { max: MAX_SCENARIO_BYTES }), words("found.theFile", { problem: read.problem })),
    ]);
  const text = decodeUtf8(read.bytes);
  if (text === null) throw new ScenarioError(path, [problem("", words("expected.utf8"), words("found.notUtf8"))]);
  return { bytes: read.bytes, text };
}

/** Reads, parses and validates a scenario file; throws ScenarioError listing every problem. */
/** The language a scenario states (`lang:`), if it states a known one: its problems are printed in it. */
function statedLang(data: unknown): Lang | undefined {
  const lang = data !== null && typeof data === "object" ? (data as { lang?: unknown }).lang : undefined;
  return lang === "zh-CN" || lang === "en" ? lang : undefined;
}

export function loadScenarioFile(path: string): LoadedScenario {
  const { bytes, text } = readInputFile(path);
  const { data, problems } = parseScenarioText(text, basename(path));
  if (problems.length > 0) throw new ScenarioError(path, problems);
  if (data !== null && typeof data === "object" && "base" in data && "targets" in data) {
    throw new ScenarioError(path, [problem("", words("expected.notFitFile", { file: basename(path) }), words("found.fitFile"))]);
  }
  if (data !== null && typeof data === "object" && "base" in data && "parameters" in data) {
    throw new ScenarioError(path, [problem("", words("expected.notSweepFile", { file: basename(path) }), words("found.sweepFile"))]);
  }
  const resolved = resolveScenario(data);
  if (resolved.scenario === null) throw new ScenarioError(path, resolved.problems, statedLang(data));
  return { scenario: resolved.scenario, sha256: createHash("sha256").update(bytes).digest("hex"), path, written: data };
}
