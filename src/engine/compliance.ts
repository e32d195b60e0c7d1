import type { SimState } from "./state.js";
import type { BookView, Flow, LegalBasis } from "./book.js";
import type { RewardChain } from "./scheme-instance.js";
import type { ComplianceTest, EnglishTest } from "./compliance-test.js";
import { complianceEvidenceZh, type EvidenceDetails } from "../i18n/evidence-zh.js";
import { formatYuan, rateToMicro } from "./units.js";
import { groupedNumber } from "../i18n/grouping.js";

/**
 * The regulator's tests (docs/compliance.md), computed from what happened in the run: the real
 * referral tree the engine built, who joined and paid when, and the rewards paid by legal basis.
 * pointsim simulates; it does not give legal advice.
 */

/** 立案追诉标准(二) §78: an organisation of at least 30 participants in at least 3 levels. */
export const PYRAMID_PARTICIPANTS = 30;
export const PYRAMID_LEVELS = 3;
/** 2013 opinion, serious circumstances: 120 participants, or 2,500,000 yuan collected. */
export const SERIOUS_PARTICIPANTS = 120;
const SERIOUS_AMOUNT_FEN = 250_000_000;
/** 直销管理条例 §24: a direct seller's pay at most 30% of their own direct sales. */
const DIRECT_SELLING_CAP = 0.3;
/** The most organisations compliance.csv lists, largest first. */
const LISTED_ORGANISATIONS = 1000;
/** How many of the largest organisations compliance.csv dates (each costs a scan of the users). */
const DATED_ORGANISATIONS = 20;

/** The three lines an organisation's size or money crosses. */
type OrganisationLine = "pyramid" | "seriousParticipants" | "seriousAmount";
const ORGANISATION_LINES: readonly OrganisationLine[] = ["pyramid", "seriousParticipants", "seriousAmount"];

/** The platform's organisation at the end of one day, at full scale (money in fen). */
interface PlatformFigures {
  day: number;
  participants: number;
  levels: number;
  collectedFen: number;
}

export type { ComplianceTest } from "./compliance-test.js";

/** One organisation: a participant and everyone below them in the referral tree. */
export interface Organisation {
  organiser: number;
  organiserJoinDay: number;
  root: boolean;
  participants: number;
  levels: number;
  /** New money paid in by its participants, fen. */
  collectedFen: number;
  /** Rewards its participants earned for recruits and downlines, and on their own purchases and activity (face value, fen). */
  downlineRewardsFen: number;
  ownRewardsFen: number;
  pyramidDay: number | null;
  seriousParticipantsDay: number | null;
  seriousAmountDay: number | null;
}

/** The platform as the organiser of all its participants (its operator is level 1), at full scale. */
interface PlatformOrganisation {
  /** Participants (users who placed an order) × scale. */
  participants: number;
  /** 1 (the operator) + the deepest chain of participants under it. */
  levels: number;
  /** New money paid in by all participants × scale, yuan. */
  collected: number;
  /** The scenario's report.scale (1: the run is the platform at full size). */
  scale: number;
  /** The same as simulated, before scaling. */
  simulatedParticipants: number;
  simulatedCollected: number;
}

export interface ComplianceReport {
  tests: ComplianceTest[];
  /** The whole platform at the end of the run. */
  platform: PlatformOrganisation;
  /** Root organisations with a participant and organisations over the pyramid line, largest first (at most LISTED_ORGANISATIONS). */
  organisations: Organisation[];
  /** The organisation that crossed the pyramid line first (else the largest): its growth day by day. */
  growth: { organiser: number | null; days: { day: number; participants: number; levels: number }[] };
  /** The shape of the participants' referral structures at the end, as a regulator counts them. */
  structure: Structure;
  /** For gates (summary.json `compliance`). */
  gates: Record<string, number | null>;
}

/**
 * The referral structures at the end of the run. A participant's organisation is them and their
 * downline (compliance.csv); the structures are the organisations whose top has no participant
 * above them (roots).
 */
export interface Structure {
  /**
   * Organisations over the pyramid line (30 participants at full scale and 3 levels), as
   * compliance.csv has them: `nested` counts every user whose organisation is over it (in a
   * chain of 40 participants the first 11 members' are); `outermost` only those inside no other
   * over the line, one per network. A regulator's or court's published count of pyramid
   * organisations (传销组织) counts networks: most likely the outermost.
   */
  overPyramidLine: { nested: number; outermost: number };
  /** Participants per level of their structure (index 0: level 1, the structures' tops), counted among participants as they joined; as simulated (not scaled). */
  membersPerLevel: number[];
  /** Share of participants in structures of 3 or more levels (null: no participant). */
  shareInThreeOrMoreLevels: number | null;
  /** Levels of the deepest structure (its top is level 1; the platform's operator above it would add one). */
  deepestChain: number;
}

