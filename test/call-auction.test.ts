import { describe, expect, it } from "vitest";
import { clearCallAuction } from "../src/schemes/call-auction.js";

// Prices in 0.0001 yuan: 10000 = 1.0000 yuan/point. Quantities in whole units for readability.
describe("CTC call auction (docs/model.md, shared purchase)", () => {
  it("clears at the price that maximises matched volume", () => {
    // Bids: 100 @1.20, 50 @1.00. Asks: 80 @0.90, 60 @1.10.
    // At 0.90: D 150, S 80 → 80. At 1.00: D 150, S 80 → 80. At 1.10: D 100, S 140 → 100. At 1.20: D 100, S 140 → 100.
    // Volume 100 at 1.10 or 1.20; imbalance 40 at both; reference 1.00 is closer to 1.10.
    const c = clearCallAuction(
      [
        { id: 0, qty: 100, limit: 12000 },
        { id: 1, qty: 50, limit: 10000 },
      ],
      [
        { id: 0, qty: 80, limit: 9000 },
        { id: 1, qty: 60, limit: 11000 },
      ],
      10000,
    );
    expect(c.price).toBe(11000);
    expect(c.volume).toBe(100);
    expect(c.bidFills).toEqual([100, 0]);
    // Asks fill cheapest first: all 80 of the 0.90 ask, then 20 of the 1.10 ask.
    expect(c.askFills).toEqual([80, 20]);
  });

  it("breaks a volume tie by the smaller imbalance", () => {
    // Bids 10 @1.50 and 10 @1.00; asks 10 @0.80 and 15 @1.00.
    // 0.80: D 20, S 10 → 10 (imb 10). 1.00: D 20, S 25 → 20 (imb 5). 1.50: D 10, S 25 → 10.
    const c = clearCallAuction(
      [
        { id: 0, qty: 10, limit: 15000 },
        { id: 1, qty: 10, limit: 10000 },
      ],
      [
        { id: 0, qty: 10, limit: 8000 },
        { id: 1, qty: 15, limit: 10000 },
      ],
      12000,
    );
    expect(c.price).toBe(10000);
    expect(c.volume).toBe(20);
    expect(c.askFills).toEqual([10, 10]);
  });

  it("rations the long side by price, then by id, with a partial fill", () => {
    // One ask of 25 @1.00 against three bids of 10 @1.00 (ids 2, 0, 1 in the book).
    const c = clearCallAuction(
      [
        { id: 2, qty: 10, limit: 10000 },
        { id: 0, qty: 10, limit: 10000 },
        { id: 1, qty: 10, limit: 10000 },
      ],
      [{ id: 0, qty: 25, limit: 10000 }],
      10000,
    );
    expect(c.volume).toBe(25);
    expect(c.bidFills).toEqual([5, 10, 10]);
  });

  it("does not trade when bids are all below asks", () => {
    const c = clearCallAuction([{ id: 0, qty: 10, limit: 9000 }], [{ id: 0, qty: 10, limit: 9500 }], 10000);
    expect(c.price).toBeNull();
    expect(c.volume).toBe(0);
    expect(c.askFills).toEqual([0]);
  });

  it("breaks a full tie by the price closest to the reference, then the lowest", () => {
    // 10 bid @1.20, 10 ask @1.00: both 1.00 and 1.20 match 10 with imbalance 0.
    expect(clearCallAuction([{ id: 0, qty: 10, limit: 12000 }], [{ id: 0, qty: 10, limit: 10000 }], 11900).price).toBe(12000);
    expect(clearCallAuction([{ id: 0, qty: 10, limit: 12000 }], [{ id: 0, qty: 10, limit: 10000 }], 11000).price).toBe(10000);
  });
});
