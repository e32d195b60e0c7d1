import { describe, expect, it } from "vitest";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { membership } from "../src/schemes/membership.js";
import { purchaseCommission } from "../src/schemes/purchase-commission.js";
import { schemeBytesPerUser } from "../src/scenario/estimate.js";
import { explainScenario } from "../src/cli/explain.js";
import { product, scenarioOf } from "./helpers/scenario.js";

/**
 * Purchase commissions by membership tier (memberTierRules): a chain G ← U ← B, where the tiers
 * are set by hand through the membership scheme (shared state, as in a run).
 */
function chain(commissions: Record<string, unknown>, tiers: { upline: number; grand: number }, orders = 1) {
  const scenario = scenarioOf({
    products: [product({ price: 1000, distribution: 500 })],
    schemes: {
      purchaseCommission: commissions,
      membership: {
        tiers: [
          { name: "member", minOwnSpend: 1e6 },
          { name: "gold", minOwnSpend: 1e6 },
        ],
      },
    },
  });
  const state = new SimState(scenario, 1);
  state.day = 1;
  const members = membership.create(scenario.schemes.membership!, state);
  state.memberTiers = members;
  const instance = purchaseCommission.create(scenario.schemes.purchaseCommission!, state);
  const grand = state.users.add(1, -1, 0);
  const upline = state.users.add(1, grand, 0);
  const buyer = state.users.add(1, upline, 0);
  members.onArrival?.(buyer);
  const setTier = (members as unknown as { setTier(u: number, t: number): void }).setTier.bind(members);
  setTier(upline, tiers.upline);
  setTier(grand, tiers.grand);
  state.users.flags[grand] = FLAG_PROMOTER;
  state.users.flags[upline] = FLAG_PROMOTER;
  const p = state.products[0]!;
  for (let i = 0; i < orders; i++)
    instance.onOrder?.({ user: buyer, product: p.product, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
  return { state, grand, upline, instance };
}

describe("purchase commissions by membership tier (docs/model.md, orders, memberTierRules)", () => {
  it("pays each upline at their tier's rates; a tier that may not earn gets nothing (the level still counts)", () => {
    // Order 1,000 yuan = 100,000 fen, distribution budget 500 yuan = 50,000 fen.
    // Rules: tier 1 (member) may not earn; tier 2 (gold) earns [0.25, 0.15].
    // U holds gold: level 1 → 25% × 100,000 = 25,000. G holds gold: level 2 → 15% = 15,000.
    // Budget 50,000 ≥ 40,000: both paid in full.
    const rules = { memberTierRules: [{ canEarn: false }, { levels: [0.25, 0.15] }] };
    const both = chain(rules, { upline: 2, grand: 2 });
    expect([both.state.users.change[both.upline], both.state.users.change[both.grand]]).toEqual([25_000, 15_000]);
    // U a member (may not earn): U nothing, G still at level 2 (15,000): the level counts.
    const member = chain(rules, { upline: 1, grand: 2 });
    expect([member.state.users.change[member.upline], member.state.users.change[member.grand]]).toEqual([0, 15_000]);
  });

  it("users without a tier earn at levels, or nothing with nonMembersEarn false", () => {
    // No tier for either: the scheme's levels [0.2, 0.1] → 20,000 and 10,000.
    const open = chain({ memberTierRules: [{ levels: [0.3] }] }, { upline: 0, grand: 0 });
    expect([open.state.users.change[open.upline], open.state.users.change[open.grand]]).toEqual([20_000, 10_000]);
    // nonMembersEarn false: U (no tier) nothing; G (member, rule [0.3]: no level 2) nothing.
    const closed = chain({ nonMembersEarn: false, memberTierRules: [{ levels: [0.3] }] }, { upline: 0, grand: 1 });
    expect([closed.state.users.change[closed.upline], closed.state.users.change[closed.grand]]).toEqual([0, 0]);
    // Gold is past the one-item list: G earns at levels, 10% = 10,000.
    const past = chain({ nonMembersEarn: false, memberTierRules: [{ levels: [0.3] }] }, { upline: 1, grand: 2 });
    expect([past.state.users.change[past.upline], past.state.users.change[past.grand]]).toEqual([30_000, 10_000]);
  });

  it("caps a holder's commissions in a day at their tier's dailyCap, and the cap opens again the next day", () => {
    // Gold: levels [0.2, 0.1], dailyCap 333.33 yuan = 33,333 fen. Three orders of 1,000 yuan:
    // U earns 20,000, then min(20,000, 33,333 − 20,000 = 13,333) = 13,333, then 0: 33,333.
    // G earns 10,000 a time, 30,000 < 33,333: uncapped. A new day: U earns 20,000 again.
    const { state, upline, grand, instance } = chain({ memberTierRules: [{}, { dailyCap: 333.33 }] }, { upline: 2, grand: 2 }, 3);
    expect(state.users.change[upline]).toBe(33_333);
    expect(state.users.change[grand]).toBe(30_000);
    instance.closeDay?.();
    const p = state.products[0]!;
    instance.onOrder?.({ user: 2, product: p.product, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
    expect(state.users.change[upline]).toBe(53_333);
    // A cap adds 12 bytes a user to the run estimate: earnedToday (Float64, 8) and the earners (Int32, 4).
    const held = instance as unknown as { earnedToday: Float64Array; earners: Int32Array };
    expect((held.earnedToday.byteLength + held.earners.byteLength) / state.users.capacity).toBeLessThanOrEqual(12);
    const scenario = scenarioOf({ products: [product({})], schemes: { purchaseCommission: { memberTierRules: [{ dailyCap: 1 }] }, membership: {} } });
    // Membership's default tiers take 23 bytes a user on their own.
    expect(schemeBytesPerUser(scenario)).toBe(23 + 12);
  });

  it("explain counts each level at the most any tier may earn", () => {
    // levels [0.2, 0.1]; gold [0.25, 0.15]: up to 25% + 15% of 1,000 yuan = 400 yuan, within 500.
    const scenario = scenarioOf({
      products: [product({ price: 1000, distribution: 500 })],
      schemes: { purchaseCommission: { memberTierRules: [{ canEarn: false, levels: [0.5, 0.5] }, { levels: [0.25, 0.15] }] }, membership: {} },
    });
    expect(explainScenario(scenario)[0]?.schemes.purchaseCommission).toEqual({ commissionsFen: 40_000 });
  });
});

describe("purchase commissions by tier: validation", () => {
  it("refuses tier rules without a membership scheme, with the path", async () => {
    const { resolveScenario } = await import("../src/scenario/validate.js");
    const result = resolveScenario({ name: "t", products: [product({})], schemes: { purchaseCommission: { memberTierRules: [{ canEarn: false }] } } });
    expect(result.problems).toEqual([
      {
        path: "schemes.purchaseCommission.memberTierRules",
        expected: "a membership scheme whose tiers the rules follow (schemes.membership), or no rules",
        found: "1 rule and no membership",
      },
    ]);
  });

  it("refuses ads' release rules without a membership scheme too, both problems at once", async () => {
    const { resolveScenario } = await import("../src/scenario/validate.js");
    const result = resolveScenario({
      name: "t",
      products: [product({})],
      schemes: { purchaseCommission: { memberTierRules: [{}, {}] }, ads: { memberTierRules: [{ releaseRate: 0.02 }, {}, {}] } },
    });
    const expected = "a membership scheme whose tiers the rules follow (schemes.membership), or no rules";
    expect(result.problems.map((p) => ({ path: p.path, expected: p.expected, found: p.found }))).toEqual([
      { path: "schemes.purchaseCommission.memberTierRules", expected, found: "2 rules and no membership" },
      { path: "schemes.ads.memberTierRules", expected, found: "3 rules and no membership" },
    ]);
    // With a membership scheme, the same rules are accepted.
    const withMembership = resolveScenario({
      name: "t",
      products: [product({})],
      schemes: { ads: { memberTierRules: [{ releaseRate: 0.02 }] }, membership: {} },
    });
    expect(withMembership.problems).toEqual([]);
  });
});