/**
 * Follows the run day by day (phase 10). While some organisation test is not met, one pass over
 * the users a day (children after parents in id order, so one backwards sweep sums every
 * subtree): linear in users. After that only the day each new participant joined is noted.
 */
export class ComplianceTracker {
  /** Day each user became a participant (their first order), 0 if never. */
  private participationDay = new Int32Array(0);
  /** Each participant's root (the top of their referral chain) and level under it (the root: 1). */
  private rootOf = new Int32Array(0);
  private depth = new Int32Array(0);
  /** Per root: participants and levels of its organisation, kept as participants join. */
  private rootParticipants = new Int32Array(0);
  private rootLevels = new Int32Array(0);
  /**
   * Per root: new money its participants have paid in, kept as they pay: a participant's whole
   * cashIn is added the day they join, and each later payment (state.payments) the day it is
   * made. The same sums as adding up every participant's cashIn each day (integers in fen
   * commute), without a pass over the users a day.
   */
  private rootCollected = new Float64Array(0);
  /** Roots whose organisation is over the pyramid line, in the order they crossed it. */
  private overPyramid: number[] = [];
  private isOverPyramid = new Uint8Array(0);
  private promotersSeen = 0;
  /** The deepest participant under its root (a root is 1): the platform's levels are one more. */
  private deepest = 0;
  /** New money all participants have paid in, fen (the platform's organisation). */
  private platformCollectedFen = 0;
  /** report.scale: participants and money count × scale against the lines (levels and days do not). */
  private readonly scale: number;
  /**
   * First days: the organisation lines met (size reached while a reward depends on recruiting),
   * and the pay tests' first rewards.
   */
  private firstDay = {
    pyramid: null as number | null,
    seriousParticipants: null as number | null,
    seriousAmount: null as number | null,
    recruitPay: null as number | null,
    teamPay: null as number | null,
    franchise: null as number | null,
    overCap: null as number | null,
  };
  /** The platform's figures at the end of the day each organisation line was met (size and rewards). */
  private metFigures: Record<OrganisationLine, PlatformFigures | null> = { pyramid: null, seriousParticipants: null, seriousAmount: null };
  /** The first day the platform's size reached each line, whatever its rewards, with that day's figures. */
  private sizeFigures: Record<OrganisationLine, PlatformFigures | null> = { pyramid: null, seriousParticipants: null, seriousAmount: null };
  /** The first sub-organisation (a user and their downline) over each size line, with its figures at the end of that day. */
  private firstOrganiser: Record<OrganisationLine, Organisation | null> = { pyramid: null, seriousParticipants: null, seriousAmount: null };
  private firstOrganiserDay: Record<OrganisationLine, number | null> = { pyramid: null, seriousParticipants: null, seriousAmount: null };
  private readonly cumulative = { recruitPayFen: 0, teamPayFen: 0, rewardsFen: 0, referredSalesFen: 0, franchiseFeesFen: 0 };
  /** Rewards paid into change wallets by flow, run totals, in the order the journal first shows them. */
  private readonly byFlow = new Map<Flow, number>();

  constructor(
    private readonly state: SimState,
    /** Reward chains of the running schemes (levels up the referral tree they pay). */
    private readonly deepestChain: () => number,
  ) {
    this.scale = state.scenario.report.scale;
  }

  /** Phase 10, after the day's metrics: today's rewards, fees and participants. */
  closeDay(): void {
    const { state } = this;
    const day = state.day;
    const t = state.today;
    const c = this.cumulative;
    c.recruitPayFen += t.recruitPayFen;
    c.teamPayFen += t.teamPayFen;
    // Every reward for recruits or downlines, each counted once (a reward can be both kinds).
    c.rewardsFen += t.recruitingRewardsFen;
    c.referredSalesFen += t.referredSalesFen;
    c.franchiseFeesFen += t.franchiseFeesFen;
    this.notePayments();
    for (const [flow, fen] of state.book.dayFlows()) if (flow.to === "users.change") this.byFlow.set(flow, (this.byFlow.get(flow) ?? 0) + fen);
    const f = this.firstDay;
    if (f.recruitPay === null && c.recruitPayFen > 0) f.recruitPay = day;
    if (f.teamPay === null && c.teamPayFen > 0) f.teamPay = day;
    if (f.franchise === null && c.franchiseFeesFen > 0) f.franchise = day;
    const pay = c.rewardsFen;
    if (f.overCap === null && pay > 0 && (this.deepestChain() >= 2 || pay * 1_000_000 > rateToMicro(DIRECT_SELLING_CAP) * c.referredSalesFen)) f.overCap = day;
    this.noteParticipants(day);
    this.checkOrganisations(day);
    this.checkPlatform(day);
  }

