import type { CoreScenario } from "../scenario/core-schema.js";

/*
 * The scenario as the engine reads it: the core of the schema, no scheme's fields, configs or
 * thresholds (src/scenario/core-schema.ts). A validated scenario holds more: the fields each
 * registered scheme declares on products and segments (SchemeModule.productFields,
 * segmentFields). A scheme reaches its own through the type parameter, `Product<F>` for the
 * fields F it declares; nothing else in the engine knows them.
 */
export type { CoreScenario };

/** A product with the fields `Fields` a scheme declares on it. */
export type Product<Fields extends object = object> = CoreScenario["products"][number] & Fields;

/** A behaviour segment with the fields `Fields` a scheme declares on it. */
export type Segment<Fields extends object = object> = CoreScenario["population"]["segments"][number] & Fields;

export type Shock = CoreScenario["shocks"][number];
