/**
 * Who recruits an invited arrival: a model of recruiter choice among the promoters (users who
 * have placed a first order, in that order). The choice shapes the referral tree, and so how deep
 * the chains run (docs/model.md, "Who recruits"):
 *  - uniform: every promoter alike. With every user a promoter the tree is the random recursive
 *    tree: node n's expected depth is H(n − 1) ≈ ln n and the height about e · ln n (39 levels
 *    at 1.8 million members);
 *  - preferential: in proportion to direct recruits + `attractiveness` (Barabási–Albert with
 *    m = 1 at attractiveness 1, when every user is a promoter: P(recruits = j) = 4 / ((j + 1)(j + 2)(j + 3))).
 *    Hubs recruit most; chains are shallower than uniform's;
 *  - recent: uniformly among the `window` most recent promoters. Each recruit then sits about
 *    (window + 1) / 2 promoters after their recruiter, so depth grows by one every
 *    (window + 1) / 2 promoters: about 2n / (window + 1) levels after n promoters. This is how
 *    chains of 50 to 120 levels at millions of members arise (a window of 2n / depth).
 * One uniform draw per invited arrival decides (the arrival's own, keyed by its identity).
 */
export interface RecruiterConfig {
  model: "uniform" | "preferential" | "recent";
  attractiveness: number;
  window: number;
}

export class RecruiterChoice {
  /** preferential: the recruiter of every referral so far, one entry per recruit. */
  private recruits = new Int32Array(0);
  private recruitCount = 0;

  constructor(private readonly config: RecruiterConfig) {
    if (config.model === "preferential") this.recruits = new Int32Array(1024);
  }

  /** The recruiter for uniform u in [0, 1), among `promoters` (non-empty). */
  pick(u: number, promoters: readonly number[]): number {
    const n = promoters.length;
    switch (this.config.model) {
      case "uniform":
        return promoters[Math.floor(u * n)] as number;
      case "recent": {
        const w = Math.min(n, this.config.window);
        return promoters[n - w + Math.floor(u * w)] as number;
      }
      case "preferential": {
        // Weight of promoter i: attractiveness + recruits(i). The total splits into the
        // attractiveness part (a · n, uniform over promoters) and one unit per recruit so far
        // (uniform over the recruit list, which names each recruiter once per recruit).
        const a = this.config.attractiveness;
        const total = a * n + this.recruitCount;
        // Attractiveness 0 before anyone has recruited: nobody has weight yet, so all alike.
        if (total <= 0) return promoters[Math.floor(u * n)] as number;
        const x = u * total;
        if (x < a * n) return promoters[Math.min(n - 1, Math.floor(x / a))] as number;
        return this.recruits[Math.min(this.recruitCount - 1, Math.floor(x - a * n))] as number;
      }
    }
  }

  /** Notes that `recruiter` recruited someone (preferential keeps the count). */
  recruited(recruiter: number): void {
    if (this.config.model !== "preferential") return;
    if (this.recruitCount === this.recruits.length) {
      const grown = new Int32Array(this.recruits.length * 2);
      grown.set(this.recruits);
      this.recruits = grown;
    }
    this.recruits[this.recruitCount++] = recruiter;
  }
}
