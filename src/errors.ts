import type { Lang } from "./i18n/lang.js";
import { say } from "./i18n/messages.js";
import { type Words, words } from "./i18n/words.js";
import { ioCauseWords } from "./report/io-cause.js";

/** Exit codes (README, "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, runError: 3, internal: 70, io: 74, busy: 75, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure: something the user can act on (bad input, a full disk, a busy folder,
 * Ctrl-C). Each class carries its exit code and the words the command line prints, so the CLI
 * maps any of them in one line and never shows a stack trace for them; anything else is an
 * internal error (exit 70). Every class pointsim throws on purpose is in this file.
 */
export abstract class PointsimError extends Error {
  abstract readonly exitCode: ExitCode;
  /** The message in Chinese, where the error was built with both languages (null: English only, e.g. a bug's own words). */
  protected messageZh: string | null = null;

  /** What the terminal prints, whole lines, in the terminal's language. */
  report(lang: Lang = "en"): string {
    return lang === "zh-CN" && this.messageZh !== null ? `pointsim：${this.messageZh}\n` : `pointsim: ${this.message}\n`;
  }

  /** The message in a language: its Chinese where it was built with both, else its English. */
  messageIn(lang: Lang): string {
    return lang === "zh-CN" && this.messageZh !== null ? this.messageZh : this.message;
  }

  /** Sets the message from words in both languages. */
  protected say(text: Words): void {
    this.message = text.en;
    this.messageZh = text.zh;
  }
}

/** One thing wrong with a scenario: where, what was expected, what was found. */
export interface ScenarioProblem {
  path: string;
  expected: string;
  found: string;
  /**
   * What was expected and found in Chinese (the path stays as it is): a property that is not
   * enumerable, so that JSON and equality see the English problem only. Required, so that a
   * problem can only be built with its Chinese: src/scenario/problem.ts builds every one from
   * src/i18n/validation-messages.ts. `path` only where the path itself holds words (a fit's
   * "(with every parameter at the from end of its range)"): the path as it reads in Chinese.
   */
  readonly zh: { readonly expected: string; readonly found: string; readonly path?: string };
}

function formatProblem(p: ScenarioProblem, lang: Lang = "en"): string {
  const expected = lang === "zh-CN" ? p.zh.expected : p.expected;
  const found = lang === "zh-CN" ? p.zh.found : p.found;
  const path = lang === "zh-CN" ? (p.zh.path ?? p.path) : p.path;
  return `  ${say(lang, "problem.line", { path: path || say(lang, "problem.topLevel"), expected, found })}`;
}

/** Everything wrong with an input file at once, each with its path, what was expected and found (exit 2). */
export class ScenarioError extends PointsimError {
  readonly exitCode = EXIT.badInput;

  /**
   * `inputLang`: the language the input itself states (a scenario's `lang:`), when it was read far
   * enough to say one; the terminal speaks it unless --lang says otherwise (src/cli/main.ts).
   */
  constructor(
    readonly source: string,
    readonly problems: ScenarioProblem[],
    readonly inputLang?: Lang,
  ) {
    super(ScenarioError.text(source, problems, "en"));
    this.name = "ScenarioError";
  }

  private static text(source: string, problems: ScenarioProblem[], lang: Lang): string {
    const header = say(lang, "problem.header", { source, count: problems.length, plural: problems.length === 1 ? "" : "s" });
    return `${header}\n${problems.map((p) => formatProblem(p, lang)).join("\n")}`;
  }

  /** The problem list is the whole report (no "pointsim:" prefix: the first line names the file), in the terminal's language. */
  override report(lang: Lang = "en"): string {
    return `${lang === "en" ? this.message : ScenarioError.text(this.source, this.problems, lang)}\n`;
  }
}

/**
 * Runs checks of an input whose language is known (a scenario's `lang:`): a ScenarioError they
 * throw without a language of its own is thrown again in that language.
 */
export function inInputLang<T>(lang: Lang, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ScenarioError && error.inputLang === undefined) throw new ScenarioError(error.source, error.problems, lang);
    throw error;
  }
}

/** A gate expression that does not parse or evaluate (bad input; gates report it as a failed gate). */
export class ExpressionError extends PointsimError {
  readonly exitCode = EXIT.badInput;
  /** The message in both languages (a validation problem's found, src/i18n/words.ts errorWords). */
  readonly words: Words;

  constructor(
    reason: Words,
    readonly expression: string,
  ) {
    const both = words("found.inExpression", { reason, expression });
    super(both.en);
    this.words = both;
    this.name = "ExpressionError";
  }
}

/** A key path (a sweep's, a fit's, a change's) that leads nowhere in the scenario: bad input, reported as a problem. */
export class PathError extends Error {
  constructor(readonly words: Words) {
    super(words.en);
    this.name = "PathError";
  }
}

