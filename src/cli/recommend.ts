import cliProgress from "cli-progress";
import { tell } from "../i18n/tell.js";
import type { Lang } from "../i18n/lang.js";
import { commandLangs } from "../i18n/command-lang.js";
import { join } from "node:path";
import { checkFailIf, checkGates } from "../gates/gates.js";
import { loadRecommendFile } from "../recommend/spec.js";
import { recommendMetrics, runRecommend } from "../recommend/run.js";
import { Journal, JOURNAL, checkRecommendFolder, planOf, prepareRecommendFolder } from "../recommend/folder.js";
import { recommendJson, writeRecommendOutputs } from "../recommend/outputs.js";
import { stableJson } from "../report/outputs.js";
import { lockFolder } from "../report/write.js";
import { checkJunitFile, displayPath, reportGates } from "./commands.js";
import { catchInterrupts } from "./signals.js";
import { parseWorkers } from "./sweep.js";

export interface RecommendCliOptions {
  workers?: string;
  out?: string;
  force?: boolean;
  failIf?: string[];
  junit?: string;
  quiet?: boolean;
  json?: boolean;
  progress: boolean;
  lang?: Lang;
}

/** The figures --fail-if may read, with every key (for did-you-mean before the first run). */
const METRIC_SHAPE = {
  found: true,
  objective: 0,
  objectiveLow: 0,
  objectiveHigh: 0,
  risk: 0,
  safe: 0,
  unsafe: 0,
  undecided: 0,
  failed: 0,
  candidates: 0,
  front: 0,
  verified: 0,
  withinBounds: true,
  runs: 0,
};

/** The gate every recommendation carries: recommending nothing is a failure (exit 1). */
const NOTHING_SAFE = "found == false";

/** `pointsim recommend`: every check first (exit 2), then the search (resumable), then the folder's files, then the gates. */
export async function recommendAction(file: string, options: RecommendCliOptions): Promise<void> {
  const gates = checkFailIf(options.failIf ?? [], METRIC_SHAPE, "a recommend figure", "docs/gates.md");
  const workers = parseWorkers(options.workers);
  checkJunitFile(options.junit);
  const loaded = loadRecommendFile(file);
  const out = options.out ?? join("reports", loaded.spec.name);
  checkRecommendFolder(out, loaded, options.force === true);
  // Held from before the first run to the last file: another command writing into the folder meanwhile is refused (exit 75).
  const unlock = lockFolder(out);
  const { interrupted, release } = catchInterrupts();
  const langs = commandLangs(options.lang, loaded.baseData);
  const lang = langs.terminal;
  const showBar = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: tell(lang, "progress.recommend", { bar: "{bar}", value: "{value}", total: "{total}", safe: "{safe}" }) },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    const known = prepareRecommendFolder(out, loaded, options.force === true);
    if (known.size > 0 && !options.quiet && !options.json)
      process.stderr.write(`${tell(lang, "cmd.resuming", { out: displayPath(out), count: known.size })}\n`);
    const journal = new Journal(join(out, JOURNAL), planOf(loaded).identity);
    let outcome: Awaited<ReturnType<typeof runRecommend>>;
    try {
      outcome = await runRecommend(loaded, {
        lang: langs.files,
        workers,
        known,
        onRun: (key, result) => journal.append(key, result),
        shouldStop: interrupted,
        onProgress: (done, total, safe) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, done, { safe });
            started = true;
          } else {
            bar.setTotal(total);
            bar.update(done, { safe });
          }
        },
      });
    } finally {
      journal.close();
    }
    bar?.stop();
    started = false;
    writeRecommendOutputs(out, loaded, outcome, langs.files);
    const metrics = recommendMetrics(outcome);
    if (options.json) process.stdout.write(stableJson(recommendJson(loaded, outcome)));
    else if (!options.quiet) {
      const r = outcome.recommended;
      const v = r?.verification;
      const precise = (x: number) => Number(x.toPrecision(8));
      const lines =
        r === null || !v
          ? [
              tell(lang, "cmd.rec.none", {
                name: loaded.spec.name,
                safe: String(metrics.safe),
                candidates: outcome.candidates.length,
                front: outcome.front.length,
                out: displayPath(out),
              }),
            ]
          : [
              tell(lang, "cmd.rec.heading", { name: loaded.spec.name, candidates: outcome.candidates.length, runs: outcome.runs, out: displayPath(out) }),
              ...loaded.spec.parameters.map((p, i) => `  ${p.key} = ${r.values[i]}`),
              tell(lang, "cmd.rec.objective", {
                metric: loaded.spec.objective.metric,
                mean: precise(v.objective.mean),
                seeds: v.seeds,
                confidence: loaded.spec.confidence * 100,
                low: precise(v.objective.low),
                high: precise(v.objective.high),
              }),
              ...outcome.binding.map((b, j) =>
                tell(lang, "cmd.rec.constraint", {
                  label: b.label,
                  events: String(v.constraints[j]?.events),
                  seeds: v.seeds,
                  upper: Number((b.upper as number).toPrecision(4)),
                  max: b.max,
                  binds: b.excluded > 0 ? tell(lang, "cmd.rec.binds", { count: b.excluded, plural: b.excluded === 1 ? "" : "s" }) : "",
                }),
              ),
            ];
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    const results = checkGates(displayPath(out), metrics, { assertions: [], failIf: [NOTHING_SAFE, ...gates.failIf] });
    reportGates(results, options.junit, loaded.spec.name, { terminal: lang, files: langs.files });
  } finally {
    if (started) bar?.stop();
    release();
    unlock();
  }
}
