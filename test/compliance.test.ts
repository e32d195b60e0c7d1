import { describe, expect, it } from "vitest";
import { ComplianceTracker, type ComplianceReport } from "../src/engine/compliance.js";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { simulate } from "../src/simulate.js";
import { evaluate, parseExpression } from "../src/gates/expression.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * The regulator's tests (docs/compliance.md) on referral trees built by hand: users join with
 * a chosen referrer and place their first order on a chosen day; the tracker follows the days.
 * `reward()` pays a reward for recruiting today (what makes a referral tree a pyramid-selling
 * organisation under 刑法 §224之一); the expected figures are counted by hand in each comment.
 */
class Tree {
  readonly state: SimState;
  private readonly tracker: ComplianceTracker;

  constructor(scale = 1) {
    this.state = new SimState(scenarioOf({ products: [product({})], report: { scale } }), 1);
    this.tracker = new ComplianceTracker(this.state, () => 0);
  }

  /** A participant who joins today under `referrer` (-1: a root) and pays `paidYuan` of new money. */
  join(referrer: number, paidYuan = 100): number {
    const { users, promoters } = this.state;
    const id = users.add(this.state.day, referrer, 0);
    users.flags[id] = FLAG_PROMOTER;
    users.cashIn[id] = paidYuan * 100;
    promoters.push(id);
    return id;
  }

  /** Today someone is paid 10 yuan for a recruit (a recruit-pay reward). */
  reward(): void {
    this.state.today.recruitPayFen += 1000;
    this.state.today.recruitingRewardsFen += 1000;
  }

  /** Moves to the next day (the tracker closes the previous one). */
  day(): void {
    if (this.state.day > 0) this.tracker.closeDay();
    this.state.day++;
    this.state.today.reset();
  }

  report(): ComplianceReport {
    this.tracker.closeDay();
    return this.tracker.report({ rewardChains: [], ownRewardsFen: 0 });
  }
}

const test = (r: ComplianceReport, id: string) => r.tests.find((t) => t.id === id);

