import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { dataOutputs } from "../src/report/outputs.js";
import { scenarioOf } from "./helpers/scenario.js";

/**
 * The regulator's figures of compliance.json `structure`, on trees worked by hand: one arrival a
 * day, each ordering on arrival (a participant from day 1 of their membership), recruited by the
 * most recent promoter (recruiter `recent`, window 1) or by nobody.
 */
function structureOf(referredShare: number, days: number) {
  const scenario = scenarioOf({
    days,
    products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }],
    population: {
      arrivals: { model: "constant", perDay: 1, referredShare, recruiter: { model: "recent", window: 1 } },
      segments: [{ name: "all", orderRate: 0, firstOrderProbability: 1 }],
    },
  });
  return simulate(scenario).compliance.structure;
}

describe("compliance.json structure", () => {
  it("a chain of 40: user k's organisation is users k..39 (40 − k participants in 40 − k levels), over the line for k ≤ 10", () => {
    // Day 1: user 0 arrives with no promoter to invite them; every later user is recruited by the
    // one before (the most recent promoter). Organisations over the line: 40 − k ≥ 30 ⟺ k ≤ 10,
    // eleven of them, nested inside user 0's, the one network.
    const s = structureOf(1, 40);
    expect(s.overPyramidLine).toEqual({ nested: 11, outermost: 1 });
    expect(s.membersPerLevel).toEqual(Array.from({ length: 40 }, () => 1));
    expect(s.shareInThreeOrMoreLevels).toBe(1);
    expect(s.deepestChain).toBe(40);
  });

  it("nobody recruited: 40 structures of one, none over the line, all at level 1", () => {
    const s = structureOf(0, 40);
    expect(s.overPyramidLine).toEqual({ nested: 0, outermost: 0 });
    expect(s.membersPerLevel).toEqual([40]);
    expect(s.shareInThreeOrMoreLevels).toBe(0);
    expect(s.deepestChain).toBe(1);
  });

  it("a chain of 31: only the top's organisation is over the line (31 participants; user 1's has 30 in 30 levels, also over)", () => {
    // 31 − k ≥ 30 ⟺ k ≤ 1: users 0 and 1.
    expect(structureOf(1, 31).overPyramidLine).toEqual({ nested: 2, outermost: 1 });
  });

  it("compliance.json carries the structures the run computed", () => {
    const scenario = scenarioOf({
      days: 40,
      products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }],
      population: {
        arrivals: { model: "constant", perDay: 1, referredShare: 1, recruiter: { model: "recent", window: 1 } },
        segments: [{ name: "all", orderRate: 0, firstOrderProbability: 1 }],
      },
    });
    const file = dataOutputs(simulate(scenario), scenario).find((f) => f.name === "compliance.json");
    const written = JSON.parse(String(file?.content)) as { structure: { overPyramidLine: unknown; deepestChain: unknown } };
    // The chain of 40 worked above: users 0..10 over the line, one network, 40 levels.
    expect(written.structure.overPyramidLine).toEqual({ nested: 11, outermost: 1 });
    expect(written.structure.deepestChain).toBe(40);
  });
});
