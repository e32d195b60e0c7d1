import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Type } from "@sinclair/typebox/type";
import { describe, expect, it } from "vitest";
import { SCHEMES, SCHEME_MODULES } from "../src/registry.js";
import { ScenarioSchema, composeFields } from "../src/scenario/schema.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { SimState } from "../src/engine/state.js";
import { productsWith, segmentsWith } from "../src/engine/scheme-fields.js";
import { sharedPurchaseProductFields } from "../src/schemes/shared-purchase.js";
import { ROOT } from "./helpers/cli.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * A scheme owns its surface: the fields it adds to products and segments are declared in its
 * own module (SchemeModule.productFields, segmentFields, with types, defaults and descriptions)
 * and composed into the scenario schema in registry order, like its config. A new scheme
 * therefore touches its own file, its line in src/registry.ts, its scenario, its tests and the
 * files `npm run docs` generates, and no core file: the ad, value-added, shared-purchase,
 * free-order queue and dividend-rights fields moved out of the core schema into their schemes,
 * and no core module names them any more.
 */

/** What each scheme declares, written out here: the surface the core no longer holds. */
const DECLARED: Record<string, { product: string[]; segment: string[] }> = {
  ads: { product: ["adPointsRatio"], segment: ["watchProbability"] },
  valueAdded: { product: ["valueAddedEligible"], segment: ["sell"] },
  sharedPurchase: { product: ["merchantConcession"], segment: [] },
  dividendQueue: { product: ["dividendEligible"], segment: [] },
  dividendRights: { product: ["merchantConcession"], segment: [] },
  mutualAid: { product: ["mutualAid"], segment: [] },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Whether a source text names a field. A camelCase name counts wherever it stands, comments
 * included; a plain word (`sell`) counts only where code uses it as a key or property
 * (`.sell`, `sell:`, `["sell"]`), since prose says "holders sell back".
 */
function names(text: string, field: string): boolean {
  const word = /[A-Z]/.test(field)
    ? new RegExp(`(?<![\\w$])${field}(?![\\w$])`)
    : new RegExp(`\\.${field}(?![\\w$])|(?<![\\w$])${field}\\s*\\??:|\\[["'\`]${field}["'\`]\\]`);
  return word.test(text);
}

describe("a scheme owns its product and segment fields", () => {
  it("each scheme declares the fields it reads, and only those schemes declare any", () => {
    const declared = Object.fromEntries(
      SCHEME_MODULES.filter((m) => m.productFields !== undefined || m.segmentFields !== undefined).map((m) => [
        m.key,
        { product: Object.keys(m.productFields ?? {}), segment: Object.keys(m.segmentFields ?? {}) },
      ]),
    );
    expect(declared).toEqual(DECLARED);
  });

  it("no core module names a field a scheme declares (only src/schemes/ and the registry may)", () => {
    const fields = [...new Set(SCHEME_MODULES.flatMap((m) => [...Object.keys(m.productFields ?? {}), ...Object.keys(m.segmentFields ?? {})]))];
    expect(fields.length).toBeGreaterThan(0);
    const core = sources(join(ROOT, "src")).filter((file) => {
      const path = relative(join(ROOT, "src"), file);
      return !path.startsWith("schemes/") && path !== "registry.ts";
    });
    expect(core.length).toBeGreaterThan(50);
    const mentions = core.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return fields.filter((field) => names(text, field)).map((field) => `${relative(ROOT, file)}: ${field}`);
    });
    expect(mentions).toEqual([]);
  });

  it("the name check sees a field where code or a comment names it (a check that sees nothing would pass anything)", () => {
    expect(names("const r = order.product.adPointsRatio;", "adPointsRatio")).toBe(true);
    expect(names("// ad points at the product's adPointsRatio", "adPointsRatio")).toBe(true);
    expect(names("  sell: section(", "sell")).toBe(true);
    expect(names("s.sell.share", "sell")).toBe(true);
    expect(names('segment["sell"]', "sell")).toBe(true);
    expect(names('holders may still sell back; inviters "sell" directly', "sell")).toBe(false);
    expect(names("adPointsRatios", "adPointsRatio")).toBe(false);
  });

  it("the schema holds them where the core leaves room: after a product's price split, after a segment's ordering", () => {
    const productKeys = Object.keys(ScenarioSchema.properties.products.items.properties);
    // The core's price split, then ads, value-added, the free-order queue and dividend rights
    // (which share shared purchase's field) and mutual aid in registry order, then how a product
    // is chosen: the order the reference and resolved scenarios had when the core held these fields.
    expect(productKeys).toEqual([
      "id",
      "price",
      "cost",
      "goodsValue",
      "platformMargin",
      "distribution",
      "adPointsRatio",
      "valueAddedEligible",
      "dividendEligible",
      "merchantConcession",
      "mutualAid",
      "weight",
      "pointsPayShare",
      "requiresProduct",
    ]);
    const segmentKeys = Object.keys(ScenarioSchema.properties.population.properties.segments.items.properties);
    expect(segmentKeys).toEqual([
      "name",
      "weight",
      "firstOrderProbability",
      "firstOrderProduct",
      "orderRate",
      "payWithChangeProbability",
      "watchProbability",
      "sell",
      "withdraw",
      "churnRate",
      "maxOrders",
      "maxSpend",
    ]);
  });

  it("a scenario that leaves them out gets each scheme's defaults", () => {
    const scenario = scenarioOf({ products: [product({})], population: { segments: [{ name: "s" }] } });
    expect(scenario.products[0]).toMatchObject({
      adPointsRatio: 0,
      valueAddedEligible: false,
      merchantConcession: 0,
      dividendEligible: false,
      mutualAid: false,
    });
    expect(scenario.population.segments[0]).toMatchObject({
      watchProbability: null,
      sell: { targetMultiple: 2, panicAfterFlatDays: null, panicProbability: 0.2, share: 1 },
    });
  });

  it("a bad value of a scheme's field is reported like any other: path, what was expected, what was found", () => {
    const result = resolveScenario({
      name: "x",
      products: [{ id: "a", price: 10, adPointsRatio: "lots", merchantConcession: 1.5 }],
      population: { segments: [{ name: "s", sell: { share: 0 }, watchProbabilty: 0.5 }] },
    });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: "products[0].adPointsRatio", expected: "a number", found: '"lots"' },
        { path: "products[0].merchantConcession", expected: "a number <= 1", found: "1.5" },
        { path: "population.segments[0].sell.share", expected: "a number > 0", found: "0" },
        { path: "population.segments[0].watchProbabilty", expected: 'a known key (did you mean "watchProbability"?)', found: 'unknown key "watchProbabilty"' },
      ]),
    );
  });
});

