import type { ErrorObject } from "ajv";
// Generated from ScenarioSchema by `npm run docs` (src/scenario/validators.ts); a test fails when stale.
import validateSchema from "../../generated/scenario-validator.js";
import type { Scenario } from "./schema.js";
import { parseExpression } from "../gates/expression.js";
import { describeValue, describeValueZh, didYouMean, joinPath, pointerToPath } from "./problems.js";
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
    problems.push({ path, expected: "nesting at most 32 levels deep", found: "deeper nesting" });
    return;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    problems.push({ path, expected: "a finite number", found: describeValue(value) });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValues(item, joinPath(path, i), problems, depth + 1));
  } else if (value !== null && typeof value === "object") {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      problems.push({ path, expected: "a plain mapping, list, string, number or boolean", found: describeValue(value) });
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push({ path: joinPath(path, key), expected: "an ordinary key", found: `the reserved key ${JSON.stringify(key)}` });
      else checkValues((value as Record<string, unknown>)[key], joinPath(path, key), problems, depth + 1);
    }
  }
}

function fromAjv(error: ErrorObject): ScenarioProblem {
  const problem = fromAjvEnglish(error);
  const zh = fromAjvChinese(error);
  // Not enumerable: a problem's JSON (validate --json, sweep and fit problems) and its equality stay
  // what they were; the Chinese is there for the terminal (src/errors.ts).
  if (zh !== null) Object.defineProperty(problem, "zh", { value: zh, enumerable: false });
  return problem;
}

/** ajv's comparisons in words. */
const COMPARISON_ZH: Record<string, string> = { ">=": "大于或等于", ">": "大于", "<=": "小于或等于", "<": "小于" };

/** What an ajv error expected and found, in Chinese, from the same parameters as the English. */
function fromAjvChinese(error: ErrorObject): ScenarioProblem["zh"] | null {
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
    default:
      // The rest (ascending lists, product ids, constants) name values the English words already; the value found in Chinese.
      return { found };
  }
}

