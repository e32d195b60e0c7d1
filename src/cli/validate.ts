import { totalmem } from "node:os";
import { loadScenarioFile } from "../scenario/load.js";
import { describeEstimate, estimateRun } from "../scenario/estimate.js";

/** `pointsim validate`: its own module, so that checking a file loads only the loader. */
export function validateCommand(file: string, options: { quiet?: boolean }): void {
  const loaded = loadScenarioFile(file);
  const { line, warning } = describeEstimate(estimateRun(loaded.scenario), totalmem());
  if (!options.quiet) process.stdout.write(`${file}: valid scenario "${loaded.scenario.name}" (${loaded.scenario.days} days, seed ${loaded.scenario.seed})\n  ${line}\n`);
  if (warning !== null) process.stderr.write(`${file}: warning: ${warning}\n`);
}
