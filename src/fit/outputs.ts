import { words } from "../i18n/words.js";
import { basename } from "node:path";
import { stringify as csv } from "csv-stringify/sync";
import { sha256, stableJson } from "../report/outputs.js";
import { writeRunFolder } from "../report/write.js";
import { judgeFolder, manifestFolderRules } from "../report/ownership.js";
import { modelHash } from "../sweep/identity.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "./spec.js";
import { INTERVAL, fitMetrics, type FitOutcome } from "./run.js";
import { fitEdgeWarning, fitReportHtml, fitWarning } from "./report.js";
import { fittedYaml } from "./fitted-yaml.js";
import type { Lang } from "../i18n/lang.js";
import { tell } from "../i18n/tell.js";
import { manifestLang } from "../i18n/command-lang.js";

/** Files pointsim writes in a fit folder; --force replaces these and nothing else. */
const FIT_FILES = ["fit.json", "fit.csv", "fitted.yaml", "report.html", "manifest.json"];

/** A fit's folder under the ownership policy (src/report/ownership.ts): its record is its manifest's files. */
const FIT_FOLDER = manifestFolderRules(words("noun.fit"), "pointsim-fit", FIT_FILES);

/**
 * Checks the fit folder before any run: absent or empty, or (with --force) a folder holding a
 * pointsim fit, as it wrote it, and nothing else. Anything else is refused; nothing is deleted here.
 */
export function checkFitFolder(out: string, force: boolean): void {
  judgeFolder(out, FIT_FOLDER, force);
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "" : String(v));

/**
 * fit.csv: every candidate in the order it ran, with its error and each target's simulated
 * figure; a zh-CN fit adds failureZh last (why its runs failed, in Chinese), so that a script's
 * columns keep their places.
 */
function fitCsv(loaded: LoadedFit, outcome: FitOutcome, lang: Lang): string {
  const zh = lang === "zh-CN";
  const keys = loaded.spec.parameters.map((p) => p.key);
  const labels = loaded.goals.map((g) => g.label);
  const rows = outcome.candidates.map((c) => [
    String(c.index),
    c.stage,
    ...c.values.map(num),
    num(c.error),
    ...labels.map((_, i) => num(c.goals?.[i]?.simulated)),
    c.failure ?? "",
    ...(zh ? [c.failureZh ?? c.failure ?? ""] : []),
  ]);
  return csv(rows, {
    header: true,
    columns: ["candidate", "stage", ...keys, "error", ...labels.map((l) => `simulated:${l}`), "failure", ...(zh ? ["failureZh"] : [])],
    record_delimiter: "\n",
  });
}

/** A parameter's warnings in Chinese, only those it has. */
function warningsZh(p: FitOutcome["parameters"][number]): { warningZh?: string; edgeWarningZh?: string } {
  const warning = fitWarning(p, "zh-CN");
  const edge = fitEdgeWarning(p, "zh-CN");
  return { ...(warning === null ? {} : { warningZh: warning }), ...(edge === null ? {} : { edgeWarningZh: edge }) };
}

/** fit.json: what was fitted, how well, and how sure. */
export function fitJson(loaded: LoadedFit, outcome: FitOutcome, lang: Lang = "en"): Record<string, unknown> {
  const best = outcome.best;
  return {
    name: loaded.spec.name,
    base: loaded.spec.base,
    seed: loaded.spec.seed,
    seeds: outcome.seeds,
    metrics: fitMetrics(outcome),
    stop: outcome.stop,
    bestCandidate: best.index,
    restarts: outcome.restarts,
    // A zh-CN fit adds each warning in Chinese beside the English (warningZh, edgeWarningZh).
    parameters: lang === "en" ? outcome.parameters : outcome.parameters.map((p) => ({ ...p, ...warningsZh(p) })),
    uncertainty: {
      method: tell("en", "file.fitMethod"),
      // A zh-CN fit adds the method in Chinese beside it; the English stays for scripts (as summary.json's verdictZh).
      ...(lang === "en" ? {} : { methodZh: tell(lang, "file.fitMethod") }),
      interval: INTERVAL,
      targets: Object.fromEntries(loaded.goals.map((g, t) => [g.label, outcome.uncertainty.noise[t] ?? null])),
      draws: outcome.uncertainty.draws.length,
      effectiveDraws: outcome.uncertainty.effectiveDraws,
    },
    targets: (best.goals ?? []).map((g) => ({ label: g.label, kind: g.kind, observed: g.observed, fitted: g.simulated, error: g.error, weight: g.weight })),
    projection:
      outcome.projection === null
        ? null
        : {
            seeds: outcome.projection.seeds,
            days: outcome.projection.days,
            collapsedShare: outcome.projection.collapsedShare,
            collapseDay: outcome.projection.collapseDay,
            collapseDays: outcome.projection.collapseDays,
            runs: outcome.projection.runs,
            failed: outcome.projection.failed,
          },
  };
}

/**
 * Writes the fit folder as a run's is written (writeRunFolder): into a hidden staging folder
 * renamed into place whole, so a full disk or Ctrl-C leaves the folder complete or absent (and
 * an earlier fit, with --force, as it was). The caller holds the folder's lock.
 */
export async function writeFitOutputs(
  out: string,
  loaded: LoadedFit,
  outcome: FitOutcome,
  options: { force: boolean; interrupted?: () => boolean; lang?: Lang },
): Promise<string[]> {
  const lang = options.lang ?? "en";
  const files: [string, string][] = [
    ["fitted.yaml", fittedYaml(loaded, outcome, lang)],
    ["fit.csv", fitCsv(loaded, outcome, lang)],
    ["fit.json", stableJson(fitJson(loaded, outcome, lang))],
    ["report.html", fitReportHtml(loaded, outcome, lang)],
  ];
  const manifest = {
    tool: "pointsim-fit",
    pointsimVersion: VERSION,
    modelHash: modelHash(),
    fitFile: { name: basename(loaded.file), sha256: loaded.sha256 },
    baseFile: { name: loaded.spec.base, sha256: loaded.baseSha256 },
    observed: loaded.inputs,
    ...manifestLang(lang),
    files: Object.fromEntries(files.map(([name, content]) => [name, sha256(content)])),
  };
  const outputs = [...files, ["manifest.json", stableJson(manifest)] as [string, string]].map(([name, content]) => ({ name, content }));
  await writeRunFolder(out, outputs, { force: options.force, interrupted: options.interrupted, check: checkFitFolder, lockHeld: true });
  return [...files.map(([name]) => name), "manifest.json"];
}
