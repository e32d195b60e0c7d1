import { describe, expect, it } from "vitest";
import { UserTable } from "../src/engine/users.js";

/**
 * The user table grows by doubling, or straight to its limit once doubling reaches half of it;
 * `reserve` (called before a day's arrivals) reaches the same capacity in one step. Expected
 * capacities worked by hand from the rule, starting at 1,024 rows.
 */
describe("user table growth", () => {
  it("reserve reaches the capacity doubling would: 1,024 → 2,048 → 4,096 for 3,000 users, no limit", () => {
    const table = new UserTable(1024, Infinity);
    table.reserve(3000);
    expect(table.capacity).toBe(4096);
  });

  it("reserve goes straight to the limit once doubling reaches half of it: 1,024 → 2,048 → 5,000", () => {
    // From 2,048, doubling gives 4,096, and 4,096 × 2 ≥ 5,000: the limit.
    const table = new UserTable(1024, 5000);
    table.reserve(3000);
    expect(table.capacity).toBe(5000);
  });

  it("keeps every row and column written before it grows, and adding after it grows no further", () => {
    const table = new UserTable(1024, Infinity);
    table.addColumn("scheme.points");
    for (let i = 0; i < 1500; i++) table.add(0, i - 1, i % 3, i % 7);
    table.column("scheme.points")[1499] = 42;
    table.reserve(table.count + 5000);
    expect(table.capacity).toBe(8192);
    for (let i = 0; i < 5000; i++) table.add(1, -1, 0);
    expect(table.capacity).toBe(8192);
    expect(table.count).toBe(6500);
    expect([table.referrer[1499], table.segment[1499], table.county[1499], table.joinDay[1500]]).toEqual([1498, 1499 % 3, 1499 % 7, 1]);
    expect(table.column("scheme.points")[1499]).toBe(42);
    expect(table.firstOfDay[1]).toBe(1500);
  });
});
