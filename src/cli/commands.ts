import cliProgress from "cli-progress";
import { tell } from "../i18n/tell.js";
import { relative } from "node:path";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { readRegularFile } from "../scenario/read.js";
import { createSimulation, scenarioShapingDefaults, scenarioWarnings } from "../simulate.js";
import { createThreadExecutor, defaultThreads } from "../parallel/thread-executor.js";
import { formatShapingDefaults } from "../scenario/shaping-defaults.js";
import { formatWarnings } from "../scenario/plausibility.js";
import { loadScenarioFile } from "../scenario/load.js";
import { runOutputs, type OutputFile } from "../report/outputs.js";
import { checkRunFolder, defaultRunFolder, writeFileAtomic, writeRunFolder } from "../report/write.js";
import { formatSummary, makeChalk } from "./terminal.js";
import { announceSignalsHandled } from "./signals.js";
import { verifyRun } from "./verify.js";
import { mergeCommand, sweepCommand, type SweepCliOptions } from "./sweep.js";
import { sweepTable } from "./sweep-table.js";
import {
  JUNIT_EARLIER_HEADER,
  JUNIT_HEADER,
  checkGates,
  describeFailure,
  gateSyntaxProblems,
  junitXml,
  unknownMetricProblems,
  type GateResult,
} from "../gates/gates.js";
import { printable } from "../gates/expression.js";
import { explainScenario, formatExplanation } from "./explain.js";
import { compareRuns, formatComparison } from "./compare.js";
import { estimateRun } from "../scenario/estimate.js";
import { describeEstimate } from "./estimate-text.js";
import { totalmem } from "node:os";
import { runLang, terminalLang, type Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { EXIT, FolderBusyError, InterruptedError, OutputExistsError, ScenarioError, inInputLang } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { verbatim, type Words, words } from "../i18n/words.js";

/**
 * The commands' work. src/cli/main.ts loads this module only when a command runs, so that
 * `pointsim --version` and `--help` start without loading the engine, the schemes or the
 * reporters.
 */

export interface RunOptions {
  failIf?: string[];
  junit?: string;
  seed?: string;
  journal?: boolean;
  excel?: boolean;
  lang?: Lang;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  progress: boolean;
  threads?: string;
}

/** --threads: a whole number from 1 to 256; the default is the machine's cores. */
function parseThreads(text: string | undefined): number {
  if (text === undefined) return defaultThreads();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256)
    throw new ScenarioError("--threads", [
      problem("--threads", words("expected.wholeNumberFromTo", { from: 1, to: 256 }), verbatim(JSON.stringify(text.slice(0, 60)))),
    ]);
  return Number(text);
}

/**
 * --seed: a whole number up to 2^53 − 1 is a number; anything else (a longer number too, so
 * that 12345678901234567890 and ...891 stay different) is a string of 1-200 printable
 * characters that does not start with "-" (which would be an option's name).
 */
export function parseSeed(text: string): string | number {
  const refuse = (expected: Words) => new ScenarioError("--seed", [problem("--seed", expected, verbatim(JSON.stringify(text.slice(0, 60))))]);
  if (text === "") throw refuse(words("expected.seed"));
  if (text.length > 200) throw refuse(words("expected.atMostCharacters", { max: 200 }));
  if (text.startsWith("-")) throw refuse(words("expected.seedNotOption"));
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) throw refuse(words("expected.printable"));
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && String(Number(text)) === text) return Number(text);
  return text;
}

/** Yields to the event loop so signals (Ctrl-C) and the progress bar are handled mid-run. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The scenario in the language --lang asks for: its `lang` set, so that the resolved scenario
 * (and the manifest) records it and verify rebuilds the same files. Asking for the language the
 * scenario already has changes nothing, so `--lang en` on an English scenario is byte-identical
 * to no --lang at all.
 */
function withLang<S extends { lang?: Lang | undefined }>(scenario: S, lang: Lang | undefined): S {
  return lang === undefined || lang === runLang(scenario) ? scenario : { ...scenario, lang };
}

