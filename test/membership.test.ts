import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimState } from "../src/engine/state.js";
import type { SchemeInstance } from "../src/engine/scheme.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { membership } from "../src/schemes/membership.js";
import { OperatorPointers } from "../src/schemes/membership-operators.js";
import { simulate } from "../src/simulate.js";
import { schemeBytesPerUser } from "../src/scenario/estimate.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { explainScenario, explainSchedules, formatExplanation } from "../src/cli/explain.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/** A run's state and the membership scheme on it, users added by hand (day 1 unless moved on). */
function world(config: Record<string, unknown>, scheduled: Record<string, unknown>[] = []) {
  const scenario = scenarioOf({ products: [product({ price: 1000 })], population: { scheduled }, schemes: { membership: config } });
  const state = new SimState(scenario, 1);
  const instance: SchemeInstance = membership.create(scenario.schemes.membership!, state);
  state.day = 1;
  const tier = () => (instance as unknown as { tier: Uint8Array }).tier;
  /** A user joins today under `referrer` and has placed a first order (a promoter, who may earn). */
  const join = (referrer: number) => {
    const id = state.users.add(state.day, referrer, 0);
    instance.onArrival?.(id);
    state.users.flags[id] = FLAG_PROMOTER;
    return id;
  };
  const order = (user: number, yuan: number) =>
    instance.onOrder?.({ user, product: state.products[0]!.product, productIndex: 0, priceFen: yuan * 100, cashFen: yuan * 100, changeFen: 0, pointsFen: 0 });
  /** Ends the day (operator changes take effect) and starts the next. */
  const nextDay = () => {
    instance.settle?.();
    state.day++;
    state.today.reset();
  };
  return { state, instance, join, order, nextDay, tier };
}

