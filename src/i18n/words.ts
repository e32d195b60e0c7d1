import type { Lang } from "./lang.js";
import { VALIDATION_MESSAGES, type ValidationKey } from "./validation-messages.js";

/**
 * Words of a problem in both languages at once: what was expected, or what was found. A check
 * builds them from a message of src/i18n/validation-messages.ts (both languages side by side, so
 * that a problem cannot lack one) or from the input itself (a value, a key, a file name), which is
 * the same in both.
 */
export interface Words {
  readonly en: string;
  readonly zh: string;
}

/** A parameter: the input's own text or a number (the same in both languages), or words. */
type Param = string | number | Words;

/** The names in braces in a template: "a day from {from}" → "from". */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Identifier<Name> | Placeholders<Rest> : never;
/** A name in braces is a parameter only when it is one word ("{ from, to }" is the text it shows). */
type Identifier<Name extends string> = Name extends `${string} ${string}` ? never : Name;
type ParamsOf<K extends ValidationKey> = Record<Exclude<Placeholders<(typeof VALIDATION_MESSAGES)[K]["en"]>, "plural">, Param>;

function fill(template: string, values: Record<string, Param>, lang: Lang, plural: string): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (name === "plural") return plural;
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === "object" ? (lang === "en" ? value.en : value.zh) : String(value);
  });
}

/**
 * A validation message in both languages, its parameters filled in. `{plural}` is English grammar
 * only: "s" unless the parameter `count` (when there is one) is 1.
 */
export function words<K extends ValidationKey>(key: K, ...params: keyof ParamsOf<K> extends never ? [] : [ParamsOf<K>]): Words {
  const values = (params[0] ?? {}) as Record<string, Param>;
  const count = values.count;
  const plural = count === 1 ? "" : "s";
  const template = VALIDATION_MESSAGES[key] as { en: string; "zh-CN": string };
  return { en: fill(template.en, values, "en", plural), zh: fill(template["zh-CN"], values, "zh-CN", plural) };
}

/** The input's own text (a quoted value, a key, a number, a file name): the same in both languages. */
export function verbatim(text: string | number): Words {
  return { en: String(text), zh: String(text) };
}

/** Words joined with a separator in each language ("a, b" / "a、b"). */
export function joinWords(parts: readonly Words[], en = ", ", zh = "、"): Words {
  return { en: parts.map((p) => p.en).join(en), zh: parts.map((p) => p.zh).join(zh) };
}

/**
 * What an error says, in both languages: the words it carries (an error pointsim throws about the
 * input, such as an expression's or a key path's), else its English message as it is.
 */
export function errorWords(error: unknown): Words {
  const carried = (error as { words?: unknown } | null)?.words;
  if (carried !== null && typeof carried === "object" && typeof (carried as Words).en === "string" && typeof (carried as Words).zh === "string")
    return carried as Words;
  return verbatim(error instanceof Error ? error.message : String(error));
}
