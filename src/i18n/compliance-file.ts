import type { ComplianceTest } from "../engine/compliance.js";
import type { Lang } from "./lang.js";
import { say } from "./messages.js";

/** Each legal test's rule with its statutes' full titles, in a language (docs/compliance.md names the same). */
export function legalBasis(id: ComplianceTest["id"], lang: Lang): string {
  const statutes = {
    criminalLaw: say(lang, "statute.criminalLaw224"),
    standards: say(lang, "statute.prosecutionStandards78"),
    opinion: say(lang, "statute.opinion2013"),
    prohibition: say(lang, "statute.prohibition7"),
    directSelling: say(lang, "statute.directSelling24"),
  };
  switch (id) {
    case "pyramid-threshold":
      return say(lang, "legalBasis.pyramid-threshold", statutes);
    case "serious-participants":
      return say(lang, "legalBasis.serious-participants", statutes);
    case "serious-amount":
      return say(lang, "legalBasis.serious-amount", statutes);
    case "recruit-pay":
      return say(lang, "legalBasis.recruit-pay", statutes);
    case "entry-fee":
      return say(lang, "legalBasis.entry-fee", statutes);
    case "team-pay":
      return say(lang, "legalBasis.team-pay", statutes);
    case "direct-selling-cap":
      return say(lang, "legalBasis.direct-selling-cap", statutes);
  }
}

/**
 * compliance.json's tests in a run's language: an English run's without `evidenceZh`, as they
 * were; a zh-CN run's each with `basisZh` after `basis` (the rule with the full Chinese titles of
 * its statutes) and `evidenceZh` after `evidence` (the evidence in Chinese, built by the tracker
 * from the same figures, journal and chains). The English keys stay, so a script reads either
 * language's file the same way.
 */
export function complianceTestsForFile(
  tests: readonly ComplianceTest[],
  lang: Lang,
): readonly (Omit<ComplianceTest, "evidenceZh"> & { basisZh?: string; evidenceZh?: string })[] {
  return tests.map((t) =>
    Object.fromEntries(
      Object.entries(t).flatMap(([key, value]) => {
        if (key === "evidenceZh") return lang === "en" ? [] : [[key, value]];
        return key === "basis" && lang !== "en"
          ? [
              [key, value],
              ["basisZh", legalBasis(t.id, lang)],
            ]
          : [[key, value]];
      }),
    ),
  ) as (Omit<ComplianceTest, "evidenceZh"> & { basisZh?: string; evidenceZh?: string })[];
}
