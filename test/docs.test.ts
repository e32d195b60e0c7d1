import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema, scenarioReferenceMarkdown } from "../src/scenario/reference.js";
import { ScenarioSchema } from "../src/scenario/schema.js";
import { withColumnTables } from "../src/scenario/column-reference.js";
import { declaredSignals, withModelTables } from "../src/scenario/model-reference.js";
import { simulate } from "../src/simulate.js";
import { bundled } from "./helpers/scenario.js";
import { timeseriesColumns } from "../src/engine/columns.js";
import { SCHEME_MODULES } from "../src/registry.js";
import { scenarioValidatorSource, sweepValidatorSource, fitValidatorSource, recommendValidatorSource } from "../src/scenario/validators.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated documentation and validators", () => {
  it("docs/scenario-reference.md matches the schema (run `npm run docs` after changing it)", () => {
    expect(read("docs/scenario-reference.md")).toBe(scenarioReferenceMarkdown());
  });

  it("docs/indicators.md's column tables match the column declarations (engine and every scheme)", () => {
    const doc = read("docs/indicators.md");
    expect(doc).toBe(withColumnTables(doc));
    for (const name of timeseriesColumns(SCHEME_MODULES)) expect(doc).toContain(`| \`${name}\` |`);
  });

  it("docs/model.md's shock and signal tables match the declarations (engine and every scheme)", () => {
    const doc = read("docs/model.md");
    expect(doc).toBe(withModelTables(doc));
    for (const { spec } of declaredSignals()) expect(doc).toContain(`| \`${spec.id}\` | ${spec.kind} |`);
    for (const shock of SCHEME_MODULES.flatMap((m) => m.shocks ?? [])) expect(doc).toContain(`| \`${shock.type}\` |`);
  });

  it("every failure signal a bundled run reads is declared, with its kind", () => {
    const declared = new Map(declaredSignals().map(({ spec }) => [spec.id, spec.kind]));
    const read = new Set<string>();
    for (const name of [
      "seed-002-combined",
      "seed-003-shared-purchase",
      "seed-004-order-dividend",
      "rank-dividends",
      "dividend-rights",
      "rotation",
      "mutual-aid",
    ]) {
      const { summary } = simulate({ ...bundled(name), days: 60 });
      for (const s of summary.signals) {
        expect(declared.get(s.signal), `${name}: ${s.signal}`).toBe(s.kind);
        read.add(s.signal);
      }
    }
    expect([...declared.keys()].filter((id) => !read.has(id))).toEqual([]);
  });

  it("schema/scenario.schema.json matches the schema", () => {
    expect(read("schema/scenario.schema.json")).toBe(scenarioJsonSchema());
  });

  it("generated/*-validator.js are what ajv compiles from the schemas now", () => {
    expect(read("generated/scenario-validator.js")).toBe(scenarioValidatorSource());
    expect(read("generated/sweep-validator.js")).toBe(sweepValidatorSource());
    expect(read("generated/fit-validator.js")).toBe(fitValidatorSource());
    expect(read("generated/recommend-validator.js")).toBe(recommendValidatorSource());
  });

  it("documents every key with a description", () => {
    const missing: string[] = [];
    const visit = (node: { properties?: Record<string, unknown>; items?: unknown; description?: string }, path: string) => {
      if (path && !node.description) missing.push(path);
      for (const [k, v] of Object.entries(node.properties ?? {})) visit(v as never, path ? `${path}.${k}` : k);
      const items = node.items as { properties?: Record<string, unknown> } | undefined;
      if (items?.properties) for (const [k, v] of Object.entries(items.properties)) visit(v as never, `${path}[].${k}`);
    };
    visit(ScenarioSchema as never, "");
    expect(missing).toEqual([]);
  });

  it("the README starts with the two commands", () => {
    const readme = read("README.md");
    const firstBlock = readme.slice(0, 800);
    expect(firstBlock).toContain("npm ci && npx pointsim run scenarios/ad-ecommerce.yaml");
    expect(firstBlock).toContain("npm ci && npm test");
  });
});
