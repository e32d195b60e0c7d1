import { describe, expect, it } from "vitest";
import { forEachUpline, UserTable } from "../src/engine/users.js";
import { UplineCredits } from "../src/engine/upline-credits.js";
import { ComplianceTracker, organisationGrowth, type OrganisationGrowth } from "../src/engine/compliance.js";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { product, scenarioOf } from "./helpers/scenario.js";

/**
 * The referral walk is forEachUpline (src/engine/users.ts); the schemes that pay up the chain
 * call it. Two hot loops walk the chain inline for speed instead: the ad release reads each
 * level's upline from a column (UplineCredits.ancestors, filled from the referrer column a level
 * at a time), and the compliance report sums every organisation in one backwards pass over the
 * users and finds each participant's listed organisations in one forward pass (organisationGrowth).
 * Here they are held equal to the shared walk on random forests.
 */

/** A small deterministic generator for the test's forests (not the engine's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** The uplines the shared walk visits, nearest first. */
function walk(referrer: Int32Array, user: number, maxLevels: number): number[] {
  const seen: number[] = [];
  forEachUpline(referrer, user, maxLevels, (upline) => {
    seen.push(upline);
  });
  return seen;
}

describe("the referral walk (forEachUpline)", () => {
  // 0 ← 1 ← 2 ← 3 (each referred by the one before), 4 a root of its own.
  const referrer = Int32Array.from([-1, 0, 1, 2, -1]);

  it("visits the upline, its upline, ... with their levels, up to the depth limit", () => {
    const visited: [number, number][] = [];
    forEachUpline(referrer, 3, 10, (upline, level) => {
      visited.push([upline, level]);
    });
    expect(visited).toEqual([
      [2, 0],
      [1, 1],
      [0, 2],
    ]);
    expect(walk(referrer, 3, 2)).toEqual([2, 1]);
    expect(walk(referrer, 3, 0)).toEqual([]);
    expect(walk(referrer, 4, 10)).toEqual([]);
    expect(walk(referrer, 0, 10)).toEqual([]);
  });

  it("stops when the visitor returns false", () => {
    const visited: number[] = [];
    forEachUpline(referrer, 3, 10, (upline) => {
      visited.push(upline);
      return upline !== 1;
    });
    expect(visited).toEqual([2, 1]);
  });
});

