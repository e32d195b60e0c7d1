import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Book, declareFlow, type Flow } from "../src/engine/book.js";
import { CORE_FLOWS } from "../src/engine/core-flows.js";
import { Ledger } from "../src/engine/ledger.js";
import { DayStats } from "../src/engine/day-stats.js";
import { UserTable } from "../src/engine/users.js";
import { Simulation } from "../src/engine/engine.js";
import { SCHEME_MODULES } from "../src/registry.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { ROOT } from "./helpers/cli.js";

/**
 * The book (src/engine/book.ts): money moves only through declared flows. Hand-worked moves
 * below; then the rule itself, read from the sources; then every flow a bundled run uses is
 * one its scheme (or the engine) declares.
 */

function world(): { book: Book; users: UserTable; ledger: Ledger; today: DayStats } {
  const users = new UserTable(16);
  for (let i = 0; i < 3; i++) users.add(1, -1, 0);
  const ledger = new Ledger();
  const today = new DayStats();
  const book = new Book(ledger, users, today);
  book.startDay(1);
  return { book, users, ledger, today };
}

const OWN = declareFlow("test.own", { from: "platform.equity", to: "users.change", reason: "own reward", rewards: "own", counters: ["userPayoutsFen"] });
const DOWNLINE = declareFlow("test.downline", {
  from: "platform.equity",
  to: "users.change",
  reason: "commission",
  reasonZh: "佣金",
  rewards: "downline",
  legal: ["recruit-pay", "team-pay"],
  counters: ["commissionsFen"],
});
const PROMISED = declareFlow("test.promised", {
  from: "platform.equity",
  to: "users.change",
  reason: "bonus in points",
  reasonZh: "积分奖励",
  rewards: "downline",
  legal: ["team-pay"],
});

describe("the book moves money by declared flows", () => {
  it("a credit moves the ledger, the wallet, the own-reward sum and the flow's counters together", () => {
    const { book, users, ledger, today } = world();
    book.credit(OWN, 1, 500); // 5 yuan released to user 1
    book.credit(DOWNLINE, 2, 120); // 1.20 yuan commission to user 2
    book.credit(DOWNLINE, 2, 80);
    // Wallets: user 1 500, user 2 200; only the own reward counts in user 1's own sum.
    expect(Array.from(users.change.subarray(0, 3))).toEqual([0, 500, 200]);
    expect(Array.from(users.rewardsOwn.subarray(0, 3))).toEqual([0, 500, 0]);
    // The ledger: equity −700, the users' change account +700; one journal line per (from, to, reason).
    expect(ledger.balance("platform.equity")).toBe(-700);
    expect(ledger.balance("users.change")).toBe(700);
    expect(ledger.journal().map((l) => [l.reason, l.fen])).toEqual([
      ["commission", 200],
      ["own reward", 500],
    ]);
    // Counters: the own reward is a user payout; the commission a commission, a downline reward
    // (recruitingRewards) and both legal bases.
    expect({
      userPayouts: today.userPayoutsFen,
      commissions: today.commissionsFen,
      recruiting: today.recruitingRewardsFen,
      recruitPay: today.recruitPayFen,
      teamPay: today.teamPayFen,
    }).toEqual({ userPayouts: 500, commissions: 200, recruiting: 200, recruitPay: 200, teamPay: 200 });
    expect(book.dayFlows().map(([flow, fen]) => [flow.id, fen])).toEqual([
      ["test.downline", 200],
      ["test.own", 500],
    ]);
  });

  it("a batch lends the columns and posts once: the same as crediting one by one", () => {
    const one = world();
    const many = world();
    for (const [user, fen] of [
      [0, 10],
      [1, 20],
      [0, 5],
    ] as const)
      one.book.credit(OWN, user, fen);
    const batch = many.book.batch(OWN);
    let total = 0;
    for (const [user, fen] of [
      [0, 10],
      [1, 20],
      [0, 5],
    ] as const) {
      batch.wallet[user] = (batch.wallet[user] as number) + fen;
      (batch.own as Float64Array)[user] = ((batch.own as Float64Array)[user] as number) + fen;
      total += fen;
    }
    batch.post(total);
    expect(Array.from(many.users.change)).toEqual(Array.from(one.users.change));
    expect(Array.from(many.users.rewardsOwn)).toEqual(Array.from(one.users.rewardsOwn));
    expect(many.ledger.journal()).toEqual(one.ledger.journal());
    expect(Array.from(many.today.values)).toEqual(Array.from(one.today.values));
  });

  it("a promise counts a reward at face value without moving money; a debit records what left the wallet", () => {
    const { book, users, ledger, today } = world();
    book.promise(PROMISED, 0, 300);
    expect(users.rewardsPromised[0]).toBe(300);
    expect(users.change[0]).toBe(0);
    expect(ledger.journal()).toEqual([]);
    expect({ recruiting: today.recruitingRewardsFen, teamPay: today.teamPayFen, recruitPay: today.recruitPayFen }).toEqual({
      recruiting: 300,
      teamPay: 300,
      recruitPay: 0,
    });
    const fromChange = CORE_FLOWS.find((f) => f.id === "orders.fromChange") as Flow;
    book.credit(OWN, 0, 1000);
    book.debit(fromChange, 0, 400);
    expect(users.change[0]).toBe(600);
    expect(users.changeDebits[0]).toBe(400);
    expect(today.changeSpentFen).toBe(400);
  });

  it("a flow's day total starts afresh each day, and the wallet check learns when a pending amount can be other than 0", () => {
    const { book } = world();
    book.credit(OWN, 0, 100);
    book.credit(OWN, 1, 50);
    expect(book.dayFlows().map(([flow, fen]) => [flow.id, fen])).toEqual([["test.own", 150]]);
    book.startDay(2);
    expect(book.dayFlows()).toEqual([]);
    book.credit(OWN, 1, 7);
    expect(book.dayFlows().map(([flow, fen]) => [flow.id, fen])).toEqual([["test.own", 7]]);
    // Rewards and debits of the wallet leave every pending amount at 0: nothing to sum.
    expect(book.pendingMayBeNonZero()).toBe(false);
    const request = CORE_FLOWS.find((f) => f.id === "withdrawals.request") as Flow;
    expect(book.batch(request).pending).not.toBeNull();
    expect(book.pendingMayBeNonZero()).toBe(true);
    const { book: other } = world();
    other.withdrawalPaid(0, 0);
    expect(other.pendingMayBeNonZero()).toBe(true);
  });
});

