import { Type, type Static, type TOptional, type TProperties, type TSchema } from "@sinclair/typebox/type";
import { SCHEMES, SCHEME_MODULES } from "../registry.js";
import { CORE_SHOCKS } from "../engine/shocks.js";
import { productSchema, scenarioSchema, segmentSchema } from "./core-schema.js";

/*
 * The scenario schema with pointsim's schemes: the core (core-schema.ts) and what each scheme
 * of the registry declares, composed in registry order: its config under `schemes`, its fields
 * on products and segments, its shock types and its collapse thresholds. A scheme adds to the
 * scenario only through its own module.
 */

type Registered = (typeof SCHEMES)[keyof typeof SCHEMES];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The fields every registered scheme declares on `K` (productFields or segmentFields), as one set of properties. */
type DeclaredFields<K extends "productFields" | "segmentFields"> = UnionToIntersection<
  Registered extends infer M ? (M extends { readonly [P in K]?: infer F } ? (F extends TProperties ? F : never) : never) : never
>;

/**
 * The fields the schemes declare on products or segments, gathered in registry order. Two
 * schemes may declare one field when both read it (merchants' concessions fund shared
 * purchases and dividend rights): then both hold the one declaration, exported by the scheme
 * that owns it, and it takes the place of the last of them. That place keeps the key order
 * resolved scenarios have always had, which matters: `pointsim verify` compares a resolved
 * scenario with its manifest's as text. A field declared differently twice, or under a core
 * field's name, is an error of the registry, thrown when the schema is built (on loading pointsim).
 */
export function composeFields(
  modules: readonly { key: string; productFields?: TProperties; segmentFields?: TProperties }[],
  kind: "productFields" | "segmentFields",
  core: TProperties,
): TProperties {
  const composed: Record<string, TSchema> = {};
  const owners = new Map<string, string>();
  for (const module of modules) {
    for (const [name, field] of Object.entries(module[kind] ?? {})) {
      if (name in core) throw new Error(`scheme ${module.key} declares ${kind} "${name}", a core field`);
      const owner = owners.get(name);
      if (owner !== undefined && composed[name] !== field)
        throw new Error(`schemes ${owner} and ${module.key} declare ${kind} "${name}" differently (share one declaration)`);
      delete composed[name];
      composed[name] = field;
      owners.set(name, owner ?? module.key);
    }
  }
  return composed;
}

/** The shock types: the engine's, then those the registry's schemes declare (SchemeModule.shocks). */
function shockTypes() {
  const types = [...CORE_SHOCKS, ...SCHEME_MODULES.flatMap((m) => m.shocks ?? [])];
  return Type.Union(
    types.map((t) => Type.Literal(t.type)),
    { description: `${types.map((t) => `${t.type}: ${t.description}`).join("; ")}.` },
  );
}

/** Each registered scheme's config schema under its key, optional, with its own type. */
function schemesSchema() {
  const properties = Object.fromEntries(Object.entries(SCHEMES).map(([key, module]) => [key, Type.Optional(module.schema)])) as {
    [K in keyof typeof SCHEMES]: TOptional<(typeof SCHEMES)[K]["schema"]>;
  };
  return Type.Object(properties, { additionalProperties: false, default: {}, description: "The schemes that run. A scheme whose block is absent is off." });
}

/** Each scheme's collapse thresholds under its key, in registry order. */
function collapseThresholds(): Record<string, TSchema> {
  return Object.fromEntries(SCHEME_MODULES.flatMap((m) => (m.collapseSchema ? [[m.key, m.collapseSchema]] : [])));
}

export const ScenarioSchema = scenarioSchema({
  // The casts give the composed fields the types their schemes declare them with.
  productFields: composeFields(SCHEME_MODULES, "productFields", productSchema({}).properties) as DeclaredFields<"productFields">,
  segmentFields: composeFields(SCHEME_MODULES, "segmentFields", segmentSchema({}).properties) as DeclaredFields<"segmentFields">,
  shockType: shockTypes(),
  schemes: schemesSchema(),
  collapseThresholds: collapseThresholds(),
});

export type Scenario = Static<typeof ScenarioSchema>;
