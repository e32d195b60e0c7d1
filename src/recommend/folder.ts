/**
 * A recommendation's folder under the ownership policy (src/report/ownership.ts), with the
 * journal that makes it resumable: plan.json (what is being recommended: its identity) is
 * written first, every run is appended to runs.jsonl as it finishes, and the outputs and the
 * manifest last. Run again on the same folder, the same recommendation (same identity) resumes:
 * the runs the journal holds are not run again. A different one is refused without --force.
 */
import { words } from "../i18n/words.js";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { sha256, stableJson } from "../report/outputs.js";
import { changedFiles, deleteOwnFiles, digestMap, io, isTemporaryOf, judgeFolder, readManifest, someNames, type OwnershipRules } from "../report/ownership.js";
import { makeFolders, writeFileAtomic } from "../report/write.js";
import { parseJsonBytes, readRegularFile } from "../scenario/read.js";
import { modelHash } from "../sweep/identity.js";
import { VERSION } from "../version.js";
import { OutputExistsError } from "../errors.js";
import type { LoadedRecommend } from "./spec.js";
import type { RecommendJobResult } from "./worker.js";

const PLAN = "plan.json";
export const JOURNAL = "runs.jsonl";
/** Files pointsim writes in a recommend folder; --force removes these and nothing else. */
const RECOMMEND_FILES = [PLAN, JOURNAL, "runs.parquet", "recommended.yaml", "front.csv", "candidates.csv", "recommend.json", "report.html", "manifest.json"];

interface Plan {
  tool: "pointsim-recommend";
  identity: string;
  pointsimVersion: string;
  modelHash: string;
}

/** The recommendation's identity: its spec as loaded (defaults filled), the base scenario, the pointsim version and model. */
export function planOf(loaded: LoadedRecommend): Plan & { recommendSha256: string; baseSha256: string; spec: unknown } {
  const model = modelHash();
  const identity = sha256(stableJson({ spec: loaded.spec, baseSha256: loaded.baseSha256, pointsimVersion: VERSION, modelHash: model }));
  return {
    tool: "pointsim-recommend",
    identity,
    pointsimVersion: VERSION,
    modelHash: model,
    recommendSha256: loaded.sha256,
    baseSha256: loaded.baseSha256,
    spec: loaded.spec,
  };
}

/** A folder's plan.json, or null when it has none (or not one pointsim wrote). */
function readPlan(dir: string): Plan | null {
  const read = readRegularFile(join(dir, PLAN), 64 * 1024 * 1024, { followLinks: false });
  if ("problem" in read) return null;
  const parsed = parseJsonBytes(read.bytes);
  if ("problem" in parsed) return null;
  const plan = parsed.value as Plan | null;
  return plan !== null && typeof plan === "object" && plan.tool === "pointsim-recommend" && typeof plan.identity === "string" ? plan : null;
}

interface JournalLine {
  identity?: unknown;
  key?: unknown;
  result?: RecommendJobResult | null;
}

/** The journal's records of `identity`, by key; null when a line (other than a torn last one) is not such a record. */
function readJournal(dir: string, identity: string): Map<string, RecommendJobResult> | null {
  const read = readRegularFile(join(dir, JOURNAL), 1024 * 1024 * 1024, { followLinks: false });
  const known = new Map<string, RecommendJobResult>();
  if ("problem" in read) return known;
  const lines = read.bytes.toString("utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    let record: JournalLine | null;
    try {
      record = JSON.parse(line) as JournalLine | null;
    } catch {
      // A last line cut short by a kill is the journal's own: that run runs again.
      if (i === lines.length - 1) continue;
      return null;
    }
    if (record === null || record.identity !== identity || typeof record.key !== "string" || typeof record.result !== "object" || record.result === null)
      return null;
    known.set(record.key, record.result);
  }
  return known;
}

