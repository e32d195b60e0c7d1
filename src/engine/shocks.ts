import type { Shock } from "../scenario/types.js";
import { noShocks, type ShockEffects } from "./state.js";

/** Phase 1: the effects of every shock active on `day`, combined (multipliers multiply). */
export function shockEffects(shocks: readonly Shock[], day: number): ShockEffects {
  const effects = noShocks();
  for (const shock of shocks) {
    const lastDay = shock.untilDay ?? (shock.type === "panicSell" ? shock.day : Number.POSITIVE_INFINITY);
    if (day < shock.day || day > lastDay) continue;
    switch (shock.type) {
      case "arrivalsStop":
        effects.arrivalsStopped = true;
        break;
      case "arrivalsMultiplier":
        effects.arrivalsMultiplier *= shock.value;
        break;
      case "adRevenueMultiplier":
        effects.adRevenueMultiplier *= shock.value;
        break;
      case "withdrawalFreeze":
        effects.withdrawalsFrozen = true;
        break;
      case "panicSell":
        effects.panicSellShare = Math.min(1, Math.max(effects.panicSellShare, shock.value));
        break;
    }
  }
  return effects;
}
