// `npm run cases`: fits every case of scenarios/cases/ (pointsim fit), keeps each fitted scenario
// beside its case (<name>.fitted.yaml), runs it, and writes the table of published against
// simulated figures into docs/cases.md between its markers. test/cases.test.ts re-runs the
// committed fitted scenarios and checks the table still says what they give.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { simulate } from "../dist/simulate.js";
import { loadScenarioFile } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { numericSeries } from "../dist/engine/columns.js";
import { fitSeed } from "../dist/fit/run.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOC = join(ROOT, "docs", "cases.md");
const BEGIN = "<!-- cases:begin (npm run cases writes this table) -->";
const END = "<!-- cases:end -->";

const series = (run, column) => numericSeries(run.specs, run.values, column);
const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0);
const max = (xs) => Math.max(...xs.map((x) => x ?? -Infinity));
const mean = (xs) => sum(xs) / xs.length;
const days = (xs, from, to) => xs.slice(from - 1, to);

/** The run of a scenario with the fit's first seed, and the same scenario changed (e.g. a longer horizon). */
function runsOf(file, seed, change) {
  const { scenario } = loadScenarioFile(file);
  const base = simulate(scenario, { seed });
  if (!change) return { base, changed: null };
  const data = structuredClone(scenario);
  change(data);
  const resolved = resolveScenario(data);
  if (resolved.scenario === null) throw new Error(JSON.stringify(resolved.problems));
  return { base, changed: simulate(resolved.scenario, { seed }) };
}

const yuan = (v) => `${Math.round(v).toLocaleString("en-US")}`;
const collapseText = (run) => (run.summary.collapse ? `day ${run.summary.collapse.day} (${run.summary.collapse.signal})` : `none in ${run.summary.daysSimulated} days`);

/**
 * Each case: its files, its scale (real figure = simulated × scale) and its rows: a published
 * figure, what the fitted scenario gives, and whether the figure was fitted or held out.
 */
export const CASES = [
  {
    name: "wanjia-gouwu",
    title: "万家购物 (2010-07 to 2012-06-11), 1:100",
    scale: 100,
    // With the police closure removed: does the model fail on its own, and when?
    change: null,
    rows(run) {
      const s = run.summary;
      const cash = series(run, "platform_cash");
      const gmv = series(run, "gmv");
      const dailyLoss = (cash[594 - 1] - cash[695 - 1]) / (695 - 594);
      return [
        ["members", "1.82 million", s.peakUsers * 100, "fitted"],
        ["members holding rights", "over 0.7 million", s.schemes.dividendRights.holders * 100, "fitted"],
        ["turnover, yuan", "about 29 billion", s.totalGmv * 100, "fitted"],
        ["rights issued", "over 57 million", s.schemes.dividendRights.rightsGranted * 100, "held out"],
        ["rebates paid to rights, yuan", "3.3 billion", s.schemes.dividendRights.paid * 100, "held out"],
        ["largest day's turnover in 2012-01 to 2012-03 (days 550-640), yuan", "about 300 million (the defence)", max(days(gmv, 550, 640)) * 100, "held out"],
        ["platform's loss a day from 2012-02-15 to 2012-05-25 (days 595-695), yuan", "about 6 million", dailyLoss * 100, "held out"],
        ["platform's loss from 2012-02-15 to 2012-05-25, yuan", "over 600 million", (cash[594 - 1] - cash[695 - 1]) * 100, "held out"],
        ["when it failed", "closed by the police on day 712 (2012-06-11)", collapseText(run), "held out"],
      ];
    },
  },
  {
    name: "baiye-lianmeng",
    title: "中国百业联盟 (2011-11 to 2012-06-01), full scale",
    scale: 1,
    // Had the police not stopped it: no one joins after day 214; when does it fail?
    change: (data) => {
      data.days = 214 + 730;
      data.shocks = [...(data.shocks ?? []), { day: 215, type: "arrivalsStop", untilDay: null }];
      // The first failure is all this row needs.
      data.collapse = { ...data.collapse, stopOnCollapse: true };
    },
    rows(run, changed) {
      const s = run.summary;
      const perRight = series(run, "rights_paid_per_right");
      return [
        ["members", "49,997", s.peakUsers, "fitted"],
        ["turnover, yuan", "over 3.7 billion", s.totalGmv, "fitted"],
        ["commissions taken from members (15% of turnover), yuan", "over 0.5 billion", (s.totalGmv * 15) / 100, "held out (by construction)"],
        ["paid a day per 500 spent, yuan (mean over the days paid)", "1.10 advertised", mean(perRight.filter((v) => v !== null && v > 0)), "held out"],
        ["paid a day per 500 spent in the last 30 days, yuan", "1.10 advertised", mean(days(perRight, 185, 214)), "held out"],
        ["when it failed", "stopped by the police on day 214 (2012-06-01)", collapseText(run), "held out"],
        ["when it fails if no one joins after day 214", "(not observed)", collapseText(changed), "model only"],
      ];
    },
  },
];

const shown = (v) => (typeof v === "number" ? (Math.abs(v) >= 100 ? yuan(v) : v.toFixed(2)) : v);

/** The rows of one case from its committed fitted scenario, run on the fit's first seed. */
export function caseRows(c) {
  const fit = readFileSync(join(ROOT, "scenarios", "cases", `${c.name}.fit.yaml`), "utf8");
  const seed = fitSeed(Number(/^seed: (\d+)$/m.exec(fit)?.[1] ?? 1), 0);
  const { base, changed } = runsOf(join(ROOT, "scenarios", "cases", `${c.name}.fitted.yaml`), seed, c.change);
  return c.rows(base, changed).map(([figure, published, simulated, kind]) => [figure, published, shown(simulated), kind]);
}

/** The markdown table of every case. */
export function casesTable() {
  return CASES.map((c) => [`#### ${c.title}`, "", "| figure | published | simulated (fitted scenario) | |", "|---|---|---|---|", ...caseRows(c).map((r) => `| ${r.join(" | ")} |`)].join("\n")).join("\n\n");
}

export function replaceTable(doc, table) {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/cases.md lacks the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, a + BEGIN.length)}\n${table}\n${doc.slice(b)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const c of CASES) {
    const out = join(ROOT, "reports", "cases", c.name);
    process.stdout.write(`fitting ${c.name} ...\n`);
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "pointsim"), "fit", join(ROOT, "scenarios", "cases", `${c.name}.fit.yaml`), "--out", out, "--force"], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
    const fitted = readFileSync(join(out, "fitted.yaml"), "utf8");
    writeFileSync(join(ROOT, "scenarios", "cases", `${c.name}.fitted.yaml`), `# Written by npm run cases from ${c.name}.fit.yaml: do not edit (edit ${c.name}.yaml and run it again).\n${fitted}`);
  }
  writeFileSync(DOC, replaceTable(readFileSync(DOC, "utf8"), casesTable()));
  process.stdout.write("wrote scenarios/cases/*.fitted.yaml and the table in docs/cases.md\n");
}
