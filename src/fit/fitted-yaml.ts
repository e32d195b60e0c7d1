/**
 * fitted.yaml: the base scenario as its author wrote it, comments and all (its sources and
 * assumptions live there), with the fitted values and the seed of the fit's first run. The base
 * is edited as a parsed yaml Document rather than re-serialised from plain data, which would
 * drop every comment.
 */
import { basename } from "node:path";
import { isScalar, parseDocument } from "yaml";
import { splitPath } from "../engine/paths.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "./spec.js";
import { fitSeed, type FitOutcome } from "./run.js";
import { fitEdgeWarning, fitWarning } from "./report.js";
import type { Lang } from "../i18n/lang.js";
import { type CatalogueKey, tell } from "../i18n/tell.js";

/** A dotted fit key (list items by id or name) as the concrete keys and indices of the base data. */
export function concretePath(data: unknown, key: string): (string | number)[] {
  const out: (string | number)[] = [];
  let current = data;
  for (const part of splitPath(key)) {
    if (Array.isArray(current)) {
      const index = /^\d+$/.test(part)
        ? Number(part)
        : current.findIndex(
            (item) => item !== null && typeof item === "object" && ((item as { id?: unknown }).id === part || (item as { name?: unknown }).name === part),
          );
      out.push(index);
      current = current[index];
    } else {
      out.push(part);
      current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}

/** The seed of figures made from the fitted scenario: the fit's run 0 (and the projection's run 0's seed). */
function fittedSeed(loaded: LoadedFit): number {
  return fitSeed(loaded.spec.seed, 0);
}

export function fittedYaml(loaded: LoadedFit, outcome: FitOutcome, lang: Lang = "en"): string {
  const t = (key: CatalogueKey, params: Readonly<Record<string, string | number>> = {}) => tell(lang, key, params);
  const doc = parseDocument(loaded.baseText);
  loaded.spec.parameters.forEach((p, i) => doc.setIn(concretePath(loaded.baseData, p.key), outcome.best.values[i]));
  const seed = fittedSeed(loaded);
  doc.set("seed", seed);
  const seedNode = doc.get("seed", true);
  if (isScalar(seedNode)) seedNode.comment = t("fitted.seedComment");
  // The comments in the fit's language (its files'); an English fit's as before, byte for byte.
  const warnings = (p: FitOutcome["parameters"][number]) =>
    [fitWarning(p, lang), fitEdgeWarning(p, lang)].map((w) => (w ? t("fitted.warning", { warning: w }) : "")).join("");
  const header = [
    t("fitted.by", { version: VERSION, file: basename(loaded.file), base: loaded.spec.base }),
    t("fitted.error", { error: outcome.best.error.toFixed(6), targets: loaded.goals.length }),
    ...outcome.parameters.map((p) => t("fitted.parameter", { key: p.key, value: p.value, low: p.interval.low, high: p.interval.high, warnings: warnings(p) })),
    t("fitted.seed", { seed, base: loaded.spec.base, baseSeed: JSON.stringify((loaded.baseData as { seed?: unknown } | null)?.seed ?? null) }),
    t("fitted.below", { base: loaded.spec.base }),
  ];
  doc.commentBefore = doc.commentBefore ? `${header.join("\n")}\n\n${doc.commentBefore}` : header.join("\n");
  return doc.toString({ lineWidth: 0 });
}
