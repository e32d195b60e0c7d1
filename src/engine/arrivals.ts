import type { CoreScenario } from "./scenario.js";
import { words } from "../i18n/words.js";
import type { SimState } from "./state.js";
import { declarePurpose, type DrawKey } from "./draws.js";
import { RecruiterChoice } from "./recruiters.js";
import { LimitError } from "../errors.js";

/** How many invitations succeed today (the platform's draw). */
const ARRIVALS = declarePurpose("arrivals");
/** Whether the k-th arrival of the day was invited, by whom, into which segment and county. */
const INVITED = declarePurpose("arrival.invited");
const REFERRER = declarePurpose("arrival.referrer");
const SEGMENT = declarePurpose("arrival.segment");
const COUNTY = declarePurpose("arrival.county");

/**
 * Expected arrivals on day `t` of the arrival period (t = day − startDay) with `users` users of
 * whom `promoters` can invite, before confidence and shocks (referral: invitations). Shared by
 * the engine and the run estimate (src/scenario/estimate.ts).
 */
export function expectedArrivals(c: CoreScenario["population"]["arrivals"], t: number, users: number, promoters: number): number {
  switch (c.model) {
    case "constant":
      return c.perDay;
    case "exponential":
      return c.perDay * Math.pow(1 + c.growthRate, t);
    case "logistic": {
      // Cumulative S-curve N(t) = K / (1 + ((K − N0) / N0) e^(−r t)); arrivals are its daily increase.
      const k = c.marketSize;
      const n0 = Math.max(1, Math.min(c.initialUsers, k));
      const curve = (x: number) => k / (1 + ((k - n0) / n0) * Math.exp(-c.growthRate * x));
      return t === 0 ? n0 : curve(t) - curve(t - 1);
    }
    case "referral":
      return t === 0 ? c.initialUsers : promoters * c.inviteRate * Math.max(0, 1 - users / c.marketSize);
  }
}

/**
 * Phase 2: how many users arrive today and who invited them. constant, exponential and
 * logistic arrivals are deterministic (fractions carry to the next day); referral
 * arrivals are a Poisson draw of invitations by the promoters.
 */
export class Arrivals {
  private carry = 0;
  private readonly cumulativeWeights: number[];

  private readonly config: CoreScenario["population"]["arrivals"];
  /** Number of counties; a new user's county is drawn only when there is more than one. */
  private readonly counties: number;
  private readonly scheduled: { day: number; count: number; segment: number }[];
  private readonly recruiters: RecruiterChoice;

  constructor(population: CoreScenario["population"]) {
    this.config = population.arrivals;
    this.recruiters = new RecruiterChoice(population.arrivals.recruiter);
    const g = population.geography;
    this.counties = g.regions * g.provincesPerRegion * g.citiesPerProvince * g.countiesPerCity;
    const segments = population.segments;
    const names = segments.map((s) => s.name);
    this.scheduled = population.scheduled.map((g) => ({ day: g.day, count: g.count, segment: Math.max(0, names.indexOf(g.segment)) }));
    let total = 0;
    this.cumulativeWeights = segments.map((s) => (total += s.weight));
  }

  /** Expected arrivals today before confidence and shocks (referral: invitations). */
  private expected(state: SimState): number {
    return expectedArrivals(this.config, state.day - this.config.startDay, state.users.count, state.promoters.length);
  }

  /** Adds today's new users; returns their first id (they are ids first..users.count-1). */
  arrive(state: SimState): number {
    const { users, draws, shocks } = state;
    const day = state.day;
    const first = users.count;
    // The k-th arrival of the day draws as (k, day): the identity it keeps (UserTable.firstOfDay).
    const county = draws.key(COUNTY, day);
    for (const group of this.scheduled) {
      if (group.day !== day) continue;
      this.checkLimit(state, group.count);
      users.reserve(users.count + group.count);
      for (let i = 0; i < group.count; i++) users.add(day, -1, group.segment, this.county(county, users.count - first, day));
    }
    const c = this.config;
    if (state.day < c.startDay || (c.endDay !== null && state.day > c.endDay) || shocks.arrivalsStopped) {
      state.today.usersNew = users.count - first;
      return first;
    }
    const scale = state.behaviourFactor() * shocks.arrivalsMultiplier * (state.responseFactors[0] as number);
    let count: number;
    if (c.model === "referral" && state.day > c.startDay) {
      count = draws.key(ARRIVALS, day).poisson(this.expected(state) * scale);
    } else {
      this.carry += this.expected(state) * scale;
      count = Math.floor(this.carry);
      this.carry -= count;
    }
    count = Math.max(0, Math.min(count, c.marketSize - users.count));
    this.checkLimit(state, count);
    users.reserve(users.count + count);
    const invited = c.model === "referral" ? 1 : c.referredShare;
    const segmentCount = this.cumulativeWeights.length;
    const invitedKey = draws.key(INVITED, day);
    const referrerKey = draws.key(REFERRER, day);
    const segmentKey = draws.key(SEGMENT, day);
    for (let i = 0; i < count; i++) {
      const k = users.count - first;
      const promoters = state.promoters;
      const referrer = promoters.length > 0 && invitedKey.chance(invited, k, day) ? this.recruiters.pick(referrerKey.uniform(k, day), promoters) : -1;
      if (referrer >= 0) this.recruiters.recruited(referrer);
      const segment = segmentCount === 1 ? 0 : segmentKey.pick(this.cumulativeWeights, k, day);
      users.add(day, referrer, segment, this.county(county, k, day));
    }
    state.today.usersNew = users.count - first;
    return first;
  }

  private county(key: DrawKey, k: number, day: number): number {
    return this.counties === 1 ? 0 : key.below(this.counties, k, day);
  }

  private checkLimit(state: SimState, count: number): void {
    const max = state.scenario.population.maxUsers;
    if (state.users.count + count > max) {
      throw new LimitError(words("error.maxUsers", { day: state.day, max }));
    }
  }
}
