import { readdirSync } from "node:fs";
import { parseJsonBytes, readRegularFile, shapeProblem } from "../scenario/read.js";
import { join } from "node:path";
import { simulate } from "../simulate.js";
import { resolveScenario } from "../scenario/validate.js";
import type { LoadedScenario } from "../scenario/load.js";
import { dataOutputs, manifestText, sha256 } from "../report/outputs.js";
import { VERSION } from "../version.js";
import { ScenarioError } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { valueWords } from "../scenario/problems.js";
import { verbatim, type Words, words } from "../i18n/words.js";
import { type CatalogueKey, tell } from "../i18n/tell.js";
import { type Lang, runLang } from "../i18n/lang.js";

export interface VerifyReport {
  ok: boolean;
  /** One line per finding, in both languages: files that differ, and where. */
  differences: Words[];
  /** Version mismatches, in both languages: worth knowing, not failures in themselves. */
  warnings: Words[];
  checked: string[];
  /** The run's language (its resolved scenario's), which the terminal speaks unless --lang says otherwise. */
  lang: Lang;
}

/** The largest file verify reads (a long run's report.html is a few MB). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

interface Manifest {
  tool: "pointsim";
  pointsimVersion: string;
  nodeVersion: string;
  complete: boolean;
  options: { journal: boolean; excel?: true };
  scenarioFile: string | null;
  scenarioFileSha256: string | null;
  seed: string | number;
  outputs: Record<string, string>;
  resolvedScenario: unknown;
}

/** Checks every field of a manifest's shape; lists what is wrong. */
function manifestProblems(m: Record<string, unknown>): { field: string; found: Words }[] {
  const problems: { field: string; found: Words }[] = [];
  const expect = (ok: boolean, field: string, what: Words) => {
    // What was found is described, not quoted: the manifest may not be pointsim's.
    if (!ok) problems.push({ field, found: words("found.manifestField", { field, what, found: valueWords(m[field], false) }) });
  };
  expect(m.tool === "pointsim", "tool", verbatim('"pointsim"'));
  expect(typeof m.pointsimVersion === "string", "pointsimVersion", words("manifest.version"));
  expect(typeof m.nodeVersion === "string", "nodeVersion", words("manifest.version"));
  expect(typeof m.complete === "boolean", "complete", words("manifest.boolean"));
  const options = m.options as Record<string, unknown> | undefined;
  expect(
    typeof options === "object" &&
      options !== null &&
      typeof options.journal === "boolean" &&
      (options.excel === undefined || options.excel === true) &&
      Object.keys(options).length === (options.excel === undefined ? 1 : 2),
    "options",
    words("manifest.options"),
  );
  expect(m.scenarioFile === null || typeof m.scenarioFile === "string", "scenarioFile", words("manifest.fileName"));
  expect(
    m.scenarioFileSha256 === null || (typeof m.scenarioFileSha256 === "string" && /^[0-9a-f]{64}$/.test(m.scenarioFileSha256)),
    "scenarioFileSha256",
    words("manifest.sha256"),
  );
  expect(
    (typeof m.seed === "number" && Number.isSafeInteger(m.seed) && m.seed >= 0) || (typeof m.seed === "string" && m.seed.length >= 1 && m.seed.length <= 200),
    "seed",
    words("manifest.seed"),
  );
  const outputs = m.outputs as Record<string, unknown> | undefined;
  expect(
    typeof outputs === "object" &&
      outputs !== null &&
      !Array.isArray(outputs) &&
      Object.values(outputs).every((h) => typeof h === "string" && /^[0-9a-f]{64}$/.test(h)),
    "outputs",
    words("manifest.outputs"),
  );
  return problems;
}

/** A JSON value's type as `typeof` names it ("object" for null and a list), in words. */
function kindWords(value: unknown): Words {
  const kind = typeof value;
  if (kind === "string" || kind === "boolean" || kind === "number") return words(`found.kind.${kind}`);
  return words("found.kind.object");
}

/**
 * `pointsim verify DIR`: re-runs the resolved scenario and seed recorded in DIR's manifest
 * and checks, byte for byte: every output against the re-run, the manifest itself against
 * the one the re-run would write (so options, hashes and seed must agree with each other),
 * and that the folder holds exactly the manifest's files. Reads only regular files.
 */
