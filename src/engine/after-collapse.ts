import type { BookView } from "./book.js";
import type { DayValues } from "./columns.js";
import type { SimState } from "./state.js";
import { FEN_PER_YUAN } from "./units.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { figures, percent } from "../i18n/format.js";

/**
 * What came in after the collapse day (docs/model.md, "After the collapse"). A run goes on past
 * its collapse (unless collapse.stopOnCollapse), because a platform rarely stops the day its
 * first failure signal fires: people keep joining and paying while withdrawals wait. Those
 * joiners' losses are a result of their own, and the run's totals mix them with the losses of
 * those who were in before; this separates them. Money in yuan, exact to the fen.
 */
export interface AfterCollapse {
  collapseDay: number;
  /** Days simulated after the collapse day. */
  daysAfter: number;
  /** Users who joined after the collapse day. */
  usersJoined: number;
  /** Of them, those who paid anything. */
  payingUsers: number;
  /** Of them, those whose wind-up result is below zero, and the sum of their losses. */
  usersLosing: number;
  totalLoss: number;
  /** What they paid in, in all. */
  moneyIn: number;
  /** New money from outside on the days after the collapse day, whoever paid it. */
  newMoneyIn: number;
  /** Its share of the run's new money (null: none came in). */
  newMoneyShare: number | null;
}

/** The figures after a collapse on `collapseDay`, from the users' wind-up results and the days' rows. */
export function afterCollapse(
  collapseDay: number,
  users: SimState["users"],
  money: BookView,
  windUpResults: Float64Array,
  days: readonly DayValues[],
): AfterCollapse {
  let joined = 0;
  let paying = 0;
  let losing = 0;
  let lossFen = 0;
  let inFen = 0;
  for (let id = 0; id < users.count; id++) {
    if ((users.joinDay[id] as number) <= collapseDay) continue;
    joined++;
    const paid = money.cashIn[id] as number;
    if (paid <= 0) continue;
    paying++;
    inFen += paid;
    const result = windUpResults[id] as number;
    if (result < 0) {
      losing++;
      lossFen -= result;
    }
  }
  let afterFen = 0;
  let allFen = 0;
  let daysAfter = 0;
  for (const row of days) {
    const fen = row.new_money_in as number;
    allFen += fen;
    if ((row.day as number) > collapseDay) {
      afterFen += fen;
      daysAfter++;
    }
  }
  return {
    collapseDay,
    daysAfter,
    usersJoined: joined,
    payingUsers: paying,
    usersLosing: losing,
    totalLoss: lossFen / FEN_PER_YUAN,
    moneyIn: inFen / FEN_PER_YUAN,
    newMoneyIn: afterFen / FEN_PER_YUAN,
    newMoneyShare: allFen === 0 ? null : Math.round((afterFen / allFen) * 1e6) / 1e6,
  };
}

/** The verdict's sentence on what came in after the collapse (nothing when the run ends that day), in English or Chinese. */
export function afterCollapseSentence(after: AfterCollapse, lang: Lang = "en"): string {
  if (after.daysAfter === 0) return "";
  const money = (yuan: number) => figures(lang).money(Math.round(yuan * FEN_PER_YUAN));
  const share = after.newMoneyShare === null ? "" : say(lang, "verdict.after.share", { share: percent(after.newMoneyShare) });
  const joiners =
    after.usersJoined === 0
      ? say(lang, "verdict.after.nobodyJoined")
      : after.usersLosing > 0
        ? say(lang, "verdict.after.joinedLosing", { joined: after.usersJoined, losing: after.usersLosing, money: money(after.totalLoss) })
        : say(lang, "verdict.after.joinedNoneLoses", { joined: after.usersJoined });
  return say(lang, "verdict.after", { days: after.daysAfter, money: money(after.newMoneyIn), share, joiners });
}
