import { declareFlow } from "./book.js";
import type { SimState } from "./state.js";
import { MICRO, mulDivFloor, rateToMicro, yuanToFen } from "./units.js";

/**
 * Money that does not come from users: revenue third parties pay the platform (a marketplace's
 * commission on merchants' sales, sponsorship) and interest on the platform's cash (Artzrouni's
 * nominal rate on a fund). Both count in earned_revenue: what the platform earns other than from
 * its users' money. The schemes' pools earn nothing: each scheme keeps its pool's balance in its
 * own rule (a support pool's price), so interest into a pool would be the scheme's to declare.
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

export interface OtherIncomeConfig {
  interestRate: number;
  thirdPartyRevenue: { perDay: number; gmvShare: number };
}

export class OtherIncome {
  private readonly rateMicro: number;
  private readonly perDayFen: number;
  private readonly gmvShareMicro: number;

  constructor(config: OtherIncomeConfig) {
    this.rateMicro = rateToMicro(config.interestRate);
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
    const cashFen = ledger.balance("platform.cash");
    if (this.rateMicro > 0 && cashFen > 0) book.move(INTEREST_ON_CASH, mulDivFloor(cashFen, this.rateMicro, DAYS_PER_YEAR * MICRO));
  }
}