/** A line of code with the contents of its string literals removed. */
function withoutStrings(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

/** Every .ts file under src/, with its text. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) out.push({ file: relative(ROOT, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(join(ROOT, "src"));
  return out;
}

describe("no module but the book moves money or touches a wallet column", () => {
  const MONEY_COLUMNS = "change|pending|cashIn|cashOut|rewardsOwn|changeDebits|rewardsPromised";
  const owners = new Set(["src/engine/book.ts", "src/engine/users.ts", "src/engine/ledger.ts"]);

  it("no users.<money column>, no destructuring one from the user table, no ledger transfer, no money counter by hand", () => {
    const offences: string[] = [];
    for (const { file, text } of sources()) {
      if (owners.has(file)) continue;
      const lines = text.split("\n");
      lines.forEach((raw, i) => {
        const where = `${file}:${i + 1}: ${raw.trim()}`;
        // Account names ("users.change") are strings, not columns: read the code without its strings.
        const line = withoutStrings(raw);
        if (new RegExp(`\\busers\\.(${MONEY_COLUMNS})\\b`).test(line)) offences.push(where);
        if (new RegExp(`\\{[^}]*\\b(${MONEY_COLUMNS})\\b[^}]*\\}\\s*=\\s*(this\\.)?(state\\.)?users\\b`).test(line)) offences.push(where);
        if (/\.transfer\(/.test(line)) offences.push(where);
        if (
          /today\.(commissionsFen|userPayoutsFen|recruitingRewardsFen|recruitPayFen|teamPayFen|feeRevenueFen|franchiseFeesFen|newMoneyInFen|withdrawalsPaidFen|withdrawalsRequestedFen|operatingCostFen|changeSpentFen)\s*[+-]?=/.test(
            line,
          )
        )
          offences.push(where);
        if (/\.addAt\(/.test(line) && file !== "src/engine/state.ts") offences.push(where);
      });
    }
    expect(offences).toEqual([]);
  });

  it("the check would see an offence (a wallet written by hand)", () => {
    expect(new RegExp(`\\busers\\.(${MONEY_COLUMNS})\\b`).test("users.change[id] = (users.change[id] as number) + fen;")).toBe(true);
    expect(
      new RegExp(`\\{[^}]*\\b(${MONEY_COLUMNS})\\b[^}]*\\}\\s*=\\s*(this\\.)?(state\\.)?users\\b`).test("const { flags, change, referrer } = users;"),
    ).toBe(true);
  });

  it("every flow a bundled run uses is declared by its scheme or the engine, and each id names one flow", () => {
    const declared = new Map<string, Flow>();
    for (const flow of [...CORE_FLOWS, ...SCHEME_MODULES.flatMap((m) => m.flows ?? [])]) {
      expect(declared.has(flow.id), `flow ${flow.id} declared twice`).toBe(false);
      declared.set(flow.id, flow);
    }
    const used = new Set<string>();
    for (const file of [
      "seed-002-combined.yaml",
      "seed-002-team-agents.yaml",
      "seed-003-shared-purchase.yaml",
      "seed-004-order-dividend.yaml",
      "rank-dividends.yaml",
      "dividend-rights.yaml",
    ]) {
      const { scenario } = loadScenarioFile(join(ROOT, "scenarios", file));
      const simulation = new Simulation({ ...scenario, days: Math.min(scenario.days, 120) }, SCHEME_MODULES);
      while (!simulation.done) {
        simulation.step();
        for (const [flow] of simulation.state.book.dayFlows()) {
          expect(declared.get(flow.id), `${file}: flow ${flow.id} is not declared`).toBe(flow);
          used.add(flow.id);
        }
      }
    }
    // The runs exercised flows of every kind: wallets, pools, cash, fees.
    for (const id of [
      "ads.release",
      "ads.releaseCommission",
      "valueAdded.sell",
      "dividendQueue.refund",
      "rankDividends.poolIn",
      "dividendRights.payout",
      "sharedPurchase.ctcFee",
      "withdrawals.paid",
      "orders.newMoney",
    ])
      expect(used.has(id), id).toBe(true);
  });
});
