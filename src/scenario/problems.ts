import { say } from "../i18n/messages.js";
import type { ScenarioProblem } from "../errors.js";
import { type Words, words } from "../i18n/words.js";
import { problem } from "./problem.js";

/**
 * A short, safe rendering of a value for messages. A text is quoted only when `quote` (a value
 * at a key of the user's document, not the whole document: a file that is not a scenario at all,
 * such as /proc/self/environ, is never echoed) and it holds no control characters.
 */
export function describeValue(value: unknown, quote = true): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    if (!quote || /[\u0000-\u001f\u007f-\u009f]/.test(value)) return `a text of ${value.length} character${value.length === 1 ? "" : "s"}`;
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/** describeValue's description in Chinese: the same cases, a quoted text and numbers as they are. */
export function describeValueZh(value: unknown, quote = true): string {
  const plural = "";
  if (value === undefined) return say("zh-CN", "value.nothing");
  if (typeof value === "string" && (!quote || /[\u0000-\u001f\u007f-\u009f]/.test(value))) return say("zh-CN", "value.text", { length: value.length, plural });
  if (Array.isArray(value)) return say("zh-CN", "value.list", { length: value.length, plural });
  if (typeof value === "object" && value !== null) return say("zh-CN", "value.mapping");
  return describeValue(value, quote);
}

/** A value of the input described in both languages (describeValue; a text is quoted only when `quote`). */
export function valueWords(value: unknown, quote = true): Words {
  return { en: describeValue(value, quote), zh: describeValueZh(value, quote) };
}

/** "/products/0/price" → "products[0].price". */
export function pointerToPath(pointer: string): string {
  let path = "";
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    path += /^\d+$/.test(part) ? `[${part}]` : path === "" ? part : `.${part}`;
  }
  return path;
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** The closest candidate by edit distance, if close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/**
 * The problems a generated sweep or fit validator found (ajv errors), each with its path, what
 * was expected and what was found; an unknown key is named as such. The English of what was
 * expected is ajv's own message; the Chinese is worded from the same error's keyword and
 * parameters (ajvExpected).
 */
export function schemaProblems(
  errors: readonly { instancePath: string; keyword: string; message?: string; params: Record<string, unknown>; data?: unknown }[] | null | undefined,
): ScenarioProblem[] {
  return (errors ?? []).map((e) => {
    const unknownKey = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : null;
    const path = pointerToPath(e.instancePath) + (unknownKey !== null ? `.${unknownKey}` : "");
    if (unknownKey !== null) return problem(path, words("expected.knownKey"), words("found.unknownKey", { key: unknownKey }));
    return problem(path, ajvExpected(e), valueWords(e.data, e.instancePath !== ""));
  });
}

/** ajv's comparisons in words (the scenario's problems word them the same: src/scenario/validate.ts). */
export const COMPARISON_ZH: Readonly<Record<string, string>> = { ">=": "大于或等于", ">": "大于", "<=": "小于或等于", "<": "小于" };

const TYPE_NAMES = ["integer", "object", "array", "number", "string", "boolean"] as const;
const isTypeName = (t: string): t is (typeof TYPE_NAMES)[number] => (TYPE_NAMES as readonly string[]).includes(t);

/** What an ajv error expected: ajv's message in English, the same rule from its parameters in Chinese. */
function ajvExpected(e: { keyword: string; message?: string; params: Record<string, unknown> }): Words {
  const english = e.message ?? e.keyword;
  const p = e.params;
  const zh = (chinese: Words) => ({ en: english, zh: chinese.zh });
  switch (e.keyword) {
    case "required":
      return zh(words("ajv.required", { key: String(p.missingProperty) }));
    case "type": {
      const type = String(p.type);
      return zh(words("ajv.type", { type: { en: type, zh: isTypeName(type) ? say("zh-CN", `type.${type}`) : type } }));
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return zh(
        words("ajv.compare", {
          comparison: { en: String(p.comparison), zh: COMPARISON_ZH[String(p.comparison)] ?? String(p.comparison) },
          limit: String(p.limit),
        }),
      );
    case "enum":
      return zh(words("ajv.enum", { options: ((p.allowedValues as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)).join(", ") }));
    case "const":
      return zh(words("ajv.const", { value: JSON.stringify(p.allowedValue) }));
    case "minItems":
      return { en: english, zh: say("zh-CN", "problem.atLeastItems", { limit: String(p.limit), plural: "" }) };
    case "maxItems":
      return { en: english, zh: say("zh-CN", "problem.atMostItems", { limit: String(p.limit) }) };
    case "minLength":
      return { en: english, zh: say("zh-CN", "problem.minLength", { limit: String(p.limit) }) };
    case "maxLength":
      return { en: english, zh: say("zh-CN", "problem.maxLength", { limit: String(p.limit) }) };
    case "pattern":
      return zh(words("ajv.pattern", { pattern: String(p.pattern) }));
    default:
      return zh(words("ajv.rule", { rule: e.keyword }));
  }
}