  /** The platform's figures now (end of day), at full scale. */
  private platformFigures(day: number): PlatformFigures {
    return {
      day,
      participants: this.promotersSeen * this.scale,
      levels: this.promotersSeen === 0 ? 0 : this.deepest + 1,
      collectedFen: this.platformCollectedFen * this.scale,
    };
  }

  /**
   * The organisation lines on the platform's own figures (its operator organises every
   * participant): each size line is noted the first day it is reached, and met the first day it
   * is reached while some reward for recruits or downlines has been paid or promised (刑法
   * §224之一 needs both: a purchase to join, and pay that rests on recruiting).
   */
  private checkPlatform(day: number): void {
    const now = this.platformFigures(day);
    const pyramid = now.participants >= PYRAMID_PARTICIPANTS && now.levels >= PYRAMID_LEVELS;
    const reached: Record<OrganisationLine, boolean> = {
      pyramid,
      seriousParticipants: pyramid && now.participants >= SERIOUS_PARTICIPANTS,
      seriousAmount: pyramid && now.collectedFen >= SERIOUS_AMOUNT_FEN,
    };
    const recruiting = this.firstDay.recruitPay !== null || this.firstDay.teamPay !== null;
    for (const line of ORGANISATION_LINES) {
      if (!reached[line]) continue;
      if (this.sizeFigures[line] === null) this.sizeFigures[line] = now;
      if (recruiting && this.metFigures[line] === null) {
        this.metFigures[line] = now;
        this.firstDay[line] = day;
      }
    }
  }

  /** Today's payments by users who were participants before today (today's new ones are counted whole as they join). */
  private notePayments(): void {
    const { payments } = this.state;
    const pday = this.participationDay;
    const collected = this.rootCollected;
    for (let i = 0; i < payments.count; i++) {
      const id = payments.users[i] as number;
      if (id < pday.length && (pday[id] as number) !== 0) {
        const root = this.rootOf[id] as number;
        collected[root] = (collected[root] as number) + (payments.fen[i] as number);
        this.platformCollectedFen += payments.fen[i] as number;
      }
    }
  }

  /**
   * Notes today's new participants (state.promoters, in the order they placed a first order: an
   * inviter always before those they invite): their root and level, their root's participants
   * and levels. A root's organisation holds every other organisation under it, with at least
   * as many participants, levels and money, so a line is crossed first by a root: the roots are
   * all the organisation tests need to watch.
   */
  private noteParticipants(day: number): void {
    const { users, promoters } = this.state;
    const money = this.state.book.view();
    if (this.participationDay.length < users.count) {
      const size = Math.max(users.count, users.capacity);
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      this.participationDay = grow(this.participationDay, new Int32Array(size));
      this.rootOf = grow(this.rootOf, new Int32Array(size));
      this.depth = grow(this.depth, new Int32Array(size));
      this.rootParticipants = grow(this.rootParticipants, new Int32Array(size));
      this.rootLevels = grow(this.rootLevels, new Int32Array(size));
      this.rootCollected = grow(this.rootCollected, new Float64Array(size));
      const over = new Uint8Array(size);
      over.set(this.isOverPyramid);
      this.isOverPyramid = over;
    }
    const first: Record<"pyramid" | "seriousParticipants", number | null> = {
      pyramid: this.firstOrganiser.pyramid?.organiser ?? null,
      seriousParticipants: this.firstOrganiser.seriousParticipants?.organiser ?? null,
    };
    const firstDay = this.firstOrganiserDay;
    for (; this.promotersSeen < promoters.length; this.promotersSeen++) {
      const id = promoters[this.promotersSeen] as number;
      this.participationDay[id] = day;
      const referrer = users.referrer[id] as number;
      const participantReferrer = referrer >= 0 && (this.participationDay[referrer] as number) !== 0;
      const root = participantReferrer ? (this.rootOf[referrer] as number) : id;
      const level = participantReferrer ? (this.depth[referrer] as number) + 1 : 1;
      this.rootOf[id] = root;
      this.depth[id] = level;
      this.rootCollected[root] = (this.rootCollected[root] as number) + (money.cashIn[id] as number);
      this.platformCollectedFen += money.cashIn[id] as number;
      if (level > this.deepest) this.deepest = level;
      const p = (this.rootParticipants[root] as number) + 1;
      this.rootParticipants[root] = p;
      if (level > (this.rootLevels[root] as number)) this.rootLevels[root] = level;
      const l = this.rootLevels[root] as number;
      if (p * this.scale < PYRAMID_PARTICIPANTS || l < PYRAMID_LEVELS) continue;
      // Over the line from now on (participants and levels only grow): watched for the money line.
      if (this.isOverPyramid[root] === 0) {
        this.isOverPyramid[root] = 1;
        this.overPyramid.push(root);
      }
      if (first.pyramid === null) (first.pyramid = root), (firstDay.pyramid = day);
      if (first.seriousParticipants === null && p * this.scale >= SERIOUS_PARTICIPANTS)
        (first.seriousParticipants = root), (firstDay.seriousParticipants = day);
    }
    // Their figures at the end of the day they crossed (participants who joined later that day included).
    for (const line of ["pyramid", "seriousParticipants"] as const) {
      const root = first[line];
      if (root !== null && firstDay[line] === day) this.firstOrganiser[line] = this.rootOrganisation(root);
    }
  }

