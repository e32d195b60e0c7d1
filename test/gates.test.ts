import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, parseExpression } from "../src/gates/expression.js";
import { checkGates, junitXml } from "../src/gates/gates.js";
import { cli, cliInProcess, tempDir } from "./helpers/cli.js";
import { ExpressionError } from "../src/errors.js";

const check = (expr: string, metrics: Record<string, unknown>) => evaluate(parseExpression(expr), metrics, expr);

describe("gate expressions (docs/gates.md)", () => {
  it("compares metrics, handles null, and combines with and / or / not", () => {
    expect(check("collapseDay == null or collapseDay > 730", { collapseDay: null })).toBe(true);
    expect(check("collapseDay == null or collapseDay > 730", { collapseDay: 400 })).toBe(false);
    expect(check("collapseDay < 10", { collapseDay: null })).toBe(false);
    expect(check("usersLosingShare < 0.5 and not (peakUsers <= 0)", { usersLosingShare: 0.4, peakUsers: 3 })).toBe(true);
    expect(check('finalStatus != "collapsed"', { finalStatus: "stressed" })).toBe(true);
    expect(check("schemes.dividendQueue.freeOrders >= 2", { schemes: { dividendQueue: { freeOrders: 2 } } })).toBe(true);
    expect(check("platformResult > -1e6", { platformResult: -5 })).toBe(true);
  });

  it("rejects bad syntax, unknown metrics and non-boolean results without evaluating code", () => {
    expect(() => parseExpression("collapseDay >")).toThrow(ExpressionError);
    expect(() => parseExpression("process.exit(1)")).toThrow(/"\(" at column 13 where the end of the expression should be/);
    expect(() => parseExpression("a; b")).toThrow(/unexpected ";"/);
    expect(() => check("colapseDay == null", { collapseDay: null })).toThrow(/unknown metric "colapseDay"/);
    expect(() => check("peakUsers", { peakUsers: 3 })).toThrow(/not true or false/);
    expect(() => check("__proto__ == null", {})).toThrow(/unknown metric/);
  });

  it("writes one JUnit test case per gate per run, with failures marked", () => {
    const results = [
      ...checkGates("run 0", { collapseDay: null }, { assertions: ["collapseDay == null"], failIf: [] }),
      ...checkGates("run 1", { collapseDay: 90 }, { assertions: ["collapseDay == null"], failIf: ["collapseDay < 100"] }),
    ];
    const xml = junitXml("suite", results);
    expect(xml).toContain('<testsuites name="pointsim" tests="3" failures="2">');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain("collapseDay &lt; 100");
  });

  it("pointsim run: a failing assertion or --fail-if exits 1, names the run and the gate, and writes JUnit XML", () => {
    const dir = tempDir();
    const file = join(dir, "gated.yaml");
    writeFileSync(file, `${readFileSync("scenarios/seed-002-value-added-example.yaml", "utf8")}assertions:\n  - "peakUsers > 5"\n  - "collapseDay == null"\n`);
    const junit = join(dir, "junit.xml");
    const { code, stderr } = cli(["run", file, "--out", join(dir, "out"), "-q", "--fail-if", "usersLosingShare > 0.5", "--junit", junit]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(dir, "out")}: assertion failed: peakUsers > 5 (peakUsers = 2)`);
    expect(stderr).toContain("--fail-if matched: usersLosingShare > 0.5");
    expect(stderr).not.toContain("collapseDay == null");
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain('tests="3" failures="2"');
  });

  it("a malformed gate is bad input (exit 2)", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, `${readFileSync("scenarios/seed-002-value-added-example.yaml", "utf8")}assertions:\n  - "peakUsers >"\n`);
    const { code, stderr } = await cliInProcess(["validate", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("assertions[0]");
    expect((await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--fail-if", "((", "--out", join(dir, "o")])).code).toBe(2);
  });
});
