import type { CoreScenario } from "./scenario.js";
import { setPath, splitPath } from "./paths.js";
import { PathError } from "../errors.js";
import { verbatim, words } from "../i18n/words.js";

/**
 * A key a rule change (`changes:` in a scenario) may set mid-run, with what a change means.
 * The engine's own are below (CORE_CHANGEABLE); a scheme declares its own relative to its
 * config (SchemeModule.changeable) and applies them with SchemeInstance.applyChange. A key
 * not declared cannot change mid-run: validation refuses it.
 */
export interface ChangeableKey {
  /** Dotted key; `[]` stands for any item of a list (`population.segments[].orderRate`). */
  key: string;
  description: string;
}

/**
 * The core keys a change may set. Each is read afresh every day from the run's own copy of
 * the scenario, or (product weights) re-derived when it changes, so a change on day d acts
 * from day d's first phase on.
 */
export const CORE_CHANGEABLE: readonly ChangeableKey[] = [
  { key: "platform.operatingCostPerDay", description: "the fixed operating cost a day, from the day on" },
  { key: "platform.operatingCostPerActiveUser", description: "the operating cost per active user a day, from the day on" },
  { key: "withdrawals.feeRate", description: "the withdrawal fee on requests made from the day on (requests already made keep theirs)" },
  { key: "withdrawals.minimum", description: "the smallest withdrawal on requests made from the day on" },
  { key: "population.arrivals.perDay", description: "constant and exponential arrivals: the day's base number" },
  { key: "population.segments[].orderRate", description: "a segment's daily chance of a later order" },
  { key: "population.segments[].firstOrderProbability", description: "a segment's chance of a first order on arrival" },
  {
    key: "products[].weight",
    description: "a product's chance of being drawn for an order: 0 closes it (it stays a segment's first-order product if named so), above 0 opens it",
  },
];

/** One rule change of a scenario, as written: the day it acts, a dotted key, the new value. */
interface RuleChange {
  day: number;
  key: string;
  value: unknown;
}

/** A change with its key resolved: the canonical path (list items by index) and its pattern. */
interface ResolvedChange extends RuleChange {
  path: string;
  pattern: string;
}

/**
 * The canonical form of a dotted key in a scenario: list items by their index, whether the
 * key named them by index, id or name (`products.box.weight` → `products[0].weight`). Throws
 * an Error naming the key when it does not lead to a value.
 */
export function canonicalPath(root: unknown, key: string): string {
  let current: unknown = root;
  let path = "";
  for (const part of splitPath(key)) {
    if (Array.isArray(current)) {
      const index = /^\d+$/.test(part)
        ? Number(part)
        : current.findIndex(
            (item) => item !== null && typeof item === "object" && ((item as { id?: unknown }).id === part || (item as { name?: unknown }).name === part),
          );
      if (index < 0) throw new PathError(words("path.noItem", { where: verbatim(`"${key}"`), part }));
      if (index >= current.length) throw new PathError(words("path.pastEnd", { where: verbatim(`"${key}"`), index, length: current.length }));
      path += `[${index}]`;
      current = current[index];
      continue;
    }
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part))
      throw new PathError(words("path.noKey", { where: verbatim(`"${key}"`), part }));
    path += path === "" ? part : `.${part}`;
    current = (current as Record<string, unknown>)[part];
  }
  return path;
}

/** A canonical path's pattern, as changeable keys are declared: list indices as `[]`. */
export function keyPattern(path: string): string {
  return path.replace(/\[\d+\]/g, "[]");
}

/** Where a change lands: a scheme's config (its key and the key inside it), or the core. */
export function changeTarget(path: string): { scheme: string; key: string } | null {
  const m = /^schemes\.([^.[\]]+)\.(.+)$/.exec(path);
  return m ? { scheme: m[1] as string, key: m[2] as string } : null;
}

/** A running scheme as the changes reach it. */
interface ChangeableScheme {
  key: string;
  instance: { applyChange?(key: string, value: unknown): void };
}

/**
 * Phase 1: the rule changes of a run, applied at the start of their day before anything
 * else, in the order the scenario lists them. Each is written into the run's own copy of the
 * scenario (a scheme's config is part of it); a scheme whose key changed is then told with
 * applyChange, so that it can re-derive what it computed from the old value.
 */
export class RuleChanges {
  private readonly byDay = new Map<number, ResolvedChange[]>();

  constructor(scenario: CoreScenario) {
    for (const change of scenario.changes ?? []) {
      const path = canonicalPath(scenario, change.key);
      const list = this.byDay.get(change.day) ?? [];
      list.push({ ...change, path, pattern: keyPattern(path) });
      this.byDay.set(change.day, list);
    }
  }

  /** Applies the day's changes; returns the patterns of the core keys they set (empty: none). */
  apply(day: number, scenario: CoreScenario, schemes: readonly ChangeableScheme[]): Set<string> {
    const core = new Set<string>();
    for (const change of this.byDay.get(day) ?? []) {
      setPath(scenario, change.path, change.value);
      const target = changeTarget(change.path);
      if (target === null) core.add(change.pattern);
      else schemes.find((s) => s.key === target.scheme)?.instance.applyChange?.(target.key, change.value);
    }
    return core;
  }
}
