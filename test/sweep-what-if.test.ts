import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getPath, setPath } from "../src/engine/paths.js";
import type { PointStats } from "../src/sweep/results.js";
import { loadSweepFile } from "../src/sweep/spec.js";
import { sweepWhatIf, whatIfRunsPerPoint } from "../src/sweep/what-if.js";
import { stableJson } from "../src/report/outputs.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { ROOT, tempDir } from "./helpers/cli.js";

/** The sweep report's what-if data: how the page builds each point's scenario, checked against the sweep's own. */
describe("the sweep report's what-if data", () => {
  const dir = tempDir();
  const file = join(dir, "sweep.yaml");
  writeFileSync(
    file,
    `name: t\nbase: ${join(ROOT, "scenarios/seed-002-combined.yaml")}\nseed: 3\nseeds: 2\nset: { days: 40 }\nparameters:\n  - { key: population.segments.believer.orderRate, values: [0.01, 2] }\n  - { key: products.health-pack.price, values: [1000] }\n`,
  );
  const loaded = loadSweepFile(file);
  const stats = loaded.points.map((p): PointStats => ({ point: p.index, values: p.values, runs: 2, failed: 0, collapsedShare: 0, stats: {} }));
  const w = sweepWhatIf(loaded.spec, loaded.baseData, stats, (point) => [[point * 2, 11 + point, null, 0.5]], ["liabilities"]);

  it("names list items by position, as the page's own path setter reads them", () => {
    expect(w?.keys).toEqual({
      "population.segments.believer.orderRate": "population.segments[0].orderRate",
      "products.health-pack.price": "products[0].price",
    });
  });

  it("puts the swept keys first, over the swept range, and the scenario's sliders after", () => {
    const swept = w?.sliders.filter((s) => s.group === "swept parameters") ?? [];
    expect(swept.map((s) => [s.path, s.min, s.max])).toEqual([
      ["population.segments[0].orderRate", 0, 2],
      ["products[0].price", 1000, 1000],
    ]);
    expect(w?.sliders.slice(0, 2)).toEqual(swept);
    expect(w?.sliders.filter((s) => s.path === "population.segments[0].orderRate")).toHaveLength(1);
  });

  it("a valid point is built by the page from the base (no scenario of its own), exactly the scenario the sweep's worker resolves", () => {
    const p = w?.points[0];
    expect(p?.scenario).toBeUndefined();
    expect(p?.invalid).toBeUndefined();
    const built = structuredClone(w?.base);
    setPath(built, "population.segments[0].orderRate", 0.01);
    setPath(built, "products[0].price", 1000);
    const raw = structuredClone(loaded.baseData);
    setPath(raw, "population.segments.believer.orderRate", 0.01);
    setPath(raw, "products.health-pack.price", 1000);
    const resolved = resolveScenario(raw).scenario;
    expect(resolved).not.toBeNull();
    expect(stableJson(built)).toBe(stableJson(resolved));
    expect(getPath(built, "population.segments[0].orderRate")).toBe(0.01);
  });

  it("a point the engine refuses carries the reason instead", () => {
    const p = w?.points[1];
    expect(p?.invalid).toContain("population.segments[0].orderRate");
    expect(p?.runs).toEqual([[2, 12, null, 0.5]]);
  });

  it("lists at most 20 runs per point and 10,000 in all", () => {
    expect(whatIfRunsPerPoint(4)).toBe(20);
    expect(whatIfRunsPerPoint(2000)).toBe(5);
    expect(whatIfRunsPerPoint(100_000)).toBe(1);
  });
});
