import { runLang, terminalLang, type Lang } from "./lang.js";

/**
 * The languages of a command built on a base scenario (sweep, fit, watch, recommend): its files
 * are in --lang, else in the base scenario's `lang` (English without one, so an English command
 * writes what it wrote before); its terminal follows --lang, the files' language, then LANG /
 * LC_ALL (src/i18n/lang.ts). A Chinese folder records its language in its manifest.
 */
export function commandLangs(explicit: Lang | undefined, baseData: unknown): { files: Lang; terminal: Lang } {
  const base = typeof baseData === "object" && baseData !== null ? (baseData as { lang?: unknown }).lang : undefined;
  const files = explicit ?? runLang({ lang: typeof base === "string" ? base : undefined });
  return { files, terminal: terminalLang(explicit, process.env, files) };
}

/** What a manifest adds for its folder's language: nothing for English (its bytes as before), `lang` otherwise. */
export function manifestLang(lang: Lang): { lang?: Lang } {
  return lang === "en" ? {} : { lang };
}