const recommendRules = (identity: string): OwnershipRules<Plan> => ({
  noun: words("noun.recommendation"),
  refuse: {
    link: words("refuse.recommendLink"),
    file: words("refuse.file"),
    notOurs: words("refuse.recommendNotOurs"),
    occupied: (plan) => words("refuse.recommendOccupied", { version: plan.pointsimVersion, model: String(plan.modelHash).slice(0, 12) }),
    foreign: (names) => words("refuse.foreign", { names: someNames(names, false) }),
    changed: (names) => words("refuse.recommendChanged", { names: someNames(names, false) }),
  },
  ownTemporary: isTemporaryOf(RECOMMEND_FILES),
  record: readPlan,
  judge: (plan) => (plan.identity === identity ? "resume" : "replace"),
  foreign: (entries) => entries.filter((e) => !RECOMMEND_FILES.includes(e)),
  changed: (dir, plan, entries) => {
    const files = digestMap(readManifest(dir)?.files) ?? {};
    const changed = changedFiles(dir, files, { isOwnName: (name) => RECOMMEND_FILES.includes(name) && name !== "manifest.json" });
    // Without a manifest (a run stopped before its end) the journal must still be the plan's own records.
    if (!Object.hasOwn(files, JOURNAL) && entries.includes(JOURNAL) && readJournal(dir, plan.identity) === null) changed.push(JOURNAL);
    return changed;
  },
});

/**
 * Checks the folder and readies it: new (absent or empty), the same recommendation (resumed:
 * returns the runs its journal holds), or with --force a different one of pointsim's, whose
 * files are removed (the manifest first, so an interrupted --force never leaves a folder marked
 * complete). Anything else is refused (exit 2). The caller holds the folder's lock.
 */
export function prepareRecommendFolder(out: string, loaded: LoadedRecommend, force: boolean): Map<string, RecommendJobResult> {
  const plan = planOf(loaded);
  const found = judgeFolder(out, recommendRules(plan.identity), force);
  if (found.verdict === "resume") {
    // A resumed folder's outputs are written again: never over a file edited since pointsim wrote it.
    const edited = changedFiles(out, digestMap(readManifest(out)?.files) ?? {}, {
      isOwnName: (name) => RECOMMEND_FILES.includes(name) && name !== "manifest.json" && name !== JOURNAL,
    }).filter((name) => name !== JOURNAL);
    if (edited.length > 0) throw new OutputExistsError(out, words("refuse.recommendEdited", { names: someNames(edited, false) }));
    const known = readJournal(out, plan.identity);
    if (known === null) throw new OutputExistsError(join(out, JOURNAL), words("refuse.recommendJournal"));
    // Its records alone, written again: a line cut short by a kill must not run into the next one appended.
    writeFileAtomic(
      join(out, JOURNAL),
      journalText(
        plan.identity,
        [...known].map(([key, result]) => ({ key, result })),
      ),
    );
    return known;
  }
  if (found.verdict === "replace") {
    deleteOwnFiles(out, ["manifest.json"]);
    deleteOwnFiles(
      out,
      found.entries.filter((e) => e !== "manifest.json"),
    );
  }
  makeFolders(out);
  writeFileAtomic(join(out, PLAN), stableJson(plan));
  return new Map();
}

/** Checks a folder before any work, without changing it (the same rules as prepareRecommendFolder). */
export function checkRecommendFolder(out: string, loaded: LoadedRecommend, force: boolean): void {
  judgeFolder(out, recommendRules(planOf(loaded).identity), force);
}

/** The journal, appended a line per run as it finishes. */
export class Journal {
  private readonly fd: number;

  constructor(
    private readonly path: string,
    private readonly identity: string,
  ) {
    this.fd = io(path, () => openSync(path, "a"));
  }

  append(key: string, result: RecommendJobResult): void {
    io(this.path, () => writeSync(this.fd, `${JSON.stringify({ identity: this.identity, key, result })}\n`));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** runs.jsonl in the order the runs were planned (the journal's order depends on which worker finished first). */
export function journalText(identity: string, log: readonly { key: string; result: RecommendJobResult }[]): string {
  const seen = new Set<string>();
  return log
    .filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)))
    .map((e) => `${JSON.stringify({ identity, key: e.key, result: e.result })}\n`)
    .join("");
}
