import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { binomialUpperTail, logGamma } from "../src/discover/binomial.js";
import { discoverBoxes, type DiscoveredBox, type DiscoverOptions } from "../src/discover/boxes.js";
import { growTree, leafRules } from "../src/discover/cart.js";
import type { Dataset } from "../src/discover/data.js";
import { chooseStep, findBox, paste, peelingTrajectory } from "../src/discover/prim.js";

const numeric = (name: string, values: number[] | Float64Array) => ({ name, kind: "numeric" as const, values: Float64Array.from(values) });

/**
 * The planted truth: x1, x2, x3 uniform on [0, 1]; a case of interest iff x1 > 0.7 and x2 < 0.3,
 * each label flipped with probability `noise`; x3 does nothing.
 */
function planted(n: number, noise: number, seed: string): Dataset {
  const random = seedrandom(seed);
  const x1: number[] = [];
  const x2: number[] = [];
  const x3: number[] = [];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, c] = [random(), random(), random()];
    x1.push(a);
    x2.push(b);
    x3.push(c);
    const inside = a > 0.7 && b < 0.3;
    y[i] = (random() < noise ? !inside : inside) ? 1 : 0;
  }
  return { dims: [numeric("x1", x1), numeric("x2", x2), numeric("x3", x3)], y };
}

const OPTIONS: DiscoverOptions = {
  alpha: 0.05,
  minMass: 0.05,
  paste: false,
  maxP: 0.05,
  minCoverage: 0.5,
  minDensity: null,
  boxes: 2,
  resamples: 20,
  confidence: 0.9,
  seed: "7",
};

const edge = (box: DiscoveredBox | undefined, parameter: string, side: string) => box?.edges.find((e) => e.parameter === parameter && e.edge === side);

