import { totalmem } from "node:os";
import { runLang, terminalLang, type Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { tell } from "../i18n/tell.js";
import { loadScenarioFile } from "../scenario/load.js";
import { estimateRun } from "../scenario/estimate.js";
import { describeEstimate } from "./estimate-text.js";
import { formatWarnings } from "../scenario/plausibility.js";
import { formatShapingDefaults } from "../scenario/shaping-defaults.js";
import { scenarioShapingDefaults, scenarioWarnings } from "../simulate.js";

/** `pointsim validate`: its own module, so that checking a file loads only the loader. */
export function validateCommand(file: string, options: { quiet?: boolean; lang?: Lang }): void {
  const loaded = loadScenarioFile(file);
  const lang = terminalLang(options.lang, process.env, runLang(loaded.scenario));
  const { line, warning } = describeEstimate(estimateRun(loaded.scenario), totalmem(), lang);
  if (!options.quiet)
    process.stdout.write(
      `${say(lang, "validate.ok", { file, name: loaded.scenario.name, days: loaded.scenario.days, seed: loaded.scenario.seed })}\n  ${line}\n`,
    );
  if (!options.quiet) process.stdout.write(formatShapingDefaults(scenarioShapingDefaults(loaded.written, loaded.scenario), lang));
  if (warning !== null) process.stderr.write(`${tell(lang, "estimate.validateWarning", { file, warning })}\n`);
  // Plausibility warnings are printed even with --quiet: a valid scenario may still hold a typo.
  process.stderr.write(formatWarnings(file, scenarioWarnings(loaded.scenario), lang));
}
