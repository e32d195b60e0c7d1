import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { SimState } from "../src/engine/state.js";
import { FLAG_CHURNED } from "../src/engine/users.js";
import { Orders } from "../src/engine/orders.js";
import { WithdrawalQueue } from "../src/engine/withdrawals.js";
import { churn } from "../src/engine/engine.js";
import { ads, AD_POINTS, releaseOnce } from "../src/schemes/ads.js";
import { rateToMicro, yuanToFen } from "../src/engine/units.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";
import { referenceDrawWithKey, referenceKey } from "./helpers/keyed-reference.js";

/**
 * The per-user loops (ad watching, orders, withdrawal requests, churn) draw through
 * keyedUint32 in their own code for speed. Here a plain walk over the same users with the
 * test's own implementation of the documented draw (test/helpers/keyed-reference.ts: BigInt
 * arithmetic, not the engine's) and each loop's documented skip rules must pick the same users.
 * Users join on two days, so the draw identity (arrival index on the join day, join day) is
 * exercised beyond the id itself.
 */
const SEED = 77;
const DAY = 3;
const USERS = 9_000;
const JOINED_FIRST_DAY = 5_000; // ids 0..4999 join on day 1, the rest on day 2
const joinDayOf = (id: number) => (id < JOINED_FIRST_DAY ? 1 : 2);
const indexOf = (id: number) => (id < JOINED_FIRST_DAY ? id : id - JOINED_FIRST_DAY);
/** chance(p) as the documented integer test: u < ⌈p · 2^32⌉, certain events without a draw. */
const hits = (u: () => number, p: number) => (p <= 0 ? false : p >= 1 ? true : u() < Math.ceil(p * 2 ** 32));

const segments = [
  quietSegment("often", { orderRate: 0.3, firstOrderProbability: 0.7, churnRate: 0.2, withdraw: { probability: 0.4 }, watchProbability: 0.9 }),
  quietSegment("never", { orderRate: 0, firstOrderProbability: 0, churnRate: 0, withdraw: { probability: 0 }, watchProbability: 0 }),
  quietSegment("always", { orderRate: 1, firstOrderProbability: 1, churnRate: 1, withdraw: { probability: 1 }, watchProbability: 1 }),
  quietSegment("seldom", { orderRate: 0.012345, firstOrderProbability: 0.5, churnRate: 0.0333, withdraw: { probability: 0.05 }, watchProbability: 0.123457 }),
];
const scenario = scenarioOf({
  products: [product({ id: "a", price: 100, weight: 1, adPointsRatio: 1.1 }), product({ id: "b", price: 250, weight: 3 })],
  population: { arrivals: { perDay: 0 }, segments },
  withdrawals: { minimum: 10, delayDays: 1 },
  confidence: { effect: 0 },
  schemes: { ads: { referralShares: [], burnRate: 0.1 } },
});

/** The same world each time: users of mixed segments joining on two days, some gone, wallets and points. */
function world(): SimState {
  const state = new SimState(
    scenario,
    SEED,
    [],
    (ads.counters ?? []).map((c) => c.name),
  );
  const setup = seedrandom("setup");
  const below = (n: number) => Math.floor(setup.quick() * n);
  for (let i = 0; i < USERS; i++) state.users.add(joinDayOf(i), -1, below(segments.length));
  for (let id = 0; id < USERS; id++) {
    state.users.change[id] = below(5) === 0 ? below(900) : below(100_000);
    if (setup.quick() < 0.1) state.users.flags[id] = FLAG_CHURNED;
  }
  state.day = DAY;
  return state;
}

function drawsOf(purpose: string): (id: number) => number {
  const key = referenceKey(SEED, purpose, DAY);
  return (id) => referenceDrawWithKey(key, indexOf(id), joinDayOf(id));
}

