import { loadScenarioFile } from "../scenario/load.js";

/** `pointsim validate`: its own module, so that checking a file loads only the loader. */
export function validateCommand(file: string, options: { quiet?: boolean }): void {
  const loaded = loadScenarioFile(file);
  if (!options.quiet) process.stdout.write(`${file}: valid scenario "${loaded.scenario.name}" (${loaded.scenario.days} days, seed ${loaded.scenario.seed})\n`);
}
