// `npm run cases`: fits every case of scenarios/cases/ (pointsim fit), keeps each fitted scenario
// beside its case (<name>.fitted.yaml: the case's own file with its comments, the fitted values
// and the seed the figures use), writes any changed scenario a figure needs (<name>.<variant>.yaml),
// runs them, and writes the table of published against simulated figures, with the command that
// reproduces each, into docs/cases.md between its markers. test/cases.test.ts re-runs the
// committed scenarios and checks the table still says what they give.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { simulate } from "../dist/simulate.js";
import { loadScenarioFile } from "../dist/scenario/load.js";
import { numericSeries } from "../dist/engine/columns.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DOC = join(ROOT, "docs", "cases.md");
const BEGIN = "<!-- cases:begin (npm run cases writes this table) -->";
const END = "<!-- cases:end -->";

const series = (run, column) => numericSeries(run.specs, run.values, column);
const sum = (xs) => xs.reduce((a, b) => a + (b ?? 0), 0);
const max = (xs) => Math.max(...xs.map((x) => x ?? -Infinity));
const mean = (xs) => sum(xs) / xs.length;
const days = (xs, from, to) => xs.slice(from - 1, to);

/** The run of a committed scenario on its own seed: what `pointsim run <file>` gives. */
function runOf(file) {
  return simulate(loadScenarioFile(file).scenario);
}

const yuan = (v) => `${Math.round(v).toLocaleString("en-US")}`;
const collapseText = (run) =>
  run.summary.collapse ? `day ${run.summary.collapse.day} (${run.summary.collapse.signal})` : `none in ${run.summary.daysSimulated} days`;

/**
 * Each case: its files, its scale (real figure = simulated × scale) and its rows: a published
 * figure, what the fitted scenario gives, and whether the figure was fitted or held out.
 */
