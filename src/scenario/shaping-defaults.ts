import type { ShapingDefault } from "../engine/scheme.js";
import type { Scenario } from "./types.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";

/**
 * Defaults that shape the result (docs/plausibility.md): a scenario that leaves out a scheme's
 * release commissions or tier caps still gets them, from the scheme's defaults, and its result
 * then rests on numbers its author never wrote. `validate` and `run` name each such default
 * the scenario takes, with its value, so that it is a choice and not an accident. Each scheme
 * declares its own (SchemeModule.shapingDefaults); the core's are here.
 */

/** A default the scenario takes: its key path, the value it gets and what that does. */
export interface DefaultInUse {
  path: string;
  value: unknown;
  effect: string;
  /** The effect in Chinese (the English where none is declared). */
  effectZh: string;
}

/** What the running schemes declare, under their keys. */
export interface SchemeShapingDefaults {
  key: string;
  shapingDefaults?: readonly ShapingDefault[];
}

/** Whether the author wrote a value at this path (a key present, null included). */
function written(document: unknown, parts: readonly (string | number)[]): boolean {
  let node = document;
  for (const part of parts) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return true;
}

/** The core's: how goods count in who loses, and the smallest withdrawal. */
function coreDefaults(document: unknown, scenario: Scenario): DefaultInUse[] {
  const out: DefaultInUse[] = [];
  // One line for every product left without a goods value, however many there are.
  const unstated = scenario.products.filter((_, i) => !written(document, ["products", i, "goodsValue"])).map((p) => p.id);
  if (unstated.length > 0) {
    const names = unstated.length > 3 ? `${unstated.slice(0, 3).join(", ")} and ${unstated.length - 3} more` : unstated.join(", ");
    const namesZh = unstated.length > 3 ? `${unstated.slice(0, 3).join("、")}等${unstated.length}种` : unstated.join("、");
    out.push({
      path: "products[].goodsValue",
      value: null,
      effect: `goods of ${names} count in who loses at their cost when the product funds a scheme, at their price when it is a plain sale`,
      effectZh: say("zh-CN", "shaping.goodsValue", { names: namesZh }),
    });
  }
  if (!written(document, ["withdrawals", "minimum"]))
    out.push({
      path: "withdrawals.minimum",
      value: scenario.withdrawals.minimum,
      effect: "change below it, yuan, cannot be withdrawn",
      effectZh: say("zh-CN", "shaping.withdrawalMinimum"),
    });
  return out;
}

/** Every shaping default the scenario takes: the core's, then each running scheme's in the given order. */
export function shapingDefaultsInUse(document: unknown, scenario: Scenario, schemes: readonly SchemeShapingDefaults[]): DefaultInUse[] {
  const out = coreDefaults(document, scenario);
  const configs = scenario.schemes as Record<string, Record<string, unknown> | undefined>;
  for (const scheme of schemes) {
    const config = configs[scheme.key];
    if (config === undefined) continue;
    for (const d of scheme.shapingDefaults ?? []) {
      if (!written(document, ["schemes", scheme.key, d.key]))
        out.push({ path: `schemes.${scheme.key}.${d.key}`, value: config[d.key], effect: d.effect, effectZh: d.effectZh ?? d.effect });
    }
  }
  return out;
}

/** A value in one short line: flow style, keys unquoted, cut at 70 characters. */
function shortValue(value: unknown): string {
  const text = JSON.stringify(value)
    .replace(/"([A-Za-z_][A-Za-z0-9_]*)":/g, "$1: ")
    .replace(/,/g, ", ");
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/** The block for the terminal: empty when the scenario writes every such value itself. */
export function formatShapingDefaults(defaults: readonly DefaultInUse[], lang: Lang = "en"): string {
  if (defaults.length === 0) return "";
  const lines = defaults.map((d) => `  ${d.path} = ${shortValue(d.value)}${say(lang, "punct.colon")}${lang === "en" ? d.effect : d.effectZh}`);
  return `${say(lang, "shaping.header")}\n${lines.join("\n")}\n`;
}