describe("inline walks equal the shared walk", () => {
  it("the ad release's ancestor columns hold, level by level, the uplines forEachUpline visits", () => {
    const next = lcg(11);
    const levels = 5;
    const users = new UserTable(8);
    const credits = new UplineCredits(levels, new Float64Array(levels).fill(1));
    // Users arrive over several days; the columns are filled for each day's newcomers (and grown).
    for (let day = 1; day <= 6; day++) {
      for (let i = 0; i < 3_000; i++) {
        // Mostly recent uplines, so chains run deeper than the levels paid.
        const count = users.count;
        const referrer = count === 0 || next() < 0.05 ? -1 : Math.max(0, count - 1 - Math.floor(next() * Math.min(count, 40)));
        users.add(day, referrer, 0);
      }
      credits.begin(users, users.change);
      let deepest = 0;
      for (let user = 0; user < users.count; user++) {
        const columns: number[] = [];
        for (let level = 0; level < levels; level++) {
          const upline = (credits.ancestors[level] as Int32Array)[user] as number;
          if (upline < 0) break;
          columns.push(upline);
        }
        const walked = walk(users.referrer, user, levels);
        if (columns.length !== walked.length || columns.some((u, l) => u !== walked[l])) expect({ day, user, columns }).toEqual({ day, user, columns: walked });
        deepest = Math.max(deepest, walk(users.referrer, user, Number.POSITIVE_INFINITY).length);
      }
      // Chains longer than the levels paid are cut at the limit, as the walk cuts them.
      expect(deepest).toBeGreaterThan(levels);
    }
  });

  it("organisationGrowth's one pass counts each participant in the organisations the walk finds above it", () => {
    const next = lcg(5);
    const count = 4_000;
    const days = 30;
    const referrer = new Int32Array(count);
    const pday = new Int32Array(count);
    for (let id = 0; id < count; id++) {
      referrer[id] = id === 0 || next() < 0.03 ? -1 : Math.max(0, id - 1 - Math.floor(next() * Math.min(id, 25)));
      pday[id] = next() < 0.7 ? 1 + Math.floor(next() * days) : 0;
    }
    // Sixty organisers spread over the users, many of them inside one another.
    const organisers = Array.from({ length: 60 }, (_, k) => k * 61 + 7);
    const growth = organisationGrowth(referrer, pday, count, days, organisers);

    // The second method: from each participant, walk up with forEachUpline; it counts in each
    // listed organiser it meets (and in its own organisation when it is one), at its depth there.
    const listed = new Map(organisers.map((o, k) => [o, k]));
    const joined = organisers.map(() => new Float64Array(days + 2));
    const deepest = organisers.map(() => new Int32Array(days + 2));
    const tally = (k: number, day: number, depth: number) => {
      (joined[k] as Float64Array)[day] = ((joined[k] as Float64Array)[day] as number) + 1;
      if (depth > ((deepest[k] as Int32Array)[day] as number)) (deepest[k] as Int32Array)[day] = depth;
    };
    for (let id = 0; id < count; id++) {
      const day = pday[id] as number;
      if (day === 0) continue;
      const own = listed.get(id);
      if (own !== undefined) tally(own, day, 1);
      forEachUpline(referrer, id, Number.POSITIVE_INFINITY, (upline, level) => {
        const k = listed.get(upline);
        if (k !== undefined) tally(k, day, level + 2);
      });
    }
    let nested = 0;
    organisers.forEach((organiser, k) => {
      const rows: OrganisationGrowth = [];
      let participants = 0;
      let levels = 0;
      for (let day = 1; day <= days; day++) {
        participants += (joined[k] as Float64Array)[day] as number;
        levels = Math.max(levels, (deepest[k] as Int32Array)[day] as number);
        rows.push({ day, participants, levels });
      }
      expect(growth.get(organiser)).toEqual(rows);
      if (walk(referrer, organiser, Number.POSITIVE_INFINITY).some((u) => listed.has(u))) nested++;
    });
    // The forest does nest organisations (the one-pass rule for them is exercised).
    expect(nested).toBeGreaterThan(5);
  });
  it("the compliance report's backwards pass gives each organisation the participants and levels the walk finds below it", () => {
    const next = lcg(3);
    const state = new SimState(scenarioOf({ products: [product({})] }), 1);
    const tracker = new ComplianceTracker(state, () => 0);
    const { users, promoters } = state;
    for (let day = 1; day <= 5; day++) {
      if (day > 1) tracker.closeDay();
      state.day = day;
      state.today.reset();
      for (let i = 0; i < 600; i++) {
        const count = users.count;
        const referrer = count === 0 || next() < 0.02 ? -1 : Math.max(0, count - 1 - Math.floor(next() * Math.min(count, 30)));
        const id = users.add(day, referrer, 0);
        // A quarter never order: organisations reach participants through them.
        if (next() < 0.25) continue;
        users.flags[id] = FLAG_PROMOTER;
        users.cashIn[id] = 10_000;
        promoters.push(id);
      }
    }
    tracker.closeDay();
    const report = tracker.report({ rewardChains: [], ownRewardsFen: 0 });

    // The second method: from each participant, walk up; it counts in its own organisation and
    // in every upline's, its level there one more than the walk's steps.
    const participants = new Int32Array(users.count);
    const levels = new Int32Array(users.count);
    for (const id of promoters) {
      participants[id] = (participants[id] as number) + 1;
      levels[id] = Math.max(levels[id] as number, 1);
      forEachUpline(users.referrer, id, Number.POSITIVE_INFINITY, (upline, level) => {
        participants[upline] = (participants[upline] as number) + 1;
        levels[upline] = Math.max(levels[upline] as number, level + 2);
      });
    }
    expect(report.organisations.length).toBeGreaterThan(50);
    for (const o of report.organisations)
      expect({ organiser: o.organiser, participants: o.participants, levels: o.levels }).toEqual({
        organiser: o.organiser,
        participants: participants[o.organiser],
        levels: levels[o.organiser],
      });
    // Roots and deep organisations both listed.
    expect(report.organisations.some((o) => o.root)).toBe(true);
    expect(report.organisations.some((o) => !o.root && o.levels > 5)).toBe(true);
  });
});
