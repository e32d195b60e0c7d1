import { describe, expect, it } from "vitest";
import { problem } from "../src/scenario/problem.js";
import { verbatim, words } from "../src/i18n/words.js";
import {
  ConservationError,
  EXIT,
  ExactRangeError,
  ExpressionError,
  FitInterrupted,
  FolderBusyError,
  InterruptedError,
  LimitError,
  OutputExistsError,
  OutputIoError,
  PointsimError,
  ScenarioError,
  SweepInterrupted,
  WriteInterrupted,
} from "../src/errors.js";

/**
 * Each expected failure carries the exit code of the README's table ("Exit codes") and the
 * words the CLI prints; the expected codes and texts are written out here from that table and
 * the messages' wording, not read from the classes.
 */
describe("errors carry their exit code (src/errors.ts)", () => {
  const cases: [string, PointsimError, number, string][] = [
    [
      "bad input",
      new ScenarioError("s.yaml", [problem("days", verbatim("an integer"), verbatim("1.5"))]),
      2,
      "s.yaml: 1 problem\n  days: expected an integer, found 1.5\n",
    ],
    [
      "bad input",
      new ScenarioError("s.yaml", [problem("", verbatim("a mapping"), verbatim("a list")), problem("a", verbatim("b"), verbatim("c"))]),
      2,
      "s.yaml: 2 problems\n  (top level): expected a mapping, found a list\n  a: expected b, found c\n",
    ],
    ["bad input", new ExpressionError(words("expression.unexpected", { text: "!", column: 3 }), "a !"), 2, 'pointsim: unexpected "!" at column 3 in "a !"\n'],
    ["bad input", new LimitError("day 3: too many"), 2, "pointsim: day 3: too many\n"],
    ["bad input", new ExactRangeError("day 9: past"), 2, "pointsim: the scenario is too large to run exactly: day 9: past; nothing was written\n"],
    ["bad input", new OutputExistsError("out"), 2, "pointsim: out already exists; use --force to replace it, or choose another name\n"],
    ["invariant", new ConservationError("day 1: off by 1"), 3, "pointsim: invariant violated, run stopped: day 1: off by 1\n"],
    ["io", new OutputIoError("out/a.csv", "ENOSPC"), 74, "pointsim: cannot write out/a.csv: the disk is full\n"],
    [
      "busy",
      new FolderBusyError("out", "./.out.lock", 42),
      75,
      "pointsim: out is being written by another pointsim process (pid 42) right now; try again when it is done, or choose another folder (if no pointsim is running, remove ./.out.lock)\n",
    ],
    ["interrupted", new InterruptedError(7), 130, "pointsim: interrupted before day 7; nothing was written\n"],
    ["interrupted", new FitInterrupted(), 130, "pointsim: fit interrupted; nothing was written\n"],
    ["interrupted", new SweepInterrupted(3, 10), 130, "pointsim: interrupted after 3 of 10 runs; start the same command again to resume\n"],
    ["interrupted", new WriteInterrupted("out"), 130, "pointsim: interrupted while writing out; nothing was written\n"],
  ];
  it.each(cases)("%s: %o exits %i", (_kind, error, code, report) => {
    expect(error).toBeInstanceOf(PointsimError);
    expect(error.exitCode).toBe(code);
    expect(error.report()).toBe(report);
  });

  it("the codes are the README's", () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, badInput: 2, runError: 3, internal: 70, io: 74, busy: 75, interrupted: 130 });
  });

  it("the message (what a sweep's failed run records) is unchanged by the CLI's wording", () => {
    expect(new ExactRangeError("day 9: past").message).toBe("day 9: past");
    expect(new ConservationError("x").name).toBe("ConservationError");
  });
});
