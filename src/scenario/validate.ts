import type { ErrorObject } from "ajv";
// Generated from ScenarioSchema by `npm run docs` (src/scenario/validators.ts); a test fails when stale.
import validateSchema from "../../generated/scenario-validator.js";
import type { Scenario } from "./schema.js";
import { parseExpression } from "../gates/expression.js";
import { COMPARISON_ZH, describeValue, describeValueZh, didYouMean, joinPath, pointerToPath, valueWords } from "./problems.js";
import { problem } from "./problem.js";
import { errorWords, verbatim, type Words, words } from "../i18n/words.js";
import type { Lang } from "../i18n/lang.js";
import { say, type MessageKey } from "../i18n/messages.js";
import type { ScenarioProblem } from "../errors.js";
import { changeProblems, responseProblems, retiredShockProblems } from "./changes-check.js";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Checks a parsed scenario and fills in defaults. Returns every problem at once: the
 * structural ones (types, ranges, unknown keys, missing keys) and the cross-field rules
 * that a schema cannot express.
 */
export function resolveScenario(data: unknown): { scenario: Scenario; problems: [] } | { scenario: null; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  checkValues(data, "", problems, 0);
  if (problems.length > 0) return { scenario: null, problems };
  const copy = structuredClone(data);
  // A retired shock type is named with what to write instead, in place of "not one of".
  const retired = retiredShockProblems(data);
  problems.push(...retired);
  if (!validateSchema(copy)) {
    const errors = validateSchema.errors ?? [];
    const atRetired = (e: ErrorObject) => retired.some((r) => pointerToPath(e.instancePath).startsWith(r.path.replace(/\.type$/, "")));
    const remaining = errors.filter((e) => !atRetired(e));
    for (const error of remaining) problems.push(fromAjv(error));
    // A rule declared in the schema (ascendingBy, sharesSumToOne) leaves the shape whole: the
    // cross-field rules still run, so that every problem is listed at once.
    if (remaining.some((e) => e.keyword !== "ascendingBy" && e.keyword !== "sharesSumToOne")) return { scenario: null, problems: dedupe(problems) };
  }
  const scenario = copy as Scenario;
  crossFieldChecks(scenario, problems);
  return problems.length > 0 ? { scenario: null, problems } : { scenario, problems: [] };
}

/** Rejects what JSON Schema lets through: non-finite numbers, prototype keys, runaway depth. */
function checkValues(value: unknown, path: string, problems: ScenarioProblem[], depth: number): void {
  if (depth > 32) {
    problems.push(problem(path, words("expected.nesting", { max: 32 }), words("found.deeperNesting")));
    return;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    problems.push(problem(path, words("expected.finiteNumber"), valueWords(value)));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValues(item, joinPath(path, i), problems, depth + 1));
  } else if (value !== null && typeof value === "object") {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      problems.push(problem(path, words("expected.plainValue"), valueWords(value)));
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push(problem(joinPath(path, key), words("expected.ordinaryKey"), words("found.reservedKey", { key })));
      else checkValues((value as Record<string, unknown>)[key], joinPath(path, key), problems, depth + 1);
    }
  }
}

function fromAjv(error: ErrorObject): ScenarioProblem {
  const english = fromAjvEnglish(error);
  const zh = fromAjvChinese(error);
  return problem(english.path, { en: english.expected, zh: zh.expected }, { en: english.found, zh: zh.found });
}