describe("PRIM on a hand-countable example", () => {
  // x = 1..10; cases of interest at x = 6, 7, 9, 10 (4 of 10). alpha 0.1: each peel removes
  // max(1, floor(0.1 m)) = 1 case of the m in the box, from whichever end leaves the higher share.
  //   step 0: x in 1..10   10 runs, 4 cases, density 0.4,   coverage 1,    mass 1
  //   step 1: x >= 2        9 runs, 4 cases, 4/9 (the upper end would leave 3/9)
  //   step 2: x >= 3        8 runs, 4/8 = 0.5
  //   step 3: x >= 4        7 runs, 4/7
  //   step 4: x >= 5        6 runs, 4/6
  //   step 5: x >= 6        5 runs, 4/5 = 0.8,  coverage 1,    mass 0.5
  //   step 6: x >= 7        4 runs, 3/4 (x <= 9 also leaves 3/4 of 4: a tie, the lower end goes first), coverage 0.75
  //   step 7: x >= 8        3 runs, 2/3 (again a tie), coverage 0.5, mass 0.3
  //   one more peel would leave 2 runs, mass 0.2 < minMass 0.3: peeling stops.
  const data: Dataset = { dims: [numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], y: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 1, 1]) };

  it("peels as counted by hand", () => {
    const steps = peelingTrajectory(data, { alpha: 0.1, minMass: 0.3 });
    expect(steps.map((s) => s.bounds.low[0])).toEqual([-Infinity, 2, 3, 4, 5, 6, 7, 8]);
    expect(steps.map((s) => s.count)).toEqual([10, 9, 8, 7, 6, 5, 4, 3]);
    expect(steps.map((s) => s.cases)).toEqual([4, 4, 4, 4, 4, 4, 3, 2]);
    expect(steps.map((s) => s.density)).toEqual([0.4, 4 / 9, 0.5, 4 / 7, 4 / 6, 0.8, 0.75, 2 / 3]);
    expect(steps.map((s) => s.coverage)).toEqual([1, 1, 1, 1, 1, 1, 0.75, 0.5]);
    expect(steps.map((s) => s.mass)).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
    expect(steps[5]?.restricted).toEqual(["x"]);
  });

  it("chooses the step the rule names", () => {
    const steps = peelingTrajectory(data, { alpha: 0.1, minMass: 0.3 });
    // Highest density with coverage >= 0.5: step 5 (0.8).
    expect(chooseStep(steps, { minCoverage: 0.5, minDensity: null })).toBe(5);
    // Highest coverage with density >= 0.7: steps 5 (coverage 1) and 6 (0.75): step 5.
    expect(chooseStep(steps, { minCoverage: 0, minDensity: 0.7 })).toBe(5);
    // Coverage >= 0.8 and the highest density: steps 0 to 5 qualify, step 5 again; density >= 0.9: none.
    expect(chooseStep(steps, { minCoverage: 0.8, minDensity: null })).toBe(5);
    expect(chooseStep(steps, { minCoverage: 0, minDensity: 0.9 })).toBeNull();
  });

  it("keeps or drops the edge by its quasi-p-value, computed by hand", () => {
    // Box x >= 6: 5 runs, 4 cases; without the edge the share is 4/10. P(Bin(5, 0.4) >= 4) =
    // 5 · 0.4⁴ · 0.6 + 0.4⁵ = 0.0768 + 0.01024 = 0.08704: above 0.05 (dropped: 10 runs are too
    // few to tell), below 0.1 (kept).
    expect(binomialUpperTail(5, 4, 0.4)).toBeCloseTo(0.08704, 12);
    expect(findBox(data, { ...OPTIONS, alpha: 0.1, minMass: 0.3 })).toBeNull();
    const kept = findBox(data, { ...OPTIONS, alpha: 0.1, minMass: 0.3, maxP: 0.1 });
    expect(kept?.kept).toEqual([{ name: "x", edge: "low", quasiP: expect.closeTo(0.08704, 12) }]);
    expect(kept?.stats).toEqual({ count: 5, cases: 4, mass: 0.5, coverage: 1, density: 0.8 });
  });

  it("judges each edge on its own: a strong lower edge does not carry a weak upper one", () => {
    // x = 1..20, cases of interest at 11..19 (x = 20 is not one). Peeling (one run a step; ties
    // go to the lower end) reaches 11..20, then drops x = 20 (9/9 beats 8/9): the box 11..19 has
    // density 1 and coverage 1. Its upper edge: without it the box 11..20 holds 9 of 10, and
    // P(Bin(9, 0.9) >= 9) = 0.9⁹ = 0.387: dropped (its lower edge, (9/19)⁹ = 0.0012, stays).
    // The box is then x >= 11: 10 runs, 9 cases; without its edge, 9 of 20:
    // P(Bin(10, 0.45) >= 9) = 10 · 0.45⁹ · 0.55 + 0.45¹⁰ = 0.004162 + 0.000341 = 0.004502: kept.
    // (Judged as one restriction of x, both edges would go or stay together: against 9 of 20 the
    // box would keep x <= 19.)
    const x = Array.from({ length: 20 }, (_, i) => i + 1);
    const data: Dataset = { dims: [numeric("x", x)], y: Uint8Array.from(x, (v) => (v >= 11 && v <= 19 ? 1 : 0)) };
    const box = findBox(data, { ...OPTIONS });
    expect(box?.kept).toEqual([{ name: "x", edge: "low", quasiP: expect.closeTo(10 * 0.45 ** 9 * 0.55 + 0.45 ** 10, 12) }]);
    expect(box?.dropped).toEqual([{ name: "x", edge: "high", quasiP: expect.closeTo(0.9 ** 9, 12) }]);
    expect(box?.stats).toEqual({ count: 10, cases: 9, mass: 0.5, coverage: 1, density: 0.9 });
  });

  it("the binomial tail and ln Γ agree with closed forms", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(binomialUpperTail(3, 2, 0.5)).toBeCloseTo(0.5, 14); // (3 + 1) / 8
    expect(binomialUpperTail(10, 0, 0.3)).toBe(1);
    expect(binomialUpperTail(10, 11, 0.3)).toBe(0);
    // A large box: the tail of Bin(2000, 0.5) above its mean is 1/2 less half the central term.
    const central = Math.exp(logGamma(2001) - 2 * logGamma(1001) - 2000 * Math.log(2));
    expect(binomialUpperTail(2000, 1001, 0.5)).toBeCloseTo(0.5 - central / 2, 10);
  });
});

