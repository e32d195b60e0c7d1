import type { Shock } from "./scenario.js";

/**
 * A shock type a scheme declares (SchemeModule.shocks) and reads with `ShockEffects.value`:
 * `multiply`: the values of the active shocks multiply (neutral 1); `largestShare`: the
 * largest active value, at most 1 (neutral 0); `largest`: the largest active value (neutral 0). `oneDay`: without `untilDay` it lasts its day
 * only (the others last to the end of the run).
 */
export interface SchemeShock {
  type: string;
  combine: "multiply" | "largestShare" | "largest";
  oneDay?: boolean;
  /** For the scenario reference, e.g. "(value) multiplies ad revenue". */
  description: string;
}

/** The shock types the engine itself knows. */
export const CORE_SHOCKS = [
  { type: "arrivalsStop", description: "no arrivals" },
  { type: "arrivalsMultiplier", description: "(value) multiplies arrivals" },
  { type: "withdrawalFreeze", description: "no withdrawals are paid" },
] as const;

/** Phase 1: the effects of every shock active on `day`, combined (multipliers multiply). */
export function shockEffects(shocks: readonly Shock[], day: number, declared: readonly SchemeShock[] = []): ShockEffects {
  const effects = noShocks();
  for (const shock of shocks) {
    const scheme = declared.find((d) => d.type === shock.type);
    const lastDay = shock.untilDay ?? (scheme?.oneDay ? shock.day : Number.POSITIVE_INFINITY);
    if (day < shock.day || day > lastDay) continue;
    switch (shock.type) {
      case "arrivalsStop":
        effects.arrivalsStopped = true;
        break;
      case "arrivalsMultiplier":
        effects.arrivalsMultiplier *= shock.value;
        break;
      case "withdrawalFreeze":
        effects.withdrawalsFrozen = true;
        break;
      default: {
        if (!scheme) break;
        const now = effects.schemes.get(shock.type);
        if (scheme.combine === "multiply") effects.schemes.set(shock.type, (now ?? 1) * shock.value);
        else if (scheme.combine === "largest") effects.schemes.set(shock.type, Math.max(now ?? 0, shock.value));
        else effects.schemes.set(shock.type, Math.min(1, Math.max(now ?? 0, shock.value)));
      }
    }
  }
  return effects;
}

/** Effects of today's shocks (phase 1). */
export class ShockEffects {
  arrivalsStopped = false;
  arrivalsMultiplier = 1;
  withdrawalsFrozen = false;
  /** The combined value of each active shock a scheme declares (SchemeModule.shocks), by type. */
  readonly schemes = new Map<string, number>();

  /** A scheme's shock today: its combined value, or `inactive` when none of its type is active. */
  value(type: string, inactive: number): number {
    return this.schemes.get(type) ?? inactive;
  }
}

export function noShocks(): ShockEffects {
  return new ShockEffects();
}
