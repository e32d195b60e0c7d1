import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { CASES, casesTable, replaceTable, variantYaml } from "../scripts/cases.mjs";
import { fitSeed } from "../src/fit/run.js";
import { loadFitFile } from "../src/fit/spec.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { getPath, setPath } from "../src/engine/paths.js";
import { applyRate, rateToMicro } from "../src/engine/units.js";
import { createSimulation, withRows } from "../src/simulate.js";
import type { RunResult, Simulation } from "../src/engine/engine.js";
import { ROOT, cliInProcess, tempDir } from "./helpers/cli.js";

const caseFile = (name: string) => join(ROOT, "scenarios", "cases", name);

/**
 * The committed scenarios' runs, each made once on the seed in its file (what `pointsim run
 * <file>` gives) and shared: the table test reads every one, the checks of the published rules'
 * arithmetic below read 善心汇's and 云集微店's again. Each keeps its simulation, whose state (the
 * referral tree) 云集微店's check recounts.
 */
const runs = new Map<string, { simulation: Simulation; run: RunResult }>();
function runOf(file: string): { simulation: Simulation; run: RunResult } {
  let made = runs.get(file);
  if (made === undefined) {
    const simulation = createSimulation(loadScenarioFile(file).scenario);
    while (!simulation.done) simulation.step();
    made = { simulation, run: simulation.result() };
    runs.set(file, made);
  }
  return made;
}

