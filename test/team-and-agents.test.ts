import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { levelDifferenceBonuses } from "../src/schemes/team-leaders.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";

describe("team leaders (docs/model.md, team leaders, agents, rotation): level difference 级差 and peer 平级 bonuses", () => {
  it("pays the rate difference up the chain and one peer bonus per level reached", () => {
    // Chain S → A → B → C → D → E → F with levels (rates) A 0 (5%), B 0 (5%), C 1 (8%),
    // D 2 (10%), E 2, F 2. On 1000 yuan with a 1% peer bonus: A 5% = 50; B same level as A →
    // peer 10; C 8% − 5% = 30; D 10% − 8% = 20; E same level as D → peer 10; then the top
    // rate and its peer are paid, so F gets nothing. 120 yuan in all.
    const referrer = Int32Array.from([1, 2, 3, 4, 5, 6, -1]); // S=0, A=1, ..., F=6
    const levels = [-1, 0, 0, 1, 2, 2, 2];
    const paid: [number, number, string][] = [];
    levelDifferenceBonuses(
      100_000,
      0,
      referrer,
      (u) => levels[u] as number,
      [50_000, 80_000, 100_000],
      10_000,
      50,
      (u, fen, kind) => paid.push([u, fen, kind]),
    );
    expect(paid).toEqual([
      [1, 5_000, "level"],
      [2, 1_000, "peer"],
      [3, 3_000, "level"],
      [4, 2_000, "level"],
      [5, 1_000, "peer"],
    ]);
  });

  it("skips non-leaders and stops at maxDepth", () => {
    const referrer = Int32Array.from([1, 2, 3, -1]);
    const levels = [-1, -1, -1, 0];
    const paid: number[] = [];
    levelDifferenceBonuses(
      100_000,
      0,
      referrer,
      (u) => levels[u] as number,
      [50_000],
      0,
      50,
      (u) => paid.push(u),
    );
    expect(paid).toEqual([3]);
    const none: number[] = [];
    levelDifferenceBonuses(
      100_000,
      0,
      referrer,
      (u) => levels[u] as number,
      [50_000],
      0,
      2,
      (u) => none.push(u),
    );
    expect(none).toEqual([]);
  });

  it("promotes by team size and pays contribution points on downline orders, counted as a liability", () => {
    // Day 1: leader L arrives and orders. Days 2-4: one user a day, all invited by L (the only
    // promoter at first; later ones may be invited by others, so team size is what L sees).
    const scenario = scenarioOf({
      days: 3,
      products: [{ id: "p", price: 1000 }],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [
          { day: 1, count: 1, segment: "s" },
          { day: 2, count: 1, segment: "s" },
          { day: 3, count: 1, segment: "s" },
        ],
        segments: [quietSegment("s")],
      },
      schemes: {
        teamLeaders: {
          basis: "order",
          levels: [{ name: "leader", minTeamSize: 0, rate: 0.1 }],
          peerBonusRate: 0,
          payIn: "contribution",
          contributionPointValue: 1,
        },
      },
      confidence: { effect: 0 },
    });
    // Scheduled users have no referrer: nobody is anybody's upline, so no bonus is paid.
    expect(simulate(scenario).rows.at(-1)?.contribution_points_outstanding).toBe("0.0000");
    const invited = scenarioOf({
      ...{ days: 3, products: [{ id: "p", price: 1000 }], confidence: { effect: 0 } },
      population: { arrivals: { perDay: 1, referredShare: 1 }, segments: [quietSegment("s")] },
      schemes: {
        teamLeaders: {
          basis: "order",
          levels: [{ name: "leader", minTeamSize: 1, rate: 0.1 }],
          peerBonusRate: 0,
          payIn: "contribution",
          contributionPointValue: 1,
        },
      },
    });
    // Day 1: U0 (no upline). Day 2: U1 invited by U0 (the only promoter): U0's team is 1 → leader;
    // U1's 1000 order pays U0 10% = 100 contribution points. Day 3: U2 invited by U0 or U1; either
    // way some leader above U2 earns 100 (U1 only if U1 has a team, which it does if U2 is U1's).
    const rows = simulate(invited).rows;
    expect(rows[0]?.contribution_points_outstanding).toBe("0.0000");
    expect(rows[1]?.contribution_points_outstanding).toBe("100.0000");
    expect(rows[1]?.team_bonus).toBe("100.00");
    expect(rows[2]?.contribution_points_outstanding).toBe("200.0000");
    // 200 contribution points at 1 yuan are promised equity: part of liabilities.
    expect(rows[2]?.liabilities).toBe("200.00");
  });
});