  /** A root's organisation as the tracker has it now, at full scale. */
  private rootOrganisation(root: number): Organisation {
    return this.organisation(
      root,
      (this.rootParticipants[root] as number) * this.scale,
      this.rootLevels[root] as number,
      (this.rootCollected[root] as number) * this.scale,
    );
  }

  /**
   * While no organisation over the pyramid line has collected 2,500,000 yuan: the largest sum
   * of those over the line, if it has (ties: the lowest root id, as a pass in id order finds).
   */
  private checkOrganisations(day: number): void {
    if (this.firstOrganiserDay.pyramid === null || this.firstOrganiserDay.seriousAmount !== null) return;
    const collected = this.rootCollected;
    let best = -1;
    for (const root of this.overPyramid) {
      const money = collected[root] as number;
      if (
        money * this.scale >= SERIOUS_AMOUNT_FEN &&
        (best < 0 || money > (collected[best] as number) || (money === (collected[best] as number) && root < best))
      )
        best = root;
    }
    if (best >= 0) {
      this.firstOrganiserDay.seriousAmount = day;
      this.firstOrganiser.seriousAmount = this.rootOrganisation(best);
    }
  }

  /** What a user earned for recruits and downlines: every other wallet credit (balance + debits − own) plus rewards promised outside the wallet. */
  private downlineRewards(money: BookView, id: number): number {
    return (money.change[id] as number) + (money.changeDebits[id] as number) - (money.rewardsOwn[id] as number) + (money.rewardsPromised[id] as number);
  }

  /** Every organisation's participants, levels and money at the end (one backwards sweep: children come after parents in id order). */
  private sweep(): {
    participants: Int32Array;
    levels: Int32Array;
    collected: Float64Array;
    deepest: Int32Array;
    downline: Float64Array;
    own: Float64Array;
    directSales: Float64Array;
  } {
    const { users } = this.state;
    const money = this.state.book.view();
    const n = users.count;
    const participants = new Int32Array(n);
    const levels = new Int32Array(n);
    const collected = new Float64Array(n);
    const deepest = new Int32Array(n).fill(-1);
    // Every credit to a change wallet is for the user's own activity or for recruits and
    // downlines; the own ones are counted at the credit, so the rest is change + debits − own.
    const own = Float64Array.from(money.rewardsOwn.subarray(0, n));
    const downline = new Float64Array(n);
    for (let id = 0; id < n; id++) downline[id] = this.downlineRewards(money, id);
    /** What each user's direct recruits paid in (their "direct sales"). */
    const directSales = new Float64Array(n);
    const pday = this.participationDay;
    for (let id = 0; id < n; id++) {
      if ((pday[id] as number) === 0) continue;
      participants[id] = 1;
      levels[id] = 1;
      collected[id] = money.cashIn[id] as number;
    }
    const referrer = users.referrer;
    for (let id = n - 1; id > 0; id--) {
      const parent = referrer[id] as number;
      if (parent < 0 || (participants[id] as number) === 0) continue;
      participants[parent] = (participants[parent] as number) + (participants[id] as number);
      collected[parent] = (collected[parent] as number) + (collected[id] as number);
      downline[parent] = (downline[parent] as number) + (downline[id] as number);
      own[parent] = (own[parent] as number) + (own[id] as number);
      directSales[parent] = (directSales[parent] as number) + (money.cashIn[id] as number);
      if ((levels[id] as number) + 1 > (levels[parent] as number)) {
        levels[parent] = (levels[id] as number) + 1;
        deepest[parent] = id;
      }
    }
    return { participants, levels, collected, deepest, downline, own, directSales };
  }

  /** The structures at the end, from the end-of-run sweep (organisations) and the levels noted as participants joined. */
  private structure(final: { participants: Int32Array; levels: Int32Array }): Structure {
    const { users } = this.state;
    const over = (id: number) => (final.participants[id] as number) * this.scale >= PYRAMID_PARTICIPANTS && (final.levels[id] as number) >= PYRAMID_LEVELS;
    let nested = 0;
    let outermost = 0;
    for (let id = 0; id < users.count; id++) {
      if ((final.participants[id] as number) === 0 || !over(id)) continue;
      nested++;
      // An organisation holds its members' organisations: over the line when any inside it is,
      // so the outermost are those whose upline's organisation is not over it.
      const parent = users.referrer[id] as number;
      if (parent < 0 || !over(parent)) outermost++;
    }
    const membersPerLevel: number[] = [];
    let inThreeOrMore = 0;
    for (let i = 0; i < this.promotersSeen; i++) {
      const id = this.state.promoters[i] as number;
      const level = this.depth[id] as number;
      while (membersPerLevel.length < level) membersPerLevel.push(0);
      membersPerLevel[level - 1] = (membersPerLevel[level - 1] as number) + 1;
      if ((this.rootLevels[this.rootOf[id] as number] as number) >= 3) inThreeOrMore++;
    }
    return {
      overPyramidLine: { nested, outermost },
      membersPerLevel,
      shareInThreeOrMoreLevels: this.promotersSeen === 0 ? null : inThreeOrMore / this.promotersSeen,
      deepestChain: this.deepest,
    };
  }

