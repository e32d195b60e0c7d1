import { resolveScenario } from "../../src/scenario/validate.js";
import type { Scenario } from "../../src/scenario/types.js";
import { loadScenarioFile } from "../../src/scenario/load.js";

/** Resolves a scenario object (defaults filled) or fails the test with its problems. */
export function scenarioOf(data: Record<string, unknown>): Scenario {
  const result = resolveScenario({ name: "test", ...data });
  if (result.scenario === null) throw new Error(`invalid test scenario: ${JSON.stringify(result.problems, null, 2)}`);
  return result.scenario;
}

export function bundled(name: string): Scenario {
  return loadScenarioFile(new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname).scenario;
}

/** A product whose whole price is contribution unless told otherwise. */
export function product(fields: Record<string, unknown>): Record<string, unknown> {
  return { id: "p", price: 100, ...fields };
}

/** A segment that does nothing on its own: no later orders, no selling, no withdrawing, no churn. */
export function quietSegment(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, orderRate: 0, sell: { targetMultiple: null }, withdraw: { probability: 0 }, churnRate: 0, ...fields };
}