/** What an ajv error expected and found, in Chinese, from the same parameters as the English. */
function fromAjvChinese(error: ErrorObject): { expected: string; found: string } {
  const found = describeValueZh(error.data, error.instancePath !== "");
  const params = error.params as Record<string, unknown>;
  // One key chosen at run time: say's per-key parameter check gives way to one of all parameters.
  const zh = (key: MessageKey, values: Record<string, string | number> = {}) =>
    (say as (l: Lang, k: MessageKey, p: Record<string, string | number>) => string)("zh-CN", key, values);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = didYouMean(key, known);
      return {
        expected: guess ? zh("problem.knownKeyGuess", { guess }) : zh("problem.knownKeys", { known: known.join(", ") }),
        found: zh("problem.unknownKey", { key }),
      };
    }
    case "required":
      return { expected: zh("problem.required"), found: zh("value.nothing") };
    case "type":
      return { expected: typeName(params.type, "zh-CN"), found };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        expected: zh("problem.number", { comparison: COMPARISON_ZH[String(params.comparison)] ?? String(params.comparison), limit: String(params.limit) }),
        found,
      };
    case "decimals":
      return { expected: zh("problem.decimals", { decimals: String((error.schema as number) ?? "") }), found };
    case "enum":
      return { expected: zh("problem.oneOf", { options: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ") }), found };
    case "anyOf": {
      const options = ((error.schema as { const?: unknown; type?: unknown }[] | undefined) ?? []).map((s) =>
        s.const !== undefined ? JSON.stringify(s.const) : typeName(s.type, "zh-CN"),
      );
      return { expected: zh("problem.oneOf", { options: options.join(", ") }), found };
    }
    case "minItems":
      return { expected: zh("problem.atLeastItems", { limit: String(params.limit) }), found };
    case "maxItems":
      return { expected: zh("problem.atMostItems", { limit: String(params.limit) }), found };
    case "pattern":
      return { expected: zh("problem.pattern", { pattern: String(params.pattern) }), found };
    case "minLength":
    case "maxLength":
      return { expected: zh(error.keyword === "minLength" ? "problem.minLength" : "problem.maxLength", { limit: String(params.limit) }), found };
    case "ascendingBy":
    case "sharesSumToOne":
    case "productId":
    case "const": {
      // Built from the same words as the English (ajvWords), so both say the same.
      const both = ajvWords(error);
      return { expected: both.expected.zh, found: both.found.zh };
    }
    default:
      return { expected: words("expected.schemaRule", { message: error.message ?? error.keyword }).zh, found };
  }
}

/** The schema's own rules (src/scenario/validators.ts), in both languages. */
function ajvWords(error: ErrorObject): { path: string; expected: Words; found: Words } {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "ascendingBy": {
      const key = String(error.schema);
      const items = Array.isArray(error.data) ? (error.data as Record<string, unknown>[]) : [];
      const i = items.findIndex((item, k) => k > 0 && !((item?.[key] as number) > (items[k - 1]?.[key] as number)));
      return {
        path: `${path}[${i}].${key}`,
        expected: words("expected.ascending", { previous: String(items[i - 1]?.[key]), key }),
        found: verbatim(String(items[i]?.[key])),
      };
    }
    case "sharesSumToOne":
      return { path, expected: words("expected.sharesSumToOne"), found: words("found.sharesSum", { total: Number(params.total ?? 0) / 1e6 }) };
    case "productId": {
      const known = ((params.known as unknown[] | undefined) ?? []).filter((id): id is string => typeof id === "string");
      const guess = typeof error.data === "string" ? didYouMean(error.data, known) : undefined;
      return {
        path,
        expected: guess ? words("expected.productIdGuess", { guess }) : words("expected.productIdOf", { known: known.join(", ") }),
        found: valueWords(error.data, error.instancePath !== ""),
      };
    }
    default:
      return { path, expected: verbatim(JSON.stringify(params.allowedValue)), found: valueWords(error.data, error.instancePath !== "") };
  }
}

function fromAjvEnglish(error: ErrorObject): { path: string; expected: string; found: string } {
  const path = pointerToPath(error.instancePath);
  const found = describeValue(error.data, error.instancePath !== "");
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = didYouMean(key, known);
      return {
        path: joinPath(path, key),
        expected: guess ? `a known key (did you mean "${guess}"?)` : `one of the known keys: ${known.join(", ")}`,
        found: `unknown key "${key}"`,
      };
    }
    case "required":
      return { path: joinPath(path, String(params.missingProperty)), expected: "a value (this key is required)", found: "nothing" };
    case "type":
      return { path, expected: typeName(params.type), found };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { path, expected: `a number ${params.comparison} ${params.limit}`, found };
    case "decimals":
      return { path, expected: `a number with at most ${String((error.schema as number) ?? "")} decimals`, found };
    case "ascendingBy":
    case "sharesSumToOne":
    case "productId":
    case "const": {
      const both = ajvWords(error);
      return { path: both.path, expected: both.expected.en, found: both.found.en };
    }
    case "enum":
      return { path, expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, found };
    case "anyOf": {
      const options = ((error.schema as { const?: unknown; type?: unknown }[] | undefined) ?? []).map((s) =>
        s.const !== undefined ? JSON.stringify(s.const) : typeName(s.type),
      );
      return { path, expected: `one of ${options.join(", ")}`, found };
    }
    case "minItems":
      return { path, expected: `at least ${params.limit} item${params.limit === 1 ? "" : "s"}`, found };
    case "maxItems":
      return { path, expected: `at most ${params.limit} items`, found };
    case "pattern":
      return { path, expected: `text matching ${params.pattern}`, found };
    case "minLength":
    case "maxLength":
      return { path, expected: `text of ${error.keyword === "minLength" ? "at least" : "at most"} ${params.limit} characters`, found };
    default:
      return { path, expected: words("expected.schemaRule", { message: error.message ?? error.keyword }).en, found };
  }
}

