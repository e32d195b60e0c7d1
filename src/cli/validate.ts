import { totalmem } from "node:os";
import { loadScenarioFile } from "../scenario/load.js";
import { describeEstimate, estimateRun } from "../scenario/estimate.js";
import { formatWarnings } from "../scenario/plausibility.js";
import { formatShapingDefaults } from "../scenario/shaping-defaults.js";
import { scenarioShapingDefaults, scenarioWarnings } from "../simulate.js";

/** `pointsim validate`: its own module, so that checking a file loads only the loader. */
export function validateCommand(file: string, options: { quiet?: boolean }): void {
  const loaded = loadScenarioFile(file);
  const { line, warning } = describeEstimate(estimateRun(loaded.scenario), totalmem());
  if (!options.quiet)
    process.stdout.write(`${file}: valid scenario "${loaded.scenario.name}" (${loaded.scenario.days} days, seed ${loaded.scenario.seed})\n  ${line}\n`);
  if (!options.quiet) process.stdout.write(formatShapingDefaults(scenarioShapingDefaults(loaded.written, loaded.scenario)));
  if (warning !== null) process.stderr.write(`${file}: warning: ${warning}\n`);
  // Plausibility warnings are printed even with --quiet: a valid scenario may still hold a typo.
  process.stderr.write(formatWarnings(file, scenarioWarnings(loaded.scenario)));
}