describe("PRIM recovers a planted box", () => {
  // Tolerances: with the density rule (--min-density 0.9) the box stops where its density would
  // fall below 0.9; the planted box holds 0.97 of cases of interest, so an edge can slip outside by
  // at most about 0.03 (0.97 · 0.09 / (0.09 + 0.3 δ) >= 0.9) and inside by sampling error: 0.04 in
  // all. With the default rule (the densest step with coverage >= 0.5) the box may shrink inside
  // the planted one until it holds half the cases: 0.08.
  for (const seed of ["p1", "p2", "p3"]) {
    it(`seed ${seed}: x1 > 0.7 and x2 < 0.3 found, x3 never restricted`, () => {
      const data = planted(1000, 0.03, seed);
      for (const [options, tolerance] of [
        [{ ...OPTIONS, minCoverage: 0, minDensity: 0.9 }, 0.04],
        [OPTIONS, 0.08],
      ] as const) {
        const [box] = discoverBoxes(data, options);
        expect(box?.edges.map((e) => `${e.parameter} ${e.edge}`)).toEqual(["x1 low", "x2 high"]);
        expect(Math.abs((edge(box, "x1", "low")?.value as number) - 0.7)).toBeLessThan(tolerance);
        expect(Math.abs((edge(box, "x2", "high")?.value as number) - 0.3)).toBeLessThan(tolerance);
        expect(box?.density).toBeGreaterThan(0.85);
      }
    });
  }

  it("the intervals of the density rule lie around the planted edges, found in most resamples (greedy peeling of a resample sometimes goes astray)", () => {
    const [box] = discoverBoxes(planted(1000, 0.03, "p1"), { ...OPTIONS, minCoverage: 0, minDensity: 0.9, resamples: 100 });
    const x1 = edge(box, "x1", "low");
    const x2 = edge(box, "x2", "high");
    expect(x1?.interval?.[0]).toBeGreaterThan(0.6);
    expect(x1?.interval?.[1]).toBeLessThan(0.8);
    expect(x2?.interval?.[0]).toBeGreaterThan(0.2);
    expect(x2?.interval?.[1]).toBeLessThan(0.4);
    expect(x1?.kept).toBeGreaterThanOrEqual(0.6);
    expect(x2?.kept).toBeGreaterThanOrEqual(0.6);
  });

  it("a second box is sought among the cases outside the first (covering)", () => {
    // Two planted boxes: x1 > 0.8 (20% of the cases) and x2 < 0.15 with x1 < 0.8 (12%), no noise.
    const random = seedrandom("two");
    const x1: number[] = [];
    const x2: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 1000; i++) {
      x1.push(random());
      x2.push(random());
      y.push((x1[i] as number) > 0.8 || (x2[i] as number) < 0.15 ? 1 : 0);
    }
    const boxes = discoverBoxes({ dims: [numeric("x1", x1), numeric("x2", x2)], y: Uint8Array.from(y) }, { ...OPTIONS, minCoverage: 0, minDensity: 0.95 });
    expect(boxes).toHaveLength(2);
    const found = boxes.map((b) => b.edges.map((e) => `${e.parameter} ${e.edge}`).join(", ")).sort();
    expect(found).toEqual(["x1 low", "x2 high"]);
    for (const b of boxes) expect(b.density).toBeGreaterThanOrEqual(0.95);
    // The second box's coverage is of the cases left after the first; over every case the two add up to at most 1.
    expect((boxes[0]?.coverageOfAll ?? 0) + (boxes[1]?.coverageOfAll ?? 0)).toBeLessThanOrEqual(1);
    expect(boxes[0]?.coverageOfAll ?? 0).toBeGreaterThan(0.4);
  });
});