describe("the per-user loops draw what the documented keyed draw gives", () => {
  it("ad release: the same watchers, each released by releaseOnce's rule for their tier", () => {
    const state = world();
    const config = scenario.schemes.ads!;
    const instance = ads.create(config, state);
    const points = state.users.column(AD_POINTS);
    const setup = seedrandom("points");
    for (let id = 0; id < USERS; id++) points[id] = Math.floor(setup.quick() * 6000) * 10_000 + Math.floor(setup.quick() * 10_000);
    const before = Array.from(points.subarray(0, USERS));
    instance.phases?.payouts?.();
    const watchers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((points[id] as number) !== before[id]) watchers.push(id);

    const draw = drawsOf("ads.watch");
    const lowest = (config.tiers[0]?.minBalance ?? 0) * 10_000;
    const expected: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if ((before[id] as number) < lowest || state.users.isChurned(id)) continue;
      const s = segments[state.users.segment[id] as number] as { watchProbability: number };
      if (hits(() => draw(id), s.watchProbability)) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(2000);
    expect(watchers).toEqual(expected);
    const mins = config.tiers.map((t) => t.minBalance * 10_000);
    for (const id of expected) {
      const balance = before[id] as number;
      let tier = mins.length - 1;
      while (tier > 0 && balance < (mins[tier] as number)) tier--;
      const step = releaseOnce(
        balance,
        rateToMicro(config.releaseRate),
        yuanToFen(config.tiers[tier]?.dailyCap ?? 0),
        yuanToFen(config.yuanPerPoint),
        rateToMicro(config.burnRate),
      );
      expect(points[id], `user ${id}`).toBe(balance - step.pu - step.burnPu);
    }
  });

  it("orders: the same buyers and the same products (the product draw is the buyer's own)", () => {
    const state = world();
    const firstNew = 6_000; // users from here on are today's arrivals (first-order chance)
    new Orders(state).run(firstNew, []);
    const buyers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((state.users.cashIn[id] as number) > 0) buyers.push(id);

    const order = drawsOf("order");
    const productDraw = drawsOf("order.product");
    const expected: number[] = [];
    const spent: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if (state.users.isChurned(id)) continue;
      const s = segments[state.users.segment[id] as number] as { orderRate: number; firstOrderProbability: number };
      if (!hits(() => order(id), id >= firstNew ? s.firstOrderProbability : s.orderRate)) continue;
      // Weights 1 and 3: product a when the uniform × 4 falls below 1.
      const productIndex = (productDraw(id) / 2 ** 32) * 4 < 1 ? 0 : 1;
      expected.push(id);
      spent.push(productIndex === 0 ? 10_000 : 25_000);
    }
    expect(expected.length).toBeGreaterThan(1_500);
    expect(buyers).toEqual(expected);
    expect(buyers.map((id) => state.users.cashIn[id])).toEqual(spent);
  });

  it("withdrawal requests: the same requesters (leavers ask for everything without a draw)", () => {
    const state = world();
    const before = Array.from(state.users.change.subarray(0, USERS));
    new WithdrawalQueue(state).request();
    const askers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((state.users.pending[id] as number) > 0) askers.push(id);

    const draw = drawsOf("withdraw");
    const expected: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if ((before[id] as number) < 1_000) continue; // below the 10-yuan minimum
      if (state.users.isChurned(id)) {
        expected.push(id);
        continue;
      }
      const s = segments[state.users.segment[id] as number] as { withdraw: { probability: number } };
      if (hits(() => draw(id), s.withdraw.probability)) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(2_000);
    expect(askers).toEqual(expected);
  });

  it("churn: the same leavers", () => {
    const state = world();
    const wasChurned = Array.from({ length: USERS }, (_, id) => state.users.isChurned(id));
    const leavers = { ids: new Int32Array(16) };
    const left = churn(
      state,
      segments.map((s) => s.churnRate as number),
      leavers,
    );

    const draw = drawsOf("churn");
    const expected: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if (wasChurned[id]) continue;
      const s = segments[state.users.segment[id] as number] as { churnRate: number };
      if (hits(() => draw(id), s.churnRate)) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(1_000);
    expect(Array.from(leavers.ids.subarray(0, left))).toEqual(expected);
  });
});
