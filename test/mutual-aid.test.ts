import { describe, expect, it } from "vitest";
import { createSimulation, simulate } from "../src/simulate.js";
import { scenarioOf } from "./helpers/scenario.js";
import { schemeBytesPerUser } from "../src/scenario/estimate.js";

/** Mutual aid (src/schemes/mutual-aid.ts), worked by hand: pledges of ¥1,000 owed ¥1,300 two days later. */
const help = { id: "help", price: 1000, mutualAid: true };
const member = { name: "m", orderRate: 0, firstOrderProbability: 1, withdraw: { probability: 0 } };

describe("mutual aid: provide help, get help from later pledges", () => {
  it("three members a day apart: the first two are paid in full, the third in part, and the unpaid help collapses the scheme", () => {
    const scenario = scenarioOf({
      days: 7,
      products: [help],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [1, 2, 3].map((day) => ({ day, count: 1, segment: "m" })),
        segments: [member],
      },
      schemes: { mutualAid: { zones: [{ minAmount: 0, returnRate: 0.3, waitDays: 2 }] } },
      collapse: { mutualAid: { maxOverdueDays: 1 } },
    });
    const { rows, summary } = simulate(scenario);
    // Day 1: A pledges 1,000 (pool 1,000; A owed 1,300 from day 3). Day 2: B likewise (pool
    // 2,000). Day 3: C pledges (pool 3,000), A's 1,300 is paid (1,700). Day 4: B's (400).
    // Day 5: C's falls due and gets the 400 left; 900 waits. Day 6: 1 day overdue (not more
    // than maxOverdueDays 1). Day 7: 2 days: the scheme has failed.
    expect(rows.map((r) => r.aid_pool)).toEqual(["1000.00", "2000.00", "1700.00", "400.00", "0.00", "0.00", "0.00"]);
    expect(rows.map((r) => r.aid_owed)).toEqual(["1300.00", "2600.00", "2600.00", "1300.00", "900.00", "900.00", "900.00"]);
    expect(rows.map((r) => r.aid_paid)).toEqual(["0.00", "0.00", "1300.00", "1300.00", "400.00", "0.00", "0.00"]);
    expect(rows.map((r) => r.aid_matured_unpaid)).toEqual(["0.00", "0.00", "0.00", "0.00", "900.00", "900.00", "900.00"]);
    expect(rows.map((r) => r.aid_overdue_days)).toEqual(["", "", "", "", "0", "1", "2"]);
    expect(summary.collapseDay).toBe(7);
    expect(summary.collapse?.signal).toBe("mutualAid.unpaidHelp");
  });

  it("tickets, bonuses up a chain and forced reinvestment of half of every match", () => {
    const scenario = scenarioOf({
      days: 5,
      products: [help],
      population: {
        // One arrival a day on days 1 to 3, each recruited by the one before.
        arrivals: { model: "constant", perDay: 1, endDay: 3, referredShare: 1, recruiter: { model: "recent", window: 1 } },
        segments: [member],
      },
      schemes: { mutualAid: { zones: [{ minAmount: 0, returnRate: 0.3, waitDays: 2 }], ticketFee: 10, reinvestShare: 0.5, referralShares: [0.1, 0.05] } },
    });
    const sim = createSimulation(scenario);
    const rows: Record<string, unknown>[] = [];
    while (!sim.done) rows.push(sim.step());
    const aid = (column: string) => rows.map((r) => r[column]);
    // Day 1: user 0 pledges 1,000 (+ a 10 ticket); pool 1,000; owed 1,300 due day 3.
    // Day 2: user 1 (recruited by 0): 100 to user 0's change; pool + 900 = 1,900.
    // Day 3: user 2: 100 to user 1, 50 to user 0; pool + 850 = 2,750. User 0's 1,300 falls due:
    //   650 reinvested (owed 650 × 1.3 = 845 from day 5), 650 paid: pool 2,100.
    // Day 4: user 1's 1,300: 650 paid, 845 owed from day 6: pool 1,450.
    // Day 5: user 2's 1,300: 650 paid (845 owed from day 7): pool 800; then user 0's 845 gets the
    //   800: 400 reinvested (520 owed from day 7), 400 paid: pool 400, 45 left at the head; the
    //   45: 22.50 reinvested (29.25 owed from day 7), 22.50 paid: pool 377.50.
    expect(aid("aid_pool")).toEqual([100_000, 190_000, 210_000, 145_000, 37_750]);
    // Owed: 1,300; 2,600; 1,300 + 1,300 + 845; 1,300 + 845 + 845; 845 + 845 + 520 + 29.25.
    expect(aid("aid_owed")).toEqual([130_000, 260_000, 344_500, 299_000, 223_925]);
    expect(aid("aid_paid")).toEqual([0, 0, 65_000, 65_000, 107_250]);
    const u = sim.state.users;
    expect(Array.from(u.cashOut.subarray(0, 3))).toEqual([107_250, 65_000, 65_000]);
    expect(Array.from(u.change.subarray(0, 3))).toEqual([15_000, 10_000, 0]);
    expect(Array.from(u.cashIn.subarray(0, 3))).toEqual([101_000, 101_000, 101_000]);
    const r = sim.result();
    expect(r.summary.schemes?.mutualAid).toMatchObject({
      pledges: 3,
      pledged: 3000,
      helpPaid: 2372.5,
      reinvested: 2372.5,
      tickets: 30,
      bonuses: 250,
      stillOwed: 2239.25,
    });
    // The ticket is an entry fee; the bonuses rest on recruiting (one level) and on a downline's payments (two).
    const ids = r.compliance.tests.filter((t) => t.met).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(["entry-fee", "recruit-pay", "team-pay"]));
  });
});