describe("membership (docs/model.md, membership tiers and operators)", () => {
  it("a 3-level chain paying a membership fee pays commissions by level, rounded down to the fen", () => {
    // Chain A ← B ← C ← D, each paying a 333.33-yuan fee (33,333 fen) on joining; shares 30%,
    // 10%, 5% of the fee to the upline, the next, the next (floor to the fen):
    //   30% of 33,333 = 9,999.9 → 9,999; 10% = 3,333.3 → 3,333; 5% = 1,666.65 → 1,666.
    // B's fee: A 9,999. C's fee: B 9,999, A 3,333. D's fee: C 9,999, B 3,333, A 1,666.
    // A = 9,999 + 3,333 + 1,666 = 14,998; B = 9,999 + 3,333 = 13,332; C = 9,999; D = 0.
    const { state, join } = world({ tiers: [{ name: "member", fee: 333.33, feeCommissions: [0.3, 0.1, 0.05] }] });
    const a = join(-1);
    const b = join(a);
    const c = join(b);
    const d = join(c);
    expect([a, b, c, d].map((u) => state.users.change[u])).toEqual([14_998, 13_332, 9_999, 0]);
    expect([a, b, c, d].map((u) => state.users.cashIn[u])).toEqual([33_333, 33_333, 33_333, 33_333]);
    // The fees are new money and entry fees (4 × 33,333 = 133,332); the commissions are pay for
    // recruiting (14,998 + 13,332 + 9,999 = 38,329), none of it team pay.
    expect(state.today.newMoneyInFen).toBe(133_332);
    expect(state.today.franchiseFeesFen).toBe(133_332);
    expect(state.today.recruitPayFen).toBe(38_329);
    expect(state.today.commissionsFen).toBe(38_329);
    expect(state.today.teamPayFen).toBe(0);
    expect(state.ledger.balance("platform.cash")).toBe(133_332);
  });

  it("an upline in a tier that does not earn, or who has placed no order, is skipped (the level still counts)", () => {
    // A ← B ← C: B has not ordered (not a promoter). C's fee 1,000 yuan: B skipped, A earns level 2 = 10% = 10,000 fen.
    const { state, instance } = world({ tiers: [{ name: "member", fee: 1000, feeCommissions: [0.3, 0.1] }] });
    const a = state.users.add(1, -1, 0);
    instance.onArrival?.(a);
    state.users.flags[a] = FLAG_PROMOTER;
    const b = state.users.add(1, a, 0);
    instance.onArrival?.(b);
    const c = state.users.add(1, b, 0);
    instance.onArrival?.(c);
    // B's fee: A earns 30% = 30,000; C's fee: B skipped, A 10% = 10,000.
    expect(state.users.change[a]).toBe(40_000);
    expect(state.users.change[b]).toBe(0);
  });

  it("climbs tiers on fee paid, own spend, direct recruits and team size, in order", () => {
    const { state, join, order, tier } = world({
      tiers: [
        { name: "member", fee: 100 },
        { name: "gold", minOwnSpend: 500, minDirectRecruits: 2 },
        { name: "operator", minTeamSize: 4, operator: true, override: 0.1 },
      ],
    });
    const r = join(-1);
    // R paid 100 yuan on joining: member (tier 1).
    expect(tier()[r]).toBe(1);
    order(r, 600);
    // Spend 600 ≥ 500 but no recruits yet: still a member.
    expect(tier()[r]).toBe(1);
    const x = join(r);
    expect(tier()[r]).toBe(1);
    join(r);
    // Two direct recruits and 600 spent: gold. Team 2 < 4: not an operator.
    expect(tier()[r]).toBe(2);
    join(x);
    expect(tier()[r]).toBe(2);
    join(x);
    // Team 4 (X, Y and X's two): operator. X has two recruits but spent nothing: a member.
    expect(tier()[r]).toBe(3);
    expect(tier()[x]).toBe(1);
    // Five fees of 100 yuan.
    expect(state.today.franchiseFeesFen).toBe(50_000);
  });

  it("counts a team down to teamDepth levels only", () => {
    // Chain R ← A ← B ← C. With teamDepth 2, C (3 levels down) is outside R's team: 2 < 3.
    // With teamDepth 3, R's team is 3: R reaches the tier.
    const reach = (teamDepth: number) => {
      const { join, tier } = world({ teamDepth, tiers: [{ name: "lead", minTeamSize: 3 }] });
      const r = join(-1);
      join(join(join(r)));
      return tier()[r];
    };
    expect(reach(2)).toBe(0);
    expect(reach(3)).toBe(1);
  });

  it("a user who declines a fee stays below, and the tiers above are closed to them", () => {
    // takeUp 0: nobody pays; the free tier above is never reached (tiers are climbed in order).
    const { join, tier, state } = world({ tiers: [{ name: "member", fee: 100, takeUp: 0 }, { name: "free" }] });
    const u = join(-1);
    join(u);
    expect(tier()[u]).toBe(0);
    expect(state.today.franchiseFeesFen).toBe(0);
  });

  it("an operator earns an override on every order below, down to the next operator and not beyond", () => {
    // The tree (ids in brackets):      O1[0] ← A[1] ← O2[2] ← C[3] ← D[5]
    //                                                     ↖ E[4]
    // O1 arrives in day 1's scheduled group, appointed operator; O2 becomes one with two direct
    // recruits (C, E). Override 5% of the order: on 1,000 yuan, 5,000 fen.
    const { state, join, order, nextDay } = world({ tiers: [{ name: "operator", minDirectRecruits: 2, operator: true, override: 0.05, appointedOn: [1] }] }, [
      { day: 1, count: 1, segment: "default" },
    ]);
    const o1 = join(-1);
    const a = join(o1);
    const o2 = join(a);
    const c = join(o2);
    const e = join(o2);
    const d = join(c);
    // Day 1: appointments take effect tomorrow, so D's order today pays no override.
    order(d, 1000);
    expect(state.today.commissionsFen).toBe(0);
    nextDay();
    for (const u of [o1, a, o2, c, e, d]) order(u, 1000);
    // O1: A's order and O2's own order (O2 is the next operator, its own purchases are in O1's
    // team; its downline's are not) = 2 × 5,000 = 10,000. O2: C, E, D = 3 × 5,000 = 15,000.
    // O1's own order: nobody above. Total 25,000, all team pay.
    expect(state.users.change[o1]).toBe(10_000);
    expect(state.users.change[o2]).toBe(15_000);
    expect([a, c, e, d].map((u) => state.users.change[u])).toEqual([0, 0, 0, 0]);
    expect(state.today.teamPayFen).toBe(25_000);
    expect(state.today.recruitPayFen).toBe(0);
  });

  it("a yearly fee lapses when not renewed, and the tier goes with it", () => {
    // renewProbability 0: on day 366 the member fee falls due, is not paid, the tier lapses.
    const { state, instance, join, tier } = world({ tiers: [{ name: "member", fee: 100, feePeriod: "yearly", renewProbability: 0 }] });
    const u = join(-1);
    expect(tier()[u]).toBe(1);
    state.day = 365;
    instance.phases?.joined?.();
    expect(tier()[u]).toBe(1);
    state.day = 366;
    instance.phases?.joined?.();
    expect(tier()[u]).toBe(0);
  });

  it("a yearly fee renewed is paid again, with its commissions", () => {
    // B under A pays 100 yuan a year, 20% to A: day 1 and day 366, 2 × 2,000 fen.
    const { state, instance, join } = world({ tiers: [{ name: "member", fee: 100, feePeriod: "yearly", feeCommissions: [0.2] }] });
    const a = join(-1);
    const b = join(a);
    state.day = 366;
    instance.phases?.joined?.();
    expect(state.users.change[a]).toBe(4_000);
    expect(state.users.cashIn[b]).toBe(20_000);
  });
});

