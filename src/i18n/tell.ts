import type { Lang } from "./lang.js";
import { MESSAGES, type MessageKey } from "./messages.js";

/**
 * A message with its parameters filled in, for code that builds many sentences from one table
 * (the commands' reports): `say` with the parameters unchecked by the compiler. test/i18n.test.ts
 * still holds every key's two templates to the same parameters.
 */
export function tell(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template: string = MESSAGES[key][lang];
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message as a JavaScript string literal, for a report's script (an English page keeps its bytes: "day" → "day" in quotes). */
export function tellJs(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return JSON.stringify(tell(lang, key, params));
}
