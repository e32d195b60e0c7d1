import type { Scenario } from "./scenario/types.js";
import { Simulation, simulateWith, type RunResult, type SimulateOptions } from "./engine/engine.js";
import { SCHEME_MODULES } from "./registry.js";

/**
 * The engine with pointsim's schemes: the one place they meet. The engine imports no scheme;
 * everything else that runs a scenario comes through here.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  return simulateWith(SCHEME_MODULES, scenario, options);
}

/** A steppable run of a scenario with pointsim's schemes. */
export function createSimulation(scenario: Scenario, seed: string | number = scenario.seed, options: { journal?: boolean } = {}): Simulation {
  return new Simulation(scenario, SCHEME_MODULES, seed, options);
}
