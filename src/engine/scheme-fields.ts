import type { TProperties } from "@sinclair/typebox";
import type { FieldValues } from "./scheme.js";
import type { Segment } from "./scenario.js";
import type { ProductFen, SimState } from "./state.js";

/*
 * How a scheme reads the fields it declares on products and segments (SchemeModule.productFields,
 * segmentFields) from the run's state, which the engine types without them. The scenario schema
 * composed them into every product and segment and filled their defaults, so the casts below
 * narrow rather than guess: passing the declaration ties the type to it, and the check makes a
 * scenario that was not read with the scheme registered fail at once, by name, rather than
 * run on undefined values.
 */

function assertDeclared(items: readonly object[], fields: TProperties, what: string): void {
  const first = items[0];
  if (first === undefined) return;
  for (const name of Object.keys(fields))
    if (!(name in first)) throw new Error(`the scenario's ${what}s lack the field ${name}: it was not resolved with the scheme that declares it registered`);
}

/** The run's products with the fields `fields` a scheme declares on them. */
export function productsWith<F extends TProperties>(state: SimState, fields: F): readonly ProductFen<FieldValues<F>>[] {
  assertDeclared(state.scenario.products, fields, "product");
  return state.products as unknown as readonly ProductFen<FieldValues<F>>[];
}

/** The run's behaviour segments with the fields `fields` a scheme declares on them. */
export function segmentsWith<F extends TProperties>(state: SimState, fields: F): readonly Segment<FieldValues<F>>[] {
  assertDeclared(state.scenario.population.segments, fields, "segment");
  return state.scenario.population.segments as unknown as readonly Segment<FieldValues<F>>[];
}