describe("compliance: the organisation thresholds, on hand-built trees", () => {
  /** Day 1: A → B → C (3 levels) and 26 more under A: 29 participants. Day 2: one more under C. */
  const thirty = (rewardOnDay: number | null) => {
    const tree = new Tree();
    tree.day();
    if (rewardOnDay === 1) tree.reward();
    const a = tree.join(-1);
    const b = tree.join(a);
    const c = tree.join(b);
    for (let i = 0; i < 26; i++) tree.join(a);
    tree.day();
    if (rewardOnDay === 2) tree.reward();
    tree.join(c);
    for (let d = 3; d <= 6; d++) {
      tree.day();
      if (rewardOnDay === d) tree.reward();
      tree.join(a); // one more a day: the figures of the day the line is met are that day's
    }
    return { tree, a, b, c, r: tree.report() };
  };

  it("a chain of 3 levels with 29 participants is under the line; the 30th, on day 2, crosses it", () => {
    // The platform (operator = level 1) over A's tree: day 2, 30 participants in 1 + 4 = 5
    // levels, 30 × 100 = 3,000 yuan collected. A's own sub-organisation: 30 in 4 levels.
    const { a, b, c, r } = thirty(1);
    expect(test(r, "pyramid-threshold")).toMatchObject({
      met: true,
      status: "met",
      firstDay: 2,
      figures: {
        participants: 30,
        levels: 5,
        collected: 3000,
        sizeDay: 2,
        recruitingRewardsDay: 1,
        organiser: a,
        organiserParticipants: 30,
        organiserLevels: 4,
      },
    });
    expect(r.organisations[0]).toMatchObject({ organiser: a, root: true, participants: 34, levels: 4, pyramidDay: 2 });
    expect(r.gates.pyramidThresholdDay).toBe(2);
    expect(r.gates.pyramidSizeDay).toBe(2);
    expect(test(r, "pyramid-threshold")?.evidence).toContain(`user ${a} (joined day 1) → user ${b} (joined day 1) → user ${c}`);
    // At the end: 34 participants, 3,400 yuan; the platform block says so.
    expect(r.platform).toMatchObject({ participants: 34, levels: 5, collected: 3400, scale: 1 });
  });

  it("the same tree with no reward for recruiting is a referral tree: size only, not met", () => {
    const { r } = thirty(null);
    for (const id of ["pyramid-threshold"])
      expect(test(r, id)).toMatchObject({
        met: false,
        status: "size only",
        firstDay: null,
        figures: { sizeDay: 2, participants: 30, recruitingRewardsDay: null },
      });
    expect(test(r, "serious-participants")).toMatchObject({ met: false, status: "not met" });
    expect(test(r, "pyramid-threshold")?.evidence).toContain("size only");
    expect(r.gates.pyramidThresholdDay).toBeNull();
    expect(r.gates.pyramidSizeDay).toBe(2);
  });

  it("rewards that start after the size is reached: met on the day they start, with that day's figures", () => {
    // Day 5: 29 + 1 + 1 + 1 + 1 = 33 participants (days 2-5 each add one), 3,300 yuan.
    const { r } = thirty(5);
    expect(test(r, "pyramid-threshold")).toMatchObject({
      met: true,
      firstDay: 5,
      figures: { participants: 33, levels: 5, collected: 3300, sizeDay: 2, recruitingRewardsDay: 5 },
    });
  });

  it("29 participants in 3 levels is not met", () => {
    const tree = new Tree();
    tree.day();
    tree.reward();
    const a = tree.join(-1);
    const b = tree.join(a);
    tree.join(b);
    for (let i = 0; i < 26; i++) tree.join(a);
    const r = tree.report();
    expect(test(r, "pyramid-threshold")).toMatchObject({ met: false, status: "not met", firstDay: null, figures: { participants: 29, levels: 4 } });
    expect(r.gates.largestOrganisationParticipants).toBe(29);
    expect(r.gates.largestOrganisationLevels).toBe(3);
  });

  it("one user with 499 recruits: 2 levels in the user's tree, 3 with the operator who organises the platform", () => {
    const tree = new Tree();
    tree.day();
    tree.reward();
    const a = tree.join(-1);
    for (let i = 0; i < 499; i++) tree.join(a);
    const r = tree.report();
    // No user's sub-organisation has 3 levels; the platform's does (operator → A → recruits).
    expect(test(r, "pyramid-threshold")).toMatchObject({ met: true, firstDay: 1, figures: { participants: 500, levels: 3, organiser: null } });
    expect(test(r, "serious-participants")).toMatchObject({ met: true, firstDay: 1 });
    expect(r.organisations[0]).toMatchObject({ participants: 500, levels: 2 });
  });

  it("a platform of many small trees: no user's sub-organisation reaches 30, the platform does", () => {
    // Day 1: 10 roots, each with 2 recruits: 30 participants; user trees 2 levels deep, the
    // platform 3; each sub-organisation has 3 participants.
    const tree = new Tree();
    tree.day();
    tree.reward();
    for (let k = 0; k < 10; k++) {
      const root = tree.join(-1);
      tree.join(root);
      tree.join(root);
    }
    const r = tree.report();
    expect(test(r, "pyramid-threshold")).toMatchObject({
      met: true,
      firstDay: 1,
      figures: { participants: 30, levels: 3, collected: 3000, organiser: null, largestParticipants: 3, largestLevels: 2 },
    });
    expect(r.gates.largestOrganisationParticipants).toBe(3);
  });

  it("the 120-participant and 2,500,000-yuan lines, crossed on known days", () => {
    // Day 1: A → B → C and 27 under B: 30 participants, 3 user levels (4 with the operator),
    // 3000 yuan paid (100 each). Days 2-10: 10 more under C each day: day 10 brings 120. Day 11:
    // B's organisation gets a member who pays 2,500,000: the platform (all in A's tree) has
    // collected 120 × 100 + 2,500,000 = 2,512,000.
    const tree = new Tree();
    tree.day();
    tree.reward();
    const a = tree.join(-1);
    const b = tree.join(a);
    const c = tree.join(b);
    for (let i = 0; i < 27; i++) tree.join(b);
    for (let d = 2; d <= 10; d++) {
      tree.day();
      for (let i = 0; i < 10; i++) tree.join(c);
    }
    tree.day();
    tree.join(b, 2_500_000);
    const r = tree.report();
    expect(test(r, "pyramid-threshold")).toMatchObject({ met: true, firstDay: 1, figures: { participants: 30, levels: 4, collected: 3000 } });
    expect(test(r, "serious-participants")).toMatchObject({
      met: true,
      firstDay: 10,
      figures: { participants: 120, levels: 5, collected: 12_000, organiser: a, organiserParticipants: 120 },
    });
    expect(test(r, "serious-amount")).toMatchObject({
      met: true,
      firstDay: 11,
      figures: { participants: 121, collected: 2_512_000, organiser: a, organiserCollected: 2_512_000 },
    });
    expect(r.growth.days.map((d) => d.participants)).toEqual([30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 121]);
    expect(r.growth.days.map((d) => d.levels)).toEqual([3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it("a run at 1:10: participants and money count ten times against the lines; levels do not", () => {
    // Day 1: A → B → C: 3 simulated participants = 30 at full scale, in 1 + 3 = 4 levels;
    // 300 yuan simulated = 3,000 at full scale. At 1:1 the same tree is far under the line.
    const build = (scale: number) => {
      const tree = new Tree(scale);
      tree.day();
      tree.reward();
      const a = tree.join(-1);
      tree.join(tree.join(a));
      return tree.report();
    };
    expect(test(build(10), "pyramid-threshold")).toMatchObject({
      met: true,
      firstDay: 1,
      figures: { participants: 30, levels: 4, collected: 3000, scale: 10, organiserParticipants: 30 },
    });
    expect(build(10).platform).toMatchObject({ participants: 30, simulatedParticipants: 3, collected: 3000, simulatedCollected: 300 });
    expect(test(build(1), "pyramid-threshold")).toMatchObject({ met: false, status: "not met", figures: { participants: 3, levels: 4 } });
    // 1:40: 120 participants at full scale, the serious line too.
    expect(test(build(40), "serious-participants")).toMatchObject({ met: true, figures: { participants: 120 } });
  });
});

describe("compliance: the pay tests, on runs", () => {
  /** A (day 1, no referrer), then one user a day invited by a promoter, each buying on arrival. */
  const run = (schemes: Record<string, unknown>) =>
    simulate(
      scenarioOf({
        days: 3,
        products: [product({ id: "box", price: 1000, distribution: 500 })],
        population: { arrivals: { perDay: 1, startDay: 2, referredShare: 1 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
        schemes,
        confidence: { effect: 0 },
      }),
    );

  it("a two-level referral commission plan pays for recruiting and on downline sales, and needs an entry purchase", () => {
    // Day 2: B (invited by A) buys 1000: A earns 20% = 200, for a recruit's joining order.
    const { compliance, summary } = run({ purchaseCommission: { levels: [0.2, 0.1] } });
    expect(compliance.tests.find((t) => t.id === "recruit-pay")).toMatchObject({ met: true, firstDay: 2 });
    expect(compliance.tests.find((t) => t.id === "team-pay")).toMatchObject({ met: true, firstDay: 2 });
    expect(compliance.tests.find((t) => t.id === "entry-fee")).toMatchObject({ met: true, firstDay: 2 });
    expect(compliance.tests.find((t) => t.id === "recruit-pay")?.evidence).toContain('"purchase commission"');
    expect(summary.compliance.recruitPayDay).toBe(2);
    // One tree under A: its organisation holds every commission paid, none on own purchases.
    expect(compliance.organisations[0]).toMatchObject({
      organiser: 0,
      root: true,
      participants: 3,
      downlineRewardsFen: Math.round(summary.totalCommissionsPaid * 100),
      ownRewardsFen: 0,
    });
  });

  it('the tests are gate metrics: --fail-if "compliance.recruitPayDay != null"', () => {
    const gate = "compliance.recruitPayDay != null";
    const metrics = (schemes: Record<string, unknown>) => run(schemes).summary as unknown as Record<string, unknown>;
    expect(evaluate(parseExpression(gate), metrics({ purchaseCommission: { levels: [0.2] } }), gate)).toBe(true);
    expect(evaluate(parseExpression(gate), metrics({}), gate)).toBe(false);
  });

  it("a plain shop with no referral rewards meets none of the tests", () => {
    const { compliance, summary } = run({});
    expect(compliance.tests.filter((t) => t.met)).toEqual([]);
    expect(summary.compliance.testsMet).toBe(0);
  });

  it("direct selling: pay within 30% of direct sales, one level deep, stays under the cap; over it, it does not", () => {
    // One level at 20%: pay 200 per 1000 of sales to directly invited users (20% ≤ 30%).
    expect(run({ purchaseCommission: { levels: [0.2] } }).compliance.tests.find((t) => t.id === "direct-selling-cap")?.met).toBe(false);
    // One level at 40%: 400 per 1000 (40% > 30%): over the cap from day 2; every inviter over it.
    const over = run({ purchaseCommission: { levels: [0.4] } }).compliance.tests.find((t) => t.id === "direct-selling-cap");
    expect(over).toMatchObject({ met: true, firstDay: 2 });
    expect(over?.figures.usersOverCap).toBeGreaterThanOrEqual(1);
  });
});