export async function runCommand(file: string, options: RunOptions): Promise<void> {
  const read = loadScenarioFile(file);
  const loaded = { ...read, scenario: withLang(read.scenario, options.lang) };
  const lang = terminalLang(options.lang, process.env, runLang(loaded.scenario));
  // The options' problems are the run's: printed in the scenario's language unless --lang says otherwise.
  const { seed, threads } = inInputLang(runLang(loaded.scenario), () => {
    const syntax = gateSyntaxProblems({ assertions: [], failIf: options.failIf ?? [] });
    if (syntax.length > 0)
      throw new ScenarioError(
        "--fail-if",
        syntax.map((p) => problem("--fail-if", words("expected.validExpressionIn", { doc: "docs/gates.md" }), p.message)),
      );
    const seed = options.seed === undefined ? loaded.scenario.seed : parseSeed(options.seed);
    const threads = parseThreads(options.threads);
    // Everything that can be refused without simulating is refused first: unknown metrics in
    // gates (against an empty run's summary, which has every key), then the output folder.
    const shape = createSimulation(loaded.scenario, seed).result().summary as unknown as Record<string, unknown>;
    const unknown = unknownMetricProblems({ assertions: loaded.scenario.assertions, failIf: options.failIf ?? [] }, shape);
    if (unknown.length > 0)
      throw new ScenarioError(
        "gates",
        unknown.map((p) =>
          problem(
            "--fail-if / assertions",
            words("expected.summaryMetric"),
            words("found.inExpression", { reason: p.message, expression: printable(p.expression) }),
          ),
        ),
      );
    return { seed, threads };
  });
  if (options.out !== undefined) checkRunFolder(options.out, options.force === true);
  checkJunitFile(options.junit);
  // A long or large run says so before it starts (the estimate: docs/performance.md).
  const { warning } = describeEstimate(estimateRun(loaded.scenario), totalmem(), lang);
  if (warning !== null && !options.quiet) process.stderr.write(`${tell(lang, "estimate.runWarning", { file, warning })}\n`);
  // Values allowed but unlikely, once before the run (summary.json lists them too).
  if (!options.quiet)
    process.stderr.write(
      formatShapingDefaults(scenarioShapingDefaults(loaded.written, loaded.scenario), lang) + formatWarnings(file, scenarioWarnings(loaded.scenario), lang),
    );
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  announceSignalsHandled();
  const showProgress = options.progress && !options.quiet && !options.json && process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  // Per-user phases split across threads (src/engine/executor.ts); the outputs are the same bytes on any number.
  const executor = threads > 1 ? createThreadExecutor(threads) : undefined;
  try {
    const simulation = createSimulation(loaded.scenario, seed, { journal: options.journal === true, executor });
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
          bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: say(lang, "progress.run", { bar: "{bar}", value: "{value}", total: "{total}", eta: "{eta}" }), hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(loaded.scenario.days, simulation.state.day);
        }
        bar?.update(simulation.state.day);
      }
    }
    bar?.update(simulation.state.day);
    bar?.stop();
    bar = null;
    const result = simulation.result();
    const files = runOutputs(result, loaded.scenario, displayPath(loaded.path), loaded.sha256, { excel: options.excel === true });
    const written = await writeRun(files, options, loaded.scenario.name, seed, () => interrupted, lang);
    const summaryFile = files.find((f) => f.name === "summary.json");
    if (options.json) process.stdout.write(summaryFile?.content ?? "{}\n");
    else if (!options.quiet) process.stdout.write(formatSummary(result.summary, displayPath(written), makeChalk(process.stdout), result, lang));
    const gates = { assertions: loaded.scenario.assertions, failIf: options.failIf ?? [] };
    const gateResults = checkGates(displayPath(written), result.summary as unknown as Record<string, unknown>, gates);
    reportGates(gateResults, options.junit, loaded.scenario.name, { terminal: lang, files: runLang(loaded.scenario) });
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    await executor?.close();
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
  }
}

/**
 * Writes the run into --out, or into the default folder: when another process takes a default
 * folder first, the next free name is used (never a silent overwrite).
 */
async function writeRun(
  files: OutputFile[],
  options: RunOptions,
  name: string,
  seed: string | number,
  interrupted: () => boolean,
  lang: Lang = "en",
): Promise<string> {
  const write = (folder: string) => writeRunFolder(folder, files, { force: options.force === true, interrupted });
  if (options.out !== undefined) return write(options.out);
  const first = defaultRunFolder("reports", name, seed, false);
  for (let attempt = 0; ; attempt++) {
    try {
      const folder = defaultRunFolder("reports", name, seed);
      const written = await write(folder);
      if (folder !== first && !options.quiet && !options.json) {
        process.stderr.write(`${tell(lang, "cmd.run.tookNext", { first, folder })}\n`);
      }
      return written;
    } catch (error) {
      if (!(error instanceof OutputExistsError || error instanceof FolderBusyError) || attempt >= 20) throw error;
    }
  }
}

/**
 * --junit writes a new file or replaces one pointsim wrote (recognised by its first lines),
 * never a scenario, a link or anyone else's file (exit 2). Checked before any work, and again
 * when writing.
 */
