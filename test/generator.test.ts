import { describe, expect, it } from "vitest";
import { Random } from "../src/engine/random.js";
import { SimState } from "../src/engine/state.js";
import { FLAG_CHURNED } from "../src/engine/users.js";
import { ads, AD_POINTS, releaseOnce } from "../src/schemes/ads.js";
import { rateToMicro, yuanToFen } from "../src/engine/units.js";
import { quietSegment, scenarioOf, product } from "./helpers/scenario.js";

/**
 * The ad release loop runs sfc32 inline for speed. Here a second, plain implementation walks
 * the same users with Random.hit (the engine's generator) and the documented skip rules: a
 * user below the lowest tier or gone draws nothing, a segment that never or always watches
 * draws nothing, anyone else draws once. The inline loop must draw exactly the same numbers,
 * pick the same watchers and leave the generator in the same state.
 */
describe("the ad release loop draws exactly what the engine's generator draws", () => {
  const USERS = 10_000; // more than one block of 4096
  const scenario = scenarioOf({
    products: [product({ price: 1000, adPointsRatio: 1.1 })],
    population: {
      arrivals: { perDay: 0 },
      segments: [
        quietSegment("often", { watchProbability: 0.9, churnRate: 0.01 }),
        quietSegment("never", { watchProbability: 0 }),
        quietSegment("always", { watchProbability: 1 }),
        quietSegment("seldom", { watchProbability: 0.123457 }),
      ],
    },
    schemes: { ads: { referralShares: [], burnRate: 0.1 } },
  });
  const config = scenario.schemes.ads!;

  /** A state with USERS users of mixed segments, balances (some stranded) and leavers. */
  function world(): { state: SimState; release: () => void } {
    const state = new SimState(scenario, 99, [], (ads.counters ?? []).map((c) => c.name));
    const setup = new Random("setup");
    const instance = ads.create(config, state);
    for (let i = 0; i < USERS; i++) state.users.add(1, -1, setup.below(4));
    const points = state.users.column(AD_POINTS);
    for (let id = 0; id < USERS; id++) {
      points[id] = setup.below(6000) * 10_000 + setup.below(10_000);
      if (setup.chance(0.05)) state.users.flags[id] = FLAG_CHURNED;
    }
    state.day = 1;
    return { state, release: () => instance.phases?.payouts?.() };
  }

  it("same watchers, same number of draws, same generator state after the day", () => {
    const { state, release } = world();
    const { state: reference } = world();
    const before = Array.from(state.users.column(AD_POINTS).subarray(0, USERS));
    // The inline loop.
    release();
    const after = state.users.column(AD_POINTS);
    const inlineWatchers: number[] = [];
    for (let id = 0; id < USERS; id++) if ((after[id] as number) !== before[id]) inlineWatchers.push(id);

    // The plain walk with the engine's generator.
    const rng = reference.rng;
    const thresholds = scenario.population.segments.map((s) => Random.threshold(s.watchProbability ?? config.watchProbability));
    const lowest = (config.tiers[0]?.minBalance ?? 0) * 10_000;
    const expectedWatchers: number[] = [];
    let draws = 0;
    for (let id = 0; id < USERS; id++) {
      const balance = before[id] as number;
      if (balance < lowest || reference.users.isChurned(id)) continue;
      const threshold = thresholds[reference.users.segment[id] as number] as number;
      if (threshold !== 0 && threshold !== 4294967296) draws++;
      if (rng.hit(threshold)) expectedWatchers.push(id);
    }

    expect(draws).toBeGreaterThan(4000);
    expect(inlineWatchers.length).toBeGreaterThan(2000);
    expect(inlineWatchers).toEqual(expectedWatchers);
    expect(Array.from(state.rng.s)).toEqual(Array.from(rng.s));

    // And each watcher's balance moved by exactly releaseOnce's rule for their tier.
    const mins = config.tiers.map((t) => t.minBalance * 10_000);
    for (const id of expectedWatchers) {
      const balance = before[id] as number;
      let tier = mins.length - 1;
      while (tier > 0 && balance < (mins[tier] as number)) tier--;
      const step = releaseOnce(balance, rateToMicro(config.releaseRate), yuanToFen(config.tiers[tier]?.dailyCap ?? 0), yuanToFen(config.yuanPerPoint), rateToMicro(config.burnRate));
      expect(after[id], `user ${id}`).toBe(balance - step.pu - step.burnPu);
    }
  });
});