export const CASES = [
  {
    name: "wanjia-gouwu",
    title: "万家购物 (2010-07 to 2012-06-11), 1:100",
    scale: 100,
    variant: null,
    rows(run) {
      const s = run.summary;
      const cash = series(run, "platform_cash");
      const gmv = series(run, "gmv");
      const dailyLoss = (cash[594 - 1] - cash[695 - 1]) / (695 - 594);
      return [
        ["members", "1.82 million", s.peakUsers * 100, "fitted", "summary.json peakUsers × 100"],
        ["members holding rights", "over 0.7 million", s.schemes.dividendRights.holders * 100, "fitted", "summary.json schemes.dividendRights.holders × 100"],
        ["turnover, yuan", "about 29 billion", s.totalGmv * 100, "fitted", "summary.json totalGmv × 100"],
        [
          "rights issued",
          "over 57 million",
          s.schemes.dividendRights.rightsGranted * 100,
          "held out",
          "summary.json schemes.dividendRights.rightsGranted × 100",
        ],
        ["rebates paid to rights, yuan", "3.3 billion", s.schemes.dividendRights.paid * 100, "held out", "summary.json schemes.dividendRights.paid × 100"],
        [
          "largest day's turnover in 2012-01 to 2012-03 (days 550-640), yuan",
          "about 300 million (the defence)",
          max(days(gmv, 550, 640)) * 100,
          "held out",
          "timeseries.csv: largest gmv on days 550-640, × 100",
        ],
        [
          "platform's loss a day from 2012-02-15 to 2012-05-25 (days 595-695), yuan",
          "about 6 million",
          dailyLoss * 100,
          "held out",
          "timeseries.csv: (platform_cash on day 594 − on day 695) / 101, × 100",
        ],
        [
          "platform's loss from 2012-02-15 to 2012-05-25, yuan",
          "over 600 million",
          (cash[594 - 1] - cash[695 - 1]) * 100,
          "held out",
          "timeseries.csv: platform_cash on day 594 − on day 695, × 100",
        ],
        ["when it failed", "closed by the police on day 712 (2012-06-11)", collapseText(run), "held out", "summary.json collapse.day, collapse.signal"],
      ];
    },
  },
  {
    name: "baiye-lianmeng",
    title: "中国百业联盟 (2011-11 to 2012-06-01), full scale",
    scale: 1,
    // Had the police not stopped it: no one joins after day 214; when does it fail? A changed
    // scenario, shipped as scenarios/cases/baiye-lianmeng.no-joins.yaml.
    variant: {
      name: "no-joins",
      what: "the fitted scenario run on for two more years with no one joining after day 214 (days: 944, an arrivalsStop shock from day 215, stopOnCollapse: the first failure is all the row needs)",
      change(doc) {
        doc.set("days", 214 + 730);
        const shocks = doc.get("shocks")?.toJSON?.() ?? [];
        doc.set("shocks", doc.createNode([...shocks, { day: 215, type: "arrivalsStop", untilDay: null }], { flow: true }));
        doc.setIn(["collapse", "stopOnCollapse"], true);
      },
    },
    rows(run, changed) {
      const s = run.summary;
      const perRight = series(run, "rights_paid_per_right");
      return [
        ["members", "49,997", s.peakUsers, "fitted", "summary.json peakUsers"],
        ["turnover, yuan", "over 3.7 billion", s.totalGmv, "fitted", "summary.json totalGmv"],
        [
          "commissions taken from members (15% of turnover), yuan",
          "over 0.5 billion",
          (s.totalGmv * 15) / 100,
          "held out (by construction)",
          "summary.json totalGmv × 15%",
        ],
        [
          "paid a day per 500 spent, yuan (mean over the days paid)",
          "1.10 advertised",
          mean(perRight.filter((v) => v !== null && v > 0)),
          "held out",
          "timeseries.csv: mean of rights_paid_per_right over the days it is above 0",
        ],
        [
          "paid a day per 500 spent in the last 30 days, yuan",
          "1.10 advertised",
          mean(days(perRight, 185, 214)),
          "held out",
          "timeseries.csv: mean of rights_paid_per_right on days 185-214",
        ],
        ["when it failed", "stopped by the police on day 214 (2012-06-01)", collapseText(run), "held out", "summary.json collapse.day, collapse.signal"],
        [
          "when it fails if no one joins after day 214",
          "(not observed)",
          collapseText(changed),
          "model only",
          "**baiye-lianmeng.no-joins.yaml**: summary.json collapse.day, collapse.signal",
        ],
      ];
    },
  },
  {
    name: "shanxinhui",
    title: "善心汇 (2016-05-31 to 2017-07-18), 1:1000",
    scale: 1000,
    // Had the police not stopped it: no one joins after day 414; when does its help go unpaid? A
    // changed scenario, shipped as scenarios/cases/shanxinhui.no-joins.yaml.
    variant: {
      name: "no-joins",
      what: "the fitted scenario run on for a year with no one joining after day 414 (days: 779, an arrivalsStop shock from day 415, stopOnCollapse: the first failure is all the row needs)",
      change(doc) {
        doc.set("days", 414 + 365);
        const shocks = doc.get("shocks")?.toJSON?.() ?? [];
        doc.set("shocks", doc.createNode([...shocks, { day: 415, type: "arrivalsStop", untilDay: null }], { flow: true }));
        doc.setIn(["collapse", "stopOnCollapse"], true);
      },
    },
    rows(run, changed) {
      const s = run.summary;
      const aid = s.schemes.mutualAid;
      return [
        ["members", "over 5.98 million", s.peakUsers * 1000, "fitted", "summary.json peakUsers × 1000"],
        ["money involved (seeds and pledges), yuan", "over 104.6 billion", s.totalGmv * 1000, "fitted", "summary.json totalGmv × 1000"],
        [
          "platform's take (seeds; 善心币 tickets left out), yuan",
          "over 2.2 billion (illegal gains of the founder and others)",
          s.platformResult * 1000,
          "held out (by construction: 300 a member)",
          "summary.json platformResult × 1000",
        ],
        ["help paid back by day 414, yuan", "(not published)", aid.helpPaid * 1000, "model only", "summary.json schemes.mutualAid.helpPaid × 1000"],
        ["help owed and unpaid on day 414, yuan", "(not published)", aid.stillOwed * 1000, "model only", "summary.json schemes.mutualAid.stillOwed × 1000"],
        [
          "members out of pocket in cash on day 414",
          "(not published)",
          `${(s.usersLosingShareCash * 100).toFixed(1)}%`,
          "model only",
          "summary.json usersLosingShareCash",
        ],
        [
          "over the criminal lines for organising pyramid selling (30 participants in 3 levels; serious: 120 participants)",
          "convicted (2018-12-14; upheld 2019-05-10)",
          `from day ${s.compliance.pyramidThresholdDay}; serious from day ${s.compliance.seriousParticipantsDay}`,
          "held out",
          "summary.json compliance.pyramidThresholdDay, compliance.seriousParticipantsDay",
        ],
        ["when it failed", "stopped by the police on day 414 (2017-07-18)", collapseText(run), "held out", "summary.json collapse.day, collapse.signal"],
        [
          "when it fails if no one joins after day 414",
          "(not observed)",
          collapseText(changed),
          "model only",
          "**shanxinhui.no-joins.yaml**: summary.json collapse.day, collapse.signal",
        ],
      ];
    },
  },
  {
    name: "yunji-weidian",
    title: "云集微店 (2015-05-01 to 2016-02-18), full scale",
    scale: 1,
    variant: null,
    rows(run) {
      const s = run.summary;
      const m = s.schemes.membership;
      const st = run.compliance.structure;
      const c = s.compliance;
      const leaders = series(run, "membership_operators");
      const firstLeader = leaders.findIndex((v) => (v ?? 0) > 0) + 1;
      const perLevel = st.membersPerLevel;
      const widest = perLevel.indexOf(Math.max(...perLevel)) + 1;
      return [
        ["people involved", "310,221", s.peakUsers, "fitted", "summary.json peakUsers"],
        [
          "fees paid out (fees less the platform's 8.0841 million), yuan",
          "105,146,565 (inferred: 365 × 310,221 − 8,084,100)",
          m.feeCommissions,
          "fitted",
          "summary.json schemes.membership.feeCommissions",
        ],
        [
          "fees the platform kept, yuan",
          "8,084,100 (confiscated as illegal gains)",
          m.membershipFees - m.feeCommissions,
          "fitted (through the fees paid out)",
          "summary.json schemes.membership.membershipFees − feeCommissions",
        ],
        [
          "platform fees received, yuan",
          "over 110 million (in under two years)",
          m.membershipFees,
          "held out (by construction: 365 a member)",
          "summary.json schemes.membership.membershipFees",
        ],
        [
          "mentors and partners (160 invited with 30 direct; a team of 1,000) on day 294",
          "(not published; the decision's hierarchy 公司—合伙人—导师—店主 means some of each)",
          `${leaders[leaders.length - 1]}`,
          "held out",
          "timeseries.csv: membership_operators on day 294",
        ],
        [
          "first mentor",
          "(not published)",
          firstLeader > 0 ? `day ${firstLeader}` : "none",
          "model only",
          "timeseries.csv: first day membership_operators is above 0",
        ],
        [
          "deepest referral chain, levels",
          "(not published; the tiers were 3 or 4 deep: 合伙人—导师—店主, 合伙人—育成合伙人—导师—店主)",
          `${st.deepestChain}`,
          "model only",
          "compliance.json structure.deepestChain",
        ],
        [
          "pyramid organisations (over 30 participants in 3 levels): outermost / nested",
          "(not published; the decision sanctioned one party, the company)",
          `${st.overPyramidLine.outermost} / ${st.overPyramidLine.nested}`,
          "held out",
          "compliance.json structure.overPyramidLine",
        ],
        [
          "participants in structures of 3 or more levels; the widest level",
          "(not published)",
          `${(st.shareInThreeOrMoreLevels * 100).toFixed(1)}%; level ${widest} (${perLevel[widest - 1]} members)`,
          "model only",
          "compliance.json structure.shareInThreeOrMoreLevels, membersPerLevel",
        ],
        [
          "over the criminal lines for organising pyramid selling (30 participants in 3 levels; serious: 120 participants, ¥2,500,000)",
          "sanctioned administratively (8.0841 million confiscated, 1.5 million fined, 2017); not prosecuted",
          `from day ${c.pyramidThresholdDay}; serious from day ${c.seriousParticipantsDay} (participants), day ${c.seriousAmountDay} (money)`,
          "held out",
          "summary.json compliance.pyramidThresholdDay, seriousParticipantsDay, seriousAmountDay",
        ],
        [
          "when it failed",
          "not stopped: counted by the regulator to day 294 (2016-02-18)",
          collapseText(run),
          "held out",
          "summary.json collapse.day, collapse.signal",
        ],
      ];
    },
  },
];