function typeName(type: unknown, lang: Lang = "en"): string {
  const names = (Array.isArray(type) ? type : [type]).map((t) => {
    if (lang === "zh-CN" && ["integer", "object", "array", "number", "string", "boolean"].includes(String(t))) return say(lang, `type.${t as "integer"}`);
    return t === "integer" ? "a whole number" : t === "object" ? "a mapping" : t === "array" ? "a list" : t === "null" ? "null" : `a ${String(t)}`;
  });
  return names.join(say(lang, "problem.or"));
}

/** anyOf branches report their own type errors too; keep one message per path. */
function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const anyOfPaths = new Set(problems.filter((p) => p.expected.startsWith("one of")).map((p) => p.path));
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (anyOfPaths.has(p.path) && !p.expected.startsWith("one of")) return false;
    const key = `${p.path}|${p.expected}|${p.found}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rules across fields (docs/scenario-reference.md lists them). */
/**
 * The most user-days (population.maxUsers × days) a run may plan: about half an hour of the
 * full engine on two cores. Past it a scenario within every other limit could run for hours.
 */
const MAX_USER_DAYS = 20_000_000_000;

function crossFieldChecks(s: Scenario, problems: ScenarioProblem[]): void {
  if (s.population.maxUsers * s.days > MAX_USER_DAYS) {
    problems.push(
      problem(
        "population.maxUsers",
        words("expected.userDays", {
          max: MAX_USER_DAYS.toLocaleString("en-US"),
          maxUsers: Math.floor(MAX_USER_DAYS / s.days).toLocaleString("en-US"),
          days: s.days,
        }),
        words("found.userDays", { maxUsers: s.population.maxUsers.toLocaleString("en-US"), days: s.days }),
      ),
    );
  }
  if (typeof s.seed === "number" && !Number.isSafeInteger(s.seed)) {
    problems.push(problem("seed", words("expected.seedInQuotes", { max: Number.MAX_SAFE_INTEGER }), verbatim(String(s.seed))));
  }
  const ids = new Set<string>();
  s.products.forEach((p, i) => {
    const path = `products[${i}]`;
    if (ids.has(p.id)) problems.push(problem(`${path}.id`, words("expected.newProductId"), verbatim(JSON.stringify(p.id))));
    ids.add(p.id);
    const parts = Math.round(p.cost * 100) + Math.round(p.platformMargin * 100) + Math.round(p.distribution * 100);
    if (parts > Math.round(p.price * 100)) {
      problems.push(problem(path, words("expected.priceParts", { price: p.price }), verbatim((parts / 100).toFixed(2))));
    }
  });
  s.products.forEach((p, i) => {
    if (p.requiresProduct === p.id)
      problems.push(problem(`products[${i}].requiresProduct`, words("expected.otherProduct"), verbatim(JSON.stringify(p.requiresProduct))));
  });
  if (s.products.every((p) => p.weight === 0)) problems.push(problem("products", words("expected.someWeight"), words("found.allWeightsZero")));
  const names = new Set<string>();
  s.population.segments.forEach((seg, i) => {
    if (names.has(seg.name)) problems.push(problem(`population.segments[${i}].name`, words("expected.newSegmentName"), verbatim(JSON.stringify(seg.name))));
    names.add(seg.name);
    if (seg.firstOrderProduct !== null && !ids.has(seg.firstOrderProduct)) {
      const guess = didYouMean(seg.firstOrderProduct, [...ids]);
      problems.push(
        problem(
          `population.segments[${i}].firstOrderProduct`,
          guess ? words("expected.productIdGuess", { guess }) : words("expected.productIdOf", { known: [...ids].join(", ") }),
          verbatim(JSON.stringify(seg.firstOrderProduct)),
        ),
      );
    }
    const first = s.products.find((p) => p.id === seg.firstOrderProduct);
    if (first && first.requiresProduct !== null) {
      problems.push(
        problem(
          `population.segments[${i}].firstOrderProduct`,
          words("expected.openProduct", { product: first.id, required: first.requiresProduct }),
          verbatim(JSON.stringify(seg.firstOrderProduct)),
        ),
      );
    }
  });
  s.population.scheduled.forEach((group, i) => {
    if (!names.has(group.segment)) {
      const guess = didYouMean(group.segment, [...names]);
      problems.push(
        problem(
          `population.scheduled[${i}].segment`,
          guess ? words("expected.segmentNameGuess", { guess }) : words("expected.segmentNameOf", { known: [...names].join(", ") }),
          verbatim(JSON.stringify(group.segment)),
        ),
      );
    }
  });
  checkWindow(s.population.arrivals.startDay, s.population.arrivals.endDay, "population.arrivals", problems);
  for (const [key, config] of Object.entries(s.schemes)) {
    if (!config) continue;
    checkWindow(config.startDay, config.endDay, `schemes.${key}`, problems);
    if (config.exitUntilDay !== null && (config.endDay === null || config.exitUntilDay < config.endDay)) {
      problems.push(
        problem(
          `schemes.${key}.exitUntilDay`,
          config.endDay === null ? words("expected.nullNoEndDay") : words("expected.dayFrom", { key: "endDay", day: config.endDay }),
          verbatim(String(config.exitUntilDay)),
        ),
      );
    }
  }

  problems.push(...membershipProblems(s));
  s.assertions.forEach((expression, i) => {
    try {
      parseExpression(expression);
    } catch (error) {
      problems.push(problem(`assertions[${i}]`, words("expected.assertion"), errorWords(error)));
    }
  });
  s.shocks.forEach((shock, i) => {
    if (shock.untilDay !== null && shock.untilDay < shock.day) {
      problems.push(problem(`shocks[${i}].untilDay`, words("expected.dayFrom", { key: "day", day: shock.day }), verbatim(String(shock.untilDay))));
    }
  });
  problems.push(...responseProblems(s));
  // The changes last: each value is checked on the scenario it will change, which needs the rest valid.
  problems.push(...changeProblems(s, resolveScenario, new Set(problems.map(problemKey))));
}

/** A tier condition counting directs of a tier (minDirectsAtTier) names a tier the list has; commission rules by tier need the tiers. */
function membershipProblems(s: Scenario): ScenarioProblem[] {
  const tiers = s.schemes.membership?.tiers ?? [];
  const out: ScenarioProblem[] = [];
  tiers.forEach((t, i) => {
    if (t.minDirectsAtTier.count > 0 && t.minDirectsAtTier.tier > tiers.length)
      out.push(
        problem(
          `schemes.membership.tiers[${i}].minDirectsAtTier.tier`,
          words("expected.tierNumberListed", { count: tiers.length }),
          verbatim(t.minDirectsAtTier.tier),
        ),
      );
  });
  const minTier = s.schemes.teamLeaders?.minMemberTier ?? 0;
  if (minTier > 0 && (s.schemes.membership === undefined || s.schemes.membership.enabled === false || minTier > tiers.length))
    out.push(
      problem(
        "schemes.teamLeaders.minMemberTier",
        tiers.length === 0 ? words("expected.noTierToName") : words("expected.memberTierNumber", { count: tiers.length }),
        verbatim(minTier),
      ),
    );
  // Rules by membership tier follow a membership scheme's tiers: without one no user holds a
  // tier, and the rules would sit in the scenario doing nothing.
  const noMembership = s.schemes.membership === undefined || s.schemes.membership.enabled === false;
  const tierRules: [string, number][] = [
    ["schemes.purchaseCommission.memberTierRules", s.schemes.purchaseCommission?.memberTierRules?.length ?? 0],
    ["schemes.ads.memberTierRules", s.schemes.ads?.memberTierRules?.length ?? 0],
  ];
  for (const [path, count] of tierRules)
    if (count > 0 && noMembership) out.push(problem(path, words("expected.membershipForRules"), words("found.rulesNoMembership", { count })));
  return out;
}

function problemKey(p: ScenarioProblem): string {
  return `${p.path}\u0000${p.expected}`;
}

function checkWindow(start: number, end: number | null, path: string, problems: ScenarioProblem[]): void {
  if (end !== null && end < start) problems.push(problem(`${path}.endDay`, words("expected.dayFrom", { key: "startDay", day: start }), verbatim(String(end))));
}
