/**
 * One legal test of a run (docs/compliance.md): the rule, whether and when the run met it, the
 * figures it read and the evidence in words. Its own module so that the Chinese evidence
 * (src/i18n/evidence-zh.ts), which the tracker calls, and the tracker share it without a cycle.
 */
export interface ComplianceTest {
  id: "pyramid-threshold" | "serious-participants" | "serious-amount" | "recruit-pay" | "entry-fee" | "team-pay" | "direct-selling-cap";
  /** The rule and its source. */
  basis: string;
  met: boolean;
  /**
   * "met"; "size only": an organisation line (30 & 3, 120, 2,500,000 yuan) was reached by a
   * referral tree in which no reward depends on recruiting, which the statute does not cover;
   * "not met".
   */
  status: "met" | "size only" | "not met";
  firstDay: number | null;
  figures: Record<string, number | string | null>;
  evidence: string;
  /** The evidence in Chinese, from the same figures, journal and chains (src/i18n/evidence-zh.ts); only a zh-CN run's files show it. */
  evidenceZh: string;
}

/** A test before its Chinese evidence is written (that evidence reads the other tests). */
export type EnglishTest = Omit<ComplianceTest, "evidenceZh">;
