import { describe, expect, it } from "vitest";
import { simulateWith } from "../src/engine/engine.js";
import { SCHEME_MODULES } from "../src/registry.js";
import { bundled } from "./helpers/scenario.js";
import { bundledRun } from "./helpers/bundled-runs.js";

/**
 * A scheme is one file plus a registry line: registering a scheme a scenario does not use
 * changes nothing of that scenario's run but the empty columns it adds. Each bundled scenario
 * (the quick ones) is run with the whole registry and with every unused scheme left out of it;
 * the rows agree on every column both have, the extra columns are empty (a pool's balance
 * 0), and the summaries agree on every figure both have.
 */
const SCENARIOS = ["seed-002-value-added-example", "seed-003-shared-purchase", "seed-004-order-dividend", "stress-arrivals-stop", "rotation"];

describe("registering a scheme changes no other scenario", () => {
  for (const name of SCENARIOS) {
    it(name, () => {
      const scenario = bundled(name);
      const used = new Set(Object.entries(scenario.schemes).flatMap(([key, config]) => (config?.enabled ? [key] : [])));
      const unused = SCHEME_MODULES.filter((m) => !used.has(m.key));
      expect(unused.length).toBeGreaterThan(0);
      // With the whole registry: the bundled run the other files read too (simulate is simulateWith(SCHEME_MODULES)).
      const full = bundledRun(name);
      const without = simulateWith(
        SCHEME_MODULES.filter((m) => used.has(m.key)),
        scenario,
      );
      const extra = full.columns.filter((c) => !without.columns.includes(c));
      // A pool's balance column is written for every run (0 while its scheme is off); the others are empty (null).
      const poolColumns = new Set(unused.flatMap((m) => (m.pools ?? []).flatMap((p) => (p.column ? [p.column] : []))));
      expect(extra.length).toBeGreaterThan(0);
      expect(full.values.length).toBe(without.values.length);
      full.values.forEach((row, day) => {
        const other = without.values[day] ?? {};
        for (const column of without.columns) expect(row[column], `day ${day + 1} ${column}`).toBe(other[column]);
        for (const column of extra) expect(row[column], `day ${day + 1} ${column}`).toBe(poolColumns.has(column) ? 0 : null);
      });
      const a = full.summary as unknown as Record<string, unknown>;
      const b = without.summary as unknown as Record<string, unknown>;
      for (const key of Object.keys(b)) expect(a[key], key).toEqual(b[key]);
    });
  }
});
