import cliProgress from "cli-progress";
import { tell } from "../i18n/tell.js";
import type { Lang } from "../i18n/lang.js";
import { commandLangs } from "../i18n/command-lang.js";
import { say } from "../i18n/messages.js";
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
  lang?: Lang;
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
  const langs = commandLangs(options.lang, loaded.baseData);
  const lang = langs.terminal;
  const showBar = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: tell(lang, "progress.watch", { bar: "{bar}", value: "{value}", total: "{total}" }) },
        cliProgress.Presets.shades_classic,
      )
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
    await writeWatchOutputs(out, loaded, settings, outcome, { force: options.force === true, interrupted, lang: langs.files });
    if (options.json) process.stdout.write(stableJson(watchJson(loaded, settings, outcome, langs.files)));
    else if (!options.quiet) {
      const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
      const lines = [
        tell(lang, "cmd.watch.heading", {
          name: loaded.spec.name,
          horizon: settings.horizon,
          every: settings.every,
          last: outcome.lastObserved,
          particles: settings.particles,
          populations: outcome.populations,
          plural: outcome.populations === 1 ? "" : "s",
          runs: outcome.runs,
          out: displayPath(out),
        }),
        ...outcome.steps.map(
          (s) =>
            `${tell(lang, "cmd.watch.step", { day: s.day, p: pct(s.probability), low: pct(s.low), high: pct(s.high), ess: s.ess.toFixed(1), pool: s.pool })}${s.reliable ? "" : tell(lang, "cmd.watch.unreliable", { floor: ESS_FLOOR })}${s.refreshes > 0 ? tell(lang, "cmd.watch.refreshed", { count: s.refreshes, plural: s.refreshes === 1 ? "" : "s" }) : ""}${s.alarm === null ? "" : tell(lang, "cmd.watch.alarmRaised", { level: s.alarm })}`,
        ),
        ...outcome.alarms.map((a) =>
          tell(lang, "cmd.watch.alarm", {
            level: a.level,
            when: `${a.day === null ? tell(lang, "cmd.watch.never") : tell(lang, "cmd.watch.day", { day: a.day })}${a.leadTime === null ? "" : tell(lang, "cmd.watch.lead", { lead: a.leadTime, failure: String(settings.failureDay) })}`,
          }),
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      const weak = outcome.steps.filter((s) => !s.reliable).map((s) => s.day);
      if (weak.length > 0)
        process.stderr.write(
          `${tell(lang, "cmd.watch.weak", { floor: ESS_FLOOR, plural: weak.length === 1 ? "" : "s", days: weak.join(say(lang, "list.comma")), rounds: settings.rounds })}\n`,
        );
    }
    reportGates(checkGates(displayPath(out), watchMetrics(outcome), { assertions: [], failIf: options.failIf ?? [] }), options.junit, loaded.spec.name, {
      terminal: lang,
      files: langs.files,
    });
  } finally {
    if (started) bar?.stop();
    release();
    unlock();
  }
}
