import { Command, CommanderError, Help, Option, type HelpConfiguration } from "commander";
import { EXIT, PointsimError, ScenarioError } from "../errors.js";
import { ioCauseWords } from "../report/io-cause.js";
import { type Words, words } from "../i18n/words.js";
import { VERSION } from "../version.js";
import { terminalLang, type Lang } from "../i18n/lang.js";
import { helpText } from "../i18n/help.js";
import { commanderErrorText } from "./commander-errors.js";
import type { RunOptions } from "./commands.js";
import type { SweepCliOptions } from "./sweep.js";
import type { FitCliOptions } from "./fit.js";
import type { RecommendCliOptions } from "./recommend.js";
import type { DiscoverCliOptions } from "./discover.js";
import type { WatchCliOptions } from "./watch.js";

export { EXIT } from "../errors.js";

/** The commands' module, loaded on first use (see src/cli/commands.ts). */
const commands = () => import("./commands.js");

/**
 * --lang on every command: the language of what it writes for a person (a run's files, recorded in
 * its resolved scenario) and of what it prints. Without it the terminal follows LANG / LC_ALL
 * (src/i18n/lang.ts), which never changes a file.
 */
const langOption = (h: (en: string) => string) =>
  new Option("--lang <lang>", h("language of the files and of the terminal: en or zh-CN (简体中文)")).choices(["en", "zh-CN"]);