describe("membership: two yearly tiers", () => {
  it("renews each on its own due day", () => {
    // Member 100 yuan/year from day 1 (due day 366); VIP 200 yuan/year from day 10, once 100
    // yuan are spent (due day 375). Paid: 100 + 200, then 100 on day 366 and 200 on day 375:
    // 600 yuan = 60,000 fen, and the user still holds the VIP tier.
    const { state, instance, join, order, tier } = world({
      tiers: [
        { name: "member", fee: 100, feePeriod: "yearly" },
        { name: "vip", fee: 200, feePeriod: "yearly", minOwnSpend: 100 },
      ],
    });
    const u = join(-1);
    state.day = 10;
    order(u, 100);
    expect(state.users.cashIn[u]).toBe(30_000);
    for (const day of [366, 374, 375]) {
      state.day = day;
      instance.phases?.joined?.();
    }
    expect(state.users.cashIn[u]).toBe(60_000);
    expect(tier()[u]).toBe(2);
  });
});

describe("the nearest-operator pointer against a walk up the referrers", () => {
  /** The nearest strict upline of u whose status is operator, by walking. */
  const walk = (referrer: Int32Array, operator: Uint8Array, u: number) => {
    let up = referrer[u] as number;
    while (up >= 0 && operator[up] !== 1) up = referrer[up] as number;
    return up;
  };

  it("matches the walk every day on random trees, appointments and lapses", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            joins: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
            changes: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), { maxLength: 5 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (days) => {
          const referrer = new Int32Array(200);
          const truth = new Uint8Array(200);
          const pointers = new OperatorPointers();
          let count = 0;
          for (const day of days) {
            // Arrivals: each picks a referrer among the older users, or none.
            for (const pick of day.joins) {
              referrer[count] = count === 0 || pick < 0.1 ? -1 : Math.min(count - 1, Math.floor(pick * count));
              count++;
              pointers.join(referrer, count, 200);
            }
            // Status changes today, interleaved with arrivals in no particular order.
            for (const [pick, on] of day.changes) {
              if (count === 0) continue;
              const u = Math.min(count - 1, Math.floor(pick * count));
              pointers.set(u, on);
              truth[u] = on ? 1 : 0;
            }
            pointers.settle(referrer);
            for (let u = 0; u < count; u++) expect(pointers.above[u]).toBe(walk(referrer, truth, u));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("membership on a run: compliance sees the fee and its commissions by their basis", () => {
  it("counts the fee as an entry fee and its commissions as pay for recruiting", () => {
    // A (scheduled, day 1), then one invited user a day on days 2 and 3, each paying 500 yuan
    // on joining; 40% to the upline. Fees 3 × 500 = 1,500 yuan; commissions 2 × 200 = 400.
    const { compliance, summary } = simulate(
      scenarioOf({
        days: 3,
        products: [product({ id: "box", price: 100 })],
        population: { arrivals: { perDay: 1, startDay: 2, referredShare: 1 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
        schemes: { membership: { tiers: [{ name: "member", fee: 500, feeCommissions: [0.4] }] } },
        confidence: { effect: 0 },
      }),
    );
    const entry = compliance.tests.find((t) => t.id === "entry-fee");
    expect(entry).toMatchObject({ met: true, firstDay: 1, figures: { franchiseFees: 1500 } });
    expect(compliance.tests.find((t) => t.id === "recruit-pay")).toMatchObject({ met: true, figures: { recruitPay: 400 } });
    expect(compliance.tests.find((t) => t.id === "recruit-pay")?.evidence).toContain('"membership fee commission"');
    expect(compliance.tests.find((t) => t.id === "team-pay")).toMatchObject({ met: false });
    expect(summary.schemes.membership).toMatchObject({ membershipFees: 1500, feeCommissions: 400, operatorOverrides: 0 });
  });
});

describe("membership in the run estimate", () => {
  it("adds at least the bytes its per-user arrays take (the estimate stays an upper bound)", () => {
    // 23 bytes a user and 48 for the yearly tier. The arrays a run holds, summed by their
    // byteLength over the users' capacity, must not exceed it.
    const config = {
      tiers: [
        { name: "member", fee: 10, feePeriod: "yearly" },
        { name: "op", minTeamSize: 3, operator: true, override: 0.01 },
      ],
    };
    const { state, join, instance } = world(config);
    let last = join(-1);
    for (let i = 0; i < 3000; i++) last = join(i % 3 === 0 ? -1 : last);
    const held = instance as unknown as Record<string, unknown> & { pointers: Record<string, unknown> };
    let bytes = 0;
    for (const value of [...Object.values(held), ...Object.values(held.pointers)])
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) bytes += value.byteLength;
    const scenario = scenarioOf({ products: [product({})], schemes: { membership: config } });
    expect(schemeBytesPerUser(scenario)).toBe(23 + 48);
    expect(bytes / state.users.capacity).toBeLessThanOrEqual(schemeBytesPerUser(scenario));
    expect(schemeBytesPerUser(scenarioOf({ products: [product({})] }))).toBe(0);
  });
});

describe("membership: operator override on membership fees (feeOverride)", () => {
  it("pays the nearest operator above the payer a share of each fee, down to the next operator", () => {
    // O1[0] ← A[1] ← O2[2] ← C[3]. O1 and O2 are appointed operators (day 1's scheduled group is
    // O1; O2 is appointed by hand for the test: tier 2 set before the day ends). Membership
    // fee 333.33 yuan = 33,333 fen, paid by every user on joining. feeOverride 15%:
    //   floor(33,333 × 0.15) = floor(4,999.95) = 4,999 fen.
    // Day 1: A's, O2's and C's fees are paid before any appointment takes effect (pointers move
    // at the day's end): no override. Day 2: D joins under C, E under A. D's fee → the nearest
    // operator above D is O2 (C's upline) → O2 4,999, not O1 (O2 is the next operator). E's
    // fee → above E: A is no operator, O1 is → O1 4,999.
    // Fee commissions: none. Recruit pay 9,998, team pay 0.
    const { state, join, nextDay, instance } = world(
      {
        tiers: [
          { name: "member", fee: 333.33 },
          { name: "operator", minDirectRecruits: 1_000, operator: true, feeOverride: 0.15, appointedOn: [1] },
        ],
      },
      [{ day: 1, count: 1, segment: "default" }],
    );
    const o1 = join(-1);
    const a = join(o1);
    const o2 = join(a);
    const c = join(o2);
    // O2 made an operator by hand: effective tomorrow, like any appointment.
    (instance as unknown as { setTier(u: number, t: number): void }).setTier(o2, 2);
    expect(state.today.recruitPayFen).toBe(0);
    nextDay();
    join(c);
    join(a);
    expect(state.users.change[o1]).toBe(4_999);
    expect(state.users.change[o2]).toBe(4_999);
    expect(state.today.recruitPayFen).toBe(9_998);
    expect(state.today.commissionsFen).toBe(9_998);
    expect(state.today.teamPayFen).toBe(0);
    expect(instance.summary?.()).toMatchObject({ operatorFeeOverrides: 99.98 });
  });

  it("leaves the summary without the figure when no tier has a fee override", () => {
    const { instance } = world({ tiers: [{ name: "member", fee: 100 }] });
    expect(Object.keys(instance.summary?.() ?? {})).toEqual(["membershipFees", "feeCommissions", "operatorOverrides"]);
  });
});

describe("membership: a condition on directs holding a tier (minDirectsAtTier)", () => {
  it("climbs when enough directs hold the tier, and the climb runs up the chain", () => {
    // Tiers: member (fee 10), gold (2 directs at tier ≥ 1), platinum (2 directs at tier ≥ 2).
    // R ← X, Y; X ← X1, X2; Y ← Y1, Y2. Every user pays the member fee on joining.
    // X1, X2 join: X has 2 member directs → gold. Y1, Y2: Y gold. R has had 2 member directs
    // since X and Y joined → gold at Y's joining. R has 2 gold directs once Y is gold → platinum,
    // in the same climb as Y's (R is rechecked when Y's tier grows).
    const { join, tier, state } = world({
      tiers: [
        { name: "member", fee: 10 },
        { name: "gold", minDirectsAtTier: { count: 2, tier: 1 } },
        { name: "platinum", minDirectsAtTier: { count: 2, tier: 2 } },
      ],
    });
    const r = join(-1);
    const x = join(r);
    expect(tier()[r]).toBe(1);
    const y = join(r);
    expect(tier()[r]).toBe(2);
    join(x);
    join(x);
    expect(tier()[x]).toBe(2);
    expect(tier()[r]).toBe(2);
    join(y);
    join(y);
    expect(tier()[y]).toBe(2);
    expect(tier()[r]).toBe(3);
    // Seven members' fees: 7 × 1,000 fen.
    expect(state.today.franchiseFeesFen).toBe(7_000);
  });

  it("a direct's lapse lowers the count (no climb on a count that fell)", () => {
    // A yearly member tier not renewed: on day 366 both of R's directs lapse, then a new direct
    // joins as a member: R's count is 1 < 2 and R, who reached gold on day 1, keeps it.
    const { join, tier, state, instance } = world({
      tiers: [
        { name: "member", fee: 10, feePeriod: "yearly", renewProbability: 0 },
        { name: "gold", minDirectsAtTier: { count: 2, tier: 1 } },
      ],
    });
    const r = join(-1);
    join(r);
    join(r);
    expect(tier()[r]).toBe(2);
    state.day = 366;
    instance.phases?.joined?.();
    // R's own member tier lapsed too (and gold with it): the tier below the lapsed one is 0.
    expect(tier()[r]).toBe(0);
    const counts = (instance as unknown as { ranked: Int32Array[] }).ranked[0] as Int32Array;
    expect(counts[r]).toBe(0);
  });

  it("rejects a tier number the list does not have, with its path", () => {
    const result = resolveScenario({
      name: "test",
      products: [product({})],
      schemes: { membership: { tiers: [{ name: "member" }, { name: "gold", minDirectsAtTier: { count: 3, tier: 4 } }] } },
    });
    expect(result.problems).toEqual([
      { path: "schemes.membership.tiers[1].minDirectsAtTier.tier", expected: "a tier number from 1 to 2 (the tiers listed)", found: "4" },
    ]);
  });

  it("adds 4 bytes a user per tier number counted, to the run estimate, at least what the counts take", () => {
    const config = {
      tiers: [
        { name: "member", fee: 10 },
        { name: "gold", minDirectsAtTier: { count: 2, tier: 1 } },
        { name: "platinum", minDirectsAtTier: { count: 2, tier: 1 } },
      ],
    };
    const { state, join, instance } = world(config);
    for (let i = 0; i < 500; i++) join(i === 0 ? -1 : Math.floor(i / 3));
    const ranked = (instance as unknown as { ranked: Int32Array[] }).ranked;
    const scenario = scenarioOf({ products: [product({})], schemes: { membership: config } });
    // One tier number counted (1): 23 + 4.
    expect(schemeBytesPerUser(scenario)).toBe(27);
    expect(ranked.reduce((sum, a) => sum + a.byteLength, 0) / state.users.capacity).toBeLessThanOrEqual(4);
  });
});

describe("membership in explain: its schedule apart from orders", () => {
  it("gives each tier's fee, its commissions by level, the operator's most and what the platform keeps, to the fen", () => {
    // member: fee 333.33 yuan = 33,333 fen once; commissions 30%, 10%: floor(9,999.9) = 9,999
    // and floor(3,333.3) = 3,333 → 13,332. The operator tier's feeOverride 5%: floor(1,666.65)
    // = 1,666. Kept: 33,333 − 13,332 − 1,666 = 18,335.
    const scenario = scenarioOf({
      products: [product({})],
      schemes: {
        membership: {
          tiers: [
            { name: "member", fee: 333.33, feeCommissions: [0.3, 0.1] },
            { name: "op", minDirectsAtTier: { count: 3, tier: 1 }, operator: true, override: 0.02, feeOverride: 0.05 },
          ],
        },
      },
    });
    const { membership: schedule } = explainSchedules(scenario);
    expect(schedule?.details).toEqual({
      tier1FeeFen: 33_333,
      tier1FeeCommissionsFen: 13_332,
      tier1FeeOverrideFen: 1_666,
      tier1KeptFen: 18_335,
      tier2FeeFen: 0,
      tier2FeeCommissionsFen: 0,
      tier2FeeOverrideFen: 0,
      tier2KeptFen: 0,
    });
    const text = formatExplanation(scenario, explainScenario(scenario));
    expect(text).toContain(
      "membership: tier 1 member: fee ¥333.33 once (new money, an entry fee); pays ¥99.99 + ¥33.33 to 2 upline levels, up to ¥16.66 to the nearest operator above; the platform keeps ¥183.35",
    );
    expect(text).toContain("membership: tier 2 op: no fee; needs 3 directs at tier ≥ 1");
    expect(text).toContain("operators earn 2% of every order and 5% of every membership fee below them");
    expect(formatExplanation(scenario, explainScenario(scenario, "zh-CN"), "zh-CN")).toContain("会员：第1级 member：会费333.33元（一次性）");
  });
});
