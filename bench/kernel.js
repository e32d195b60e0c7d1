// The bare kernel of npm run bench and npm run bench:peers: the ad-point release with nothing
// around it (no ledger, no checks), the fastest JavaScript can do the mechanism.
import seedrandom from "seedrandom";

/**
 * (a) The bare kernel: users as typed-array columns, one seeded draw per user-day (sfc32,
 * inlined), the ad-point release of seed 000's tiers in integer units. Hot loop in a small
 * function called per block of users.
 */
export function kernel(n, days, sample = () => {}) {
  const points = new Float64Array(n).fill(11_000_000); // 1100 points in 0.0001 units
  const change = new Float64Array(n);
  const seeder = seedrandom("kernel");
  const state = new Int32Array([seeder.int32(), seeder.int32(), seeder.int32(), seeder.int32()]);
  const watch = Math.floor(0.9 * 4294967296);
  function block(from, to) {
    let a = state[0],
      b = state[1],
      c = state[2],
      d = state[3];
    for (let i = from; i < to; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      if (t >>> 0 >= watch) continue;
      const balance = points[i];
      if (balance < 2_000_000) continue;
      const cap = balance >= 40_000_000 ? 400_000 : balance >= 20_000_000 ? 200_000 : balance >= 10_000_000 ? 100_000 : 20_000;
      const share = Math.floor(balance / 100);
      const pu = share < cap ? share : cap;
      points[i] = balance - pu;
      change[i] += Math.floor(pu / 100);
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  }
  for (let day = 0; day < days; day++) {
    for (let from = 0; from < n; from += 4096) block(from, Math.min(n, from + 4096));
    if (day % 30 === 0) sample();
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += change[i];
  if (total <= 0) throw new Error("kernel released nothing");
  return { userDays: n * days, users: n, releasedFen: total };
}
