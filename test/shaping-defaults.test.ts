import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEME_MODULES } from "../src/registry.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { scenarioShapingDefaults } from "../src/simulate.js";
import { ROOT, cli, tempDir } from "./helpers/cli.js";

/** Defaults that shape the result (docs/plausibility.md): named when a scenario leaves them out. */
function inUse(document: Record<string, unknown>) {
  const resolved = resolveScenario(document);
  if (resolved.scenario === null) throw new Error(JSON.stringify(resolved.problems));
  return scenarioShapingDefaults(document, resolved.scenario);
}

describe("defaults that shape the result", () => {
  it("an ads block left empty takes seed 000's caps and 20%/10% release commissions, and says so", () => {
    const found = inUse({ name: "t", products: [{ id: "pack", price: 100 }], schemes: { ads: {} } });
    const byPath = Object.fromEntries(found.map((d) => [d.path, d.value]));
    // Seed 000's release tiers, as its brochure gives them: from 200 points 2 yuan a day, from
    // 1,000 10, from 2,000 20, from 4,000 40; its release commissions 20% and 10%.
    expect(byPath["schemes.ads.tiers"]).toEqual([
      { minBalance: 200, dailyCap: 2 },
      { minBalance: 1000, dailyCap: 10 },
      { minBalance: 2000, dailyCap: 20 },
      { minBalance: 4000, dailyCap: 40 },
    ]);
    expect(byPath["schemes.ads.referralShares"]).toEqual([0.2, 0.1]);
    expect(byPath["products[].goodsValue"]).toBeNull();
    expect(byPath["withdrawals.minimum"]).toBe(10);
  });

  it("a value written, even the default's own, is the author's and is not listed", () => {
    const found = inUse({
      name: "t",
      products: [{ id: "pack", price: 100, goodsValue: null }],
      withdrawals: { minimum: 10 },
      schemes: { ads: { referralShares: [0.2, 0.1] } },
    }).map((d) => d.path);
    expect(found).not.toContain("schemes.ads.referralShares");
    expect(found).not.toContain("products[].goodsValue");
    expect(found).not.toContain("withdrawals.minimum");
    expect(found).toContain("schemes.ads.tiers");
  });

  it("a scheme that does not run names none of its defaults", () => {
    expect(inUse({ name: "t", products: [{ id: "pack", price: 100 }] }).map((d) => d.path)).toEqual(["products[].goodsValue", "withdrawals.minimum"]);
  });

  it("every scheme's declared key has a default in its schema (else it is required, not a default)", () => {
    for (const module of SCHEME_MODULES) {
      const properties = (module.schema as unknown as { properties: Record<string, { default?: unknown }> }).properties;
      for (const d of module.shapingDefaults ?? []) expect(properties[d.key]?.default, `${module.key}.${d.key}`).toBeDefined();
    }
    expect(SCHEME_MODULES.filter((m) => (m.shapingDefaults ?? []).length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("init writes every such default out: its scenario takes none silently, and validate prints no block", () => {
    const starter = loadScenarioFile(join(ROOT, "templates", "starter.yaml"));
    expect(scenarioShapingDefaults(starter.written, starter.scenario)).toEqual([]);
    const dir = tempDir();
    expect(cli(["init", "s.yaml"], { cwd: dir }).code).toBe(0);
    expect(cli(["validate", "s.yaml"], { cwd: dir }).stdout).not.toContain("defaults that shape the result");
    const seed = cli(["validate", join(ROOT, "scenarios", "seed-002-combined.yaml")]).stdout;
    expect(seed).toContain("defaults that shape the result");
    expect(seed).toContain("products[].goodsValue = null: goods of health-pack, repeat-zone count in who loses");
  });
});
