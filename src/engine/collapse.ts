import { formatFen } from "./units.js";
import { say } from "../i18n/messages.js";

/**
 * Collapse: the first day any failure signal fires (docs/model.md, "Collapse"). The engine
 * owns two signals that hold for every scheme (withdrawals unpaid too long, and new money
 * fallen away: "the business stopped"); each scheme declares its own next to its code.
 * Signals are read once a day, in phase 10, before the day's metrics row.
 */

/** What kind of failure a signal shows. */
type FailureKind =
  /** The platform does not pay what it owes (withdrawals unpaid). */
  | "insolvency"
  /** A scheme's own mechanism stopped working (no trade, no free orders, no eligible orders). */
  | "mechanism"
  /** New money fell away: the business stopped, whether or not it can still pay. */
  | "business stopped";

/** A failure signal as its owner declares it, for docs/model.md's generated table. */
export interface SignalSpec {
  /** The reading's id, "<owner>.<name>". */
  id: string;
  kind: FailureKind;
  /** When it fires, with its thresholds under `collapse:` and their defaults. */
  firesWhen: string;
  /** When it is stressed (status "stressed"). */
  stressedFrom: string;
}

/** The engine's own signals (each scheme declares its own: SchemeModule.collapseSignals). */
export const CORE_SIGNALS: readonly SignalSpec[] = [
  {
    id: "withdrawals.backlog",
    kind: "insolvency",
    firesWhen: "the oldest due, unpaid withdrawal is more than `backlogDays` (7) old",
    stressedFrom: "any backlog",
  },
  {
    id: "business.newMoney",
    kind: "business stopped",
    firesWhen:
      "new money of the last `newMoney.windowDays` (7) days is below `newMoney.share` (5%) of the highest such sum so far, `newMoney.days` (30) days in a row",
    stressedFrom: "half the days",
  },
];

/** One signal's reading for one day. */
export interface SignalReading {
  /** Stable id: "<owner>.<name>", e.g. "withdrawals.backlog", "sharedPurchase.noTrade". */
  signal: string;
  kind: FailureKind;
  /** True when the signal fires today (its threshold crossed). */
  fired: boolean;
  /** True when it is at least half way to firing (status "stressed"). */
  stressed: boolean;
  /** Why the run collapsed if this fires, in plain words, e.g. "withdrawals unpaid for more than 7 days". */
  reason: string;
  /** The same reason in Chinese, from the same figures ("提现逾期未付超过7天"; docs/glossary.md's terms). */
  reasonZh: string;
  /** Today's figures behind the reading. */
  evidence: string;
}

/** summary.json's `collapse`. */
export interface CollapseRecord {
  day: number;
  signal: string;
  kind: FailureKind;
  reason: string;
  /** The reason in Chinese: written to summary.json only in a zh-CN run (src/report/outputs.ts). */
  reasonZh?: string;
  evidence: string;
}

/**
 * summary.json's `signals`: every failure signal the run read, with the first day it fired
 * (null: never). The collapse is the earliest; the others tell the rest of the story (a
 * business that stopped on day 66 and became insolvent on day 94).
 */
export interface SignalDay {
  signal: string;
  kind: FailureKind;
  reason: string;
  /** The reason in Chinese: written to summary.json only in a zh-CN run (src/report/outputs.ts). */
  reasonZh?: string;
  firstDay: number | null;
}

/**
 * Counts consecutive days a condition holds. The streak signals (N days in a row of no trade,
 * of lost sales, of low new money) fire when the count reaches N and are stressed from N / 2.
 */
export class Streak {
  days = 0;
  constructor(readonly threshold: number) {}

  /** Records today's condition and returns the streak length. */
  update(holds: boolean): number {
    this.days = holds ? this.days + 1 : 0;
    return this.days;
  }

  get fired(): boolean {
    return this.threshold > 0 && this.days >= this.threshold;
  }

  get stressed(): boolean {
    return this.threshold > 0 && this.days * 2 >= this.threshold && this.days > 0;
  }
}

/**
 * "The business stopped": the new money of the last `windowDays` days is below `share` of the
 * highest such sum so far, `days` days in a row. Reported apart from insolvency: a platform
 * that can still pay but takes no new money has stopped all the same.
 */
export class NewMoneySignal {
  private readonly window: number[] = [];
  private sum = 0;
  private peak = 0;
  private readonly streak: Streak;

  constructor(private readonly config: { share: number; windowDays: number; days: number }) {
    this.streak = new Streak(config.share > 0 ? config.days : 0);
  }

  read(newMoneyFen: number): SignalReading {
    const { share, windowDays, days } = this.config;
    this.window.push(newMoneyFen);
    this.sum += newMoneyFen;
    if (this.window.length > windowDays) this.sum -= this.window.shift() ?? 0;
    if (this.sum > this.peak) this.peak = this.sum;
    // share is a scenario rate with at most 6 decimals: compare in integers.
    const low = this.peak > 0 && this.sum * 1_000_000 < Math.round(share * 1_000_000) * this.peak;
    this.streak.update(low);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    return {
      signal: "business.newMoney",
      kind: "business stopped",
      fired: this.streak.fired,
      stressed: this.streak.stressed,
      reason: say("en", "signal.newMoney", { share: pct(share), days }),
      reasonZh: say("zh-CN", "signal.newMoney", { share: pct(share), days }),
      evidence: `new money in the last ${windowDays} days ¥${formatFen(this.sum)} vs peak ¥${formatFen(this.peak)} (${this.peak === 0 ? "n/a" : pct(this.sum / this.peak)}), ${this.streak.days} days in a row below ${pct(share)}`,
    };
  }
}

/** Withdrawals: collapse the first day a due, unpaid withdrawal is older than backlogDays. */
export function backlogReading(ageDays: number, backlogFen: number, backlogDays: number): SignalReading {
  return {
    signal: "withdrawals.backlog",
    kind: "insolvency",
    fired: ageDays > backlogDays,
    stressed: backlogFen > 0,
    reason: say("en", "signal.backlog", { days: backlogDays }),
    reasonZh: say("zh-CN", "signal.backlog", { days: backlogDays }),
    evidence: `¥${formatFen(backlogFen)} of due withdrawals unpaid, the oldest ${ageDays} days old`,
  };
}
