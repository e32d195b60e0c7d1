import { describe, expect, it } from "vitest";
import { Random } from "../src/engine/random.js";
import { SimState } from "../src/engine/state.js";
import { FLAG_CHURNED } from "../src/engine/users.js";
import { Orders } from "../src/engine/orders.js";
import { WithdrawalQueue } from "../src/engine/withdrawals.js";
import { churn } from "../src/engine/engine.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Orders, withdrawal requests and churn run the generator's sfc32 step inline for speed (the ad
 * release's copy is checked in generator.test.ts). Here a plain walk over the same users with
 * Random.hit (the engine's generator) and each loop's documented skip rules must pick the same
 * users, draw the same number of times and leave the generator in the same state.
 */
const USERS = 9_000;
const segments = [
  quietSegment("often", { orderRate: 0.3, firstOrderProbability: 0.7, churnRate: 0.2, withdraw: { probability: 0.4 } }),
  quietSegment("never", { orderRate: 0, firstOrderProbability: 0, churnRate: 0, withdraw: { probability: 0 } }),
  quietSegment("always", { orderRate: 1, firstOrderProbability: 1, churnRate: 1, withdraw: { probability: 1 } }),
  quietSegment("seldom", { orderRate: 0.012345, firstOrderProbability: 0.5, churnRate: 0.0333, withdraw: { probability: 0.05 } }),
];
const scenario = scenarioOf({
  products: [product({ id: "a", price: 100, weight: 1 }), product({ id: "b", price: 250, weight: 3 })],
  population: { arrivals: { perDay: 0 }, segments },
  withdrawals: { minimum: 10, delayDays: 1 },
  confidence: { effect: 0 },
});

/** The same world twice: users of mixed segments, some gone, change wallets (some below the minimum). */
function world(): SimState {
  const state = new SimState(scenario, 77);
  const setup = new Random("setup");
  for (let i = 0; i < USERS; i++) state.users.add(1, -1, setup.below(segments.length));
  for (let id = 0; id < USERS; id++) {
    state.users.change[id] = setup.below(5) === 0 ? setup.below(900) : setup.below(100_000);
    if (setup.chance(0.1)) state.users.flags[id] = FLAG_CHURNED;
  }
  state.day = 2;
  return state;
}

const threshold = (p: number) => Random.threshold(p);

describe("inlined draws equal the engine's generator", () => {
  it("orders: the same buyers, the same products, the same generator state", () => {
    const state = world();
    const reference = world();
    const firstNew = 6_000; // users from here on are today's arrivals (first-order chance)
    new Orders(state).run(firstNew, []);
    const buyers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((state.users.cashIn[id] as number) > 0) buyers.push(id);

    const rng = reference.rng;
    const expected: number[] = [];
    const spent: number[] = [];
    const cumulative = [1, 4]; // product weights 1 and 3
    for (let id = 0; id < USERS; id++) {
      if (reference.users.isChurned(id)) continue;
      const s = segments[reference.users.segment[id] as number] as { orderRate: number; firstOrderProbability: number };
      if (!rng.hit(threshold(id >= firstNew ? s.firstOrderProbability : s.orderRate))) continue;
      const productIndex = rng.pickCumulative(cumulative);
      expected.push(id);
      spent.push(productIndex === 0 ? 10_000 : 25_000);
    }
    expect(expected.length).toBeGreaterThan(1_500);
    expect(buyers).toEqual(expected);
    expect(buyers.map((id) => state.users.cashIn[id])).toEqual(spent);
    expect(Array.from(state.rng.s)).toEqual(Array.from(rng.s));
  });

  it("withdrawal requests: the same requesters (leavers ask for everything without a draw), the same generator state", () => {
    const state = world();
    const reference = world();
    new WithdrawalQueue(state).request();
    const askers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((state.users.pending[id] as number) > 0) askers.push(id);

    const rng = reference.rng;
    const expected: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if ((reference.users.change[id] as number) < 1_000) continue; // below the 10-yuan minimum: no draw
      if (reference.users.isChurned(id)) {
        expected.push(id);
        continue;
      }
      const s = segments[reference.users.segment[id] as number] as { withdraw: { probability: number } };
      if (rng.hit(threshold(s.withdraw.probability))) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(2_000);
    expect(askers).toEqual(expected);
    expect(Array.from(state.rng.s)).toEqual(Array.from(rng.s));
  });

  it("churn: the same leavers, the same generator state", () => {
    const state = world();
    const reference = world();
    const leavers = { ids: new Int32Array(16) };
    const left = churn(state, segments.map((s) => s.churnRate as number), leavers);

    const rng = reference.rng;
    const expected: number[] = [];
    for (let id = 0; id < USERS; id++) {
      if (reference.users.isChurned(id)) continue;
      const s = segments[reference.users.segment[id] as number] as { churnRate: number };
      if (rng.hit(threshold(s.churnRate))) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(1_000);
    expect(Array.from(leavers.ids.subarray(0, left))).toEqual(expected);
    for (const id of expected) expect(state.users.isChurned(id)).toBe(true);
    expect(Array.from(state.rng.s)).toEqual(Array.from(rng.s));
  });
});