  private organisation(id: number, participants: number, levels: number, collectedFen: number, downlineRewardsFen = 0, ownRewardsFen = 0): Organisation {
    const { users } = this.state;
    return {
      organiser: id,
      organiserJoinDay: users.joinDay[id] as number,
      root: (users.referrer[id] as number) < 0,
      participants,
      levels,
      collectedFen,
      downlineRewardsFen,
      ownRewardsFen,
      pyramidDay: null,
      seriousParticipantsDay: null,
      seriousAmountDay: null,
    };
  }

  /** The report at the end of the run. */
  report(schemeLines: { rewardChains: readonly RewardChain[]; ownRewardsFen: number }): ComplianceReport {
    const { users } = this.state;
    const final = this.sweep();
    const f = this.firstDay;
    // Organisations listed: roots with a participant, and organisations over the pyramid line,
    // the LISTED_ORGANISATIONS largest (a deep chain puts nearly every member over the line).
    const listed: number[] = [];
    for (let id = 0; id < users.count; id++) {
      const p = final.participants[id] as number;
      const over = p * this.scale >= PYRAMID_PARTICIPANTS && (final.levels[id] as number) >= PYRAMID_LEVELS;
      if (p > 0 && (over || (users.referrer[id] as number) < 0)) listed.push(id);
    }
    listed.sort((a, b) => (final.participants[b] as number) - (final.participants[a] as number) || a - b);
    const organisations = listed
      .slice(0, LISTED_ORGANISATIONS)
      .map((id) =>
        this.organisation(
          id,
          final.participants[id] as number,
          final.levels[id] as number,
          final.collected[id] as number,
          final.downline[id] as number,
          final.own[id] as number,
        ),
      );
    // Per person, at the end: users whose rewards for recruits and downlines passed 30% of what
    // their direct recruits paid in (the direct-selling cap, read per seller).
    let usersOverCap = 0;
    const capMicro = rateToMicro(DIRECT_SELLING_CAP);
    const money = this.state.book.view();
    for (let id = 0; id < users.count; id++) {
      const earned = this.downlineRewards(money, id);
      if (earned > 0 && earned * 1_000_000 > capMicro * (final.directSales[id] as number)) usersOverCap++;
    }
    this.datesFor(organisations);
    const largest = organisations[0] ?? null;
    const focus = this.firstOrganiser.pyramid?.organiser ?? largest?.organiser ?? null;
    const chain = focus === null ? [] : this.chainFrom(focus, final.deepest);
    const c = this.cumulative;
    const yuan = (fen: number) => formatYuan(fen);
    // The rewards of one legal basis, as each flow declares it (book.ts), with their journal reasons.
    const reasons = (basis: LegalBasis) => {
      const matching = [...this.byFlow.entries()].filter(([flow]) => flow.legal.includes(basis));
      return matching.length === 0 ? "" : ` (in the journal: ${matching.map(([flow, fen]) => `"${flow.reason}" ${yuan(fen)}`).join(", ")})`;
    };
    const chainText =
      chain.length === 0
        ? ""
        : `; the deepest chain of user ${focus}'s sub-organisation at the end of the run: ${chain.map((u) => `user ${u} (joined day ${users.joinDay[u] as number})`).join(" → ")}`;
    const pay = c.rewardsFen;
    const end = this.platformFigures(this.state.day);
    const recruitingDay = minDay(f.recruitPay, f.teamPay);
    const scaleText = this.scale === 1 ? "" : ` (the run is 1:${this.scale}: participants and money × ${this.scale}; levels as simulated)`;
    const platformText = (p: PlatformFigures) =>
      `the platform (its operator the organiser, level 1) had ${groupedNumber(p.participants)} participants in ${p.levels} levels and had collected ${yuan(p.collectedFen)} of new money at the end of day ${p.day}`;
    // One organisation line: met on the platform's figures while a reward rests on recruiting; "size only" when the size was reached without one.
    const organisationTest = (line: OrganisationLine, id: ComplianceTest["id"], basis: string, lineText: string): EnglishTest => {
      const met = this.metFigures[line];
      const size = this.sizeFigures[line];
      const shown = met ?? size ?? end;
      const sub = this.firstOrganiser[line];
      const status = met !== null ? "met" : size !== null ? "size only" : "not met";
      const subText =
        sub === null
          ? `no user's sub-organisation reached the line; the largest: ${largest ? `user ${largest.organiser}'s, ${groupedNumber(largest.participants * this.scale)} participants in ${largest.levels} levels` : "none"}`
          : `the first user's sub-organisation over it: user ${sub.organiser}'s, ${groupedNumber(sub.participants)} participants in ${sub.levels} levels, ${yuan(sub.collectedFen)} collected, at the end of day ${this.firstOrganiserDay[line]}`;
      const evidence =
        status === "met"
          ? `${platformText(shown)}, ${lineText}, and rewards for recruits or downlines had been paid or promised since day ${recruitingDay}${scaleText}; ${subText}${line === "pyramid" ? chainText : ""}`
          : status === "size only"
            ? `size only: ${platformText(shown)}, ${lineText}, but no reward depended on recruiting, directly or indirectly: a referral tree, not a pyramid-selling organisation under 刑法 §224之一${scaleText}; ${subText}`
            : `${platformText(shown)}: ${lineText} not reached${scaleText}; ${subText}`;
      return {
        id,
        basis,
        met: met !== null,
        status,
        firstDay: met?.day ?? null,
        figures: {
          participants: shown.participants,
          levels: shown.levels,
          collected: shown.collectedFen / 100,
          sizeDay: size?.day ?? null,
          recruitingRewardsDay: recruitingDay,
          scale: this.scale,
          organiser: sub?.organiser ?? null,
          organiserDay: this.firstOrganiserDay[line],
          organiserParticipants: sub?.participants ?? null,
          organiserLevels: sub?.levels ?? null,
          organiserCollected: sub === null ? null : sub.collectedFen / 100,
          largestParticipants: (largest?.participants ?? 0) * this.scale,
          largestLevels: largest?.levels ?? 0,
          largestCollected: ((largest?.collectedFen ?? 0) * this.scale) / 100,
        },
        evidence,
      };
    };
    const statute =
      "刑法 §224之一: an organisation that requires a fee or purchase to join and pays rewards that depend, directly or indirectly, on recruiting";
    const tests: EnglishTest[] = [
      organisationTest(
        "pyramid",
        "pyramid-threshold",
        `${statute}; 立案追诉标准(二) §78: at least 30 participants in at least 3 levels, counting the organiser and the organiser's own level`,
        `over ${PYRAMID_PARTICIPANTS} participants in ${PYRAMID_LEVELS} levels`,
      ),
      organisationTest(
        "seriousParticipants",
        "serious-participants",
        `${statute}; 2013 opinion of the Supreme People's Court, Supreme People's Procuratorate and Ministry of Public Security: serious circumstances, at least 120 participants`,
        `over ${SERIOUS_PARTICIPANTS} participants in ${PYRAMID_LEVELS} levels`,
      ),
      organisationTest(
        "seriousAmount",
        "serious-amount",
        `${statute}; 2013 opinion: serious circumstances, at least 2,500,000 yuan collected from the organisation's participants`,
        `over ${yuan(SERIOUS_AMOUNT_FEN)} collected in ${PYRAMID_LEVELS} levels`,
      ),
      {
        id: "recruit-pay",
        basis: "禁止传销条例 §7(1) (拉人头): pay computed on the number of people recruited, directly or indirectly",
        met: f.recruitPay !== null,
        status: f.recruitPay !== null ? "met" : "not met",
        firstDay: f.recruitPay,
        figures: { recruitPay: c.recruitPayFen / 100 },
        evidence:
          f.recruitPay === null
            ? "no reward depended on recruiting anyone"
            : `${yuan(c.recruitPayFen)} paid or promised for recruits joining or buying${reasons("recruit-pay")}`,
      },
      {
        id: "entry-fee",
        basis: "禁止传销条例 §7(2) (入门费): a fee, or a purchase standing for one, required to join or to earn from recruiting",
        met: f.franchise !== null || f.recruitPay !== null || f.teamPay !== null,
        status: f.franchise !== null || f.recruitPay !== null || f.teamPay !== null ? "met" : "not met",
        firstDay: minDay(f.franchise, f.recruitPay, f.teamPay),
        figures: { franchiseFees: c.franchiseFeesFen / 100, participants: this.promotersSeen },
        evidence:
          f.franchise === null && f.recruitPay === null && f.teamPay === null
            ? "no fee to join, and no reward for recruits or a downline that a purchase unlocks"
            : [
                c.franchiseFeesFen > 0 ? `${yuan(c.franchiseFeesFen)} of entry fees paid to become an agent or a member (franchise or membership fees)` : null,
                f.recruitPay !== null || f.teamPay !== null
                  ? `rewards for recruits and downlines are paid only to users who have placed an order: the first order is the fee that unlocks them (${this.promotersSeen} users placed one)`
                  : null,
              ]
                .filter((x) => x !== null)
                .join("; "),
      },
      {
        id: "team-pay",
        basis: "禁止传销条例 §7(3) (团队计酬): pay to an upline computed on a downline's sales or activity",
        met: f.teamPay !== null,
        status: f.teamPay !== null ? "met" : "not met",
        firstDay: f.teamPay,
        figures: { teamPay: c.teamPayFen / 100, rewardChains: schemeLines.rewardChains.map((x) => x.label).join("; ") || null },
        evidence:
          f.teamPay === null
            ? "no reward computed on a downline's sales or activity"
            : `${yuan(c.teamPayFen)} paid or promised on downlines' orders and activity${reasons("team-pay")}${schemeLines.rewardChains.length > 0 ? `; chains: ${schemeLines.rewardChains.map((x) => x.label).join("; ")}` : ""}`,
      },
      {
        id: "direct-selling-cap",
        basis: "直销管理条例 §24: a direct seller's pay only on their own direct sales, at most 30% of them, and no team-based pay",
        met: f.overCap !== null,
        status: f.overCap !== null ? "met" : "not met",
        firstDay: f.overCap,
        figures: {
          pay: pay / 100,
          directSales: c.referredSalesFen / 100,
          usersOverCap,
          share: c.referredSalesFen === 0 ? null : Math.round((pay / c.referredSalesFen) * 1e6) / 1e6,
          deepestChain: this.deepestChain(),
          ownRewards: schemeLines.ownRewardsFen / 100,
        },
        evidence:
          f.overCap === null
            ? pay === 0
              ? "no pay for recruits or downlines"
              : `pay for recruits and downlines ${yuan(pay)} is within 30% of the sales to directly invited users (${yuan(c.referredSalesFen)}), one level deep`
            : `${this.deepestChain() >= 2 ? `rewards reach ${this.deepestChain()} levels up the referral tree (team-based pay); ` : ""}pay for recruits and downlines ${yuan(pay)} against sales to directly invited users ${yuan(c.referredSalesFen)} (${c.referredSalesFen === 0 ? "no such sales" : `${((pay / c.referredSalesFen) * 100).toFixed(1)}%`}); per person, ${usersOverCap} users earned more than 30% of what their direct recruits paid in`,
      },
    ];
    // The same evidence in Chinese, from the same figures and the same journal and chains.
    const details: EvidenceDetails = {
      journal: (basis) =>
        [...this.byFlow.entries()].filter(([flow]) => flow.legal.includes(basis)).map(([flow, fen]) => ({ reasonZh: flow.reasonZh ?? flow.reason, fen })),
      chainsZh: schemeLines.rewardChains.map((x) => x.labelZh),
      deepestChain: chain.map((u) => ({ user: u, joinDay: users.joinDay[u] as number })),
      focus,
    };
    return {
      tests: tests.map((t) => ({ ...t, evidenceZh: complianceEvidenceZh(t, tests, details) })),
      platform: {
        participants: end.participants,
        levels: end.levels,
        collected: end.collectedFen / 100,
        scale: this.scale,
        simulatedParticipants: this.promotersSeen,
        simulatedCollected: this.platformCollectedFen / 100,
      },
      organisations,
      growth: {
        organiser: focus,
        days: focus === null ? [] : (this.growthOfAll([focus]).get(focus) ?? []).map((g) => ({ ...g, participants: g.participants * this.scale })),
      },
      structure: this.structure(final),
      gates: {
        pyramidThresholdDay: f.pyramid,
        seriousParticipantsDay: f.seriousParticipants,
        seriousAmountDay: f.seriousAmount,
        recruitPayDay: f.recruitPay,
        entryFeeDay: minDay(f.franchise, f.recruitPay, f.teamPay),
        teamPayDay: f.teamPay,
        directSellingCapDay: f.overCap,
        testsMet: tests.filter((t) => t.met).length,
        pyramidSizeDay: this.sizeFigures.pyramid?.day ?? null,
        platformParticipants: end.participants,
        platformLevels: end.levels,
        platformCollected: end.collectedFen / 100,
        largestOrganisationParticipants: (largest?.participants ?? 0) * this.scale,
        largestOrganisationLevels: largest?.levels ?? 0,
      },
    };
  }