describe("pasting", () => {
  // Pasting takes a box back out along one edge while that raises its density: it never lowers
  // the density, never shrinks the box, and from a box it cannot improve it changes nothing. A
  // box peeled one step too far (the next step of the trajectory after the densest) gets the
  // peeled slice back when that slice was denser than the box.
  const data = planted(1000, 0.03, "paste");
  const count = (b: ReturnType<typeof peelingTrajectory>[number]["bounds"]) => {
    let n = 0;
    let k = 0;
    for (let i = 0; i < 1000; i++) {
      const inside = data.dims.every(
        (dim, d) => dim.kind === "numeric" && (dim.values[i] as number) >= (b.low[d] as number) && (dim.values[i] as number) <= (b.high[d] as number),
      );
      if (inside) {
        n++;
        k += data.y[i] as number;
      }
    }
    return { n, k };
  };
  it("never lowers the density nor shrinks the box", () => {
    const steps = peelingTrajectory(data, { alpha: 0.05, minMass: 0.05 });
    for (const step of steps.filter((_, i) => i % 5 === 0)) {
      const before = count(step.bounds);
      const after = count(paste(data, step.bounds, 0.05));
      expect(after.n).toBeGreaterThanOrEqual(before.n);
      expect(after.k / after.n).toBeGreaterThanOrEqual(before.k / before.n);
    }
  });
  it("gives back a slice of cases of interest peeled off", () => {
    // x = 1..10, alpha 0.1 (one run at a time). Cases of interest at 6, 7, 8, 10 (x = 9 is not):
    // the box x >= 8 holds 2 of 3; x = 7 back gives 3 of 4 = 0.75 > 0.667, taken; x = 6 back gives
    // 4 of 5 = 0.8 > 0.75, taken; x = 5 would give 4 of 6 = 0.667 < 0.8: stop at x >= 6.
    // With cases at 6..10 the box x >= 8 holds 3 of 3: adding x = 7 keeps the density at 1, not
    // above it, so the box stays.
    const one: Dataset = { dims: [numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], y: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 1, 0, 1]) };
    expect(paste(one, { low: [8], high: [Infinity], excluded: [[]] }, 0.1).low).toEqual([6]);
    const pure: Dataset = { dims: [numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], y: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]) };
    expect(paste(pure, { low: [8], high: [Infinity], excluded: [[]] }, 0.1).low).toEqual([8]);
  });
});