const shown = (v) => (typeof v === "number" ? (Math.abs(v) >= 100 ? yuan(v) : v.toFixed(2)) : v);

const caseFile = (name) => join(ROOT, "scenarios", "cases", name);

/**
 * The rows of one case from its committed fitted scenario (and changed scenario), each run on the
 * seed in its file. `run` runs a committed scenario file as `pointsim run` does (test/cases.test.ts
 * passes one that shares its runs with the test's other checks).
 */
export function caseRows(c, run = runOf) {
  const base = run(caseFile(`${c.name}.fitted.yaml`));
  const changed = c.variant ? run(caseFile(`${c.name}.${c.variant.name}.yaml`)) : null;
  return c.rows(base, changed).map(([figure, published, simulated, kind, from]) => [figure, published, shown(simulated), kind, from]);
}

/** What reproduces a case's figures, said above its table. */
function reproduce(c) {
  const seed = (file) => loadScenarioFile(caseFile(file)).scenario.seed;
  const lines = [
    `Every figure: \`npx pointsim run scenarios/cases/${c.name}.fitted.yaml\` (seed ${seed(`${c.name}.fitted.yaml`)}, in the file), then the field in the last column${c.scale !== 1 ? ` (× ${c.scale}: the scale)` : ""}.`,
  ];
  if (c.variant)
    lines.push(
      `A figure marked **${c.name}.${c.variant.name}.yaml** is from a changed scenario, ${c.variant.what}: \`npx pointsim run scenarios/cases/${c.name}.${c.variant.name}.yaml\` (seed ${seed(`${c.name}.${c.variant.name}.yaml`)}).`,
    );
  return lines.join(" ");
}

