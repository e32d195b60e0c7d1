import cliProgress from "cli-progress";
import { join } from "node:path";
import { checkGates, gateSyntaxProblems, unknownMetricProblems } from "../gates/gates.js";
import { printable } from "../gates/expression.js";
import { loadFitFile } from "../fit/spec.js";
import { stableJson } from "../report/outputs.js";
import { lockFolder } from "../report/write.js";
import { ESS_FLOOR, dailyGoals, runWatch, watchMetrics, type WatchSettings } from "../watch/run.js";
import { checkWatchFolder, watchJson, writeWatchOutputs } from "../watch/outputs.js";
import { checkJunitFile, displayPath, reportGates } from "./commands.js";
import { catchInterrupts } from "./signals.js";
import { parseWorkers } from "./sweep.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { verbatim, words } from "../i18n/words.js";

export interface WatchCliOptions {
  every?: string;
  horizon?: string;
  particles?: string;
  alarm?: string[];
  minEss?: string;
  rounds?: string;
  failureDay?: string;
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
const METRIC_SHAPE = { alarmDay: 0, leadTime: 0, probability: 0, minEss: 0, unreliable: 0, populations: 0, runs: 0 };

/** Defaults (docs/decide.md, "Early warning"). */
const DEFAULTS = { every: 7, horizon: 365, particlesPerParameter: 100, alarms: [0.5, 0.9], minEss: 0.25, rounds: 8 };

function wholeNumber(problems: ScenarioProblem[], option: string, text: string | undefined, from: number, to: number): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d{1,9}$/.test(text) && Number(text) >= from && Number(text) <= to) return Number(text);
  problems.push(problem(option, words("expected.wholeNumberFromTo", { from, to }), verbatim(JSON.stringify(text.slice(0, 60)))));
  return undefined;
}

function share(problems: ScenarioProblem[], option: string, text: string, strict: boolean): number | undefined {
  const value = /^(0|1|0?\.\d{1,12}|1\.0*)$/.test(text) ? Number(text) : Number.NaN;
  if (value >= 0 && value <= 1 && (!strict || value > 0)) return value;
  problems.push(problem(option, strict ? words("expected.probability") : words("expected.share"), verbatim(JSON.stringify(text.slice(0, 60)))));
  return undefined;
}

/** Every option's problem at once (exit 2), before anything is read or run. */
function parseSettings(options: WatchCliOptions): Omit<WatchSettings, "particles"> & { particles: number | undefined } {
  const problems: ScenarioProblem[] = [];
  const every = wholeNumber(problems, "--every", options.every, 1, 100_000) ?? DEFAULTS.every;
  const horizon = wholeNumber(problems, "--horizon", options.horizon, 1, 36_500) ?? DEFAULTS.horizon;
  const particles = wholeNumber(problems, "--particles", options.particles, 4, 100_000);
  const rounds = wholeNumber(problems, "--rounds", options.rounds, 0, 1000) ?? DEFAULTS.rounds;
  const failureDay = wholeNumber(problems, "--failure-day", options.failureDay, 1, 1_000_000) ?? null;
  const minEss = options.minEss === undefined ? DEFAULTS.minEss : (share(problems, "--min-ess", options.minEss, false) ?? DEFAULTS.minEss);
  const given = options.alarm ?? [];
  const alarms = given.length === 0 ? DEFAULTS.alarms : given.map((a) => share(problems, "--alarm", a, true) ?? 0);
  const gates = { assertions: [], failIf: options.failIf ?? [] };
  for (const p of gateSyntaxProblems(gates)) problems.push(problem("--fail-if", words("expected.validExpressionIn", { doc: "docs/decide.md" }), p.message));
  for (const p of unknownMetricProblems(gates, METRIC_SHAPE))
    problems.push(
      problem(
        "--fail-if",
        words("expected.watchFigure", { known: Object.keys(METRIC_SHAPE).join(", ") }),
        words("found.inExpression", { reason: p.message, expression: printable(p.expression) }),
      ),
    );
  try {
    parseWorkers(options.workers);
  } catch (error) {
    problems.push(...((error as ScenarioError).problems ?? []));
  }
  if (problems.length > 0) throw new ScenarioError("pointsim watch", problems);
  return { every, horizon, particles, alarms: [...new Set(alarms)].sort((a, b) => a - b), minEss, rounds, failureDay };
}

/** `pointsim watch`: every check first (exit 2), then the particles' runs, then the folder, then the gates. */
export async function watchAction(file: string, options: WatchCliOptions): Promise<void> {
  const parsed = parseSettings(options);
  const workers = parseWorkers(options.workers);
  checkJunitFile(options.junit);
  const loaded = loadFitFile(file);
  if (dailyGoals(loaded).length === 0) throw new ScenarioError(file, [problem("targets", words("expected.watchSeries"), words("found.totalsOnly"))]);
  const settings: WatchSettings = { ...parsed, particles: parsed.particles ?? DEFAULTS.particlesPerParameter * loaded.spec.parameters.length };
  const out = options.out ?? join("reports", `${loaded.spec.name}-watch`);
  checkWatchFolder(out, options.force === true);
  const unlock = lockFolder(out);
  const { interrupted, release } = catchInterrupts();
  const showBar = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar({ stream: process.stderr, format: "watch {bar} {value}/{total} runs" }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  try {
    checkWatchFolder(out, options.force === true);
    const outcome = await runWatch(loaded, settings, {
      workers,
      shouldStop: interrupted,
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
    });
    bar?.stop();
    started = false;
    await writeWatchOutputs(out, loaded, settings, outcome, { force: options.force === true, interrupted });
    if (options.json) process.stdout.write(stableJson(watchJson(loaded, settings, outcome)));
    else if (!options.quiet) {
      const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
      const lines = [
        `${loaded.spec.name}: P(collapse within ${settings.horizon} days) every ${settings.every} days to day ${outcome.lastObserved}, ${settings.particles} particles, ${outcome.populations} population${outcome.populations === 1 ? "" : "s"}, ${outcome.runs} runs; ${displayPath(out)} (watch.csv, watch.json, report.html)`,
        ...outcome.steps.map(
          (s) =>
            `  day ${s.day}: ${pct(s.probability)} (90% ${pct(s.low)} to ${pct(s.high)}), effective particles ${s.ess.toFixed(1)} of ${s.pool}${s.reliable ? "" : ` (under ${ESS_FLOOR}: a few particles' verdict, not a reliable probability)`}${s.refreshes > 0 ? `, after ${s.refreshes} refresh round${s.refreshes === 1 ? "" : "s"}` : ""}${s.alarm === null ? "" : `  ALARM ${s.alarm}`}`,
        ),
        ...outcome.alarms.map(
          (a) =>
            `  alarm ${a.level}: ${a.day === null ? "never reached" : `day ${a.day}`}${a.leadTime === null ? "" : `, ${a.leadTime} days before the failure on day ${settings.failureDay}`}`,
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      const weak = outcome.steps.filter((s) => !s.reliable).map((s) => s.day);
      if (weak.length > 0)
        process.stderr.write(
          `warning: fewer than ${ESS_FLOOR} effective particles on day${weak.length === 1 ? "" : "s"} ${weak.join(", ")} after up to ${settings.rounds} refresh rounds: P there rests on a few particles; raise --particles or --rounds (docs/decide.md, "Early warning")\n`,
        );
    }
    reportGates(checkGates(displayPath(out), watchMetrics(outcome), { assertions: [], failIf: options.failIf ?? [] }), options.junit, loaded.spec.name);
  } finally {
    if (started) bar?.stop();
    release();
    unlock();
  }
}
