import { declareFlow } from "./book.js";
import type { SimState } from "./state.js";
import { MICRO, mulDivFloor, rateToMicro, yuanToFen } from "./units.js";

/**
 * Money that does not come from users: revenue third parties pay the platform (a marketplace's
 * commission on merchants' sales, sponsorship) and interest on the platform's cash (Artzrouni's
 * nominal rate on a fund). Both count in earned_revenue: what the platform earns other than from
 * its users' money. The schemes' pools earn `poolInterestRate` by the same rule, each through its
 * scheme's own flow (SchemeInstance.earnPoolInterest), since each keeps its pool's balance under
 * its own rule (a support pool's price, a queue's budget).
 */
const THIRD_PARTY_REVENUE = declareFlow("platform.thirdPartyRevenue", {
  from: "world",
  to: "platform.cash",
  reason: "third-party revenue",
  counters: ["otherRevenueFen"],
});
const INTEREST_ON_CASH = declareFlow("platform.interest", { from: "world", to: "platform.cash", reason: "interest on cash", counters: ["otherRevenueFen"] });

/** Days in the year a nominal rate is divided by. */
const DAYS_PER_YEAR = 365;

/** A day's interest on a balance at a nominal yearly rate (micro): ⌊balance × rate / 365⌋ fen, 0 at or below 0. */
export function dayInterestFen(balanceFen: number, rateMicro: number): number {
  return rateMicro > 0 && balanceFen > 0 ? mulDivFloor(balanceFen, rateMicro, DAYS_PER_YEAR * MICRO) : 0;
}

export interface OtherIncomeConfig {
  interestRate: number;
  poolInterestRate: number;
  thirdPartyRevenue: { perDay: number; gmvShare: number };
}

export class OtherIncome {
  private readonly rateMicro: number;
  /** The schemes' pools' nominal rate a year (micro), handed to their earnPoolInterest. */
  readonly poolRateMicro: number;
  private readonly perDayFen: number;
  private readonly gmvShareMicro: number;

  constructor(config: OtherIncomeConfig) {
    this.rateMicro = rateToMicro(config.interestRate);
    this.poolRateMicro = rateToMicro(config.poolInterestRate);
    this.perDayFen = yuanToFen(config.thirdPartyRevenue.perDay);
    this.gmvShareMicro = rateToMicro(config.thirdPartyRevenue.gmvShare);
  }

  /**
   * Phase 9, before the running costs: today's third-party revenue (perDay + gmvShare of
   * today's GMV, rounded down to the fen), then a day's interest on the cash as it stands
   * after today's withdrawals: ⌊cash × rate / 365⌋ fen, nothing on a balance at or below 0.
   */
  accrue(state: SimState): void {
    const { book, ledger, today } = state;
    book.move(THIRD_PARTY_REVENUE, this.perDayFen + mulDivFloor(today.gmvFen, this.gmvShareMicro, MICRO));
    book.move(INTEREST_ON_CASH, dayInterestFen(ledger.balance("platform.cash"), this.rateMicro));
  }
}