/** The markdown table of every case (`run`: as caseRows's). */
export function casesTable(run = runOf) {
  return CASES.map((c) =>
    [
      `#### ${c.title}`,
      "",
      reproduce(c),
      "",
      "| figure | published | simulated (fitted scenario) | | from |",
      "|---|---|---|---|---|",
      ...caseRows(c, run).map((r) => `| ${r.join(" | ")} |`),
    ].join("\n"),
  ).join("\n\n");
}

/** A case's changed scenario: its fitted scenario as written (comments kept) with the variant's changes. */
export function variantYaml(c, fittedText) {
  const doc = parseDocument(fittedText);
  c.variant.change(doc);
  const seed = doc.get("seed", true);
  if (seed && typeof seed === "object") seed.comment = " the fitted scenario's: the seed of the published figures";
  doc.commentBefore = ` Written by npm run cases from ${c.name}.fitted.yaml: ${c.variant.what}. Do not edit.\n\n${(doc.commentBefore ?? "").trimStart()}`;
  return doc.toString({ lineWidth: 0 });
}

export function replaceTable(doc, table) {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/cases.md lacks the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, a + BEGIN.length)}\n${table}\n${doc.slice(b)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `npm run cases -- <name> ...` fits only the cases named (the table is still written whole,
  // from every case's committed fitted scenario).
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`npm run cases: no case named ${unknown.join(", ")} (cases: ${CASES.map((c) => c.name).join(", ")})\n`);
    process.exit(2);
  }
  for (const c of CASES.filter((x) => only.length === 0 || only.includes(x.name))) {
    const out = join(ROOT, "reports", "cases", c.name);
    process.stdout.write(`fitting ${c.name} ...\n`);
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "pointsim"), "fit", join(ROOT, "scenarios", "cases", `${c.name}.fit.yaml`), "--out", out, "--force"],
      { stdio: "inherit" },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
    const fitted = `# Written by npm run cases from ${c.name}.fit.yaml: do not edit (edit ${c.name}.yaml and run it again).\n${readFileSync(join(out, "fitted.yaml"), "utf8")}`;
    writeFileSync(caseFile(`${c.name}.fitted.yaml`), fitted);
    if (c.variant) writeFileSync(caseFile(`${c.name}.${c.variant.name}.yaml`), variantYaml(c, fitted));
  }
  writeFileSync(DOC, replaceTable(readFileSync(DOC, "utf8"), casesTable()));
  process.stdout.write("wrote scenarios/cases/*.fitted.yaml, the changed scenarios and the table in docs/cases.md\n");
}
