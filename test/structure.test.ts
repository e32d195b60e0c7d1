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

describe("compliance.json in Chinese", () => {
  /**
   * The chain of 40 above (one order of ¥100 each, no reward of any kind), as a zh-CN run: the
   * platform's organisation reaches 30 participants in 31 levels (the operator and a chain of 30)
   * at the end of day 30, having taken 30 × ¥100 = ¥3,000; no reward depends on recruiting, so
   * the line is reached by size only. User 0's own organisation (user 0 at its level 1, as the
   * operator is the platform's) reaches 30 participants in 30 levels the same day, having taken
   * the same ¥3,000: the first sub-organisation over the line. The sentence is written by hand from those figures and the glossary's terms.
   */
  it("carries the evidence in Chinese after the English, built from the same figures", () => {
    const scenario = scenarioOf({
      days: 40,
      lang: "zh-CN",
      products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }],
      population: {
        arrivals: { model: "constant", perDay: 1, referredShare: 1, recruiter: { model: "recent", window: 1 } },
        segments: [{ name: "all", orderRate: 0, firstOrderProbability: 1 }],
      },
    });
    const file = dataOutputs(simulate(scenario), scenario).find((f) => f.name === "compliance.json");
    const tests = (JSON.parse(String(file?.content)) as { tests: Record<string, unknown>[] }).tests;
    for (const t of tests) expect(Object.keys(t).indexOf("evidenceZh")).toBe(Object.keys(t).indexOf("evidence") + 1);
    const pyramid = tests.find((t) => t.id === "pyramid-threshold");
    expect(pyramid?.status).toBe("size only");
    expect(pyramid?.evidenceZh).toBe(
      "仅规模达标：平台（其运营者为组织者，位于第1级）第30天结束时有30名参与传销活动人员、31个层级，已收取新增资金3,000.00元，超过30名参与传销活动人员、3个层级，但没有任何奖励直接或间接取决于拉人头：这是推荐关系树，不是刑法第二百二十四条之一所称的传销组织；最先达到该标准的下线组织：用户0的下线组织，第30天结束时有30名参与传销活动人员、30个层级，收取3,000.00元",
    );
    expect(tests.find((t) => t.id === "recruit-pay")?.evidenceZh).toBe("没有任何奖励取决于拉人头");
  });

  it("an English run's compliance.json has no Chinese keys", () => {
    const scenario = scenarioOf({ days: 5, products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }] });
    const file = dataOutputs(simulate(scenario), scenario).find((f) => f.name === "compliance.json");
    expect(String(file?.content)).not.toMatch(/Zh"/);
  });
});
