import { join } from "node:path";
import { ROOT } from "./cli.js";

/**
 * Loads a sweep file and checks every point as `pointsim sweep` does before any run (throwing
 * its problems), with the built modules the CLI runs (for the end-to-end tier: importing the
 * sources would compile a second copy of them); returns how many runs it plans.
 */
export async function plannedAndChecked(file: string): Promise<number> {
  const { loadSweepFile } = (await import(join(ROOT, "dist/sweep/spec.js"))) as typeof import("../../src/sweep/spec.js");
  const { preflightSweep } = (await import(join(ROOT, "dist/sweep/preflight.js"))) as typeof import("../../src/sweep/preflight.js");
  const loaded = loadSweepFile(file);
  preflightSweep(loaded, []);
  return loaded.runs.length;
}
