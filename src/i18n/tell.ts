import { COMMAND_MESSAGES } from "./command-messages.js";
import type { Lang } from "./lang.js";
import { MESSAGES } from "./messages.js";

/**
 * The whole catalogue: src/i18n/messages.ts and the commands' own (src/i18n/command-messages.ts,
 * kept apart so that the engine bundled into every report.html does not carry the commands'
 * sentences, which would change that page's bytes and its font).
 */
const CATALOGUE = { ...MESSAGES, ...COMMAND_MESSAGES };
export type CatalogueKey = keyof typeof CATALOGUE;

/**
 * A message with its parameters filled in, for code that builds many sentences from one table
 * (the commands' reports): `say` with the parameters unchecked by the compiler. test/i18n.test.ts
 * still holds every key's two templates to the same parameters.
 */
export function tell(lang: Lang, key: CatalogueKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template: string = CATALOGUE[key][lang];
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message as a JavaScript string literal, for a report's script (an English page keeps its bytes: "day" → "day" in quotes). */
export function tellJs(lang: Lang, key: CatalogueKey, params: Readonly<Record<string, string | number>> = {}): string {
  return JSON.stringify(tell(lang, key, params));
}

/**
 * A message with parameters as a JavaScript expression for a report's script: the template's
 * text as string literals joined by `+` to the script expressions named in `expressions`
 * ("point {n}" with n: "p.point" → `"point " + p.point`), so an English page keeps its bytes.
 */
export function tellJsWith(lang: Lang, key: CatalogueKey, expressions: Readonly<Record<string, string>>): string {
  const parts = tell(lang, key).split(/\{([A-Za-z]+)\}/);
  return parts
    .map((part, i) => (i % 2 === 1 ? (expressions[part] ?? part) : part === "" ? null : JSON.stringify(part)))
    .filter((x) => x !== null)
    .join(" + ");
}