describe("regional agents (docs/model.md, team leaders, agents, rotation, seed 002's tiers)", () => {
  it("takes franchise fees on joining and pays commissions on orders in the area", () => {
    // Two counties in one city, province and region: 2 county agents (50k each), 1 city (200k),
    // 1 province (1M), 1 region (2M) join on day 1: 3,300,000 of fees. A 1000 order pays
    // 0.8% + 0.5% + 0.2% + 0.1% = 16 in commissions, whichever county the buyer lives in.
    const scenario = scenarioOf({
      days: 2,
      products: [{ id: "p", price: 1000 }],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s")],
        geography: { regions: 1, provincesPerRegion: 1, citiesPerProvince: 1, countiesPerCity: 2 },
      },
      schemes: { regionalAgents: {} },
      confidence: { effect: 0 },
    });
    const result = simulate(scenario);
    const [day1, day2] = result.rows;
    expect(day1?.franchise_fees_in).toBe("3300000.00");
    expect(day1?.agents_active).toBe("5");
    expect(day1?.new_money_in).toBe("3301000.00");
    expect(day1?.agent_commissions).toBe("16.00");
    expect(day2?.franchise_fees_in).toBe("0.00");
    expect(result.summary.schemes.regionalAgents?.countyAgents).toBe(2);
    expect(result.summary.schemes.regionalAgents?.regionCommissions).toBe(1);
    expect(result.summary.schemes.regionalAgents?.regionAgentsNotRecoveringFee).toBe(1);
  });

  it("waits for an area to have minUsers before an agent joins", () => {
    const scenario = scenarioOf({
      days: 3,
      products: [{ id: "p", price: 100 }],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s", { firstOrderProbability: 0 })] },
      schemes: { regionalAgents: { tiers: [{ level: "county", franchiseFee: 1000, commissionRate: 0.01, minUsers: 2 }] } },
      confidence: { effect: 0 },
    });
    expect(simulate(scenario).rows.map((r) => r.franchise_fees_in)).toEqual(["0.00", "1000.00", "0.00"]);
  });
});

describe("rotation (docs/model.md, team leaders, agents, rotation)", () => {
  it("switches from value-added to the queue on the day one ends and the other starts", () => {
    const scenario = scenarioOf({
      days: 5,
      products: [{ id: "p", price: 100, valueAddedEligible: true, dividendEligible: true }],
      population: { arrivals: { perDay: 1 }, segments: [quietSegment("s")] },
      schemes: { valueAdded: { endDay: 3, returnCap: null }, dividendQueue: { startDay: 4, rewardRatio: 0.1 } },
      confidence: { effect: 0 },
    });
    const rows = simulate(scenario).rows;
    expect(rows.map((r) => r.va_points_issued === "0.0000")).toEqual([false, false, false, true, true]);
    expect(rows.map((r) => r.queue_length)).toEqual(["0", "0", "0", "1", "2"]);
    // The value-added points of days 1-3 stay outstanding after the scheme ends.
    expect(rows[4]?.va_points_outstanding).toBe(rows[2]?.va_points_outstanding);
  });
});

describe("team leaders by membership tier (minMemberTier)", () => {
  it("pays only leaders holding the membership tier; a leader without it is skipped like one who cannot earn", async () => {
    const { SimState } = await import("../src/engine/state.js");
    const { FLAG_PROMOTER } = await import("../src/engine/users.js");
    const { teamLeaders } = await import("../src/schemes/team-leaders.js");
    const { membership } = await import("../src/schemes/membership.js");
    const { resolveScenario } = await import("../src/scenario/validate.js");
    // L ← U ← B. Levels: leader (team ≥ 1, 5%), senior (team ≥ 2, 8%); no peer bonus. U is a
    // leader (team 1), L a senior (team 2). B's 1,000-yuan order = 100,000 fen: U 5% = 5,000;
    // L 8% − 5% = 3% = 3,000. With minMemberTier 1 and only U holding tier 1: U 5,000, L 0.
    const run = (minMemberTier: number) => {
      const scenario = scenarioOf({
        products: [{ id: "p", price: 1000 }],
        schemes: {
          teamLeaders: {
            basis: "order",
            payIn: "cash",
            peerBonusRate: 0,
            minMemberTier,
            levels: [
              { name: "leader", minTeamSize: 1, rate: 0.05 },
              { name: "senior", minTeamSize: 2, rate: 0.08 },
            ],
          },
          membership: { tiers: [{ name: "member", minOwnSpend: 1_000_000 }] },
        },
      });
      const state = new SimState(scenario, 1);
      state.day = 1;
      const members = membership.create(scenario.schemes.membership!, state);
      state.memberTiers = members;
      const leaders = teamLeaders.create(scenario.schemes.teamLeaders!, state);
      const l = state.users.add(1, -1, 0);
      const u = state.users.add(1, l, 0);
      const b = state.users.add(1, u, 0);
      for (const id of [l, u, b]) {
        members.onArrival?.(id);
        leaders.onArrival?.(id);
        state.users.flags[id] = FLAG_PROMOTER;
      }
      (members as unknown as { setTier(user: number, tier: number): void }).setTier(u, 1);
      const p = state.products[0]!;
      leaders.onOrder?.({ user: b, product: p.product, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
      return [state.users.change[l], state.users.change[u]];
    };
    expect(run(0)).toEqual([3_000, 5_000]);
    expect(run(1)).toEqual([0, 5_000]);
    // A tier the membership does not have is refused, with its path.
    const problems = resolveScenario({
      name: "t",
      products: [{ id: "p", price: 1 }],
      schemes: { teamLeaders: { minMemberTier: 2 }, membership: { tiers: [{ name: "member" }] } },
    }).problems;
    expect(problems).toEqual([{ path: "schemes.teamLeaders.minMemberTier", expected: "a tier number from 0 to 1 (schemes.membership's tiers)", found: "2" }]);
  });
});
