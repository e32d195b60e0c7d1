import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { CASES, replaceTable, variantYaml } from "../scripts/cases.mjs";
import { fitSeed } from "../src/fit/run.js";
import { loadFitFile } from "../src/fit/spec.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { simulate } from "../src/simulate.js";
import { ROOT, cliAsync, tempDir } from "./helpers/cli.js";

const caseFile = (name: string) => join(ROOT, "scenarios", "cases", name);

describe("the case pack (docs/cases.md)", () => {
  it("docs/cases.md's table is what the committed fitted scenarios give now", async () => {
    const doc = readFileSync(join(ROOT, "docs", "cases.md"), "utf8");
    // The table regenerated from the committed fitted scenarios, run on each fit's first seed
    // (in a child process: the runs take a while, and the test worker must stay responsive).
    const table = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--input-type=module", "-e", 'const m = await import("./scripts/cases.mjs"); process.stdout.write(m.casesTable());'],
        { cwd: ROOT },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
    });
    expect(replaceTable(doc, table)).toBe(doc);
  });

  it.each(CASES.map((c) => c.name))("%s: the scenario, its fit file and its fitted scenario load; the fitted one differs only in the fitted keys", (name) => {
    const scenario = loadScenarioFile(caseFile(`${name}.yaml`)).scenario;
    const fitted = loadScenarioFile(caseFile(`${name}.fitted.yaml`)).scenario;
    const fit = loadFitFile(caseFile(`${name}.fit.yaml`));
    expect(fit.goals.length).toBeGreaterThan(0);
    // Put the fitted values back to the case's own: the rest is the case as written.
    const restored = structuredClone(fitted) as unknown as Record<string, unknown> & { seed: unknown };
    for (const p of fit.spec.parameters) {
      const parts = p.key.split(".");
      const read = (root: unknown) =>
        parts.reduce<unknown>(
          (node, part) => (Array.isArray(node) ? node.find((x: { name?: string }) => x.name === part) : (node as Record<string, unknown>)[part]),
          root,
        );
      const holder = (root: unknown) =>
        parts
          .slice(0, -1)
          .reduce<unknown>(
            (node, part) => (Array.isArray(node) ? node.find((x: { name?: string }) => x.name === part) : (node as Record<string, unknown>)[part]),
            root,
          ) as Record<string, unknown>;
      holder(restored)[parts[parts.length - 1] as string] = read(scenario);
    }
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
  ] as const)("%s: its fit runs from its file (cut short)", async (name, targets) => {
    const dir = tempDir();
    const text = readFileSync(caseFile(`${name}.fit.yaml`), "utf8")
      .replace(`base: ${name}.yaml`, `base: ${caseFile(`${name}.yaml`)}`)
      .replace("start: 16", "start: 3")
      .replace("maxCandidates: 80", "maxCandidates: 0")
      .replace("project: { seeds: 10 }", "project: { seeds: 1 }")
      // The fit's stages run their least (the posterior still draws 8 a round) over 30 days: the
      // file's horizon is run whole by the table test above, on the fitted scenario.
      .replace("targets:", "set: { days: 30 }\ntargets:");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "fit.yaml"), text);
    const r = await cliAsync(["fit", join(dir, "fit.yaml"), "--out", join(dir, "out"), "-q"]);
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
    const run = simulate(loadScenarioFile(caseFile("shanxinhui.fitted.yaml")).scenario);
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

  it("npm run cases refuses a case it does not know, and writes nothing", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "cases.mjs"), "no-such-case"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no case named no-such-case (cases: wanjia-gouwu, baiye-lianmeng, shanxinhui)");
    expect(r.stdout).toBe("");
  });
});
