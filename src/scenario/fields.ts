import { Type, type TSchema, type TUnsafe } from "@sinclair/typebox/type";

/**
 * `decimals: N` is pointsim's own schema keyword (src/scenario/validate.ts): the number has at
 * most N decimals. JSON Schema's multipleOf is not used because its floating-point test
 * rejects values such as 5555.56 as a multiple of 0.000001.
 *
 * Field builders for the scenario schema. Each carries a description, a unit and a
 * default, from which docs/scenario-reference.md and schema/scenario.schema.json are
 * generated, so the reference cannot drift from what the loader accepts.
 */
interface FieldOptions {
  description: string;
  default?: unknown;
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  decimals?: number;
}

/**
 * The largest amount of one money field, in yuan: 100 million yuan is 10^10 fen, so one order's
 * amounts times every day of the longest run stay far below 2^53 fen. Sums over many users are
 * checked as the run goes (the ledger stops a run whose balances leave the exact range).
 */
export const MAX_YUAN = 100_000_000;

/** Money in yuan: non-negative, at most 2 decimals, at most MAX_YUAN unless told. */
export function money(o: FieldOptions) {
  return Type.Number({ minimum: 0, maximum: MAX_YUAN, decimals: 2, unit: "yuan", ...o });
}

/** A probability or share in [0, 1], at most 6 decimals. */
export function probability(o: FieldOptions) {
  return Type.Number({ minimum: 0, maximum: 1, decimals: 6, unit: "share 0-1", ...o });
}

/** A non-negative rate or multiplier with at most 6 decimals. */
export function rate(o: FieldOptions) {
  return Type.Number({ minimum: 0, decimals: 6, unit: "ratio", ...o });
}

/** A whole number (days, counts). */
export function integer(o: FieldOptions) {
  return Type.Integer({ minimum: 0, ...o });
}

/** A simulation day number (1-based) or null for "never / open-ended". */
export function optionalDay(o: FieldOptions): TUnsafe<number | null> {
  return Type.Unsafe<number | null>({ type: ["integer", "null"], minimum: 1, default: null, unit: "day", ...o });
}

/** A non-negative number or null (null turns a rule off). */
export function optionalNumber(o: FieldOptions): TUnsafe<number | null> {
  return Type.Unsafe<number | null>({ type: ["number", "null"], minimum: 0, ...o });
}

/** A closed object (unknown keys are errors) that defaults to {} so its own defaults fill in. */
export function section<T extends Record<string, TSchema>>(description: string, properties: T) {
  return Type.Object(properties, { additionalProperties: false, default: {}, description });
}

/** A closed object used inside arrays (no default of its own). */
export function record<T extends Record<string, TSchema>>(description: string, properties: T) {
  return Type.Object(properties, { additionalProperties: false, description });
}

/** The startDay / endDay pair every scheme has (rotation). */
export function schemeWindow() {
  return {
    enabled: Type.Boolean({ default: true, description: "Switches the scheme on; a scheme block that is absent is off." }),
    startDay: integer({ minimum: 1, default: 1, unit: "day", description: "First day the scheme runs." }),
    endDay: optionalDay({
      description:
        "Last day the scheme runs (null: to the end of the run). After it, nothing of the scheme runs: its points stay outstanding, stranded (unless exitUntilDay keeps exits open).",
    }),
    exitUntilDay: optionalDay({
      description:
        "After endDay, holders may still sell back until this day (the scheme's sell phase keeps running: value-added sells and forced exits; nothing is issued). null: no exit after endDay.",
    }),
    closingBonus: section("A closing promotion: grants are multiplied in the scheme's last days (needs endDay).", {
      days: integer({ default: 0, maximum: 36_500, unit: "days", description: "How many last days of the scheme the bonus lasts (0: none)." }),
      multiplier: rate({
        default: 1,
        maximum: 100,
        unit: "ratio",
        description: "Multiplier of grants (ad points, value-added points, shared value, free-order refunds) in those days.",
      }),
    }),
  };
}

export { inWindow } from "../engine/window.js";

/** The closing-bonus multiplier (in millionths) of a scheme on a day: MICRO outside the bonus days. */
export function closingBonusMicro(window: { endDay: number | null; closingBonus: { days: number; multiplier: number } }, day: number): number {
  const { endDay, closingBonus } = window;
  if (endDay === null || closingBonus.days === 0 || day <= endDay - closingBonus.days) return 1_000_000;
  return Math.round(closingBonus.multiplier * 1_000_000);
}
