// npm run bench:compliance — what the regulator's tests cost on a million participants.
// Two referral trees built by hand, 1,000,000 participants joining over 365 days: a chain (every
// member recruits the next: 1,000,000 levels deep, every line but the money one crossed on day
// 1, so the money line is watched all year) and a star (everyone under one root: 2 levels, no
// line ever crossed). Times the tracker's daily work and its end-of-run report.
import { ComplianceTracker } from "../dist/engine/compliance.js";
import { SimState } from "../dist/engine/state.js";
import { FLAG_PROMOTER } from "../dist/engine/users.js";
import { resolveScenario } from "../dist/scenario/validate.js";

const USERS = Number(process.env.POINTSIM_BENCH_USERS ?? 1_000_000);
const DAYS = 365;
const scenario = resolveScenario({ name: "bench-compliance", products: [{ id: "p", price: 100 }], population: { maxUsers: 20_000_000 } }).scenario;

for (const shape of ["chain", "star"]) {
  const state = new SimState(scenario, 1);
  const tracker = new ComplianceTracker(state, [], () => 0);
  let daily = 0;
  for (let day = 1; day <= DAYS; day++) {
    state.day = day;
    state.today.reset();
    const joining = Math.floor(USERS / DAYS) + (day <= USERS % DAYS ? 1 : 0);
    for (let i = 0; i < joining; i++) {
      const n = state.users.count;
      const referrer = n === 0 ? -1 : shape === "chain" ? n - 1 : 0;
      const id = state.users.add(day, referrer, 0);
      state.users.flags[id] = FLAG_PROMOTER;
      state.users.cashIn[id] = 100;
      state.promoters.push(id);
    }
    const started = performance.now();
    tracker.closeDay([]);
    daily += performance.now() - started;
  }
  const started = performance.now();
  const report = tracker.report({ rewardChains: [], ownRewardsFen: 0 });
  const end = performance.now() - started;
  process.stdout.write(
    `${shape}: ${state.users.count} participants, daily tracking ${(daily / 1000).toFixed(2)} s over ${DAYS} days, report ${(end / 1000).toFixed(2)} s; pyramid line day ${report.gates.pyramidThresholdDay}, organisations listed ${report.organisations.length}\n`,
  );
}
