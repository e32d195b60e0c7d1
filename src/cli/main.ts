import { Command, CommanderError, Option } from "commander";
import { EXIT, PointsimError } from "../errors.js";
import { ioCause } from "../report/io-cause.js";
import { VERSION } from "../version.js";
import type { RunOptions } from "./commands.js";
import type { SweepCliOptions } from "./sweep.js";
import type { FitCliOptions } from "./fit.js";
import type { WatchCliOptions } from "./watch.js";

export { EXIT } from "../errors.js";

/** The commands' module, loaded on first use (see src/cli/commands.ts). */
const commands = () => import("./commands.js");

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("pointsim")
    .description("Stress-test points-economy business models day by day, exact to the fen.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError()
    .exitOverride();
  program
    .command("run")
    .summary("run a scenario and write its folder (timeseries, summary, outcomes, report, manifest)")
    .description(
      "run a scenario and write its folder: timeseries.csv (one row a day), summary.json (the verdict, collapse, who loses), outcomes.csv (by join cohort), report.html (charts, offline), scenario.resolved.json, manifest.json (versions and sha256 of every file; verify re-runs it), and with --journal journal.csv",
    )
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--seed <seed>", "override the scenario's seed")
    .option("--out <dir>", "output folder (default: reports/<name>-seed<seed>, or a fresh name if taken)")
    .option("--force", "replace --out if it already holds a run")
    .option("--journal", "also write journal.csv: every day's money movements by (from, to, reason), in fen")
    .option("-q, --quiet", "print nothing on success")
    .option("--json", "print summary.json to stdout instead of the summary")
    .option("--fail-if <expr>", "exit 1 if this expression over summary metrics is true (repeatable)", collect, [])
    .option("--junit <file>", "write the gates' results as JUnit XML")
    .addOption(new Option("--no-progress", "never show a progress bar"))
    .action(async (file: string, options: RunOptions) => (await commands()).runCommand(file, options));
  program
    .command("validate")
    .description("check a scenario file without running it; lists every problem")
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("-q, --quiet", "print nothing when valid")
    .action(async (file: string, options: { quiet?: boolean }) => (await import("./validate.js")).validateCommand(file, options));
  program
    .command("verify")
    .description("re-run a run folder's recorded scenario and seed, and check every output is byte-identical (exit 1 if not)")
    .argument("<dir>", "a run folder holding manifest.json")
    .option("--scenario <file>", "also check that this scenario file is the one the run was made from (its sha256 and resolved content)")
    .option("-q, --quiet", "print only differences and warnings")
    .action(async (dir: string, options: { quiet?: boolean; scenario?: string }) => (await commands()).verifyCommand(dir, options));
  program
    .command("sweep")
    .description("run a base scenario over varied parameters and Monte Carlo seeds, on all cores; resumable and shardable")
    .argument("<file>", "sweep file (YAML or JSON): base scenario, parameters, seeds, assertions")
    .option("--workers <n>", "worker threads (default: the machine's cores)")
    .option("--shard <k/n>", "run only the k-th of n deterministic slices of the runs")
    .option("--out <dir>", "sweep folder (default: reports/<name>); running again on it resumes")
    .option("--method <method>", "grid, random, lhs, oat, morris or sobol (overrides the file)")
    .option("--keep-series", "also keep each run's timeseries.csv under series/")
    .option("--force", "reuse a folder that holds a different sweep")
    .option("--fail-if <expr>", "exit 1 if this expression is true for any run (repeatable)", collect, [])
    .option("--junit <file>", "write every gate of every run as JUnit XML")
    .option("-q, --quiet", "print nothing but failures")
    .addOption(new Option("--no-progress", "never show a progress bar"))
    .action(async (file: string, options: SweepCliOptions & { junit?: string }) => (await commands()).sweepAction(file, options));
  program
    .command("fit")
    .description(
      "fit a scenario's unknown parameters to observed figures and daily series; writes the fitted scenario, fit.csv of every candidate and a report with the projection",
    )
    .argument("<file>", "fit file (YAML or JSON): base scenario, parameters with ranges, targets")
    .option("--workers <n>", "worker threads (default: the machine's cores)")
    .option("--out <dir>", "fit folder (default: reports/<name>)")
    .option("--force", "replace --out if it holds an earlier fit")
    .option("--fail-if <expr>", 'exit 1 if this expression over the fit\'s figures is true, e.g. "error > 0.1" (repeatable)', collect, [])
    .option("--junit <file>", "write the gates' results as JUnit XML")
    .option("--json", "print fit.json to stdout")
    .option("-q, --quiet", "print nothing on success")
    .addOption(new Option("--no-progress", "never show a progress bar"))
    .action(async (file: string, options: FitCliOptions) => (await import("./fit.js")).fitAction(file, options));
  program
    .command("watch")
    .description(
      "early warning: at every --every days of a fit's observed series, the probability of collapse within --horizon days from the days so far, its interval and the alarm's lead time; writes watch.csv, watch.json and a report",
    )
    .argument("<file>", "fit file (YAML or JSON) with an observed series target")
    .option("--every <days>", "days between cut-offs (default 7)")
    .option("--horizon <days>", "collapse within this many days of each cut-off (default 365)")
    .option("--particles <n>", "parameter draws (default 100 per fitted parameter)")
    .option("--alarm <p>", "alarm level, a probability (repeatable; default 0.5 and 0.9)", collect, [])
    .option("--min-ess <share>", "refresh the particles when their effective size falls below this share (default 0.25)")
    .option("--failure-day <day>", "the day the platform is known to have failed: lead times are counted to it")
    .option("--workers <n>", "worker threads (default: the machine's cores)")
    .option("--out <dir>", "watch folder (default: reports/<name>-watch)")
    .option("--force", "replace --out if it holds an earlier watch")
    .option("--fail-if <expr>", 'exit 1 if this expression over the watch\'s figures is true, e.g. "alarmDay > 60" (repeatable)', collect, [])
    .option("--junit <file>", "write the gates' results as JUnit XML")
    .option("--json", "print watch.json to stdout")
    .option("-q, --quiet", "print nothing on success")
    .addOption(new Option("--no-progress", "never show a progress bar"))
    .action(async (file: string, options: WatchCliOptions) => (await import("./watch.js")).watchAction(file, options));
  program
    .command("merge")
    .description("combine shard folders of one sweep into the files a whole sweep writes")
    .argument("<dirs...>", "shard folders")
    .requiredOption("--out <dir>", "where to write the merged sweep (required)")
    .option("--fail-if <expr>", "exit 1 if this expression is true for any run (repeatable)", collect, [])
    .option("--junit <file>", "write every gate of every run as JUnit XML")
    .action(async (dirs: string[], options: { out: string; failIf?: string[]; junit?: string }) => (await commands()).mergeAction(dirs, options));
  program
    .command("explain")
    .description("before any run: what one order of each product promises (yuan, days) against what the platform earns from it")
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--json", "print the explanation as JSON (amounts in fen)")
    .action(async (file: string, options: { json?: boolean }) => (await commands()).explainAction(file, options));
  program
    .command("compare")
    .description("two runs side by side: their scenarios' differences and key indicators")
    .argument("<dirA>", "a run folder")
    .argument("<dirB>", "another run folder")
    .option("--json", "print the comparison as JSON")
    .action(async (dirA: string, dirB: string, options: { json?: boolean }) => (await commands()).compareAction(dirA, dirB, options));
  program
    .command("init")
    .description("write a commented starter scenario to edit")
    .argument("[file]", "where to write it", "pointsim-scenario.yaml")
    .option("--force", "overwrite the file if it exists")
    .action(async (file: string, options: { force?: boolean }) => (await commands()).initAction(file, options));
  return program;
}

/** Runs the CLI; never lets a stack trace reach the user. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
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
    process.exitCode = handle(error);
  }
}

/**
 * Maps an error to its exit code and message, in one place: an expected failure carries both
 * (src/errors.ts); a file-system error that escaped a module's own wording is exit 74; anything
 * else is an internal error, reported without a stack trace.
 */
function handle(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof PointsimError) {
    process.stderr.write(error.report());
    return error.exitCode;
  }
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown };
  const say = (text: string) => process.stderr.write(`pointsim: ${text}\n`);
  if (typeof e?.code === "string" && typeof e.syscall === "string") {
    say(`cannot ${e.syscall} ${typeof e.path === "string" ? e.path : ""}: ${ioCause(e.code)}`);
    return EXIT.io;
  }
  say(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.internal;
}
