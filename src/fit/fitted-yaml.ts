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

export function fittedYaml(loaded: LoadedFit, outcome: FitOutcome): string {
  const doc = parseDocument(loaded.baseText);
  loaded.spec.parameters.forEach((p, i) => doc.setIn(concretePath(loaded.baseData, p.key), outcome.best.values[i]));
  const seed = fittedSeed(loaded);
  doc.set("seed", seed);
  const seedNode = doc.get("seed", true);
  if (isScalar(seedNode)) seedNode.comment = ` the fit's first seed: \`pointsim run\` on this file gives the fit's run 0 with the fitted values`;
  const header = [
    ` Fitted by pointsim ${VERSION} (\`pointsim fit ${basename(loaded.file)}\`) from ${loaded.spec.base}:`,
    ` error ${outcome.best.error.toFixed(6)} (weighted RMS relative error over ${loaded.goals.length} targets; docs/fit.md).`,
    ...outcome.parameters.map(
      (p) =>
        `   ${p.key}: ${p.value} (90% interval ${p.interval.low} to ${p.interval.high})${p.warning ? ` (${p.warning})` : ""}${p.edgeWarning ? ` (${p.edgeWarning})` : ""}`,
    ),
    ` seed: ${seed}, the fit's first run's seed (${loaded.spec.base} had ${JSON.stringify((loaded.baseData as { seed?: unknown } | null)?.seed ?? null)}).`,
    ` Below: ${loaded.spec.base} as written, its comments kept; the fit's \`set\` is not applied.`,
  ];
  doc.commentBefore = doc.commentBefore ? `${header.join("\n")}\n\n${doc.commentBefore}` : header.join("\n");
  return doc.toString({ lineWidth: 0 });
}