describe("PRIM's invariances", () => {
  const data = planted(600, 0.03, "inv");
  const options = { ...OPTIONS, boxes: 1, resamples: 10 };
  const base = discoverBoxes(data, options);

  it("shifting an input shifts its thresholds and intervals; scaling scales them; nothing else changes", () => {
    const moved: Dataset = {
      dims: [
        numeric(
          "x1",
          Array.from(data.dims[0]?.values as Float64Array, (v) => v + 100),
        ),
        numeric(
          "x2",
          Array.from(data.dims[1]?.values as Float64Array, (v) => v * 1000),
        ),
        data.dims[2] as Dataset["dims"][number],
      ],
      y: data.y,
    };
    const after = discoverBoxes(moved, options);
    expect(after.map((b) => [b.count, b.cases, b.density, b.coverage, b.edges.map((e) => [e.parameter, e.edge, e.quasiP, e.kept])])).toEqual(
      base.map((b) => [b.count, b.cases, b.density, b.coverage, b.edges.map((e) => [e.parameter, e.edge, e.quasiP, e.kept])]),
    );
    const map = (parameter: string, v: number) => (parameter === "x1" ? v + 100 : parameter === "x2" ? v * 1000 : v);
    base[0]?.edges.forEach((e, k) => {
      const a = after[0]?.edges[k];
      const scale = e.parameter === "x2" ? 1000 : 1;
      expect(a?.value as number).toBeCloseTo(map(e.parameter, e.value as number), 9 - Math.log10(scale));
      expect(a?.interval?.[0] as number).toBeCloseTo(map(e.parameter, e.interval?.[0] as number), 6);
      expect(a?.interval?.[1] as number).toBeCloseTo(map(e.parameter, e.interval?.[1] as number), 6);
    });
  });

  it("the order of the columns changes nothing", () => {
    const swapped: Dataset = { dims: [data.dims[2], data.dims[0], data.dims[1]] as Dataset["dims"], y: data.y };
    expect(JSON.stringify(discoverBoxes(swapped, options))).toBe(JSON.stringify(base));
  });

  it("the same inputs and seed give the same intervals; another seed draws other resamples", () => {
    expect(JSON.stringify(discoverBoxes(data, options))).toBe(JSON.stringify(base));
    const other = discoverBoxes(data, { ...options, seed: "8" });
    expect(other[0]?.edges.map((e) => e.value)).toEqual(base[0]?.edges.map((e) => e.value));
    expect(JSON.stringify(other[0]?.edges.map((e) => e.interval))).not.toBe(JSON.stringify(base[0]?.edges.map((e) => e.interval)));
  });

  it("a categorical input: PRIM leaves out the values where the condition rarely holds", () => {
    // y = 1 iff colour is "red" and x1 > 0.5 (no noise): the box must exclude blue and green.
    const random = seedrandom("cat");
    const colours = ["blue", "green", "red"];
    const colour: string[] = [];
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 900; i++) {
      colour.push(colours[i % 3] as string);
      x.push(random());
      y.push(colour[i] === "red" && (x[i] as number) > 0.5 ? 1 : 0);
    }
    const [box] = discoverBoxes(
      { dims: [{ name: "colour", kind: "categorical", values: colour, categories: colours }, numeric("x1", x)], y: Uint8Array.from(y) },
      { ...OPTIONS, minCoverage: 0, minDensity: 0.95, resamples: 0 },
    );
    expect(edge(box, "colour", "excluded")?.excluded).toEqual(["blue", "green"]);
    expect(Math.abs((edge(box, "x1", "low")?.value as number) - 0.5)).toBeLessThan(0.03);
    expect(box?.density).toBe(1);
  });
});