describe("composing the schemes' fields", () => {
  const core = { id: Type.String() };

  it("keeps registry order and takes a declaration two schemes share once, where the last puts it", () => {
    const shared = Type.Number();
    const composed = composeFields(
      [
        { key: "a", productFields: { x: Type.Boolean(), s: shared } },
        { key: "b", productFields: { y: Type.Boolean() } },
        { key: "c", productFields: { s: shared } },
      ],
      "productFields",
      core,
    );
    expect(Object.keys(composed)).toEqual(["x", "y", "s"]);
    expect(composed.s).toBe(shared);
  });

  it("refuses a field declared differently by two schemes, or under a core field's name", () => {
    expect(() =>
      composeFields(
        [
          { key: "a", productFields: { s: Type.Number() } },
          { key: "b", productFields: { s: Type.Number() } },
        ],
        "productFields",
        core,
      ),
    ).toThrow('schemes a and b declare productFields "s" differently');
    expect(() => composeFields([{ key: "a", segmentFields: { id: Type.Number() } }], "segmentFields", core)).toThrow(
      'scheme a declares segmentFields "id", a core field',
    );
  });

  it("dividend rights read merchants' concessions through shared purchase's declaration", () => {
    expect(SCHEMES.dividendRights.productFields?.merchantConcession).toBe(sharedPurchaseProductFields.merchantConcession);
  });

  it("a scheme reading its fields from a scenario resolved without them is stopped by name", () => {
    const scenario = scenarioOf({ products: [product({ merchantConcession: 0.1 })], population: { segments: [quietSegment("s")] } });
    const withFields = new SimState(scenario, 1);
    expect(productsWith(withFields, sharedPurchaseProductFields)[0]?.product.merchantConcession).toBe(0.1);
    const { merchantConcession: _dropped, ...bare } = scenario.products[0] as (typeof scenario.products)[number];
    const without = new SimState({ ...scenario, products: [bare as (typeof scenario.products)[number]] }, 1);
    expect(() => productsWith(without, sharedPurchaseProductFields)).toThrow("the scenario's products lack the field merchantConcession");
    const { watchProbability: _gone, ...quiet } = scenario.population.segments[0] as (typeof scenario.population.segments)[number];
    const noWatch = new SimState(
      { ...scenario, population: { ...scenario.population, segments: [quiet as (typeof scenario.population.segments)[number]] } },
      1,
    );
    expect(() => segmentsWith(noWatch, { watchProbability: Type.Number() })).toThrow("the scenario's segments lack the field watchProbability");
  });
});
