import cliProgress from "cli-progress";
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
  const showBar = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: "recommend {bar} {value}/{total} runs (at most) | {safe} safe" },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    const known = prepareRecommendFolder(out, loaded, options.force === true);
    if (known.size > 0 && !options.quiet && !options.json) process.stderr.write(`pointsim: resuming ${displayPath(out)}: ${known.size} runs already made\n`);
    const journal = new Journal(join(out, JOURNAL), planOf(loaded).identity);
    let outcome: Awaited<ReturnType<typeof runRecommend>>;
    try {
      outcome = await runRecommend(loaded, {
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
    writeRecommendOutputs(out, loaded, outcome);
    const metrics = recommendMetrics(outcome);
    if (options.json) process.stdout.write(stableJson(recommendJson(loaded, outcome)));
    else if (!options.quiet) {
      const r = outcome.recommended;
      const v = r?.verification;
      const lines =
        r === null || !v
          ? [
              `${loaded.spec.name}: no setting proved safe and re-verified (${metrics.safe} of ${outcome.candidates.length} candidates passed the screening, ${outcome.front.length} re-verified); ${displayPath(out)}`,
            ]
          : [
              `${loaded.spec.name}: recommended after ${outcome.candidates.length} candidates, ${outcome.runs} runs; ${displayPath(out)} (recommended.yaml, front.csv, candidates.csv, recommend.json, report.html)`,
              ...loaded.spec.parameters.map((p, i) => `  ${p.key} = ${r.values[i]}`),
              `  ${loaded.spec.objective.metric}: mean ${Number(v.objective.mean.toPrecision(8))} on ${v.seeds} fresh seeds (${loaded.spec.confidence * 100}% interval ${Number(v.objective.low.toPrecision(8))} to ${Number(v.objective.high.toPrecision(8))})`,
              ...outcome.binding.map(
                (b, j) =>
                  `  ${b.label}: ${v.constraints[j]?.events} of ${v.seeds} fresh runs, P ≤ ${Number((b.upper as number).toPrecision(4))} (tolerance ${b.max})${b.excluded > 0 ? `; binds: ruled out ${b.excluded} better candidate${b.excluded === 1 ? "" : "s"}` : ""}`,
              ),
            ];
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    const results = checkGates(displayPath(out), metrics, { assertions: [], failIf: [NOTHING_SAFE, ...gates.failIf] });
    reportGates(results, options.junit, loaded.spec.name);
  } finally {
    if (started) bar?.stop();
    release();
    unlock();
  }
}
