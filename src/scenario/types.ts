import type { Scenario } from "./schema.js";

export type { Scenario } from "./schema.js";
export type Product = Scenario["products"][number];
export type Segment = Scenario["population"]["segments"][number];
export type Shock = Scenario["shocks"][number];
