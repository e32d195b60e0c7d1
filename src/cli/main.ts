import { Command, CommanderError, Option } from "commander";
import cliProgress from "cli-progress";
import { relative } from "node:path";
import { Simulation, InterruptedError } from "../engine/engine.js";
import { ConservationError, ExactRangeError } from "../engine/ledger.js";
import { LimitError } from "../engine/arrivals.js";
import { loadScenarioFile } from "../scenario/load.js";
import { ScenarioError, formatProblem } from "../scenario/problems.js";
import { runOutputs, type OutputFile } from "../report/outputs.js";
import { OutputExistsError, OutputIoError, WriteInterrupted, checkRunFolder, ioCause, defaultRunFolder, writeFileAtomic, writeRunFolder } from "../report/write.js";
import { VERSION } from "../version.js";
import { formatSummary, makeChalk } from "./terminal.js";
import { verifyRun } from "./verify.js";
import { mergeCommand, sweepCommand, type SweepCliOptions } from "./sweep.js";
import { SweepInterrupted } from "../sweep/run.js";
import { checkGates, describeFailure, gateSyntaxProblems, junitXml, unknownMetricProblems, type GateResult } from "../gates/gates.js";
import { printable } from "../gates/expression.js";
import { explainScenario, formatExplanation } from "./explain.js";
import { compareRuns, formatComparison } from "./compare.js";
import { existsSync, readFileSync } from "node:fs";

/** Exit codes (README, "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, runError: 3, internal: 70, io: 74, interrupted: 130 } as const;

interface RunOptions {
  failIf?: string[];
  junit?: string;
  seed?: string;
  journal?: boolean;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  progress: boolean;
}

/**
 * --seed: a whole number up to 2^53 − 1 is a number; anything else (a longer number too, so
 * that 12345678901234567890 and ...891 stay different) is a string of 1-200 printable
 * characters that does not start with "-" (which would be an option's name).
 */
export function parseSeed(text: string): string | number {
  const problem = (expected: string) => new ScenarioError("--seed", [{ path: "--seed", expected, found: JSON.stringify(text.slice(0, 60)) }]);
  if (text === "") throw problem("a seed (a whole number or a word)");
  if (text.length > 200) throw problem("at most 200 characters");
  if (text.startsWith("-")) throw problem("a seed, not an option (it starts with -)");
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw problem("printable characters");
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && String(Number(text)) === text) return Number(text);
  return text;
}

/** Yields to the event loop so signals (Ctrl-C) and the progress bar are handled mid-run. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runCommand(file: string, options: RunOptions): Promise<void> {
  const loaded = loadScenarioFile(file);
  const syntax = gateSyntaxProblems({ assertions: [], failIf: options.failIf ?? [] });
  if (syntax.length > 0) throw new ScenarioError("--fail-if", syntax.map((p) => ({ path: "--fail-if", expected: "a valid expression (docs/gates.md)", found: p.message })));
  const seed = options.seed === undefined ? loaded.scenario.seed : parseSeed(options.seed);
  // Everything that can be refused without simulating is refused first: unknown metrics in
  // gates (against an empty run's summary, which has every key), then the output folder.
  const shape = new Simulation(loaded.scenario, seed).result().summary as unknown as Record<string, unknown>;
  const unknown = unknownMetricProblems({ assertions: loaded.scenario.assertions, failIf: options.failIf ?? [] }, shape);
  if (unknown.length > 0) throw new ScenarioError("gates", unknown.map((p) => ({ path: "--fail-if / assertions", expected: "a metric of summary.json (docs/gates.md)", found: `${p.message} in "${printable(p.expression)}"` })));
  if (options.out !== undefined) checkRunFolder(options.out, options.force === true);
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  const showProgress = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  try {
    const simulation = new Simulation(loaded.scenario, seed, { journal: options.journal === true });
    const started = Date.now();
    let lastYield = started;
    while (!simulation.done) {
      simulation.step();
      const now = Date.now();
      if (now - lastYield >= 50) {
        lastYield = now;
        await yieldToEventLoop();
        if (interrupted) throw new InterruptedError(simulation.state.day + 1);
        if (showProgress && bar === null && now - started > 1000) {
          bar = new cliProgress.SingleBar({ stream: process.stderr, format: "simulating {bar} day {value}/{total} | ETA {eta}s", hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(loaded.scenario.days, simulation.state.day);
        }
        bar?.update(simulation.state.day);
      }
    }
    bar?.update(simulation.state.day);
    bar?.stop();
    bar = null;
    const result = simulation.result();
    const files = runOutputs(result, loaded.scenario, displayPath(loaded.path), loaded.sha256);
    const written = await writeRun(files, options, loaded.scenario.name, seed, () => interrupted);
    const summaryFile = files.find((f) => f.name === "summary.json");
    if (options.json) process.stdout.write(summaryFile?.content ?? "{}\n");
    else if (!options.quiet) process.stdout.write(formatSummary(result.summary, displayPath(written), makeChalk(process.stdout), result.rows));
    const gates = { assertions: loaded.scenario.assertions, failIf: options.failIf ?? [] };
    const gateResults = checkGates(displayPath(written), result.summary as unknown as Record<string, unknown>, gates);
    reportGates(gateResults, options.junit, loaded.scenario.name);
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}

/**
 * Writes the run into --out, or into the default folder: when another process takes a default
 * folder first, the next free name is used (never a silent overwrite).
 */