/** commander's own words (section titles, defaults, choices) in the help's language. */
function helpLayout(lang: Lang): HelpConfiguration {
  if (lang === "en") return {};
  const titles: Record<string, string> = {
    "Usage:": "用法：",
    "Arguments:": "参数：",
    "Options:": "选项：",
    "Commands:": "命令：",
    "Global Options:": "全局选项：",
  };
  const words = (text: string) =>
    text
      // A repeatable option's empty list says nothing a reader needs beside "（可重复）".
      .replace(/ ?\(default: \[\]\)/g, "")
      // Full-width brackets carry their own spacing: commander's space before them goes.
      .replace(/ ?\(default: /g, "（默认：")
      .replace(/ ?\(choices: /g, "（可选：")
      .replace(/, (?=default: )/g, "，")
      .replace(/\)$/, "）");
  return {
    styleTitle: (title) => titles[title] ?? title,
    // commander puts a space after the title; a full-width colon carries its own.
    formatHelp: (command, helper) => Help.prototype.formatHelp.call(helper, command, helper).replace(/^用法： /, "用法："),
    optionDescription: (option) => words(Help.prototype.optionDescription.call(new Help(), option)),
    argumentDescription: (argument) => words(Help.prototype.argumentDescription.call(new Help(), argument)),
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(lang: Lang = "en"): Command {
  const h = helpText(lang);
  const program = new Command();
  program
    .name("pointsim")
    .description(h("Stress-test points-economy business models day by day, exact to the fen."))
    .version(VERSION, "-V, --version", h("output the version number"))
    .helpOption("-h, --help", h("display help for command"))
    .helpCommand("help [command]", h("display help for command"))
    .configureHelp(helpLayout(lang))
    .showHelpAfterError()
    // commander's own errors in the help's language; inherited by every command defined below.
    .configureOutput({ outputError: (text, write) => write(commanderErrorText(text, lang)) })
    .exitOverride();
  program
    .command("run")
    .summary(h("run a scenario and write its folder (timeseries, summary, outcomes, report, manifest)"))
    .description(
      h(
        "run a scenario and write its folder: timeseries.csv (one row a day), summary.json (the verdict, collapse, who loses), outcomes.csv (by join cohort), report.html (charts, offline), scenario.resolved.json, manifest.json (versions and sha256 of every file; verify re-runs it), and with --journal journal.csv",
      ),
    )
    .argument("<file>", h("scenario file (YAML or JSON)"))
    .option("--seed <seed>", h("override the scenario's seed"))
    .option("--out <dir>", h("output folder (default: reports/<name>-seed<seed>, or a fresh name if taken)"))
    .option("--force", h("replace --out if it already holds a run"))
    .option("--journal", h("also write journal.csv: every day's money movements by (from, to, reason), in fen"))
    .option("--excel", h("start every CSV with a UTF-8 byte-order mark, so Excel and WPS read Chinese text (recorded; verify redoes it)"))
    .option("-q, --quiet", h("print nothing on success"))
    .option("--json", h("print summary.json to stdout instead of the summary"))
    .option("--fail-if <expr>", h("exit 1 if this expression over summary metrics is true (repeatable)"), collect, [])
    .option("--junit <file>", h("write the gates' results as JUnit XML"))
    .option("--threads <n>", h("threads that share the per-user phases (default: the machine's cores); the outputs are the same for any number"))
    .addOption(new Option("--no-progress", h("never show a progress bar")))
    .addOption(langOption(h))
    .action(async (file: string, options: RunOptions) => (await commands()).runCommand(file, options));
  program
    .command("validate")
    .description(h("check a scenario file without running it; lists every problem"))
    .argument("<file>", h("scenario file (YAML or JSON)"))
    .option("-q, --quiet", h("print nothing when valid"))
    .addOption(langOption(h))
    .action(async (file: string, options: { quiet?: boolean; lang?: Lang }) => (await import("./validate.js")).validateCommand(file, options));
  program
    .command("verify")
    .description(h("re-run a run folder's recorded scenario and seed, and check every output is byte-identical (exit 1 if not)"))
    .argument("<dir>", h("a run folder holding manifest.json"))
    .option("--scenario <file>", h("also check that this scenario file is the one the run was made from (its sha256 and resolved content)"))
    .option("-q, --quiet", h("print only differences and warnings"))
    .addOption(langOption(h))
    .action(async (dir: string, options: { quiet?: boolean; scenario?: string; lang?: Lang }) => (await commands()).verifyCommand(dir, options));
  program
    .command("sweep")
    .description(h("run a base scenario over varied parameters and Monte Carlo seeds, on all cores; resumable and shardable"))
    .argument("<file>", h("sweep file (YAML or JSON): base scenario, parameters, seeds, assertions"))
    .option("--workers <n>", h("worker threads (default: the machine's cores)"))
    .option("--shard <k/n>", h("run only the k-th of n deterministic slices of the runs"))
    .option("--out <dir>", h("sweep folder (default: reports/<name>); running again on it resumes"))
    .option("--method <method>", h("grid, random, lhs, oat, morris or sobol (overrides the file)"))
    .option("--keep-series", h("also keep each run's timeseries.csv under series/"))
    .option("--force", h("reuse a folder that holds a different sweep"))
    .option("--fail-if <expr>", h("exit 1 if this expression is true for any run (repeatable)"), collect, [])
    .option("--junit <file>", h("write every gate of every run as JUnit XML"))
    .option("-q, --quiet", h("print nothing but failures"))
    .addOption(new Option("--no-progress", h("never show a progress bar")))
    .addOption(langOption(h))
    .action(async (file: string, options: SweepCliOptions & { junit?: string }) => (await commands()).sweepAction(file, options));
  program
    .command("fit")
    .description(
      h(
        "fit a scenario's unknown parameters to observed figures and daily series; writes the fitted scenario, fit.csv of every candidate and a report with the projection",
      ),
    )
    .argument("<file>", h("fit file (YAML or JSON): base scenario, parameters with ranges, targets"))
    .option("--workers <n>", h("worker threads (default: the machine's cores)"))
    .option("--out <dir>", h("fit folder (default: reports/<name>)"))
    .option("--force", h("replace --out if it holds an earlier fit"))
    .option("--fail-if <expr>", h('exit 1 if this expression over the fit\'s figures is true, e.g. "error > 0.1" (repeatable)'), collect, [])
    .option("--junit <file>", h("write the gates' results as JUnit XML"))
    .option("--json", h("print fit.json to stdout"))
    .option("-q, --quiet", h("print nothing on success"))
    .addOption(new Option("--no-progress", h("never show a progress bar")))
    .addOption(langOption(h))
    .action(async (file: string, options: FitCliOptions) => (await import("./fit.js")).fitAction(file, options));
  program
    .command("recommend")
    .summary(h("choose settings proved safe over seeds and best on an objective; the front re-verified on fresh seeds (docs/decide.md)"))
    .description(
      h(
        "choose settings that keep each constraint's chance within its tolerance, proved with exact bounds over seeds, best on an objective; writes recommended.yaml, the front of objective against risk re-verified on fresh seeds, candidates.csv and a report; resumable",
      ),
    )
    .argument("<file>", h("recommend file (YAML or JSON): base scenario, parameters with ranges, constraints, objective"))
    .option("--workers <n>", h("worker threads (default: the machine's cores)"))
    .option("--out <dir>", h("recommend folder (default: reports/<name>); running again on it resumes"))
    .option("--force", h("replace --out if it holds a different recommendation"))
    .option("--fail-if <expr>", h('exit 1 if this expression over the recommendation\'s figures is true, e.g. "objective < 0" (repeatable)'), collect, [])
    .option("--junit <file>", h("write the gates' results as JUnit XML"))
    .option("--json", h("print recommend.json to stdout"))
    .option("-q, --quiet", h("print nothing on success"))
    .addOption(new Option("--no-progress", h("never show a progress bar")))
    .addOption(langOption(h))
    .action(async (file: string, options: RecommendCliOptions) => (await import("./recommend.js")).recommendAction(file, options));
  program
    .command("discover")
    .description(h("scenario discovery on a sweep: where in parameter space a condition holds, as PRIM boxes and a CART tree written as rules"))
    .argument("<dir>", h("a sweep folder (runs.csv, manifest.json)"))
    .requiredOption("--where <expr>", h('the condition a run is a case of interest for, over runs.csv\'s columns, e.g. "collapseDay <= 365"'))
    .option("--out <dir>", h("discovery folder (default: the sweep folder's name + -discover, beside it)"))
    .option("--force", h("replace --out if it holds an earlier discovery"))
    .option("--alpha <share>", h("share of the box peeled at each step (default 0.05)"))
    .option("--min-mass <share>", h("smallest share of the runs a box may hold (default 0.05)"))
    .option("--min-coverage <share>", h("choose among peeling steps with at least this coverage (default 0.5)"))
    .option("--min-density <share>", h("choose the step of highest coverage with at least this density"))
    .option("--paste", h("widen the chosen box again where that raises its density"))
    .option("--max-p <p>", h("drop a restriction whose quasi-p-value is above this (default 0.05)"))
    .option("--boxes <n>", h("most boxes found by covering (default 2)"))
    .option("--bootstrap <n>", h("resamples for the 90% intervals on the thresholds (default 200; 0: none)"))
    .option("--seed <seed>", h("seed of the resamples (default: the sweep's)"))
    .option("--depth <n>", h("the tree's depth (default 3)"))
    .option("--min-leaf <n>", h("fewest runs in a tree leaf (default 5)"))
    .option("-q, --quiet", h("print nothing on success"))
    .addOption(langOption(h))
    .action(async (dir: string, options: DiscoverCliOptions) => (await import("./discover.js")).discoverAction(dir, options));
  program
    .command("watch")
    .description(
      h(
        "early warning: at every --every days of a fit's observed series, the probability of collapse within --horizon days from the days so far, its interval and the alarm's lead time; writes watch.csv, watch.json and a report",
      ),
    )
    .argument("<file>", h("fit file (YAML or JSON) with an observed series target"))
    .option("--every <days>", h("days between cut-offs (default 7)"))
    .option("--horizon <days>", h("collapse within this many days of each cut-off (default 365)"))
    .option("--particles <n>", h("parameter draws (default 100 per fitted parameter)"))
    .option("--alarm <p>", h("alarm level, a probability (repeatable; default 0.5 and 0.9)"), collect, [])
    .option("--min-ess <share>", h("refresh the particles when their effective size falls below this share (default 0.25)"))
    .option("--rounds <n>", h("most refresh rounds at one cut-off day, each of --particles new particles (default 8)"))
    .option("--failure-day <day>", h("the day the platform is known to have failed: lead times are counted to it"))
    .option("--workers <n>", h("worker threads (default: the machine's cores)"))
    .option("--out <dir>", h("watch folder (default: reports/<name>-watch)"))
    .option("--force", h("replace --out if it holds an earlier watch"))
    .option("--fail-if <expr>", h('exit 1 if this expression over the watch\'s figures is true, e.g. "alarmDay > 60" (repeatable)'), collect, [])
    .option("--junit <file>", h("write the gates' results as JUnit XML"))
    .option("--json", h("print watch.json to stdout"))
    .option("-q, --quiet", h("print nothing on success"))
    .addOption(new Option("--no-progress", h("never show a progress bar")))
    .addOption(langOption(h))
    .action(async (file: string, options: WatchCliOptions) => (await import("./watch.js")).watchAction(file, options));
  program
    .command("merge")
    .description(h("combine shard folders of one sweep into the files a whole sweep writes"))
    .argument("<dirs...>", h("shard folders"))
    .requiredOption("--out <dir>", h("where to write the merged sweep (required)"))
    .option("--fail-if <expr>", h("exit 1 if this expression is true for any run (repeatable)"), collect, [])
    .option("--junit <file>", h("write every gate of every run as JUnit XML"))
    .addOption(langOption(h))
    .action(async (dirs: string[], options: { out: string; failIf?: string[]; junit?: string; lang?: Lang }) => (await commands()).mergeAction(dirs, options));
  program
    .command("explain")
    .description(h("before any run: what one order of each product promises (yuan, days) against what the platform earns from it"))
    .argument("<file>", h("scenario file (YAML or JSON)"))
    .option("--json", h("print the explanation as JSON (amounts in fen)"))
    .addOption(langOption(h))
    .action(async (file: string, options: { json?: boolean; lang?: Lang }) => (await commands()).explainAction(file, options));
  program
    .command("compare")
    .description(h("two runs side by side: their scenarios' differences and key indicators"))
    .argument("<dirA>", h("a run folder"))
    .argument("<dirB>", h("another run folder"))
    .option("--json", h("print the comparison as JSON"))
    .addOption(langOption(h))
    .action(async (dirA: string, dirB: string, options: { json?: boolean; lang?: Lang }) => (await commands()).compareAction(dirA, dirB, options));
  program
    .command("init")
    .description(h("write a commented starter scenario to edit"))
    .argument("[file]", h("where to write it"), "pointsim-scenario.yaml")
    .option("--force", h("overwrite the file if it exists"))
    .addOption(langOption(h))
    .action(async (file: string, options: { force?: boolean; lang?: Lang }) => (await commands()).initAction(file, options));
  return program;
}

/** Runs the CLI; never lets a stack trace reach the user. */
export async function main(argv: string[]): Promise<void> {
  toleratePipesClosedEarly();
  const program = buildProgram(langOfArgs(argv));
  try {
    process.exitCode = EXIT.ok;
    if (argv.length <= 2) {
      // No command: the help, and exit 2 so a script that forgot its command fails.
      process.stderr.write(program.helpInformation());
      process.exitCode = EXIT.badInput;
      return;
    }
    // An unknown command is refused (exit 2, with commander's did-you-mean) even when --help
    // follows it: commander would print the main help and exit 0, and a script would go on.
    const name = argv[2] ?? "";
    const known = name.startsWith("-") || name === "help" || program.commands.some((c) => c.name() === name || c.aliases().includes(name));
    await program.parseAsync(known ? argv : argv.slice(0, 3));
  } catch (error) {
    process.exitCode = handle(error, errorLang(argv, error));
  }
}

/** The language --lang gives on the command line, when it gives a known one. */
function explicitLang(argv: readonly string[]): Lang | undefined {
  const at = argv.indexOf("--lang");
  const given = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith("--lang="))?.slice("--lang=".length);
  return given === "en" || given === "zh-CN" ? given : undefined;
}

/** The terminal's language for the help: --lang when the command line gives a known one, else LANG / LC_ALL. */
function langOfArgs(argv: readonly string[]): Lang {
  return terminalLang(explicitLang(argv));
}

/**
 * The terminal's language for an error: --lang; else the language the input states (a scenario's
 * `lang:`, when it was read far enough to say it); else LANG / LC_ALL (docs/architecture.md).
 */
function errorLang(argv: readonly string[], error: unknown): Lang {
  return terminalLang(explicitLang(argv), process.env, error instanceof ScenarioError ? (error.inputLang ?? "en") : "en");
}

/**
 * Maps an error to its exit code and message, in one place: an expected failure carries both
 * (src/errors.ts); a file-system error that escaped a module's own wording is exit 74; anything
 * else is an internal error, reported without a stack trace.
 */
function handle(error: unknown, lang: Lang): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof PointsimError) {
    process.stderr.write(error.report(lang));
    return error.exitCode;
  }
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown };
  const say = (text: Words) => process.stderr.write(lang === "zh-CN" ? `pointsim：${text.zh}\n` : `pointsim: ${text.en}\n`);
  if (typeof e?.code === "string" && typeof e.syscall === "string") {
    say(words("error.cannotSyscall", { syscall: e.syscall, path: typeof e.path === "string" ? e.path : "", cause: ioCauseWords(e.code) }));
    return EXIT.io;
  }
  say(words("error.internal", { message: error instanceof Error ? error.message : String(error) }));
  return EXIT.internal;
}

let pipesGuarded = false;

/**
 * A reader that closes its end early (`pointsim explain x.yaml | head -3`) has read what it
 * wanted: what the command still prints there is dropped, and the command goes on to finish its
 * files and its exit code, rather than dying mid-write with Node's EPIPE stack trace (which would
 * leave an output folder half-written). Other stream errors keep Node's behaviour. Once per
 * process: the in-process CLI calls main many times.
 */
function toleratePipesClosedEarly(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
}