describe("CART, worked by hand", () => {
  it("splits numeric inputs where the Gini impurity falls most", () => {
    // x = 1..6, y = 0 0 1 0 1 1. Weighted impurity of a node of n runs, k cases: 2k(n − k)/n.
    // Root: 2·3·3/6 = 3. Splits (left | right):
    //   1.5: (1,0) | (5,3): 0 + 2·3·2/5 = 2.4      2.5: (2,0) | (4,3): 0 + 2·3·1/4 = 1.5
    //   3.5: (3,1) | (3,2): 4/3 + 4/3 = 2.667      4.5: (4,1) | (2,2): 2·1·3/4 + 0 = 1.5
    //   5.5: (5,2) | (1,1): 2.4 + 0 = 2.4
    // 2.5 and 4.5 tie at 1.5: the lower threshold goes first. Right child x in 3..6, y 1 0 1 1,
    // impurity 2·3·1/4 = 1.5: 3.5: (1,1) | (3,2): 0 + 4/3; 4.5: (2,1) | (2,2): 1 + 0 = 1; 5.5: 4/3 + 0. Split at 4.5.
    const data: Dataset = { dims: [numeric("x", [1, 2, 3, 4, 5, 6])], y: Uint8Array.from([0, 0, 1, 0, 1, 1]) };
    const tree = growTree(data, { maxDepth: 2, minLeaf: 1 });
    expect(tree.leaf === false && tree.threshold).toBe(2.5);
    expect(leafRules(tree).map((r) => [r.conditions, r.count, r.cases, r.share])).toEqual([
      [[{ parameter: "x", above: null, atMost: 2.5, values: null }], 2, 0, 0],
      [[{ parameter: "x", above: 2.5, atMost: 4.5, values: null }], 2, 1, 0.5],
      [[{ parameter: "x", above: 4.5, atMost: null, values: null }], 2, 2, 1],
    ]);
    // A leaf may not hold fewer than minLeaf runs: with 3, only the split at 3.5 is allowed, and
    // its children (3 runs each) cannot split again.
    const coarse = growTree(data, { maxDepth: 3, minLeaf: 3 });
    expect(leafRules(coarse).map((r) => [r.count, r.cases])).toEqual([
      [3, 1],
      [3, 2],
    ]);
    // Pure nodes are not split; depth 1 gives one split.
    expect(leafRules(growTree(data, { maxDepth: 1, minLeaf: 1 }))).toHaveLength(2);
  });

  it("splits a categorical input by ordering its values by their share (exact for two classes)", () => {
    // a: y 1 1; b: y 0 0; c: y 1 0 0 (7 runs, 3 cases; root impurity 2·3·4/7 = 3.43).
    // Ordered by share: b (0), c (1/3), a (1). {b} | {c, a}: 0 + 2·3·2/5 = 2.4;
    // {b, c} | {a}: 2·1·4/5 + 0 = 1.6, the best: b and c go left.
    const values = ["a", "a", "b", "b", "c", "c", "c"];
    const data: Dataset = { dims: [{ name: "k", kind: "categorical", values, categories: ["a", "b", "c"] }], y: Uint8Array.from([1, 1, 0, 0, 1, 0, 0]) };
    const tree = growTree(data, { maxDepth: 1, minLeaf: 1 });
    expect(tree.leaf === false && [tree.leftValues, tree.rightValues]).toEqual([["b", "c"], ["a"]]);
    expect(leafRules(tree).map((r) => [r.conditions[0]?.values, r.count, r.cases])).toEqual([
      [["b", "c"], 5, 1],
      [["a"], 2, 2],
    ]);
  });

  it("shifting or scaling an input moves its thresholds alike; the columns' order changes nothing", () => {
    const data = planted(500, 0.03, "tree-inv");
    const base = leafRules(growTree(data, { maxDepth: 3, minLeaf: 5 }));
    const moved: Dataset = {
      dims: [
        data.dims[2] as Dataset["dims"][number],
        numeric(
          "x2",
          Array.from(data.dims[1]?.values as Float64Array, (v) => v * 1000),
        ),
        numeric(
          "x1",
          Array.from(data.dims[0]?.values as Float64Array, (v) => v + 100),
        ),
      ],
      y: data.y,
    };
    const after = leafRules(growTree(moved, { maxDepth: 3, minLeaf: 5 }));
    expect(after.map((r) => [r.count, r.cases, r.conditions.map((c) => c.parameter)])).toEqual(
      base.map((r) => [r.count, r.cases, r.conditions.map((c) => c.parameter)]),
    );
    const map = (parameter: string, v: number | null) => (v === null ? null : parameter === "x1" ? v + 100 : parameter === "x2" ? v * 1000 : v);
    base.forEach((r, i) =>
      r.conditions.forEach((c, j) => {
        const a = after[i]?.conditions[j];
        for (const side of ["above", "atMost"] as const) {
          const expected = map(c.parameter, c[side]);
          if (expected === null) expect(a?.[side]).toBeNull();
          else expect(a?.[side] as number).toBeCloseTo(expected, c.parameter === "x2" ? 6 : 9);
        }
      }),
    );
  });

  it("finds the planted box's first cut and never splits on the inert input near the top", () => {
    const tree = growTree(planted(1000, 0.03, "tree"), { maxDepth: 2, minLeaf: 5 });
    expect(tree.leaf === false && tree.parameter).not.toBe("x3");
    const rules = leafRules(tree);
    const best = rules.reduce((a, b) => (b.share > a.share ? b : a));
    expect(best.share).toBeGreaterThan(0.85);
    const x1 = best.conditions.find((c) => c.parameter === "x1");
    const x2 = best.conditions.find((c) => c.parameter === "x2");
    expect(Math.abs((x1?.above as number) - 0.7)).toBeLessThan(0.04);
    expect(Math.abs((x2?.atMost as number) - 0.3)).toBeLessThan(0.04);
  });
});