async function writeRun(files: OutputFile[], options: RunOptions, name: string, seed: string | number, interrupted: () => boolean): Promise<string> {
  const write = (folder: string) => writeRunFolder(folder, files, { force: options.force === true, interrupted });
  if (options.out !== undefined) return write(options.out);
  const first = defaultRunFolder("reports", name, seed, false);
  for (let attempt = 0; ; attempt++) {
    try {
      const folder = defaultRunFolder("reports", name, seed);
      const written = await write(folder);
      if (folder !== first && !options.quiet && !options.json) {
        process.stderr.write(`pointsim: ${first} holds an earlier run, so this one went to ${folder} (to replace it instead: --out ${first} --force)\n`);
      }
      return written;
    } catch (error) {
      if (!(error instanceof OutputExistsError) || attempt >= 20) throw error;
    }
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Prints failed gates, writes JUnit XML when asked, and sets exit code 1 on any failure. */
export function reportGates(results: readonly GateResult[], junitFile: string | undefined, suite: string): void {
  const failed = results.filter((r) => !r.passed);
  for (const f of failed) process.stderr.write(`pointsim: ${describeFailure(f)}\n`);
  if (junitFile) writeFileAtomic(junitFile, junitXml(suite, results));
  if (failed.length > 0) process.exitCode = EXIT.failed;
}

/** A path relative to the working folder when inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

function validateCommand(file: string, options: { quiet?: boolean }): void {
  const loaded = loadScenarioFile(file);
  if (!options.quiet) process.stdout.write(`${file}: valid scenario "${loaded.scenario.name}" (${loaded.scenario.days} days, seed ${loaded.scenario.seed})\n`);
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
    .action(async (file: string, options: RunOptions) => runCommand(file, options));
  program
    .command("validate")
    .description("check a scenario file without running it; lists every problem")
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("-q, --quiet", "print nothing when valid")
    .action((file: string, options: { quiet?: boolean }) => validateCommand(file, options));
  program
    .command("verify")
    .description("re-run a run folder's recorded scenario and seed, and check every output is byte-identical (exit 1 if not)")
    .argument("<dir>", "a run folder holding manifest.json")
    .option("-q, --quiet", "print only differences and warnings")
    .action((dir: string, options: { quiet?: boolean }) => verifyCommand(dir, options));
  program
    .command("sweep")
    .description("run a base scenario over varied parameters and Monte Carlo seeds, on all cores; resumable and shardable")
    .argument("<file>", "sweep file (YAML or JSON): base scenario, parameters, seeds, assertions")
    .option("--workers <n>", "worker threads (default: the machine's cores)")
    .option("--shard <k/n>", "run only the k-th of n deterministic slices of the runs")
    .option("--out <dir>", "sweep folder (default: reports/<name>); running again on it resumes")
    .option("--method <method>", "grid, random, lhs or oat (overrides the file)")
    .option("--keep-series", "also keep each run's timeseries.csv under series/")
    .option("--force", "reuse a folder that holds a different sweep")
    .option("--fail-if <expr>", "exit 1 if this expression is true for any run (repeatable)", collect, [])
    .option("--junit <file>", "write every gate of every run as JUnit XML")
    .option("-q, --quiet", "print nothing but failures")
    .addOption(new Option("--no-progress", "never show a progress bar"))
    .action(async (file: string, options: SweepCliOptions & { junit?: string }) => {
      const result = await sweepCommand(file, options);
      const failedRuns = result.records.filter((r) => r.status === "failed").length;
      if (!options.quiet) process.stdout.write(`${result.name}: ${result.records.length} of ${result.total} runs done, ${failedRuns} failed; ${displayPath(result.out)} (runs.csv, points.csv, report.html)\n`);
      reportGates(result.gates, options.junit, result.name);
    });
  program
    .command("merge")
    .description("combine shard folders of one sweep into the files a whole sweep writes")
    .argument("<dirs...>", "shard folders")
    .requiredOption("--out <dir>", "where to write the merged sweep (required)")
    .option("--fail-if <expr>", "exit 1 if this expression is true for any run (repeatable)", collect, [])
    .option("--junit <file>", "write every gate of every run as JUnit XML")
    .action((dirs: string[], options: { out: string; failIf?: string[]; junit?: string }) => {
      const result = mergeCommand(dirs, options);
      process.stdout.write(`merged ${result.records.length} runs into ${displayPath(options.out)}${result.missing > 0 ? `; ${result.missing} runs are missing (a shard not run yet?)` : ""}\n`);
      reportGates(result.gates, options.junit, "merge");
      if (result.missing > 0) process.exitCode = EXIT.failed;
    });
  program
    .command("explain")
    .description("before any run: what one order of each product promises (yuan, days) against what the platform earns from it")
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--json", "print the explanation as JSON (amounts in fen)")
    .action((file: string, options: { json?: boolean }) => {
      const { scenario } = loadScenarioFile(file);
      const items = explainScenario(scenario);
      process.stdout.write(options.json ? `${JSON.stringify(items, null, 2)}\n` : formatExplanation(scenario, items));
    });
  program
    .command("compare")
    .description("two runs side by side: their scenarios' differences and key indicators")
    .argument("<dirA>", "a run folder")
    .argument("<dirB>", "another run folder")
    .option("--json", "print the comparison as JSON")
    .action((dirA: string, dirB: string, options: { json?: boolean }) => {
      const comparison = compareRuns(dirA, dirB);
      process.stdout.write(options.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(dirA, dirB, comparison));
    });
  program
    .command("init")
    .description("write a commented starter scenario to edit")
    .argument("[file]", "where to write it", "pointsim-scenario.yaml")
    .option("--force", "overwrite the file if it exists")
    .action((file: string, options: { force?: boolean }) => {
      if (existsSync(file) && !options.force) throw new OutputExistsError(file);
      writeFileAtomic(file, readFileSync(new URL("../../templates/starter.yaml", import.meta.url), "utf8"));
      process.stdout.write(`wrote ${file}: edit it, then \`pointsim validate ${file}\` and \`pointsim run ${file}\`\n`);
    });
  return program;
}

function verifyCommand(dir: string, options: { quiet?: boolean }): void {
  const report = verifyRun(dir);
  for (const warning of report.warnings) process.stderr.write(`pointsim verify: warning: ${warning}\n`);
  if (report.ok) {
    if (!options.quiet) process.stdout.write(`${dir}: verified, ${report.checked.length} files identical (${report.checked.join(", ")})\n`);
    return;
  }
  process.stdout.write(`${dir}: NOT verified, ${report.differences.length} difference${report.differences.length === 1 ? "" : "s"}\n${report.differences.map((d) => `  ${d}`).join("\n")}\n`);
  process.exitCode = EXIT.failed;
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
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handle(error);
  }
}

function handle(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof ScenarioError) {
    process.stderr.write(`${error.source}: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}\n${error.problems.map(formatProblem).join("\n")}\n`);
    return EXIT.badInput;
  }
  if (error instanceof LimitError || error instanceof OutputExistsError) {
    process.stderr.write(`pointsim: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof SweepInterrupted) {
    process.stderr.write(`pointsim: ${error.message}\n`);
    return EXIT.interrupted;
  }
  if (error instanceof OutputIoError) {
    process.stderr.write(`pointsim: ${error.message}\n`);
    return EXIT.io;
  }
  if (error instanceof WriteInterrupted) {
    process.stderr.write(`pointsim: ${error.message}\n`);
    return EXIT.interrupted;
  }
  if (error instanceof InterruptedError) {
    process.stderr.write(`pointsim: ${error.message}; nothing was written\n`);
    return EXIT.interrupted;
  }
  if (error instanceof ExactRangeError) {
    process.stderr.write(`pointsim: the scenario is too large to run exactly: ${error.message}; nothing was written\n`);
    return EXIT.badInput;
  }
  if (error instanceof ConservationError) {
    process.stderr.write(`pointsim: invariant violated, run stopped: ${error.message}\n`);
    return EXIT.runError;
  }
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.code === "string" && typeof fsError.syscall === "string") {
    process.stderr.write(`pointsim: cannot ${fsError.syscall} ${fsError.path ?? ""}: ${ioCause(fsError.code)}\n`);
    return EXIT.io;
  }
  process.stderr.write(`pointsim: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.internal;
}