/**
 * Words for an error built from a sentence in English only (a scheme outside pointsim, a test): the
 * same sentence in both languages. pointsim's own throws give both languages (test/errors.test.ts).
 */
const bothOf = (text: string | Words): Words => (typeof text === "string" ? { en: text, zh: text } : text);

/** A scenario limit was reached: reported as bad input (exit 2), not a crash. */
export class LimitError extends PointsimError {
  readonly exitCode = EXIT.badInput;

  constructor(text: string | Words) {
    super();
    this.say(bothOf(text));
    this.name = "LimitError";
  }
}

/** Amounts past what integers hold exactly (2^53 fen): the scenario is too large to run exactly (exit 2). */
export class ExactRangeError extends PointsimError {
  readonly exitCode = EXIT.badInput;

  /** text: where and what passed the range (the message); the report says what it means. */
  constructor(text: string | Words) {
    super();
    this.say(bothOf(text));
    this.name = "ExactRangeError";
  }

  override report(lang: Lang = "en"): string {
    const text = words("error.tooLarge", { detail: { en: this.message, zh: this.messageZh ?? this.message } });
    return lang === "zh-CN" ? `pointsim：${text.zh}\n` : `pointsim: ${text.en}\n`;
  }
}

/** Money that does not add up: a bug in a scheme or the engine, caught before it is reported (exit 3). */
export class ConservationError extends PointsimError {
  readonly exitCode = EXIT.runError;

  /** text: what does not add up, on which day (the message); a scheme outside pointsim may give English only. */
  constructor(text: string | Words) {
    super();
    this.say(bothOf(text));
    this.name = "ConservationError";
  }

  override report(lang: Lang = "en"): string {
    const text = words("error.invariant", { detail: { en: this.message, zh: this.messageZh ?? this.message } });
    return lang === "zh-CN" ? `pointsim：${text.zh}\n` : `pointsim: ${text.en}\n`;
  }
}

/** An output folder or file pointsim will not write to (bad input: exit 2). */
export class OutputExistsError extends PointsimError {
  readonly exitCode = EXIT.badInput;

  constructor(
    readonly dir: string,
    why: Words = words("refuse.exists"),
  ) {
    super();
    this.say({ en: `${dir} ${why.en}`, zh: `${dir} ${why.zh}` });
    this.name = "OutputExistsError";
  }
}

/** A file-system failure while writing (exit 74): the path and the cause in words. */
export class OutputIoError extends PointsimError {
  readonly exitCode = EXIT.io;

  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super();
    this.say(words("error.cannotWrite", { path, cause: ioCauseWords(code) }));
    this.name = "OutputIoError";
  }
}

/** Another pointsim process is writing a folder right now (exit 75: try again later). */
export class FolderBusyError extends PointsimError {
  readonly exitCode = EXIT.busy;

  constructor(
    readonly dir: string,
    readonly lockPath: string,
    owner: number | null,
  ) {
    super();
    this.say(words("error.busy", { dir, pid: owner === null ? "" : words("error.pid", { pid: owner }), lock: lockPath }));
    this.name = "FolderBusyError";
  }
}

/** A run stopped by Ctrl-C before its end (exit 130); nothing is written. */
export class InterruptedError extends PointsimError {
  readonly exitCode = EXIT.interrupted;

  constructor(day: number) {
    super();
    this.say(words("error.interruptedBeforeDay", { day }));
    this.name = "InterruptedError";
  }
}

/** A fit stopped by Ctrl-C (exit 130); nothing is written. */
export class FitInterrupted extends PointsimError {
  readonly exitCode = EXIT.interrupted;

  /** what: the command stopped (a fit, a watch). */
  constructor(what: Words = words("noun.fit")) {
    super();
    this.say(words("error.interruptedCommand", { what }));
    this.name = "FitInterrupted";
  }
}

/** A sweep stopped by Ctrl-C (exit 130); what it logged resumes. */
export class SweepInterrupted extends PointsimError {
  readonly exitCode = EXIT.interrupted;

  constructor(done: number, total: number) {
    super();
    this.say(words("error.interruptedAfterRuns", { done, total }));
    this.name = "SweepInterrupted";
  }
}

/** A recommendation stopped by Ctrl-C (exit 130); the runs it logged resume. */
export class RecommendInterrupted extends PointsimError {
  readonly exitCode = EXIT.interrupted;

  constructor(runs: number) {
    super();
    this.say(words("error.interruptedAfter", { runs }));
    this.name = "RecommendInterrupted";
  }
}

/** A folder's write stopped by Ctrl-C (exit 130); the staging folder is removed. */
export class WriteInterrupted extends PointsimError {
  readonly exitCode = EXIT.interrupted;

  constructor(readonly dir: string) {
    super();
    this.say(words("error.interruptedWriting", { dir }));
    this.name = "WriteInterrupted";
  }
}