  /**
   * The days listed organisations crossed each line: from their participants' join days for the
   * largest DATED_ORGANISATIONS (a scan each), and for money from the run's first-crossing record.
   */
  private datesFor(organisations: Organisation[]): void {
    const first = this.firstOrganiser;
    const k = this.scale;
    const dated = organisations.slice(0, DATED_ORGANISATIONS).filter((o) => o.participants * k >= PYRAMID_PARTICIPANTS && o.levels >= PYRAMID_LEVELS);
    const growths = this.growthOfAll(dated.map((o) => o.organiser));
    for (const o of dated) {
      const growth = growths.get(o.organiser) ?? [];
      o.pyramidDay = growth.find((g) => g.participants * k >= PYRAMID_PARTICIPANTS && g.levels >= PYRAMID_LEVELS)?.day ?? null;
      o.seriousParticipantsDay = growth.find((g) => g.participants * k >= SERIOUS_PARTICIPANTS && g.levels >= PYRAMID_LEVELS)?.day ?? null;
    }
    for (const o of organisations) {
      if (first.pyramid?.organiser === o.organiser) o.pyramidDay = this.firstOrganiserDay.pyramid;
      if (first.seriousParticipants?.organiser === o.organiser) o.seriousParticipantsDay = this.firstOrganiserDay.seriousParticipants;
      if (first.seriousAmount?.organiser === o.organiser) o.seriousAmountDay = this.firstOrganiserDay.seriousAmount;
    }
  }