describe("mutual aid in the run estimate", () => {
  it("bounds the queues' bytes per user when no pledge is ever matched (every pledge stays queued)", () => {
    // 200 members on day 1, each pledging on joining and then with a daily chance of 0.3 for 60
    // days, waiting 10 years: nothing falls due, so every pledge is a live queue entry of 16 bytes
    // in an array of at most twice the live size (and for a moment the old one beside it): 48
    // bytes per pledge at most. Expected pledges per member 1 + 0.3 × 59 = 18.7; the bound takes
    // 1 + 0.3 × 60 = 19 orders a user and, with no reinvestment, 8 + 48 × 19 = 920 bytes a user.
    const input = {
      days: 60,
      products: [help],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 200, segment: "m" }],
        segments: [{ ...member, orderRate: 0.3 }],
      },
      schemes: { mutualAid: { zones: [{ minAmount: 0, returnRate: 0.3, waitDays: 3650 }] } },
    };
    const scenario = scenarioOf(input);
    expect(schemeBytesPerUser(scenario)).toBeCloseTo(8 + 48 * 19, 9);
    const { summary } = simulate(scenario);
    const pledges = (summary.schemes.mutualAid as { pledges: number }).pledges;
    // Not a vacuous bound: the members did pledge about 18.7 times each.
    expect(pledges / 200).toBeGreaterThan(15);
    expect((48 * pledges) / 200).toBeLessThanOrEqual(schemeBytesPerUser(scenario));
    // Reinvestment can at most double the live pledges; a rule change raising the order rate
    // raises the bound with it (1 + 0.5 × 60 = 31 orders a user).
    const reinvesting = scenarioOf({ ...input, schemes: { mutualAid: { zones: [{ minAmount: 0, returnRate: 0.3, waitDays: 30 }], reinvestShare: 0.5 } } });
    expect(schemeBytesPerUser(reinvesting)).toBeCloseTo(8 + 2 * 48 * 19, 9);
    const raised = scenarioOf({ ...input, changes: [{ day: 30, key: "population.segments.m.orderRate", value: 0.5 }] });
    expect(schemeBytesPerUser(raised)).toBeCloseTo(8 + 48 * 31, 9);
  });
});
