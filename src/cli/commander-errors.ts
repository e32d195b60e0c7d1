import { type CatalogueKey, tell } from "../i18n/tell.js";
import type { Lang } from "../i18n/lang.js";

/**
 * commander's own error lines (an unknown option, a missing argument, a value not among an
 * option's choices...) in the terminal's language. commander writes them in English only, so
 * each line it can write for pointsim's commands is read back into its parameters by a pattern
 * here and written again from the catalogue (src/i18n/command-messages.ts, `commander.*`), whose
 * English is commander's own wording: an English terminal gets commander's bytes unchanged.
 */
const LINES: readonly { pattern: RegExp; key: CatalogueKey; names: readonly string[] }[] = [
  { pattern: /^error: unknown option '(.*)'$/, key: "commander.unknownOption", names: ["option"] },
  { pattern: /^error: unknown command '(.*)'$/, key: "commander.unknownCommand", names: ["command"] },
  { pattern: /^error: missing required argument '(.*)'$/, key: "commander.missingArgument", names: ["argument"] },
  { pattern: /^error: option '(.*)' argument missing$/, key: "commander.optionMissingArgument", names: ["option"] },
  { pattern: /^error: required option '(.*)' not specified$/, key: "commander.missingMandatoryOptionValue", names: ["option"] },
  {
    pattern: /^error: too many arguments\. Expected (\d+) argument(s?) but got (\d+)\.$/,
    key: "commander.excessArguments",
    names: ["expected", "plural", "got"],
  },
  {
    pattern: /^error: too many arguments for '(.*)'\. Expected (\d+) argument(s?) but got (\d+)\.$/,
    key: "commander.excessArgumentsFor",
    names: ["command", "expected", "plural", "got"],
  },
  {
    pattern: /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
    key: "commander.invalidChoice",
    names: ["option", "value", "choices"],
  },
  { pattern: /^\(Did you mean one of (.*)\?\)$/, key: "commander.didYouMeanOneOf", names: ["words"] },
  { pattern: /^\(Did you mean (.*)\?\)$/, key: "commander.didYouMean", names: ["word"] },
];

/** One line of commander's as a catalogue message and its parameters; null for a line no pattern reads. */
export function commanderLine(line: string): { key: CatalogueKey; params: Record<string, string> } | null {
  for (const { pattern, key, names } of LINES) {
    const match = pattern.exec(line);
    if (match) return { key, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""])) };
  }
  return null;
}

/**
 * commander's error text in the terminal's language: English as commander wrote it; Chinese line
 * by line (a line no pattern reads, which a newer commander could write, stays as it is).
 */
export function commanderErrorText(text: string, lang: Lang): string {
  if (lang === "en") return text;
  return text
    .split("\n")
    .map((line) => {
      const read = commanderLine(line);
      return read === null ? line : tell(lang, read.key, read.params);
    })
    .join("\n");
}