  private chainFrom(organiser: number, deepest: Int32Array): number[] {
    const chain = [organiser];
    let at = organiser;
    while ((deepest[at] as number) >= 0 && chain.length < 10_000) {
      at = deepest[at] as number;
      chain.push(at);
    }
    return chain;
  }

  private growthOfAll(organisers: readonly number[]): Map<number, OrganisationGrowth> {
    const { users } = this.state;
    return organisationGrowth(users.referrer, this.participationDay, users.count, this.state.day, organisers);
  }
}

function minDay(...days: (number | null)[]): number | null {
  const present = days.filter((d): d is number => d !== null);
  return present.length === 0 ? null : Math.min(...present);
}

export type OrganisationGrowth = { day: number; participants: number; levels: number }[];

/**
 * Participants and levels of each of a few organisations (at most 127) on every day 1..days,
 * from each participant's day of joining (pday, 0: never) and depth below the organiser
 * (the organiser is level 1), in one pass over the users (a pass per organisation cost seconds
 * at ten million users). Each user carries the nearest listed organiser above it (or itself)
 * and its depth below that one; an organisation listed inside another counts toward both,
 * through its own organiser's depth in the outer one. Referrers are older than their recruits,
 * so a pass in id order sees every upline first.
 */
export function organisationGrowth(
  referrer: Int32Array,
  pday: Int32Array,
  count: number,
  days: number,
  organisers: readonly number[],
): Map<number, OrganisationGrowth> {
  const listed = organisers.length;
  // Int8 keeps the per-user tag at a byte (ten million users: 10 MB, not 40).
  if (listed > 127) throw new RangeError(`organisationGrowth: at most 127 organisations at once, got ${listed}`);
  const indexOf = new Map<number, number>();
  organisers.forEach((o, k) => indexOf.set(o, k));
  const joined = Array.from({ length: listed }, () => new Float64Array(days + 2));
  const deepestByDay = Array.from({ length: listed }, () => new Int32Array(days + 2));
  // Per listed organiser: the listed organiser enclosing it (-1: none) and its depth there.
  const enclosing = new Int32Array(listed).fill(-1);
  const depthInEnclosing = new Int32Array(listed);
  const nearest = new Int8Array(count).fill(-1);
  const depth = new Int32Array(count);
  const first = listed === 0 ? count : Math.min(...organisers);
  for (let id = first; id < count; id++) {
    const parent = referrer[id] as number;
    const above = parent >= first ? (nearest[parent] as number) : -1;
    const own = indexOf.get(id);
    let k: number;
    let d: number;
    if (own !== undefined) {
      enclosing[own] = above;
      depthInEnclosing[own] = above >= 0 ? (depth[parent] as number) + 1 : 0;
      k = own;
      d = 1;
    } else {
      if (above < 0) continue;
      k = above;
      d = (depth[parent] as number) + 1;
    }
    nearest[id] = k;
    depth[id] = d;
    const day = pday[id] as number;
    if (day === 0) continue;
    // Counted in its nearest organisation and in every listed one around it.
    while (k >= 0) {
      const j = joined[k] as Float64Array;
      j[day] = (j[day] as number) + 1;
      const deepest = deepestByDay[k] as Int32Array;
      if (d > (deepest[day] as number)) deepest[day] = d;
      d += (depthInEnclosing[k] as number) - 1;
      k = enclosing[k] as number;
    }
  }
  const out = new Map<number, OrganisationGrowth>();
  organisers.forEach((organiser, k) => {
    const rows: OrganisationGrowth = [];
    let participants = 0;
    let levels = 0;
    for (let day = 1; day <= days; day++) {
      participants += (joined[k] as Float64Array)[day] as number;
      levels = Math.max(levels, (deepestByDay[k] as Int32Array)[day] as number);
      rows.push({ day, participants, levels });
    }
    out.set(organiser, rows);
  });
  return out;
}
