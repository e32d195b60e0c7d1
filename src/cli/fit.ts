import cliProgress from "cli-progress";
import { tell } from "../i18n/tell.js";
import { join } from "node:path";
import { checkFailIf, checkGates, type GateResult, type Gates } from "../gates/gates.js";
import { loadFitFile } from "../fit/spec.js";
import { fitMetrics, runFit } from "../fit/run.js";
import { checkFitFolder, fitJson, writeFitOutputs } from "../fit/outputs.js";
import { stableJson } from "../report/outputs.js";
import { checkJunitFile, displayPath, reportGates } from "./commands.js";
import { catchInterrupts } from "./signals.js";
import { lockFolder } from "../report/write.js";
import { parseWorkers } from "./sweep.js";
import type { Lang } from "../i18n/lang.js";
import { commandLangs } from "../i18n/command-lang.js";
import { fitEdgeWarning, fitWarning, targetLabel } from "../fit/report.js";

export interface FitCliOptions {
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
const METRIC_SHAPE = { error: 0, maxTargetError: 0, unidentified: 0, atEdge: 0, candidates: 0, runs: 0, converged: true, collapsedShare: 0, collapseDay: 0 };

/**
 * The gates over a fit's figures. An error that is not finite (an overflow, every candidate
 * failed) is no fit at all: every gate fails, whatever it compares ("error < 1" and
 * "error > 0.1" alike), instead of Infinity or NaN passing one by the comparison's accident.
 */
export function fitGateResults(out: string, metrics: Record<string, unknown>, gates: Gates, error: number, lang: Lang = "en"): GateResult[] {
  const results = checkGates(out, metrics, gates);
  if (Number.isFinite(error)) return results;
  return results.map((r) => ({ ...r, passed: false, error: tell(lang, "cmd.fit.notFiniteGate") }));
}

/** `pointsim fit`: every check first (exit 2), then the fit, then the folder, then the gates. */
export async function fitAction(file: string, options: FitCliOptions): Promise<void> {
  const gates = checkFailIf(options.failIf ?? [], METRIC_SHAPE, "a fit figure", "docs/fit.md");
  const workers = parseWorkers(options.workers);
  checkJunitFile(options.junit);
  const loaded = loadFitFile(file);
  const out = options.out ?? join("reports", loaded.spec.name);
  checkFitFolder(out, options.force === true);
  // Held from before the first run to the last file: a second fit, run or sweep into the folder meanwhile is refused (exit 75).
  const unlock = lockFolder(out);
  try {
    checkFitFolder(out, options.force === true);
    await fitLocked(loaded, out, workers, gates, options);
  } finally {
    unlock();
  }
}

/** The fit itself, its folder and its gates, under the folder's lock. */
async function fitLocked(
  loaded: ReturnType<typeof loadFitFile>,
  out: string,
  workers: number | undefined,
  gates: { assertions: string[]; failIf: string[] },
  options: FitCliOptions,
): Promise<void> {
  const { interrupted, release } = catchInterrupts();
  const langs = commandLangs(options.lang, loaded.baseData);
  const lang = langs.terminal;
  const showBar = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: tell(lang, "progress.fit", { bar: "{bar}", value: "{value}", total: "{total}", best: "{best}" }) },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    const outcome = await runFit(loaded, {
      workers,
      shouldStop: interrupted,
      onProgress: (done, total, best) => {
        if (!bar) return;
        const shown = { best: Number.isFinite(best) ? best.toFixed(4) : "-" };
        if (!started) {
          bar.start(total, done, shown);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done, shown);
        }
      },
    });
    bar?.stop();
    started = false;
    await writeFitOutputs(out, loaded, outcome, { force: options.force === true, interrupted, lang: langs.files });
    const metrics = fitMetrics(outcome);
    // An error that is not finite (every candidate failed) is never a fit: said so, and every gate fails.
    const finite = Number.isFinite(outcome.best.error);
    if (options.json) process.stdout.write(stableJson(fitJson(loaded, outcome, langs.files)));
    else if (!options.quiet) {
      const p = outcome.projection;
      const percent2 = (v: number) => `${(v * 100).toFixed(2)}%`;
      const lines = [
        tell(lang, "cmd.fit.heading", {
          name: loaded.spec.name,
          error: finite ? outcome.best.error.toFixed(4) : tell(lang, "cmd.fit.notFinite"),
          candidates: outcome.candidates.length,
          stop: tell(lang, outcome.stop === "converged" ? "cmd.fit.converged" : "cmd.fit.stoppedAtMax"),
          out: displayPath(out),
        }),
        ...outcome.parameters.flatMap((q) => [
          `${tell(lang, "cmd.fit.parameter", { key: q.key, value: q.value, low: q.interval.low, high: q.interval.high })}${q.warning ? `  ! ${fitWarning(q, lang)}` : ""}`,
          ...(q.edgeWarning ? [`    ! ${fitEdgeWarning(q, lang)}`] : []),
        ]),
        ...(outcome.best.goals ?? []).map((g) =>
          g.kind === "metric"
            ? tell(lang, "cmd.fit.metricTarget", { label: g.label, observed: g.observed, fitted: Number(g.simulated.toPrecision(8)), error: percent2(g.error) })
            : tell(lang, "cmd.fit.seriesTarget", { label: targetLabel(g, lang), days: g.observed, error: percent2(g.error) }),
        ),
        ...(p === null
          ? []
          : [
              tell(lang, "cmd.fit.projection", {
                days: p.days,
                runs: p.seeds,
                outcome:
                  p.collapsedShare === 0
                    ? tell(lang, "cmd.fit.noCollapse")
                    : tell(lang, "cmd.fit.collapse", {
                        share: `${(p.collapsedShare * 100).toFixed(0)}%`,
                        median: String(p.collapseDay?.p50),
                        low: String(p.collapseDay?.p5),
                        high: String(p.collapseDay?.p95),
                      }),
              }),
            ]),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    }
    reportGates(fitGateResults(displayPath(out), metrics, gates, outcome.best.error, lang), options.junit, loaded.spec.name, {
      terminal: lang,
      files: langs.files,
    });
  } finally {
    if (started) bar?.stop();
    release();
  }
}
