import { evaluate, namesIn, parseExpression, printable } from "./expression.js";
import { didYouMean } from "../scenario/problems.js";
import { ExpressionError, ScenarioError } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { problem } from "../scenario/problem.js";
import { errorWords, type Words, words } from "../i18n/words.js";

/** One gate on one run: an assertion that must hold, or a --fail-if that must not. */
export interface GateResult {
  run: string;
  gate: string;
  kind: "assertion" | "fail-if";
  passed: boolean;
  /** Why the gate could not be evaluated (unknown metric, not a boolean). Counts as failed. */
  error: string | null;
  /** The same in Chinese, where the error came with both languages (an expression's); a zh-CN terminal prints it. */
  errorZh?: string;
  /** The run and the gate in Chinese, where they are pointsim's words (a sweep's "run 3 (point 1, seed 7)", "the run completes"). */
  runZh?: string;
  gateZh?: string;
  /** The values of the metrics the gate reads, e.g. "usersLosingShare = 0.5035" (for a failed gate's message). */
  values?: string;
}

/**
 * "name = value, ..." for the metrics an expression reads that the run has. A name it lacks (a
 * path through null) is left out: the gate's error names it, in the reader's language.
 */
function metricValues(gate: string, metrics: Record<string, unknown>): string {
  try {
    return [...new Set(namesIn(parseExpression(gate)))]
      .flatMap((name) => {
        let current: unknown = metrics;
        for (const part of name.split(".")) current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
        return current === undefined ? [] : [`${name} = ${JSON.stringify(current)}`];
      })
      .join(", ");
  } catch {
    return "";
  }
}

export interface Gates {
  assertions: string[];
  failIf: string[];
}

/** Checks every gate's syntax up front; returns the problems (empty when all parse). */
export function gateSyntaxProblems(gates: Gates): { expression: string; message: Words }[] {
  const problems: { expression: string; message: Words }[] = [];
  for (const expression of [...gates.assertions, ...gates.failIf]) {
    try {
      parseExpression(expression);
    } catch (error) {
      problems.push({ expression, message: errorWords(error) });
    }
  }
  return problems;
}

/**
 * Names that no run of this scenario can have, found before the run from the shape of its
 * summary (an empty run's summary has every key). A path through a value that is null in the
 * shape (e.g. `collapse.day`, null until a collapse) cannot be checked further and passes.
 */
export function unknownMetricProblems(gates: Gates, shape: Record<string, unknown>): { expression: string; message: Words }[] {
  const problems: { expression: string; message: Words }[] = [];
  for (const expression of [...gates.assertions, ...gates.failIf]) {
    let names: string[];
    try {
      names = namesIn(parseExpression(expression));
    } catch {
      continue; // syntax problems are reported by gateSyntaxProblems
    }
    for (const name of names) {
      let current: unknown = shape;
      for (const part of name.split(".")) {
        if (current === null) break;
        if (typeof current !== "object" || !Object.hasOwn(current, part)) {
          const known = current !== null && typeof current === "object" ? Object.keys(current) : [];
          const guess = didYouMean(part, known);
          problems.push({
            expression,
            message: guess ? words("found.unknownMetricGuess", { name: printable(name), guess }) : words("expression.unknownMetric", { name: printable(name) }),
          });
          break;
        }
        current = (current as Record<string, unknown>)[part];
      }
    }
  }
  return problems;
}

export function checkGates(run: string, metrics: Record<string, unknown>, gates: Gates): GateResult[] {
  const one = (gate: string, kind: GateResult["kind"]): GateResult => {
    try {
      const value = evaluate(parseExpression(gate), metrics, gate);
      const passed = kind === "assertion" ? value : !value;
      return { run, gate, kind, passed, error: null, ...(passed ? {} : { values: metricValues(gate, metrics) }) };
    } catch (error) {
      if (error instanceof ExpressionError) return { run, gate, kind, passed: false, error: error.words.en, errorZh: error.words.zh };
      throw error;
    }
  };
  return [...gates.assertions.map((g) => one(g, "assertion")), ...gates.failIf.map((g) => one(g, "fail-if"))];
}

export function describeFailure(r: GateResult, lang: Lang = "en"): string {
  const zh = lang === "zh-CN";
  const gate = printable(zh ? (r.gateZh ?? r.gate) : r.gate);
  const run = printable(zh ? (r.runZh ?? r.run) : r.run);
  if (r.error) {
    const kind = lang === "en" ? r.kind : say(lang, r.kind === "assertion" ? "gate.kind.assertion" : "gate.kind.failIf");
    const error = lang === "zh-CN" ? (r.errorZh ?? r.error) : r.error;
    return say(lang, "gate.uncheckable", { run, kind, gate, error: printable(error) });
  }
  const values = r.values ? (lang === "en" ? ` (${printable(r.values)})` : `（${printable(r.values)}）`) : "";
  return say(lang, r.kind === "assertion" ? "gate.assertionFailed" : "gate.failIfMatched", { run, gate, values });
}

const xml = (text: string) => printable(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The first lines of every JUnit file pointsim writes: --junit replaces a file only when it
 * begins so (or as files of earlier versions did, with the testsuites line), never anyone else's.
 */
export const JUNIT_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by pointsim: --junit replaces this file -->\n';
export const JUNIT_EARLIER_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pointsim" ';

/** JUnit XML: one test case per gate per run, for CI dashboards. */
export function junitXml(suite: string, results: readonly GateResult[], lang: Lang = "en"): string {
  const failures = results.filter((r) => !r.passed).length;
  const cases = results.map((r) => {
    const name = `${r.kind === "assertion" ? "assert" : "fail-if"}: ${r.gate}`;
    const open = `    <testcase classname="${xml(`${suite}.${r.run}`)}" name="${xml(name)}"`;
    if (r.passed) return `${open}/>`;
    return `${open}>\n      <failure message="${xml(describeFailure(r, lang))}" type="${r.error ? "error" : "gate"}"/>\n    </testcase>`;
  });
  return `${JUNIT_HEADER}<testsuites name="pointsim" tests="${results.length}" failures="${failures}">\n  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>\n</testsuites>\n`;
}

/**
 * A command's --fail-if expressions, checked before anything runs: their syntax, then the figures
 * they name (`shape`'s keys, described as `figure`); every problem at once, at "--fail-if" (exit 2).
 * Returns the gates to check once the figures exist.
 */
export function checkFailIf(failIf: readonly string[], shape: Record<string, unknown>, figure: string, doc: string): Gates {
  const gates: Gates = { assertions: [], failIf: [...failIf] };
  const syntax = gateSyntaxProblems(gates);
  if (syntax.length > 0)
    throw new ScenarioError(
      "--fail-if",
      syntax.map((p) => problem("--fail-if", words("expected.validExpressionIn", { doc }), p.message)),
    );
  const unknown = unknownMetricProblems(gates, shape);
  if (unknown.length > 0)
    throw new ScenarioError(
      "--fail-if",
      unknown.map((p) =>
        problem(
          "--fail-if",
          words("expected.figureOf", { figure, known: Object.keys(shape).join(", ") }),
          words("found.inExpression", { reason: p.message, expression: printable(p.expression) }),
        ),
      ),
    );
  return gates;
}
