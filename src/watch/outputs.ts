import { words } from "../i18n/words.js";
import { basename } from "node:path";
import { stringify as csv } from "csv-stringify/sync";
import { sha256, stableJson } from "../report/outputs.js";
import { writeRunFolder } from "../report/write.js";
import { judgeFolder, manifestFolderRules } from "../report/ownership.js";
import { modelHash } from "../sweep/identity.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "../fit/spec.js";
import { ESS_FLOOR, watchMetrics, type WatchOutcome, type WatchSettings } from "./run.js";
import { watchReportHtml } from "./report.js";
import type { Lang } from "../i18n/lang.js";
import { tell } from "../i18n/tell.js";
import { manifestLang } from "../i18n/command-lang.js";

/** Files pointsim writes in a watch folder; --force replaces these and nothing else. */
const WATCH_FILES = ["watch.csv", "watch.json", "report.html", "manifest.json"];

/** A watch's folder under the ownership policy (src/report/ownership.ts), as a fit's: its record is its manifest's files. */
const WATCH_FOLDER = manifestFolderRules(words("noun.watch"), "pointsim-watch", WATCH_FILES);

/** Checks the watch folder before any run: absent or empty, or (with --force) a pointsim watch as it wrote it. */
export function checkWatchFolder(out: string, force: boolean): void {
  judgeFolder(out, WATCH_FOLDER, force);
}

/** watch.csv: one row per cut-off day. */
function watchCsv(outcome: WatchOutcome): string {
  const rows = outcome.steps.map((s) => [
    String(s.day),
    String(s.probability),
    String(s.low),
    String(s.high),
    String(s.ess),
    String(s.particles),
    String(s.pool),
    String(s.population),
    String(s.refreshes),
    s.reliable ? "yes" : "no",
    s.alarm === null ? "" : String(s.alarm),
  ]);
  return csv(rows, {
    header: true,
    columns: ["day", "probability", "low", "high", "ess", "particles", "pool", "population", "refreshes", "reliable", "alarm"],
    record_delimiter: "\n",
  });
}

/** watch.json: the settings, each day's probability, the alarms and their lead times. */
export function watchJson(loaded: LoadedFit, settings: WatchSettings, outcome: WatchOutcome, lang: Lang = "en"): Record<string, unknown> {
  return {
    name: loaded.spec.name,
    fit: basename(loaded.file),
    seed: loaded.spec.seed,
    seeds: loaded.spec.seeds,
    settings,
    method: tell("en", "file.watchMethod", { floor: ESS_FLOOR }),
    // A zh-CN watch adds the method in Chinese beside it; the English stays for scripts.
    ...(lang === "en" ? {} : { methodZh: tell(lang, "file.watchMethod", { floor: ESS_FLOOR }) }),
    metrics: watchMetrics(outcome),
    lastObserved: outcome.lastObserved,
    simulatedDays: outcome.simulatedDays,
    populations: outcome.populations,
    runs: outcome.runs,
    failedParticles: outcome.failedParticles,
    alarms: outcome.alarms,
    steps: outcome.steps,
  };
}

/** Writes the watch folder whole (staged, renamed into place), as a fit's. The caller holds the folder's lock. */
export async function writeWatchOutputs(
  out: string,
  loaded: LoadedFit,
  settings: WatchSettings,
  outcome: WatchOutcome,
  options: { force: boolean; interrupted?: () => boolean; lang?: Lang },
): Promise<void> {
  const lang = options.lang ?? "en";
  const files: [string, string][] = [
    ["watch.csv", watchCsv(outcome)],
    ["watch.json", stableJson(watchJson(loaded, settings, outcome, lang))],
    ["report.html", watchReportHtml(loaded, settings, outcome, lang)],
  ];
  const manifest = {
    tool: "pointsim-watch",
    pointsimVersion: VERSION,
    modelHash: modelHash(),
    fitFile: { name: basename(loaded.file), sha256: loaded.sha256 },
    baseFile: { name: loaded.spec.base, sha256: loaded.baseSha256 },
    observed: loaded.inputs,
    ...manifestLang(lang),
    files: Object.fromEntries(files.map(([name, content]) => [name, sha256(content)])),
  };
  const outputs = [...files, ["manifest.json", stableJson(manifest)] as [string, string]].map(([name, content]) => ({ name, content }));
  await writeRunFolder(out, outputs, { force: options.force, interrupted: options.interrupted, check: checkWatchFolder, lockHeld: true });
}
