import { SCHEME_MODULES } from "../registry.js";
import { CORE_CHANGEABLE, canonicalPath, changeTarget, keyPattern } from "../engine/changes.js";
import { CORE_DRIVERS } from "../engine/drivers.js";
import { setPath } from "../engine/paths.js";
import { didYouMean, valueWords } from "./problems.js";
import { problem, problemWords } from "./problem.js";
import { errorWords, verbatim, type Words, words } from "../i18n/words.js";
import type { Scenario } from "./schema.js";
import type { ScenarioProblem } from "../errors.js";

/**
 * Shock types that were rule changes and are now said with `changes:` (one way to say it): a
 * scenario that still uses one is told what to write instead.
 */
const RETIRED_SHOCKS: Readonly<Record<string, Words>> = {
  rightsFixedPayout: words("expected.retired.rightsFixedPayout", { change: "changes: [{ day, key: schemes.dividendRights.fixedPayoutPerRight, value }]" }),
};

/** The problems of shocks whose type is retired, each at its `shocks[i].type`. */
export function retiredShockProblems(data: unknown): ScenarioProblem[] {
  const shocks = data !== null && typeof data === "object" ? (data as { shocks?: unknown }).shocks : undefined;
  if (!Array.isArray(shocks)) return [];
  return shocks.flatMap((shock, i) => {
    const type = shock !== null && typeof shock === "object" ? (shock as { type?: unknown }).type : undefined;
    const instead = typeof type === "string" && Object.hasOwn(RETIRED_SHOCKS, type) ? RETIRED_SHOCKS[type] : undefined;
    return instead === undefined ? [] : [problem(`shocks[${i}].type`, words("expected.retiredShock", { instead }), verbatim(JSON.stringify(type)))];
  });
}

/** The keys a change may set in this scenario: the core's, and those of each scheme that is on. */
function changeableKeys(s: Scenario): string[] {
  const schemes = s.schemes as Record<string, { enabled?: boolean } | undefined>;
  const keys = CORE_CHANGEABLE.map((c) => c.key);
  for (const module of SCHEME_MODULES) {
    if (!schemes[module.key]?.enabled) continue;
    for (const c of module.changeable ?? []) keys.push(`schemes.${module.key}.${c.key}`);
  }
  return keys;
}

/**
 * Every problem of a scenario's `changes:` at once, checked as a sweep checks its keys: the
 * key must lead to a value of the resolved scenario (list items by index, id or name), be
 * declared changeable, and its value must pass the key's own field and the scenario's
 * cross-field rules. The changes are checked in the order they act (by day, then as listed),
 * each on the scenario with the earlier valid changes applied, so a value is judged in the
 * company it will keep. `already`: the scenario's own problems (path and expected), not the
 * changes' to report. `resolve` validates a scenario (validate.ts; passed in to avoid a cycle).
 */
export function changeProblems(s: Scenario, resolve: (data: unknown) => { problems: ScenarioProblem[] }, already: ReadonlySet<string>): ScenarioProblem[] {
  const changes = s.changes ?? [];
  if (changes.length === 0) return [];
  const problems: ScenarioProblem[] = [];
  const allowed = new Set(changeableKeys(s));
  const { changes: _own, ...base } = s;
  let current: unknown = structuredClone(base);
  const seen = new Map<string, number>();
  const order = changes.map((change, i) => ({ change, i })).sort((a, b) => a.change.day - b.change.day || a.i - b.i);
  for (const { change, i } of order) {
    const at = `changes[${i}]`;
    if (change.day > s.days) problems.push(problem(`${at}.day`, words("expected.dayOfRun", { days: s.days }), verbatim(String(change.day))));
    let path: string;
    try {
      path = canonicalPath(current, change.key);
    } catch (error) {
      const scheme = /^schemes\.([^.[\]]+)\./.exec(change.key)?.[1];
      const absent = scheme !== undefined && SCHEME_MODULES.some((m) => m.key === scheme) && (s.schemes as Record<string, unknown>)[scheme] === undefined;
      problems.push(problem(`${at}.key`, absent ? words("expected.keyOfRunningScheme", { scheme }) : words("expected.scenarioKey"), errorWords(error)));
      continue;
    }
    const pattern = keyPattern(path);
    if (!allowed.has(pattern)) {
      const target = changeTarget(path);
      const off = target !== null && !(s.schemes as Record<string, { enabled?: boolean } | undefined>)[target.scheme]?.enabled;
      problems.push(
        problem(
          `${at}.key`,
          off ? words("expected.keyOfRunningScheme", { scheme: String(target?.scheme) }) : words("expected.changeableKey", { keys: [...allowed].join(", ") }),
          words("found.fixedKey", { key: change.key }),
        ),
      );
      continue;
    }
    const dayKey = `${change.day}\u0000${path}`;
    const earlier = seen.get(dayKey);
    if (earlier !== undefined) {
      problems.push(problem(at, words("expected.oneChangePerDay"), words("found.changedTwice", { key: change.key, day: change.day, earlier })));
      continue;
    }
    seen.set(dayKey, i);
    const candidate = structuredClone(current);
    setPath(candidate, path, change.value);
    // A problem the scenario has without the change is reported once, as itself.
    const found = resolve(candidate).problems.filter((p) => !already.has(`${p.path}\u0000${p.expected}`));
    if (found.length === 0) {
      current = candidate;
      continue;
    }
    for (const p of found) {
      const { expected, found: was } = problemWords(p);
      problems.push(
        problem(
          `${at}.value`,
          p.path === path
            ? words("expected.asKey", { expected, path })
            : words("expected.atOnce", { expected, at: p.path, path, value: valueWords(change.value) }),
          was,
        ),
      );
    }
  }
  // Listed in the scenario's order, whatever the order they act in.
  const index = (p: ScenarioProblem) => Number(/^changes\[(\d+)\]/.exec(p.path)?.[1] ?? 0);
  return problems.sort((a, b) => index(a) - index(b));
}

/** Every response that names a driver neither the engine nor a scheme that is on declares. */
export function responseProblems(s: Scenario): ScenarioProblem[] {
  const schemes = s.schemes as Record<string, { enabled?: boolean } | undefined>;
  const known = [...CORE_DRIVERS, ...SCHEME_MODULES.filter((m) => schemes[m.key]?.enabled).flatMap((m) => m.drivers ?? [])].map((d) => d.name);
  return (s.responses ?? []).flatMap((r, i) => {
    if (known.includes(r.driver)) return [];
    const guess = didYouMean(r.driver, known);
    return [
      problem(
        `responses[${i}].driver`,
        guess ? words("expected.driverGuess", { guess, known: known.join(", ") }) : words("expected.driver", { known: known.join(", ") }),
        verbatim(JSON.stringify(r.driver)),
      ),
    ];
  });
}
