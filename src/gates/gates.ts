import { ExpressionError, evaluate, parseExpression, printable } from "./expression.js";

/** One gate on one run: an assertion that must hold, or a --fail-if that must not. */
export interface GateResult {
  run: string;
  gate: string;
  kind: "assertion" | "fail-if";
  passed: boolean;
  /** Why the gate could not be evaluated (unknown metric, not a boolean). Counts as failed. */
  error: string | null;
}

export interface Gates {
  assertions: string[];
  failIf: string[];
}

/** Checks every gate's syntax up front; returns the problems (empty when all parse). */
export function gateSyntaxProblems(gates: Gates): { expression: string; message: string }[] {
  const problems: { expression: string; message: string }[] = [];
  for (const expression of [...gates.assertions, ...gates.failIf]) {
    try {
      parseExpression(expression);
    } catch (error) {
      problems.push({ expression, message: (error as Error).message });
    }
  }
  return problems;
}

export function checkGates(run: string, metrics: Record<string, unknown>, gates: Gates): GateResult[] {
  const one = (gate: string, kind: GateResult["kind"]): GateResult => {
    try {
      const value = evaluate(parseExpression(gate), metrics, gate);
      return { run, gate, kind, passed: kind === "assertion" ? value : !value, error: null };
    } catch (error) {
      if (error instanceof ExpressionError) return { run, gate, kind, passed: false, error: error.message };
      throw error;
    }
  };
  return [...gates.assertions.map((g) => one(g, "assertion")), ...gates.failIf.map((g) => one(g, "fail-if"))];
}

export function describeFailure(r: GateResult): string {
  const gate = printable(r.gate);
  const run = printable(r.run);
  if (r.error) return `${run}: ${r.kind} "${gate}" could not be checked: ${printable(r.error)}`;
  return r.kind === "assertion" ? `${run}: assertion failed: ${gate}` : `${run}: --fail-if matched: ${gate}`;
}

const xml = (text: string) => printable(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML: one test case per gate per run, for CI dashboards. */
export function junitXml(suite: string, results: readonly GateResult[]): string {
  const failures = results.filter((r) => !r.passed).length;
  const cases = results.map((r) => {
    const name = `${r.kind === "assertion" ? "assert" : "fail-if"}: ${r.gate}`;
    const open = `    <testcase classname="${xml(`${suite}.${r.run}`)}" name="${xml(name)}"`;
    if (r.passed) return `${open}/>`;
    return `${open}>\n      <failure message="${xml(describeFailure(r))}" type="${r.error ? "error" : "gate"}"/>\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pointsim" tests="${results.length}" failures="${failures}">\n  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>\n</testsuites>\n`;
}
