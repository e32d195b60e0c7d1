import { describe, expect, it } from "vitest";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { purchaseCommission } from "../src/schemes/purchase-commission.js";
import { product, scenarioOf } from "./helpers/scenario.js";

function chain(distribution: number) {
  const scenario = scenarioOf({ products: [product({ price: 1000, distribution })], schemes: { purchaseCommission: {} } });
  const state = new SimState(scenario, 1);
  const instance = purchaseCommission.create(scenario.schemes.purchaseCommission!, state);
  const grand = state.users.add(1, -1, 0);
  const upline = state.users.add(1, grand, 0);
  const buyer = state.users.add(1, upline, 0);
  state.users.flags[grand] = FLAG_PROMOTER;
  state.users.flags[upline] = FLAG_PROMOTER;
  const p = state.products[0];
  if (!p) throw new Error("no product");
  instance.onOrder?.({ user: buyer, product: p.product, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
  return { state, grand, upline };
}

describe("purchase commissions (docs/model.md, orders, 二级分销)", () => {
  it("pays 20% and 10% of the order to upline and grand-upline", () => {
    const { state, grand, upline } = chain(300);
    expect(state.users.change[upline]).toBe(20_000);
    expect(state.users.change[grand]).toBe(10_000);
    expect(state.today.commissionsFen).toBe(30_000);
  });

  it("caps the total by the product's distribution budget", () => {
    const { state, grand, upline } = chain(250);
    expect(state.users.change[upline]).toBe(20_000);
    expect(state.users.change[grand]).toBe(5_000);
  });
});
