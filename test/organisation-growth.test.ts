import { describe, expect, it } from "vitest";
import { organisationGrowth, type OrganisationGrowth } from "../src/engine/compliance.js";

/** The second method: one organisation at a time, a pass each (the tracker's rule before the one-pass version). */
function growthOne(referrer: Int32Array, pday: Int32Array, count: number, days: number, organiser: number): OrganisationGrowth {
  const joined = new Float64Array(days + 2);
  const deepestByDay = new Int32Array(days + 2);
  const depth = new Int32Array(count).fill(-1);
  depth[organiser] = 1;
  for (let id = organiser; id < count; id++) {
    if (id !== organiser) {
      const parent = referrer[id] as number;
      if (parent < organiser || (depth[parent] as number) < 0) continue;
      depth[id] = (depth[parent] as number) + 1;
    }
    const d = pday[id] as number;
    if (d === 0) continue;
    joined[d] = (joined[d] as number) + 1;
    if ((depth[id] as number) > (deepestByDay[d] as number)) deepestByDay[d] = depth[id] as number;
  }
  const out: OrganisationGrowth = [];
  let participants = 0;
  let levels = 0;
  for (let d = 1; d <= days; d++) {
    participants += joined[d] as number;
    levels = Math.max(levels, deepestByDay[d] as number);
    out.push({ day: d, participants, levels });
  }
  return out;
}

describe("organisation growth in one pass (src/engine/compliance.ts)", () => {
  it("a hand-worked chain: B inside A; C below B counts at level 2 of B and level 3 of A", () => {
    // 0 (A) → 1 (B) → 2 (C); 3 joins under A. Participation days: A 1, B 2, C 3, user 3 never.
    const referrer = Int32Array.from([-1, 0, 1, 0]);
    const pday = Int32Array.from([1, 2, 3, 0]);
    const growth = organisationGrowth(referrer, pday, 4, 3, [1, 0]);
    expect(growth.get(0)).toEqual([
      { day: 1, participants: 1, levels: 1 },
      { day: 2, participants: 2, levels: 2 },
      { day: 3, participants: 3, levels: 3 },
    ]);
    expect(growth.get(1)).toEqual([
      { day: 1, participants: 0, levels: 0 },
      { day: 2, participants: 1, levels: 1 },
      { day: 3, participants: 2, levels: 2 },
    ]);
  });

  it("equals a pass per organisation on a random forest with organisations nested three deep", () => {
    let s = 99;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const count = 20_000;
    const days = 60;
    const referrer = new Int32Array(count);
    const pday = new Int32Array(count);
    for (let id = 0; id < count; id++) {
      // Mostly recent uplines, so chains run deep.
      referrer[id] = id === 0 || next() < 0.02 ? -1 : Math.max(0, id - 1 - Math.floor(next() * Math.min(id, 50)));
      pday[id] = next() < 0.8 ? 1 + Math.floor((id / count) * days) : 0;
    }
    // Three nested organisers: a, b two levels below a, c two levels below b; others elsewhere.
    const size = new Int32Array(count).fill(1);
    for (let id = count - 1; id > 0; id--) {
      const parent = referrer[id] as number;
      if (parent >= 0) size[parent] = (size[parent] as number) + (size[id] as number);
    }
    // The recruit with the largest organisation, `levels` times down.
    const below = (top: number, levels: number): number => {
      let at = top;
      for (let l = 0; l < levels; l++) {
        let child = -1;
        for (let id = at + 1; id < count; id++) if (referrer[id] === at && (child < 0 || (size[id] as number) > (size[child] as number))) child = id;
        if (child < 0) throw new Error(`no recruit below user ${at}`);
        at = child;
      }
      return at;
    };
    const a = 10;
    const b = below(a, 2);
    const c = below(b, 2);
    const organisers = [c, 5_000, a, b, 12_345, 0, 1];
    const all = organisationGrowth(referrer, pday, count, days, organisers);
    for (const o of organisers) expect(all.get(o)).toEqual(growthOne(referrer, pday, count, days, o));
    expect(all.get(a)?.[days - 1]?.levels ?? 0).toBeGreaterThan(3);
    expect(all.get(c)?.[days - 1]?.participants ?? 0).toBeGreaterThan(0);
  });
});