export function checkJunitFile(path: string | undefined): void {
  if (path === undefined) return;
  const refuse = (why: Words) => new OutputExistsError(path, words("refuse.junit", { why }));
  try {
    if (lstatSync(path).isSymbolicLink()) throw refuse(words("refuse.isLink"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const read = readRegularFile(path, 64 * 1024 * 1024, { followLinks: false });
  if ("problem" in read) throw refuse(read.problem);
  const head = read.bytes.subarray(0, 200).toString("utf8");
  if (!head.startsWith(JUNIT_HEADER) && !head.startsWith(JUNIT_EARLIER_HEADER)) throw refuse(words("refuse.junitNotOurs"));
}

/**
 * Prints failed gates (in the terminal's language), writes JUnit XML when asked (in the files'
 * language: a run's own), and sets exit code 1 on any failure.
 */
export function reportGates(
  results: readonly GateResult[],
  junitFile: string | undefined,
  suite: string,
  lang: { terminal: Lang; files: Lang } = { terminal: "en", files: "en" },
): void {
  const failed = results.filter((r) => !r.passed);
  const prefix = lang.terminal === "en" ? "pointsim: " : "pointsim：";
  for (const f of failed) process.stderr.write(`${prefix}${describeFailure(f, lang.terminal)}\n`);
  if (junitFile) {
    checkJunitFile(junitFile);
    writeFileAtomic(junitFile, junitXml(suite, results, lang.files));
  }
  if (failed.length > 0) process.exitCode = EXIT.failed;
}

/** A path relative to the working folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

export function verifyCommand(dir: string, options: { quiet?: boolean; scenario?: string; lang?: Lang }): void {
  const report = verifyRun(dir, options.scenario === undefined ? undefined : loadScenarioFile(options.scenario));
  const lang = terminalLang(options.lang, process.env, report.lang);
  const inLang = (text: Words) => (lang === "en" ? text.en : text.zh);
  for (const warning of report.warnings) process.stderr.write(`${say(lang, "verify.warning", { warning: inLang(warning) })}\n`);
  if (report.ok) {
    if (!options.quiet)
      process.stdout.write(`${say(lang, "verify.ok", { dir, count: report.checked.length, files: report.checked.join(say(lang, "list.comma")) })}\n`);
    return;
  }
  const count = report.differences.length;
  process.stdout.write(
    `${say(lang, "verify.notOk", { dir, count, plural: count === 1 ? "" : "s" })}\n${report.differences.map((d) => `  ${inLang(d)}`).join("\n")}\n`,
  );
  process.exitCode = EXIT.failed;
}

export async function sweepAction(file: string, options: SweepCliOptions & { junit?: string }): Promise<void> {
  checkJunitFile(options.junit);
  const result = await sweepCommand(file, options);
  const lang = result.langs.terminal;
  if (!options.quiet)
    process.stdout.write(
      `${say(lang, "sweep.done", { name: result.name, done: result.done, total: result.total, failed: result.failed, out: displayPath(result.out) })}\n${sweepTable(result.out, lang)}`,
    );
  reportGates(result.gates, options.junit, result.name, { terminal: lang, files: result.langs.files });
}

export function mergeAction(dirs: string[], options: { out: string; failIf?: string[]; junit?: string; lang?: Lang }): void {
  checkJunitFile(options.junit);
  const result = mergeCommand(dirs, options);
  const lang = terminalLang(options.lang);
  const missing = result.missing > 0 ? tell(lang, "cmd.merge.missing", { missing: result.missing }) : "";
  process.stdout.write(`${tell(lang, "cmd.merge.done", { done: result.done, out: displayPath(options.out) })}${missing}\n${sweepTable(options.out, lang)}`);
  reportGates(result.gates, options.junit, "merge", { terminal: lang, files: options.lang ?? "en" });
  if (result.missing > 0) process.exitCode = EXIT.failed;
}

export function explainAction(file: string, options: { json?: boolean; lang?: Lang }): void {
  const { scenario } = loadScenarioFile(file);
  const lang = terminalLang(options.lang, process.env, runLang(scenario));
  // --json is for scripts: its lines stay English whatever the terminal's language.
  if (options.json) process.stdout.write(`${JSON.stringify(explainScenario(scenario), null, 2)}\n`);
  else process.stdout.write(formatExplanation(scenario, explainScenario(scenario, lang), lang));
}

export function compareAction(dirA: string, dirB: string, options: { json?: boolean; lang?: Lang }): void {
  const comparison = compareRuns(dirA, dirB);
  process.stdout.write(options.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(dirA, dirB, comparison, terminalLang(options.lang)));
}

export function initAction(file: string, options: { force?: boolean; lang?: Lang }): void {
  if (existsSync(file) && !options.force) throw new OutputExistsError(file);
  // The file in --lang (English without it, whatever the terminal's language): the Chinese starter
  // has Chinese comments and description, and lang: zh-CN so that its runs write Chinese.
  const template = options.lang === "zh-CN" ? "starter.zh-CN.yaml" : "starter.yaml";
  writeFileAtomic(file, readFileSync(new URL(`../../templates/${template}`, import.meta.url), "utf8"));
  process.stdout.write(`${tell(terminalLang(options.lang), "cmd.init.wrote", { file })}\n`);
}
