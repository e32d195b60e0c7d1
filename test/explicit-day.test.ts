import { describe, expect, it } from "vitest";
import { createSimulation, simulate } from "../src/simulate.js";
import { timeseriesCsv } from "../src/report/outputs.js";
import type { SchemeInstance } from "../src/engine/scheme.js";
import { bundled } from "./helpers/scenario.js";

/**
 * Reading a day's metrics has no side effects: the state schemes keep from day to day is
 * written in named steps (settle, closeDay), so reading every scheme's metrics any number of
 * extra times changes nothing in the run.
 */
describe("an explicit day", () => {
  it.each(["rotation", "seed-003-shared-purchase", "seed-002-team-agents"])("%s: extra metrics reads change nothing", (name) => {
    const scenario = { ...bundled(name), days: 200 };
    const sim = createSimulation(scenario);
    const instances = (sim as unknown as { schemes: { instance: SchemeInstance }[] }).schemes.map((s) => s.instance);
    expect(instances.length).toBeGreaterThan(0);
    while (!sim.done) {
      sim.step();
      for (const instance of instances) {
        const first: Record<string, string> = {};
        const second: Record<string, string> = {};
        instance.metrics(first);
        instance.metrics(second);
        expect(second).toEqual(first);
      }
    }
    const untouched = simulate(scenario);
    expect(timeseriesCsv(sim.result())).toBe(timeseriesCsv(untouched));
    expect(sim.result().summary).toEqual(untouched.summary);
  });

  it("the engine's own metrics read is a read too: run totals and day counters close in closeDay", () => {
    const scenario = { ...bundled("seed-002-combined"), days: 120 };
    const sim = createSimulation(scenario);
    const engine = sim as unknown as { metrics(age: number): Record<string, unknown> };
    while (!sim.done) {
      const row = sim.step();
      const again = engine.metrics(Number(row.backlog_oldest_days));
      expect(engine.metrics(Number(row.backlog_oldest_days))).toEqual(again);
    }
    const untouched = simulate(scenario);
    expect(timeseriesCsv(sim.result())).toBe(timeseriesCsv(untouched));
    expect(sim.result().summary).toEqual(untouched.summary);
  });
});
