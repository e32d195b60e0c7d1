/**
 * The languages pointsim writes. A run's files are in the run's language (the scenario's `lang`,
 * or `--lang`, recorded in the resolved scenario so that `verify` rebuilds them); what the
 * terminal prints may also follow the environment (LANG / LC_ALL starting with "zh"), which
 * never changes a file's bytes.
 */
export const LANGS = ["en", "zh-CN"] as const;
export type Lang = (typeof LANGS)[number];

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/**
 * The language of the terminal: `--lang` when given; else the run's own language when it is not
 * English; else the environment's (LC_ALL before LANG, as POSIX ranks them; "zh…" means Chinese).
 */
export function terminalLang(explicit: Lang | undefined, env: NodeJS.ProcessEnv = process.env, runLang: Lang = "en"): Lang {
  if (explicit !== undefined) return explicit;
  if (runLang !== "en") return runLang;
  const locale = env.LC_ALL !== undefined && env.LC_ALL !== "" ? env.LC_ALL : (env.LANG ?? "");
  return /^zh/i.test(locale) ? "zh-CN" : "en";
}

/** A scenario's language: its `lang`, English when it has none (the key is optional, so an English scenario resolves as before). */
export function runLang(scenario: { lang?: string | undefined }): Lang {
  return isLang(scenario.lang) ? scenario.lang : "en";
}
