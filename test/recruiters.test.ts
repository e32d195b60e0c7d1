import { describe, expect, it } from "vitest";
import { Draws, declarePurpose } from "../src/engine/draws.js";
import { RecruiterChoice, type RecruiterConfig } from "../src/engine/recruiters.js";
import { createSimulation } from "../src/simulate.js";
import { scenarioOf } from "./helpers/scenario.js";

/**
 * Recruiter choice against each model's closed form, with every user a promoter from the moment
 * they join (node n picks among nodes 0..n−1): the trees of the random-graph literature.
 */
const uniforms = new Draws("recruiters").key(declarePurpose("test.recruiter"), 1);

function grow(config: Partial<RecruiterConfig>, n: number, tree = 0): { parent: Int32Array; depth: Int32Array; recruits: Int32Array } {
  const choice = new RecruiterChoice({ model: "uniform", attractiveness: 1, window: 1, ...config });
  const parent = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  const recruits = new Int32Array(n);
  const promoters: number[] = [0];
  for (let node = 1; node < n; node++) {
    const p = choice.pick(uniforms.uniform(node, tree), promoters);
    choice.recruited(p);
    parent[node] = p;
    depth[node] = (depth[p] as number) + 1;
    recruits[p] = (recruits[p] as number) + 1;
    promoters.push(node);
  }
  return { parent, depth, recruits };
}

const N = 100_000;

describe("uniform: the random recursive tree", () => {
  const { depth } = grow({ model: "uniform" }, N);
  it("mean depth is the mean of H(i − 1) over the nodes (node i's expected depth), over 16 trees", () => {
    // One tree's mean depth minus its expectation has a limit law of standard deviation
    // √(2 − π²/6) ≈ 0.596 (the total path length of random recursive trees, Mahmoud 1991): so
    // 16 trees of 25,000 nodes, whose average has standard deviation 0.149; bound at 5 of them.
    const n = 25_000;
    let harmonic = 0;
    let expected = 0;
    for (let i = 1; i <= n; i++) {
      expected += harmonic; // H(i − 1)
      harmonic += 1 / i;
    }
    expected /= n; // ≈ ln n − 1 + γ = 9.70
    let sum = 0;
    for (let tree = 1; tree <= 16; tree++) sum += grow({ model: "uniform" }, n, tree).depth.reduce((s, d) => s + d, 0) / n;
    expect(Math.abs(sum / 16 - expected)).toBeLessThan(5 * (Math.sqrt(2 - Math.PI ** 2 / 6) / 4));
  });
  it("height about e·ln n − 1.5·ln ln n (Pittel; within 4 levels at n = 100,000)", () => {
    const height = Math.max(...depth);
    const predicted = Math.E * Math.log(N) - 1.5 * Math.log(Math.log(N)); // 27.6
    expect(Math.abs(height - predicted)).toBeLessThanOrEqual(4);
  });
});

describe("preferential: linear preferential attachment", () => {
  /** P(recruits = j) for weight j + a in a growing tree: p0 = (1 + a)/(1 + 2a), p_j = p_{j−1} (j − 1 + a)/(j + 1 + 2a). */
  function law(a: number, upTo: number): number[] {
    const p = [(1 + a) / (1 + 2 * a)];
    for (let j = 1; j <= upTo; j++) p.push((p[j - 1] as number) * ((j - 1 + a) / (j + 1 + 2 * a)));
    return p;
  }
  it.each([1, 3])("attractiveness %i: shares of 0..4 recruits (a = 1 is Barabási–Albert, 4/((j+1)(j+2)(j+3)))", (a) => {
    const { recruits } = grow({ model: "preferential", attractiveness: a }, N);
    const expected = law(a, 4);
    if (a === 1) expect(expected.map((p) => p.toFixed(6))).toEqual([0, 1, 2, 3, 4].map((j) => (4 / ((j + 1) * (j + 2) * (j + 3))).toFixed(6)));
    for (let j = 0; j <= 4; j++) {
      const share = recruits.filter((r) => r === j).length / N;
      const p = expected[j] as number;
      expect(Math.abs(share - p), `j = ${j}`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 0.002);
    }
  });
  it("hubs: the largest recruiter has far more recruits than uniform's (about √n against about log₂ n)", () => {
    const preferential = Math.max(...grow({ model: "preferential" }, N).recruits);
    const uniform = Math.max(...grow({ model: "uniform" }, N).recruits);
    expect(preferential).toBeGreaterThan(100);
    expect(uniform).toBeLessThan(40);
  });
});

describe("recent: the window of the most recent promoters", () => {
  it.each([100, 1000])("window %i: depth grows by one every (window + 1)/2 promoters (about 2n/(window + 1))", (window) => {
    const n = 50_000;
    const { depth } = grow({ model: "recent", window }, n);
    // Depth after the first window (a uniform tree of `window` nodes, about ln window deep) then the linear growth.
    const last = depth.slice(n - 1000).reduce((s, d) => s + d, 0) / 1000;
    const slope = 2 / (window + 1);
    const predicted = (n - 500 - window) * slope + Math.log(window);
    expect(Math.abs(last / predicted - 1)).toBeLessThan(0.05);
  });
});

describe("the scenario key", () => {
  function deepest(recruiter: Record<string, unknown>): number {
    const scenario = scenarioOf({
      days: 60,
      products: [{ id: "p", price: 100, cost: 60, platformMargin: 40 }],
      population: {
        arrivals: { model: "constant", perDay: 200, referredShare: 1, recruiter },
        segments: [{ name: "all", orderRate: 0, firstOrderProbability: 1 }],
      },
    });
    const sim = createSimulation(scenario);
    while (!sim.done) sim.step();
    const { referrer, count } = sim.state.users;
    const depth = new Int32Array(count);
    let max = 0;
    for (let id = 0; id < count; id++) {
      const r = referrer[id] as number;
      depth[id] = r < 0 ? 0 : (depth[r] as number) + 1;
      max = Math.max(max, depth[id] as number);
    }
    return max;
  }
  it("recent chains run far deeper than uniform ones on the same arrivals (12,000 users)", () => {
    const uniform = deepest({ model: "uniform" });
    const recent = deepest({ model: "recent", window: 100 });
    // Uniform: about e·ln(12,000) ≈ 25 at most. Recent: users arrive in daily batches of 200 that
    // recruit from the previous day's last 100: at least one level a day.
    expect(uniform).toBeLessThan(30);
    expect(recent).toBeGreaterThanOrEqual(55);
  });
});