describe("the case pack (docs/cases.md)", () => {
  it("docs/cases.md's table is what the committed fitted scenarios give now", () => {
    const doc = readFileSync(join(ROOT, "docs", "cases.md"), "utf8");
    // The table regenerated from the committed fitted scenarios, run on each fit's first seed
    // (vitest 4's worker outlasts the runs' ten seconds or so without answering its runner).
    const table = casesTable((file) => runOf(file).run);
    expect(replaceTable(doc, table)).toBe(doc);
  });

  it.each(CASES.map((c) => c.name))("%s: the scenario, its fit file and its fitted scenario load; the fitted one differs only in the fitted keys", (name) => {
    const scenario = loadScenarioFile(caseFile(`${name}.yaml`)).scenario;
    const fitted = loadScenarioFile(caseFile(`${name}.fitted.yaml`)).scenario;
    const fit = loadFitFile(caseFile(`${name}.fit.yaml`));
    expect(fit.goals.length).toBeGreaterThan(0);
    // Put the fitted values back to the case's own: the rest is the case as written.
    const restored = structuredClone(fitted) as unknown as Record<string, unknown> & { seed: unknown };
    for (const p of fit.spec.parameters) setPath(restored, p.key, getPath(scenario, p.key));
    // ... and the seed: the fitted scenario carries the one its figures were made on.
    const fitSeedOf = fitSeed(fit.spec.seed, 0);
    expect(fitted.seed).toBe(fitSeedOf);
    restored.seed = scenario.seed;
    expect(restored).toEqual(scenario);
    // The case's comments (its sources and assumptions) are kept in the fitted file.
    const comments = (text: string) => text.split("\n").filter((l) => l.trimStart().startsWith("#"));
    const fittedText = readFileSync(caseFile(`${name}.fitted.yaml`), "utf8");
    for (const line of comments(readFileSync(caseFile(`${name}.yaml`), "utf8"))) expect(fittedText).toContain(line.trim());
  });

  it.each(CASES.filter((c) => c.variant !== null).map((c) => c.name))(
    "%s: the changed scenario a figure needs is its fitted scenario with the documented changes",
    (name) => {
      const c = CASES.find((x) => x.name === name) as (typeof CASES)[number];
      const fittedText = readFileSync(caseFile(`${name}.fitted.yaml`), "utf8");
      expect(readFileSync(caseFile(`${name}.${c.variant?.name}.yaml`), "utf8")).toBe(variantYaml(c, fittedText));
    },
  );

  it.each([
    [
      "baiye-lianmeng",
      [
        ["members", 49997],
        ["turnover", 3700000000],
      ],
    ],
    [
      "shanxinhui",
      [
        ["members", 5980],
        ["money involved", 104600000],
      ],
    ],
    [
      "yunji-weidian",
      [
        ["people involved", 310221],
        ["fees paid out", 105146565],
      ],
    ],
  ] as const)("%s: its fit runs from its file (cut short)", async (name, targets) => {
    const dir = tempDir();
    const text = readFileSync(caseFile(`${name}.fit.yaml`), "utf8")
      .replace(`base: ${name}.yaml`, `base: ${caseFile(`${name}.yaml`)}`)
      .replace("start: 16", "start: 3")
      .replace(/maxCandidates: \d+/, "maxCandidates: 0")
      .replace("project: { seeds: 10 }", "project: { seeds: 0 }")
      // The fit's stages run their least (the posterior still draws 8 a round) over 30 days, and
      // no projection: the file's horizon is run whole by the table test above, on the fitted
      // scenario, and the projection's own checks are test/fit.test.ts's.
      .replace("targets:", "set: { days: 30 }\ntargets:");
    writeFileSync(join(dir, "fit.yaml"), text);
    const r = await cliInProcess(["fit", join(dir, "fit.yaml"), "--out", join(dir, "out"), "--workers", "1", "-q"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const fit = JSON.parse(readFileSync(join(dir, "out", "fit.json"), "utf8")) as { targets: { label: string; observed: number }[] };
    expect(fit.targets.map((t) => [t.label, t.observed])).toEqual(targets);
  });

  // 善心汇's rules, checked on its fitted run by their own arithmetic rather than by pointsim's
  // figures: every member buys one 300-yuan seed and nothing else goes to the platform (no
  // ticket, no running cost); each pledge is 5,000 and is owed 5,000 × 1.2 = 6,000; the bonuses
  // come out of the pledge before it reaches the pool; nothing is reinvested.
  it("shanxinhui: the fitted run keeps the published rules' own arithmetic", () => {
    const run = withRows(runOf(caseFile("shanxinhui.fitted.yaml")).run);
    const s = run.summary as unknown as {
      peakUsers: number;
      totalGmv: number;
      platformResult: number;
      schemes: { mutualAid: { pledges: number; pledged: number; helpPaid: number; bonuses: number; stillOwed: number; reinvested: number; tickets: number } };
    };
    const aid = s.schemes.mutualAid;
    expect(aid.pledges).toBeGreaterThan(1000);
    expect(s.platformResult).toBe(300 * s.peakUsers);
    expect(s.totalGmv).toBe(300 * s.peakUsers + 5000 * aid.pledges);
    expect(aid.pledged).toBe(5000 * aid.pledges);
    expect(aid.helpPaid + aid.stillOwed).toBe(6000 * aid.pledges);
    expect([aid.reinvested, aid.tickets]).toEqual([0, 0]);
    // Bonuses: at most 6% + 4% + 2% of every pledge (less where an upline is missing).
    expect(aid.bonuses).toBeLessThanOrEqual(0.12 * aid.pledged);
    expect(aid.bonuses).toBeGreaterThan(0.06 * aid.pledged);
    // The pool on the last day is what the pledges brought in, less the bonuses and the help paid.
    const pool = run.rows[run.rows.length - 1]?.aid_pool;
    expect(Number(pool)).toBeCloseTo(aid.pledged - aid.bonuses - aid.helpPaid, 2);
  });

  // 云集微店's rules, checked on its fitted run against the referral tree it built, recounted
  // here: every shop owner pays 365 yuan once (no one has held the tier 365 days by day 294, so
  // no renewal falls due); each fee pays floor(36,500 fen × the fitted share) to the inviter
  // (every inviter has ordered, the model's condition to earn, and none leaves); a mentor has
  // 160 people below at any depth (the tree is shallower than teamDepth) with 30 direct; a
  // partner a team of 1,000 as well (tiers are climbed in order).
  it("yunji-weidian: the fitted run keeps the published rules' own arithmetic", () => {
    const scenario = loadScenarioFile(caseFile("yunji-weidian.fitted.yaml")).scenario;
    const { simulation: sim, run } = runOf(caseFile("yunji-weidian.fitted.yaml"));
    const { users } = sim.state;
    const n = users.count;
    const team = new Int32Array(n);
    const directs = new Int32Array(n);
    let referred = 0;
    let deepest = 0;
    for (let u = 0; u < n; u++) {
      let depth = 1;
      for (let up = users.referrer[u] as number; up >= 0; up = users.referrer[up] as number) {
        team[up] = (team[up] as number) + 1;
        depth++;
      }
      deepest = Math.max(deepest, depth);
      const r = users.referrer[u] as number;
      if (r >= 0) {
        directs[r] = (directs[r] as number) + 1;
        referred++;
      }
    }
    expect(deepest).toBeLessThan(200);
    const share = scenario.schemes.membership?.tiers[0]?.feeCommissions[0] as number;
    const s = run.summary as unknown as {
      peakUsers: number;
      schemes: { membership: { membershipFees: number; feeCommissions: number; operatorOverrides: number } };
    };
    const m = s.schemes.membership;
    expect(s.peakUsers).toBe(n);
    expect(m.membershipFees).toBe(365 * n);
    expect(Math.round(m.feeCommissions * 100)).toBe(referred * Math.floor((36500 * Math.round(share * 1e6)) / 1e6));
    expect(applyRate(36500, rateToMicro(share))).toBe(Math.floor((36500 * Math.round(share * 1e6)) / 1e6));
    expect(m.operatorOverrides).toBe(0);
    const schemes = (sim as unknown as { schemes: { instance: { memberTier?: (u: number) => number } }[] }).schemes;
    const membership = schemes.find((x) => x.instance.memberTier !== undefined)?.instance as { memberTier: (u: number) => number };
    const expected = [0, 0, 0, 0];
    const found = [0, 0, 0, 0];
    for (let u = 0; u < n; u++) {
      const mentor = (team[u] as number) >= 160 && (directs[u] as number) >= 30;
      const tier = mentor ? ((team[u] as number) >= 1000 ? 3 : 2) : 1;
      expected[tier] = (expected[tier] as number) + 1;
      found[membership.memberTier(u)] = (found[membership.memberTier(u)] as number) + 1;
    }
    expect(found).toEqual(expected);
    expect(expected[2]).toBeGreaterThan(0);
    expect(expected[3]).toBeGreaterThan(0);
    expect(run.compliance.structure.deepestChain).toBe(deepest);
  });

  it("npm run cases refuses a case it does not know, and writes nothing", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "cases.mjs"), "no-such-case"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no case named no-such-case (cases: wanjia-gouwu, baiye-lianmeng, shanxinhui, yunji-weidian)");
    expect(r.stdout).toBe("");
  });
});