export function verifyRun(dir: string, scenarioFile?: LoadedScenario): VerifyReport {
  const manifestPath = join(dir, "manifest.json");
  const read = readRegularFile(manifestPath, 64 * 1024 * 1024, { followLinks: false });
  if ("problem" in read) throw new ScenarioError(manifestPath, [problem("", words("expected.manifest"), words("found.theFile", { problem: read.problem }))]);
  const parsed = parseJsonBytes(read.bytes);
  if ("problem" in parsed) throw new ScenarioError(manifestPath, [problem("", words("expected.manifestJson"), parsed.problem)]);
  const shapeWrong = shapeProblem(parsed.value, Number.POSITIVE_INFINITY, 64);
  if (shapeWrong !== null) throw new ScenarioError(manifestPath, [problem("", words("expected.manifest"), shapeWrong)]);
  const raw = parsed.value as Record<string, unknown>;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new ScenarioError(manifestPath, [problem("", words("expected.jsonObject"), kindWords(raw))]);
  const shape = manifestProblems(raw);
  if (shape.length > 0)
    throw new ScenarioError(
      manifestPath,
      shape.map((p) => problem(p.field, words("expected.validManifest"), p.found)),
    );
  const manifest = raw as unknown as Manifest;

  const warnings: Words[] = [];
  if (manifest.pointsimVersion !== VERSION) warnings.push(both("verify.madeBy", { made: manifest.pointsimVersion, current: VERSION }));
  if (drewWithModel1(manifest.pointsimVersion)) warnings.push(both("verify.model1", { version: manifest.pointsimVersion }));
  if (manifest.nodeVersion !== process.version) warnings.push(both("verify.madeWithNode", { made: manifest.nodeVersion, current: process.version }));
  const differences: Words[] = [];
  if (!manifest.complete) differences.push(both("verify.incomplete"));

  const resolved = resolveScenario(manifest.resolvedScenario);
  if (resolved.scenario === null) throw new ScenarioError(`${manifestPath} (resolvedScenario)`, resolved.problems);
  if (scenarioFile !== undefined) {
    // The file the auditor holds: is it the one this run was made from?
    if (scenarioFile.sha256 !== manifest.scenarioFileSha256)
      differences.push(
        both("verify.scenarioSha", {
          path: scenarioFile.path,
          sha: scenarioFile.sha256.slice(0, 16),
          recorded: String(manifest.scenarioFileSha256).slice(0, 16),
        }),
      );
    const { seed: _fileSeed, ...fromFile } = scenarioFile.scenario;
    const { seed: _runSeed, ...fromRun } = resolved.scenario;
    if (JSON.stringify(fromFile) !== JSON.stringify(fromRun)) differences.push(both("verify.scenarioDiffers", { path: scenarioFile.path }));
  }
  if (resolved.scenario.seed !== manifest.seed)
    differences.push(both("verify.seedDiffers", { seed: JSON.stringify(manifest.seed), resolved: JSON.stringify(resolved.scenario.seed) }));
  const result = simulate(resolved.scenario, { seed: manifest.seed, journal: manifest.options.journal });
  const rerun = dataOutputs(result, resolved.scenario, { excel: manifest.options.excel === true });

  // The folder holds exactly the manifest's files and the manifest.
  const recorded = manifest.outputs;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new ScenarioError(dir, [
      problem("", words("expected.runFolder"), words("found.cannotList", { code: (error as NodeJS.ErrnoException).code ?? "error" })),
    ]);
  }
  for (const entry of entries) if (entry !== "manifest.json" && recorded[entry] === undefined) differences.push(both("verify.notInManifest", { name: entry }));
  for (const name of Object.keys(recorded))
    if (!rerun.some((f) => f.name === name)) differences.push(both("verify.notProduced", { name, options: JSON.stringify(manifest.options) }));

  for (const file of rerun) {
    const expected = Buffer.from(file.content, "utf8");
    if (recorded[file.name] === undefined) {
      differences.push(both("verify.notRecorded", { name: file.name, options: JSON.stringify(manifest.options) }));
      continue;
    }
    if (recorded[file.name] !== sha256(file.content)) differences.push(both("verify.shaDiffers", { name: file.name }));
    // Never through a link: a run's outputs are files, and a link could stand in for any of them.
    const onDisk = readRegularFile(join(dir, file.name), MAX_FILE_BYTES, { followLinks: false });
    if ("problem" in onDisk) {
      differences.push({
        en: tell("en", "verify.fileProblem", { name: file.name, problem: onDisk.problem.en }),
        zh: tell("zh-CN", "verify.fileProblem", { name: file.name, problem: onDisk.problem.zh }),
      });
      continue;
    }
    if (!onDisk.bytes.equals(expected))
      differences.push(withWhere("verify.differs", file.name, firstDifference(onDisk.bytes.toString("latin1"), expected.toString("latin1"))));
  }

  // The manifest the re-run would write, with the recorded versions and scenario file.
  const expectedManifest = manifestText({
    pointsimVersion: manifest.pointsimVersion,
    nodeVersion: manifest.nodeVersion,
    options: manifest.options,
    scenario: { ...resolved.scenario, seed: manifest.seed },
    scenarioFile: manifest.scenarioFile,
    scenarioFileSha256: manifest.scenarioFileSha256,
    seed: manifest.seed,
    files: rerun,
    complete: manifest.complete,
  });
  if (!read.bytes.equals(Buffer.from(expectedManifest, "utf8")))
    differences.push(withWhere("verify.manifestDiffers", "manifest.json", firstDifference(read.bytes.toString("latin1"), expectedManifest)));
  return { ok: differences.length === 0, differences, warnings, checked: [...rerun.map((f) => f.name), "manifest.json"], lang: runLang(resolved.scenario) };
}

/** A finding in both languages, from the commands' catalogue. */
function both(key: CatalogueKey, params: Readonly<Record<string, string | number>> = {}): Words {
  return { en: tell("en", key, params), zh: tell("zh-CN", key, params) };
}

/** A file that differs, and where (each language its own words for the place). */
function withWhere(key: CatalogueKey, name: string, where: ((lang: Lang) => string) | null): Words {
  const say = (lang: Lang) => tell(lang, key, { name, where: where === null ? "" : where(lang) });
  return { en: say("en"), zh: say("zh-CN") };
}

/** Where two texts first differ, by line, for CSV and JSON alike (lines cut to 200 characters); null when they do not. */
function firstDifference(recorded: string, rerun: string): ((lang: Lang) => string) | null {
  const a = recorded.split("\n");
  const b = rerun.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const [mine, theirs] = [a[i], b[i]];
      const cut = (line: string | undefined, lang: Lang) =>
        line === undefined ? tell(lang, "verify.endOfFile") : JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
      return (lang) => tell(lang, "verify.firstDifference", { line: i + 1, recorded: cut(mine, lang), rerun: cut(theirs, lang) });
    }
  }
  return null;
}

/** Versions before 0.2.0 drew from one sequential generator (model 1). */
function drewWithModel1(version: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  return major === 0 && minor !== undefined && minor < 2;
}