function fromAjvEnglish(error: ErrorObject): ScenarioProblem {
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
    case "ascendingBy": {
      const key = String(error.schema);
      const items = Array.isArray(error.data) ? (error.data as Record<string, unknown>[]) : [];
      const i = items.findIndex((item, k) => k > 0 && !((item?.[key] as number) > (items[k - 1]?.[key] as number)));
      return {
        path: `${path}[${i}].${key}`,
        expected: `more than the previous item's ${String(items[i - 1]?.[key])} (ascending by ${key})`,
        found: String(items[i]?.[key]),
      };
    }
    case "sharesSumToOne":
      return { path, expected: "shares that add up to 1", found: `shares that add up to ${Number(params.total ?? 0) / 1e6}` };
    case "productId": {
      const known = ((params.known as unknown[] | undefined) ?? []).filter((id): id is string => typeof id === "string");
      const guess = typeof error.data === "string" ? didYouMean(error.data, known) : undefined;
      return { path, expected: guess ? `a product id (did you mean "${guess}"?)` : `a product id: ${known.join(", ")}`, found };
    }
    case "enum":
      return { path, expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, found };
    case "const":
      return { path, expected: JSON.stringify(params.allowedValue), found };
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
      return { path, expected: error.message ?? error.keyword, found };
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
    problems.push({
      path: "population.maxUsers",
      expected: `population.maxUsers × days at most ${MAX_USER_DAYS.toLocaleString("en-US")} user-days (lower maxUsers to ${Math.floor(MAX_USER_DAYS / s.days).toLocaleString("en-US")} or fewer for ${s.days} days)`,
      found: `${s.population.maxUsers.toLocaleString("en-US")} × ${s.days} days`,
    });
  }
  if (typeof s.seed === "number" && !Number.isSafeInteger(s.seed)) {
    problems.push({
      path: "seed",
      expected: `a whole number up to ${Number.MAX_SAFE_INTEGER} (write a longer seed as a string, in quotes)`,
      found: String(s.seed),
    });
  }
  const ids = new Set<string>();
  s.products.forEach((p, i) => {
    const path = `products[${i}]`;
    if (ids.has(p.id)) problems.push({ path: `${path}.id`, expected: "a product id not used before", found: JSON.stringify(p.id) });
    ids.add(p.id);
    const parts = Math.round(p.cost * 100) + Math.round(p.platformMargin * 100) + Math.round(p.distribution * 100);
    if (parts > Math.round(p.price * 100)) {
      problems.push({ path, expected: `cost + platformMargin + distribution ≤ price (${p.price})`, found: `${(parts / 100).toFixed(2)}` });
    }
  });
  s.products.forEach((p, i) => {
    if (p.requiresProduct === p.id)
      problems.push({
        path: `products[${i}].requiresProduct`,
        expected: "another product's id (a product cannot require itself)",
        found: JSON.stringify(p.requiresProduct),
      });
  });
  if (s.products.every((p) => p.weight === 0)) problems.push({ path: "products", expected: "at least one product with weight > 0", found: "all weights 0" });
  const names = new Set<string>();
  s.population.segments.forEach((seg, i) => {
    if (names.has(seg.name))
      problems.push({ path: `population.segments[${i}].name`, expected: "a segment name not used before", found: JSON.stringify(seg.name) });
    names.add(seg.name);
    if (seg.firstOrderProduct !== null && !ids.has(seg.firstOrderProduct)) {
      const guess = didYouMean(seg.firstOrderProduct, [...ids]);
      problems.push({
        path: `population.segments[${i}].firstOrderProduct`,
        expected: `a product id${guess ? ` (did you mean "${guess}"?)` : `: ${[...ids].join(", ")}`}`,
        found: JSON.stringify(seg.firstOrderProduct),
      });
    }
    const first = s.products.find((p) => p.id === seg.firstOrderProduct);
    if (first && first.requiresProduct !== null) {
      problems.push({
        path: `population.segments[${i}].firstOrderProduct`,
        expected: `a product open to new users (${first.id} requires ${first.requiresProduct} first)`,
        found: JSON.stringify(seg.firstOrderProduct),
      });
    }
  });
  s.population.scheduled.forEach((group, i) => {
    if (!names.has(group.segment)) {
      const guess = didYouMean(group.segment, [...names]);
      problems.push({
        path: `population.scheduled[${i}].segment`,
        expected: `a segment name${guess ? ` (did you mean "${guess}"?)` : `: ${[...names].join(", ")}`}`,
        found: JSON.stringify(group.segment),
      });
    }
  });
  checkWindow(s.population.arrivals.startDay, s.population.arrivals.endDay, "population.arrivals", problems);
  for (const [key, config] of Object.entries(s.schemes)) {
    if (!config) continue;
    checkWindow(config.startDay, config.endDay, `schemes.${key}`, problems);
    if (config.exitUntilDay !== null && (config.endDay === null || config.exitUntilDay < config.endDay)) {
      problems.push({
        path: `schemes.${key}.exitUntilDay`,
        expected: config.endDay === null ? "null (the scheme has no endDay)" : `a day ≥ endDay (${config.endDay})`,
        found: String(config.exitUntilDay),
      });
    }
  }

  problems.push(...membershipProblems(s));
  s.assertions.forEach((expression, i) => {
    try {
      parseExpression(expression);
    } catch (error) {
      problems.push({ path: `assertions[${i}]`, expected: 'an expression such as "usersLosingShare < 0.5" (docs/gates.md)', found: (error as Error).message });
    }
  });
  s.shocks.forEach((shock, i) => {
    if (shock.untilDay !== null && shock.untilDay < shock.day) {
      problems.push({ path: `shocks[${i}].untilDay`, expected: `a day ≥ day (${shock.day})`, found: String(shock.untilDay) });
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
      out.push({
        path: `schemes.membership.tiers[${i}].minDirectsAtTier.tier`,
        expected: `a tier number from 1 to ${tiers.length} (the tiers listed)`,
        found: String(t.minDirectsAtTier.tier),
      });
  });
  const minTier = s.schemes.teamLeaders?.minMemberTier ?? 0;
  if (minTier > 0 && (s.schemes.membership === undefined || s.schemes.membership.enabled === false || minTier > tiers.length))
    out.push({
      path: "schemes.teamLeaders.minMemberTier",
      expected:
        tiers.length === 0 ? "0 (no membership scheme whose tiers it could name)" : `a tier number from 0 to ${tiers.length} (schemes.membership's tiers)`,
      found: String(minTier),
    });
  const rules = s.schemes.purchaseCommission?.memberTierRules ?? [];
  if (rules.length > 0 && (s.schemes.membership === undefined || s.schemes.membership.enabled === false))
    out.push({
      path: "schemes.purchaseCommission.memberTierRules",
      expected: "a membership scheme whose tiers the rules follow (schemes.membership), or no rules",
      found: `${rules.length} rule${rules.length === 1 ? "" : "s"} and no membership`,
    });
  return out;
}

function problemKey(p: ScenarioProblem): string {
  return `${p.path}\u0000${p.expected}`;
}

function checkWindow(start: number, end: number | null, path: string, problems: ScenarioProblem[]): void {
  if (end !== null && end < start) problems.push({ path: `${path}.endDay`, expected: `a day ≥ startDay (${start})`, found: String(end) });
}
