import type { CollapseRecord, SignalDay } from "./collapse.js";
import type { AfterCollapse } from "./after-collapse.js";
import type { RedFlag } from "./outcomes.js";
import type { GoodsBasis } from "./state.js";

/** Who loses on one basis (docs/model.md, "Who loses"). Money in yuan. */
export interface BasisSummary {
  usersLosing: number;
  /** Share of paying users whose result on this basis is below zero. */
  usersLosingShare: number | null;
  /** Sum of the losing users' losses. */
  totalLoss: number;
  /** Sum of every user's result. */
  netResult: number;
}

/** End-of-run figures (docs/indicators.md). Money in yuan, exact to the fen. */
export interface Summary {
  scenario: string;
  /**
   * After a collapse, what came in after the collapse day (users who joined, new money, what
   * those joiners lose): kept apart from the run's totals, which include it (docs/model.md).
   * Absent when nothing collapsed.
   */
  afterCollapse?: AfterCollapse;
  /** The scenario's rule changes, in the order listed (absent without any): the run's events besides shocks. */
  changes?: { day: number; key: string; value: unknown }[];
  seed: string | number;
  /** The run in one sentence, built from the figures below, naming its basis. */
  verdict: string;
  daysSimulated: number;
  collapseDay: number | null;
  /** The first failure signal that fired: its day, id, kind, reason and evidence. */
  collapse: CollapseRecord | null;
  /** Every failure signal read, with the first day it fired (null: never), earliest first. */
  signals: SignalDay[];
  /** The first day an insolvency signal fired (withdrawals unpaid), or null. */
  insolvencyDay: number | null;
  finalStatus: string;
  peakUsers: number;
  payingUsers: number;
  /** Paying users losing money on the wind-up basis (the headline). */
  usersLosing: number;
  /** Share of paying users losing money on the wind-up basis: cash, goods at their value, claims at what a wind-up pays. */
  usersLosingShare: number | null;
  /** Share of paying users whose cash out is below their cash in. */
  usersLosingShareCash: number | null;
  /** Share of paying users losing money when every claim counts at its face value (no goods). */
  usersLosingShareFaceValue: number | null;
  bases: { windUp: BasisSummary; cash: BasisSummary; faceValue: BasisSummary };
  totalOrders: number;
  totalGmv: number;
  totalNewMoneyIn: number;
  totalChangeSpent: number;
  /** Goods users received, at the value each product's goods basis gives (`goods`). */
  totalGoodsValue: number;
  /** Each product's goods value per order and its basis: stated, cost (it funds a scheme) or price (a plain sale). */
  goods: { product: string; basis: GoodsBasis; value: number; price: number; cost: number }[];
  /** Each registered scheme counter's run total, under the key it declares (totalAdRevenue). */
  [total: `total${string}`]: number;
  totalCommissionsPaid: number;
  totalUserPayouts: number;
  totalWithdrawalsRequested: number;
  totalWithdrawalsPaid: number;
  totalOperatingCost: number;
  peakLiabilities: number;
  peakLiabilitiesDay: number | null;
  finalLiabilities: number;
  finalPlatformCash: number;
  /** Each registered scheme pool's final balance, under the key the scheme declares (finalSupportPool). */
  [pool: `final${string}Pool`]: number;
  /** Platform cash at the end − founders' capital − change and withdrawals it still owes. */
  platformResult: number;
  /** What the platform and its pools owe users at face value that a wind-up at the end cannot pay. */
  owedUnpayable: number;
  /** The wind-up at the end of the run, claim by claim. */
  windUp: {
    platformAvailable: number;
    claimsFaceValue: number;
    claimsWindUpValue: number;
    claims: { label: string; payer: string; faceValue: number; windUpValue: number }[];
  };
  /** Sum over users of their wind-up result: what users as a whole won or lost. */
  usersNetResult: number;
  /** Share of all users' gains (wind-up basis) taken by the earliest 10% of entrants (null: nobody gained). */
  earliestTenthShareOfGains: number | null;
  /** The last join cohort (report.cohortDays) whose mean wind-up result was positive, or null. */
  lastCohortAhead: { cohort: number; firstDay: number; lastDay: number } | null;
  /** Pyramid / Ponzi tests with their evidence. */
  redFlags: RedFlag[];
  /** The regulator's tests as gate metrics: the first day each was met, or null (docs/compliance.md). */
  compliance: Record<string, number | null>;
  /** Each running scheme's own end-of-run figures. */
  schemes: Record<string, Record<string, number | string | null>>;
  /** The running schemes' key figures in words, for the terminal summary. */
  keyFigures: [string, string][];
}
